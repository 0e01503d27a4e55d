/**
 * `djchain dossier export|verify`: export fetches a member's (or organization's) dossier and checks
 * it before writing; verify works offline on the file alone and prints each check in order, or the
 * first broken link (client README, "Dossier file").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DOSSIER_CHECKS, type DossierCheck, decodeDossier, verifyDossier } from '@djchain/client';
import type { ValidatorSet } from '@djchain/ledger';
import { CliError, type Lang, t } from '../i18n.ts';
import { guarded, loadGenesis, need, opt, type Parsed, parse, suiteOf } from './common.ts';
import { connect, readAs } from './connect.ts';
import type { CommandIo } from './io.ts';

const checkName = (lang: Lang, c: DossierCheck) => t(lang, `dossierCheck.${c}`);

async function exportDossier(p: Parsed, io: CommandIo): Promise<number> {
  const entity = p.positionals[1];
  if (entity === undefined) throw new CliError('CLI_MISSING_ARG', { what: 'member:m1' });
  const out = resolve(need(p, 'out'));
  const conn = await connect(p, io);
  const { client } = conn;
  (await readAs(conn, p, io))?.secretKey.fill(0);
  // getDossier verifies it against the light client before anything is written.
  const { bytes, verdict } = await client.getDossier(entity);
  writeFileSync(out, bytes);
  io.out(
    t(p.lang, 'dossierSaved', {
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
  if (file === undefined) throw new CliError('CLI_MISSING_ARG', { what: 'dossier file' });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new CliError('CLI_CANNOT_READ', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
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
    io.err(`${t(p.lang, 'warnPrefix')}${t(p.lang, 'dossierSelfTrust')}`);
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
  const failedAt = verdict.ok ? DOSSIER_CHECKS.length : DOSSIER_CHECKS.indexOf(verdict.check);
  // Event checks run per event; before the events' failure every earlier check has passed.
  for (const c of DOSSIER_CHECKS.slice(0, failedAt))
    io.out(t(p.lang, 'dossierCheckOk', { name: checkName(p.lang, c) }));
  if (!verdict.ok) {
    const at = verdict.index === undefined ? '' : t(p.lang, 'dossierAt', { n: verdict.index + 1 });
    io.out(
      t(p.lang, 'dossierBroken', {
        name: checkName(p.lang, verdict.check),
        at,
        reason: verdict.error.message,
      }),
    );
    return 1;
  }
  const d = verdict.dossier;
  io.out(t(p.lang, 'dossierOk', { entity: d.entity, chainId: d.chainId, height: d.height }));
  verdict.events.forEach((e, i) => {
    io.out(t(p.lang, 'dossierEvent', { n: i + 1, height: e.height, type: e.type }));
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
    throw new CliError('CLI_UNKNOWN_SUB', { sub: sub ?? '', choices: 'export, verify' });
  });
}
