/**
 * `djchain dossier export|verify`: export fetches a member's (or organization's) dossier and checks
 * it before writing; verify works offline on the file alone and prints each check in order, or the
 * first broken link (client README, "Dossier file").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DossierCheck, decodeDossier, verifyDossier } from '@djchain/client';
import type { ValidatorSet } from '@djchain/ledger';
import type { Lang } from '../i18n.ts';
import { guarded, loadGenesis, need, opt, type Parsed, parse, suiteOf } from './common.ts';
import { connect, readAs } from './connect.ts';
import type { CommandIo } from './io.ts';
import { CmdError, msg } from './messages.ts';

/** The checks in the order verifyDossier makes them (client/src/dossier/verify.ts). */
const CHECKS: readonly DossierCheck[] = [
  'FORMAT',
  'CHAIN',
  'EVENT_ENTITY',
  'EVENT_ORDER',
  'EVENT_HEAD',
  'STATE_PROOF',
  'HEADER',
  'VALIDATOR_SET',
  'TRUST',
  'COMMIT',
];

const CHECK_NAMES: Readonly<Record<DossierCheck, { zh: string; en: string }>> = {
  FORMAT: { zh: '文件格式', en: 'file format' },
  CHAIN: { zh: '链标识与密码套件', en: 'chain id and suite' },
  EVENT_ENTITY: { zh: '每条事件都属于该实体', en: 'every event names the entity' },
  EVENT_ORDER: { zh: '事件按区块顺序排列', en: 'events in block order' },
  EVENT_HEAD: { zh: '事件哈希链前后相连', en: 'the events’ hash chain links up' },
  STATE_PROOF: { zh: '历史头在链上状态中的证明', en: 'state proof of the history head' },
  HEADER: { zh: '区块头属于该链该高度', en: 'the header is the chain’s at that height' },
  VALIDATOR_SET: { zh: '验证人集合与区块头一致', en: 'the validator set is the header’s' },
  TRUST: { zh: '验证人集合可信（与创世文件一致）', en: 'the validator set is trusted (genesis)' },
  COMMIT: { zh: '提交证书（超过 2/3 投票权签名）', en: 'commit certificate (> 2/3 of the power signed)' },
};

const checkName = (lang: Lang, c: DossierCheck) => (lang === 'en' ? CHECK_NAMES[c].en : CHECK_NAMES[c].zh);

async function exportDossier(p: Parsed, io: CommandIo): Promise<number> {
  const entity = p.positionals[1];
  if (entity === undefined) throw new CmdError('missingArg', { what: 'member:m1' });
  const out = resolve(need(p, 'out'));
  const conn = await connect(p, io);
  const { client } = conn;
  (await readAs(conn, p, io))?.secretKey.fill(0);
  // getDossier verifies it against the light client before anything is written.
  const { bytes, verdict } = await client.getDossier(entity);
  writeFileSync(out, bytes);
  io.out(
    msg(p.lang, 'dossierSaved', {
      file: out,
      entity,
      events: verdict.events.length,
      height: verdict.dossier.height,
    }),
  );
  return 0;
}

function verifyFile(p: Parsed, io: CommandIo): number {
  const file = p.positionals[1];
  if (file === undefined) throw new CmdError('missingArg', { what: 'dossier file' });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new CmdError('cannotRead', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  const genesisFile = opt(p, 'genesis');
  let suiteId = 'intl';
  let chainId = '';
  let sets: ValidatorSet[] = [];
  if (genesisFile !== undefined) {
    const g = loadGenesis(genesisFile);
    suiteId = g.suite;
    chainId = g.chainId;
    sets = [g.validators];
  } else {
    io.err(`${msg(p.lang, 'warnPrefix')}${msg(p.lang, 'dossierSelfTrust')}`);
    try {
      const d = decodeDossier(bytes);
      suiteId = d.suite;
      chainId = d.chainId;
      sets = [d.validatorSet];
    } catch {
      // verifyDossier reports FORMAT below.
    }
  }
  const verdict = verifyDossier(bytes, { suite: suiteOf(suiteId), chainId, validatorSets: sets });
  const failedAt = verdict.ok ? CHECKS.length : CHECKS.indexOf(verdict.check);
  // Event checks run per event; before the events' failure every earlier check has passed.
  for (const c of CHECKS.slice(0, failedAt))
    io.out(msg(p.lang, 'dossierCheckOk', { name: checkName(p.lang, c) }));
  if (!verdict.ok) {
    const at = verdict.index === undefined ? '' : msg(p.lang, 'dossierAt', { n: verdict.index + 1 });
    io.out(
      msg(p.lang, 'dossierBroken', {
        name: checkName(p.lang, verdict.check),
        at,
        reason: verdict.error.message,
      }),
    );
    return 1;
  }
  const d = verdict.dossier;
  io.out(msg(p.lang, 'dossierOk', { entity: d.entity, chainId: d.chainId, height: d.height }));
  verdict.events.forEach((e, i) => {
    io.out(msg(p.lang, 'dossierEvent', { n: i + 1, height: e.height, type: e.type }));
  });
  return 0;
}

export async function dossierCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    api: { type: 'string' },
    genesis: { type: 'string' },
    out: { type: 'string' },
    key: { type: 'string' },
  });
  return guarded(p.lang, io, async () => {
    const sub = p.positionals[0];
    if (sub === 'export') return exportDossier(p, io);
    if (sub === 'verify') return verifyFile(p, io);
    throw new CmdError('unknownSub', { sub: sub ?? '', choices: 'export, verify' });
  });
}
