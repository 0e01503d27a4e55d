/**
 * `djchain anchor register|submit|status|reclaim` (issue 19): a relayer between a child chain and
 * its parent. `reclaim` takes back an expired release to another chain with the proof that the
 * receiving chain (registered as a child of the sending one) never admitted it. `register` signs `anchor.register` with the child's genesis validator set; `submit`
 * reads a header of the child with its commit certificate and signing set — verified first by the
 * relayer's own light client of the child (`DjchainClient.lightBlock`) — and signs `anchor.submit`
 * on the parent, which verifies it again with the same rules. `relayAnchor` is the same as a
 * function, for scripts and tests.
 */
import type { DjchainClient, VerifiedReceipt } from '@djchain/client';
import { decode, encode, type KeyPair, toHex, type Value } from '@djchain/crypto';
import {
  commitToValue,
  headerHash,
  headerToValue,
  type ValidatorSet,
  validatorSetToValue,
} from '@djchain/ledger';
import { admittedKeys, anchorKeys, anchorStateKey, MAX_PATH_LEVELS, MODULE } from '@djchain/modules';
import { encodeProof } from '@djchain/state';
import { CliError, t } from '../i18n.ts';
import { printReceipt } from './chain.ts';
import { guarded, need, openKey, opt, type Parsed, parse } from './common.ts';
import { connect } from './connect.ts';
import type { CommandIo } from './io.ts';

/** The `anchor.submit` parameters for header `height` of the child (its latest when undefined). */
export async function anchorParams(child: DjchainClient, height?: number): Promise<Value> {
  return (await anchorOf(child, height)).params;
}

async function anchorOf(child: DjchainClient, height?: number) {
  const h = height ?? (await child.status()).height;
  const b = await child.lightBlock(h);
  const params: Value = {
    chain: child.chainId,
    header: headerToValue(b.header),
    commit: commitToValue(b.commit),
    validators: validatorSetToValue(b.validators),
    ...(b.nextValidators ? { nextValidators: validatorSetToValue(b.nextValidators) } : {}),
  };
  return { params, height: h, hash: toHex(headerHash(child.suite, b.header)) };
}

/** Relays header `height` of `child` (its latest by default) to `parent`, signed with `key`. */
export async function relayAnchor(
  child: DjchainClient,
  parent: DjchainClient,
  key: KeyPair,
  height?: number,
): Promise<VerifiedReceipt> {
  const params = await anchorParams(child, height);
  return parent.send({ module: 'anchor', action: 'submit', params }, key);
}

/**
 * What `member.admitTransfer` proves on the receiving chain: the release `transfer` of `member` and
 * the member's history head at the sender's (anchored) height `height`, each read from the sender
 * with its proof and checked by the reader's light client first.
 */
export async function transferDossier(
  sender: DjchainClient,
  transfer: string,
  member: string,
  height: number,
): Promise<{ [k: string]: Value }> {
  const t = await sender.getState(`transfer/t/${transfer}`, height);
  const h = await sender.getState(`hist/member:${member}`, height);
  if (t.value === undefined || h.value === undefined)
    throw new CliError('CLI_NOT_RELEASED', { transfer, member, height });
  return {
    fromChain: sender.chainId,
    transfer,
    height,
    transferValue: t.value,
    transferProof: encodeProof(t.proof),
    historyValue: h.value,
    historyProof: encodeProof(h.proof),
  };
}

/** Where a header of `chain` is proved through another chain's anchors (anchor/path.ts in modules). */
export interface AnchorPath {
  readonly via: string;
  readonly viaHeight: number;
  readonly path: Uint8Array;
  /** The height of the header at the end of the path: the latest one the line had anchored. */
  readonly height: number;
}

/**
 * The path, down `line` (a chain the proving chain anchors, at its height `viaHeight`, then the
 * chains below it, each anchored on the one before), to the latest header of chain `target` that
 * the last chain of `line` had anchored at that point. Each link is the anchor record of the next
 * chain in the state of the one above, read with its proof and checked by the reader's light client
 * of that chain first; the proving chain checks the whole path again against its own anchor.
 */
export async function anchorPath(
  line: readonly DjchainClient[],
  viaHeight: number,
  target: { readonly chainId: string; readonly suite?: 'intl' | 'gm' },
): Promise<AnchorPath> {
  if (line.length === 0 || line.length > MAX_PATH_LEVELS)
    throw new CliError('CLI_PATH_LEVELS', { levels: line.length, max: MAX_PATH_LEVELS });
  const below = [...line.slice(1).map((c) => c.chainId), target.chainId];
  // A link names the suite of the chain whose record it proves, when known (else the one above's).
  const suites = [...line.slice(1).map((c) => c.suite.id), target.suite];
  const links: Value[] = [];
  let height = viaHeight;
  for (const [i, client] of line.entries()) {
    const chain = below[i]!;
    const child = await client.getState(`${MODULE.anchor}/${anchorKeys.child(chain)}`, height);
    const latest =
      child.value === undefined
        ? null
        : (decode(child.value) as { latest: { height: number } | null }).latest;
    if (latest === null) throw new CliError('CLI_NOT_ANCHORED', { chain, parent: client.chainId, height });
    const record = await client.getState(anchorStateKey(chain, latest.height), height);
    const suite = suites[i];
    links.push({ value: record.value!, proof: encodeProof(record.proof), ...(suite ? { suite } : {}) });
    height = latest.height;
  }
  return { via: line[0]!.chainId, viaHeight, path: encode(links), height };
}

/**
 * What `transfer.reclaimRelease` proves on the sending chain: that the receiving chain held no
 * admission of release `transfer` (from chain `fromChain`) at its height `height` — the absence
 * proof of the admission key, read from the receiver and checked by the reader's light client of
 * it first. The sending chain checks it again against its anchor of that height. An admitted
 * release is refused here (`CLI_ADMITTED`): there is nothing to reclaim.
 */
export async function reclaimProof(
  receiver: DjchainClient,
  fromChain: string,
  transfer: string,
  height: number,
): Promise<{ id: string; height: number; proof: Uint8Array }> {
  const s = await receiver.getState(`${MODULE.member}/${admittedKeys.transfer(fromChain, transfer)}`, height);
  if (s.value !== undefined)
    throw new CliError('CLI_ADMITTED', { transfer, chain: receiver.chainId, height });
  return { id: transfer, height, proof: encodeProof(s.proof) };
}

/**
 * Registers `child` on `parent` with the set `validators` (its genesis set, or its current one to
 * renew the trust). One signature only proposes: the registration takes effect when a second post
 * holder (书记, 副书记, 组织委员 of the parent's top 党委) sends the same.
 */
export function registerChild(
  parent: DjchainClient,
  key: KeyPair,
  child: {
    chainId: string;
    suite: 'intl' | 'gm';
    validators: ValidatorSet;
    name: string;
    intervalMinutes: number;
    trustDays?: number;
  },
): Promise<VerifiedReceipt> {
  const params = {
    chain: child.chainId,
    suite: child.suite,
    name: child.name,
    validators: validatorSetToValue(child.validators),
    intervalMinutes: child.intervalMinutes,
    ...(child.trustDays === undefined ? {} : { trustDays: child.trustDays }),
  };
  return parent.send({ module: 'anchor', action: 'register', params }, key);
}

/** The child's connection: --child (and --child-genesis) as --api (and --genesis). */
function childOf(p: Parsed, io: CommandIo) {
  const values = { ...p.values, api: need(p, 'child'), genesis: opt(p, 'child-genesis') };
  return connect({ ...p, values }, io);
}

function int(p: Parsed, o: string): number | undefined {
  const v = opt(p, o);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) === 0) throw new CliError('CLI_BAD_NUMBER', { option: o, value: v });
  return Number(v);
}

interface ChildRow {
  readonly chain: string;
  readonly name: string;
  readonly latest: { height: number; hash: string; stateRoot: string; anchoredAt: number } | null;
}

export async function anchorCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    api: { type: 'string' },
    genesis: { type: 'string' },
    child: { type: 'string' },
    'child-genesis': { type: 'string' },
    key: { type: 'string' },
    name: { type: 'string' },
    interval: { type: 'string' },
    height: { type: 'string' },
    'trust-days': { type: 'string' },
    renew: { type: 'boolean' },
    transfer: { type: 'string' },
  });
  const sub = p.positionals[0];
  return guarded(p.lang, io, async () => {
    if (sub === 'status') {
      const { client } = await connect(p, io);
      const rows = (await client.query('anchor', 'children', {})).result as unknown as ChildRow[];
      for (const r of rows) {
        const l = r.latest;
        io.out(
          l === null
            ? t(p.lang, 'anchorNone', { chain: r.chain, name: r.name })
            : t(p.lang, 'anchorRow', {
                chain: r.chain,
                name: r.name,
                height: l.height,
                hash: `${l.hash.slice(0, 16)}…`,
                root: `${l.stateRoot.slice(0, 16)}…`,
                at: l.anchoredAt,
              }),
        );
      }
      return 0;
    }
    if (sub !== 'register' && sub !== 'submit' && sub !== 'reclaim')
      throw new CliError('CLI_UNKNOWN_SUB', { sub: sub ?? '', choices: 'register, submit, status, reclaim' });
    need(p, 'key');
    const child = await childOf(p, io);
    const parent = await connect(p, io);
    const height = int(p, 'height');
    const interval = int(p, 'interval');
    const key = await openKey(p, io, parent.suite);
    try {
      if (sub === 'reclaim') {
        // Here --api is the SENDING chain and --child the receiving one (registered on it as a
        // child); the proof is of the sending chain's latest anchor of it unless --height is given.
        const transfer = need(p, 'transfer');
        let at = height;
        if (at === undefined) {
          const rows = (await parent.client.query('anchor', 'children', {})).result as unknown as ChildRow[];
          at = rows.find((r) => r.chain === child.chainId)?.latest?.height;
        }
        if (at === undefined) throw new CliError('CLI_NO_ANCHOR', { chain: child.chainId });
        const params = await reclaimProof(child.client, parent.chainId, transfer, at);
        const r = await parent.client.send({ module: 'transfer', action: 'reclaimRelease', params }, key);
        if (r.receipt.status === 'ok')
          io.out(t(p.lang, 'anchorReclaimed', { transfer, chain: child.chainId, height: at }));
        return printReceipt(p, io, r);
      }
      if (sub === 'register') {
        // Renewal vouches for the set the child runs on now (its latest header's), checked by the
        // relayer's light client of the child first.
        const validators = p.values.renew
          ? (await child.client.lightBlock((await child.client.status()).height)).validators
          : (child.genesis?.validators ?? (await child.client.lightBlock(1)).validators);
        const r = await registerChild(parent.client, key, {
          chainId: child.chainId,
          suite: child.suite.id,
          validators,
          name: opt(p, 'name') ?? child.chainId,
          intervalMinutes: interval ?? 24 * 60,
          trustDays: int(p, 'trust-days'),
        });
        const events = r.receipt.status === 'ok' ? r.receipt.events : [];
        const made = events.find((e) => e.type === 'anchor.Registered' || e.type === 'anchor.Renewed');
        if (made)
          io.out(
            t(p.lang, 'anchorRegistered', {
              chain: child.chainId,
              days: (made.data as { trustDays: number }).trustDays,
            }),
          );
        else if (events.some((e) => e.type === 'anchor.RegistrationProposed'))
          io.out(t(p.lang, 'anchorProposed', { chain: child.chainId }));
        return printReceipt(p, io, r);
      }
      const a = await anchorOf(child.client, height);
      const r = await parent.client.send({ module: 'anchor', action: 'submit', params: a.params }, key);
      if (r.receipt.status === 'ok')
        io.out(t(p.lang, 'anchorRelayed', { chain: child.chainId, height: a.height, hash: a.hash }));
      return printReceipt(p, io, r);
    } finally {
      key.secretKey.fill(0);
    }
  });
}
