/**
 * Starting a node from a snapshot of its peers (issue 3): on an EMPTY data dir, find a trusted
 * certified header, fetch and verify the state at its height (SnapshotSyncer: every chunk proved
 * against the header's state root), and install it; `openNode` on the directory then continues at
 * h+1 and follows by block sync.
 *
 * Trust: either a `{ height, hash }` pair given by the operator (the header whose hash it is, its
 * validator set checked against the header and its certificate against that set), or the latest
 * certified header reachable from GENESIS through the peers' headers: each header's certificate is
 * verified against the set in force at its height, starting from the genesis validators, and each
 * header links to the previous one; a set change (`nextValidatorsHash`) is followed by fetching the
 * new set from a peer and checking it against that hash. A peer cannot make us trust a header the
 * validators did not certify.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { equalBytes, fromHex, getSuite, type Suite } from '@djchain/crypto';
import {
  decodeValidatorSet,
  type Header,
  headerHash,
  type ValidatorSet,
  validatorSetHash,
  verifyCommit,
  ZERO_HASH,
} from '@djchain/ledger';
import type { GenesisDoc } from '@djchain/runtime';
import { realTimers, type Timers } from '../consensus/driver.ts';
import { NodeError } from '../errors.ts';
import { type Log, silentLog } from '../log.ts';
import { ChainStore } from '../storage/chain-store.ts';
import {
  installSnapshot,
  SnapshotSyncer,
  type SnapshotSyncStats,
  type TrustedHeader,
} from '../sync/snapshot.ts';
import { decodeSnapshotResponse, encodeSnapshotRequest } from '../sync/snapshot-protocol.ts';
import {
  type CertifiedHeader,
  type SnapshotLink,
  SnapshotWire,
  type SnapshotWireOptions,
} from './snapshot-wire.ts';

export interface BootstrapOptions {
  readonly dataDir: string;
  readonly genesis: GenesisDoc;
  /** Trust this header instead of walking from genesis. */
  readonly trust?: { readonly height: number; readonly hash: string };
  /** Wait for at least this many connected peers (default 1). */
  readonly minPeers?: number;
  /** How many 100 ms polls to wait for peers before NODE_SNAPSHOT_UNAVAILABLE (default 300). */
  readonly peerPolls?: number;
  readonly concurrency?: number;
  readonly wire?: Partial<SnapshotWireOptions>;
}

export interface BootstrapResult {
  readonly height: number;
  readonly stats: SnapshotSyncStats;
  /** Headers whose certificates were verified to reach the trusted one. */
  readonly headersVerified: number;
}

/** True when the directory has no chain yet (no database, or one without blocks or state). */
export function isEmptyDataDir(dataDir: string, dbFile = 'chain.db'): boolean {
  return !existsSync(join(dataDir, dbFile));
}

/**
 * Bootstraps `dataDir` from the peers `p2p` (started, with the registry's peers allowed) is
 * connected to. Undefined when the directory already holds a chain (nothing is done). `timers`:
 * real ones by default (the simulator passes its own, with its network as the link).
 */
export async function bootstrapFromPeers(
  opts: BootstrapOptions,
  deps: { p2p: SnapshotLink; log?: Log; timers?: Timers },
): Promise<BootstrapResult | undefined> {
  if (!isEmptyDataDir(opts.dataDir)) return undefined;
  const log = deps.log ?? silentLog;
  const suite = getSuite(opts.genesis.suite);
  const timers = deps.timers ?? realTimers;
  const peers = await waitForPeers(deps.p2p, timers, opts.minPeers ?? 1, opts.peerPolls ?? 300);
  const wire = new SnapshotWire(opts.wire ?? {}, { p2p: deps.p2p, log, timers });
  try {
    const { trust, verified: headersVerified } = opts.trust
      ? { trust: await trustPair(suite, wire, peers, opts.trust), verified: 1 }
      : await walkFromGenesis(suite, wire, peers, opts.genesis);
    log.info({ height: trust.header.height, headersVerified }, 'snapshot: trusted header');
    const syncer = new SnapshotSyncer(
      { peers, ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) },
      { suite, ask: wire.askSnapshot, log },
    );
    const snapshot = await syncer.sync(trust);
    mkdirSync(opts.dataDir, { recursive: true });
    const store = new ChainStore({ file: join(opts.dataDir, 'chain.db'), suite });
    try {
      installSnapshot(store, snapshot, opts.genesis);
    } finally {
      store.close();
    }
    return { height: snapshot.height, stats: syncer.stats(), headersVerified };
  } finally {
    wire.close();
  }
}

async function waitForPeers(
  p2p: SnapshotLink,
  timers: Timers,
  min: number,
  polls: number,
): Promise<string[]> {
  for (let i = 0; i < polls; i++) {
    if (p2p.peers().length >= min) return p2p.peers();
    await new Promise<void>((r) => timers.setTimeout(r, 100));
  }
  throw new NodeError('NODE_SNAPSHOT_UNAVAILABLE', 'no peer connected to take a snapshot from', { min });
}

/** The validator set of height h+1 announced by header h, fetched from a peer and checked. */
async function nextSet(
  suite: Suite,
  wire: SnapshotWire,
  peers: readonly string[],
  header: Header,
  which: 0 | 1,
): Promise<ValidatorSet> {
  const want = which === 0 ? header.validatorsHash : header.nextValidatorsHash;
  for (const peer of peers) {
    try {
      const res = decodeSnapshotResponse(
        await wire.askSnapshot(peer, encodeSnapshotRequest({ kind: 'base', height: header.height })),
      );
      if (res.kind !== 'base') continue;
      const set = decodeValidatorSet(res.validators[which]);
      if (equalBytes(validatorSetHash(suite, set), want)) return set;
    } catch {
      // Another peer may serve it.
    }
  }
  throw new NodeError('NODE_SNAPSHOT_UNAVAILABLE', 'no peer served the validator set of this header', {
    height: header.height,
  });
}

async function trustPair(
  suite: Suite,
  wire: SnapshotWire,
  peers: readonly string[],
  pair: { height: number; hash: string },
): Promise<TrustedHeader> {
  const want = fromHex(pair.hash);
  for (const peer of peers) {
    let got: CertifiedHeader | undefined;
    try {
      got = (await wire.headers(peer, pair.height, 1)).headers[0];
    } catch {
      continue;
    }
    if (!got || !equalBytes(headerHash(suite, got.header), want)) continue;
    const validators = await nextSet(suite, wire, peers, got.header, 0);
    // SnapshotSyncer checks the certificate against this set before using the header.
    return { header: got.header, commit: got.commit, validators };
  }
  throw new NodeError('NODE_SNAPSHOT_BAD_TRUST', 'no peer served the trusted header', {
    height: pair.height,
  });
}

/** The latest header certified from genesis on, through the peers' header chains. */
async function walkFromGenesis(
  suite: Suite,
  wire: SnapshotWire,
  peers: readonly string[],
  genesis: GenesisDoc,
): Promise<{ trust: TrustedHeader; verified: number }> {
  let set: ValidatorSet = genesis.validators;
  let prev: Header | undefined;
  let last: TrustedHeader | undefined;
  let verified = 0;
  // Each round either advances at least one height or drops a peer: bounded by tip + peers.
  const live = [...peers];
  while (live.length > 0) {
    const peer = live[0]!;
    const from = (prev?.height ?? 0) + 1;
    let batch: { tip: number; headers: CertifiedHeader[] };
    try {
      batch = await wire.headers(peer, from, 64);
    } catch {
      live.shift();
      continue;
    }
    if (batch.headers.length === 0) {
      // This peer has nothing further (at its tip, or it started from a snapshot itself).
      live.shift();
      continue;
    }
    let bad = false;
    for (const { header, commit } of batch.headers) {
      const okLink =
        header.height === (prev?.height ?? 0) + 1 &&
        header.chainId === genesis.chainId &&
        equalBytes(header.prevHash, prev ? headerHash(suite, prev) : ZERO_HASH) &&
        equalBytes(header.validatorsHash, validatorSetHash(suite, set));
      if (!okLink || !verifyCommit(suite, set, header, commit).ok) {
        bad = true;
        break;
      }
      verified++;
      last = { header, commit, validators: set };
      prev = header;
      if (!equalBytes(header.nextValidatorsHash, validatorSetHash(suite, set))) {
        set = await nextSet(suite, wire, live, header, 1);
      }
    }
    if (bad) {
      // A header that does not follow or is not certified: that peer is not asked again.
      live.shift();
    }
  }
  if (!last) {
    throw new NodeError('NODE_SNAPSHOT_UNAVAILABLE', 'no peer served a certified header after genesis');
  }
  return { trust: last, verified };
}
