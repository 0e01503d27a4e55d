/**
 * Snapshot sync: a fresh node gets the state at a trusted height h from its peers instead of
 * replaying every block. Trust comes from ONE header verified by its commit certificate; every
 * chunk is then verified on arrival against that header's state root (a chunk proves itself, see
 * packages/state/README.md), so any peer may serve any chunk and a peer that lies is caught on the
 * chunk it lied in, which is fetched again from another peer.
 *
 * Wiring (the transport is the caller's): serve with `handleSnapshotRequest({ store, suite }, bytes)`
 * on the p2p `snapshot` channel; sync with `new SnapshotSyncer(opts, { suite, ask }).sync(trust)`
 * and then `installSnapshot(store, verified, genesis)` before opening the Application.
 */
import { equalBytes, type Suite, toHex } from '@djchain/crypto';
import {
  type CommitCertificate,
  checkBlockLinks,
  decodeBlock,
  decodeReceipt,
  decodeValidatorSet,
  type Header,
  headerHash,
  merkleRoot,
  receiptHash,
  type ValidatorSet,
  validatorSetHash,
  verifyCommit,
} from '@djchain/ledger';
import {
  checkSnapshotChunk,
  coversSpaceOnce,
  decodeSnapshotChunk,
  decodeSnapshotManifest,
  prefixEqual,
  prefixToString,
  prepareSnapshotImport,
  type SnapshotChunk,
  type SnapshotManifest,
} from '@djchain/state';
import { NodeError } from '../errors.ts';
import { type Log, silentLog } from '../log.ts';
import type { VerifiedSnapshot } from './snapshot-base.ts';
import {
  decodeSnapshotResponse,
  encodeSnapshotRequest,
  type SnapshotRequest,
  type SnapshotResponse,
} from './snapshot-protocol.ts';

export {
  installSnapshot,
  snapshotBaseHeight,
  snapshotValidators,
  type VerifiedSnapshot,
  validatorsAt,
} from './snapshot-base.ts';
export {
  defaultSnapshotServeOptions,
  handleSnapshotRequest,
  type SnapshotServeOptions,
  type SnapshotServeSource,
} from './snapshot-server.ts';

/**
 * The header to sync to, with what makes it trusted: its commit certificate and the validator
 * set of its height (known to the caller, e.g. from genesis or a light client following the
 * validator-set changes; it must hash to `header.validatorsHash`).
 */
export interface TrustedHeader {
  readonly header: Header;
  readonly commit: CommitCertificate;
  readonly validators: ValidatorSet;
}

/** Sends one request to a peer and resolves with its response bytes (the transport's timeout applies). */
export type AskPeer = (peer: string, request: Uint8Array) => Promise<Uint8Array>;

export interface SnapshotSyncOptions {
  /** Peers to ask, by id. */
  readonly peers: readonly string[];
  /** Chunk requests in flight at once. */
  readonly concurrency?: number;
}

const defaultSnapshotSyncOptions = { concurrency: 4 } as const;

/** Why a peer was dropped during a sync (an invalid chunk, manifest or base proves it lied). */
export interface PeerFault {
  readonly peer: string;
  readonly what: string;
  readonly reason: string;
}

/** Counters of one sync, for logs and tests. */
export interface SnapshotSyncStats {
  readonly chunks: number;
  readonly leaves: number;
  readonly requests: number;
  readonly faults: readonly PeerFault[];
}

/** Fetches and verifies a snapshot. Pure apart from `ask`; installing it is `installSnapshot`. */
export class SnapshotSyncer {
  private readonly suite: Suite;
  private readonly ask: AskPeer;
  private readonly log: Log;
  private readonly peers: readonly string[];
  private readonly concurrency: number;
  private readonly hasher: (d: Uint8Array) => Uint8Array;
  /** Peers caught serving something false: never asked again in this sync. */
  private readonly banned = new Set<string>();
  private readonly faultList: PeerFault[] = [];
  private requests = 0;
  private leaves = 0;
  private chunkCount = 0;

  constructor(opts: SnapshotSyncOptions, deps: { suite: Suite; ask: AskPeer; log?: Log }) {
    if (opts.peers.length === 0)
      throw new NodeError('NODE_BAD_CONFIG', 'snapshot sync needs at least one peer');
    this.peers = [...opts.peers];
    this.concurrency = Math.max(1, opts.concurrency ?? defaultSnapshotSyncOptions.concurrency);
    this.suite = deps.suite;
    this.ask = deps.ask;
    this.log = deps.log ?? silentLog;
    this.hasher = (d) => deps.suite.hash(d);
  }

  stats(): SnapshotSyncStats {
    return {
      chunks: this.chunkCount,
      leaves: this.leaves,
      requests: this.requests,
      faults: [...this.faultList],
    };
  }

  /**
   * The state and block metadata of `trust.header.height`, every piece verified: the header by
   * its certificate, each chunk against the header's state root, the block and the validator
   * sets against the header. NODE_SNAPSHOT_BAD_TRUST when the header is not certified;
   * NODE_SNAPSHOT_UNAVAILABLE when no honest peer served some piece.
   */
  async sync(trust: TrustedHeader): Promise<VerifiedSnapshot> {
    const { header } = trust;
    this.checkTrust(trust);
    const manifest = await this.fetchManifest(header);
    const chunks = await this.fetchChunks(header, manifest);
    const state = prepareSnapshotImport(this.hasher, header.height, header.stateRoot, chunks).nodeBatch;
    const base = await this.fetchBase(trust);
    this.log.info(
      { height: header.height, chunks: chunks.length, leaves: this.leaves, faults: this.faultList.length },
      'snapshot verified',
    );
    return { height: header.height, state, ...base };
  }

  private checkTrust({ header, commit, validators }: TrustedHeader): void {
    if (!equalBytes(validatorSetHash(this.suite, validators), header.validatorsHash)) {
      throw new NodeError('NODE_SNAPSHOT_BAD_TRUST', 'the validator set is not the header’s');
    }
    const check = verifyCommit(this.suite, validators, header, commit);
    if (!check.ok)
      throw new NodeError('NODE_SNAPSHOT_BAD_TRUST', `header not certified: ${check.error.message}`);
  }

  /** Asks `peer`; a transport failure or an error response yields undefined (not a fault). */
  private async request(peer: string, req: SnapshotRequest): Promise<SnapshotResponse | undefined> {
    this.requests++;
    let bytes: Uint8Array;
    try {
      bytes = await this.ask(peer, encodeSnapshotRequest(req));
    } catch (e) {
      this.log.debug({ peer, kind: req.kind, err: (e as Error).message }, 'snapshot request failed');
      return undefined;
    }
    try {
      const res = decodeSnapshotResponse(bytes);
      if (res.kind === 'error') {
        this.log.debug({ peer, kind: req.kind, code: res.code }, 'snapshot request refused');
        return undefined;
      }
      return res;
    } catch {
      this.fault(peer, req.kind, 'malformed response');
      return undefined;
    }
  }

  private fault(peer: string, what: string, reason: string): void {
    this.banned.add(peer);
    this.faultList.push({ peer, what, reason });
    this.log.warn({ peer, what, reason }, 'peer served invalid snapshot data');
  }

  /** Peers not banned, starting at `start` (spreads chunks over peers). */
  private candidates(start: number): string[] {
    const n = this.peers.length;
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = this.peers[(start + i) % n]!;
      if (!this.banned.has(p)) out.push(p);
    }
    return out;
  }

  private async fetchManifest(header: Header): Promise<SnapshotManifest> {
    for (const peer of this.candidates(0)) {
      const res = await this.request(peer, { kind: 'manifest', height: header.height });
      if (res?.kind !== 'manifest') continue;
      let m: SnapshotManifest;
      try {
        m = decodeSnapshotManifest(res.manifest);
      } catch {
        this.fault(peer, 'manifest', 'malformed manifest');
        continue;
      }
      if (m.version !== header.height || !equalBytes(m.root, header.stateRoot)) {
        this.fault(peer, 'manifest', 'manifest of another state');
      } else if (!coversSpaceOnce(m.chunks.map((c) => c.prefix))) {
        this.fault(peer, 'manifest', 'manifest prefixes do not cover the key space once');
      } else return m;
    }
    throw new NodeError('NODE_SNAPSHOT_UNAVAILABLE', 'no peer served a manifest of this state', {
      height: header.height,
    });
  }

  /** Every chunk of the manifest, each verified on arrival; a bad one is asked of the next peer. */
  private async fetchChunks(header: Header, manifest: SnapshotManifest): Promise<SnapshotChunk[]> {
    const out: SnapshotChunk[] = new Array(manifest.chunks.length);
    let next = 0;
    const worker = async () => {
      while (next < manifest.chunks.length) {
        const i = next++;
        try {
          out[i] = await this.fetchChunk(header, manifest.chunks[i]!.prefix, i);
        } catch (e) {
          // One chunk nobody serves fails the sync: stop the other workers taking more.
          next = manifest.chunks.length;
          throw e;
        }
        this.leaves += out[i]!.entries.length;
        this.chunkCount++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, manifest.chunks.length) }, worker));
    return out;
  }

  private async fetchChunk(
    header: Header,
    prefix: SnapshotChunk['prefix'],
    index: number,
  ): Promise<SnapshotChunk> {
    // Each peer is asked at most once per chunk: the loop is bounded by the peer count.
    for (const peer of this.candidates(index)) {
      // A peer banned meanwhile by another worker is skipped.
      if (this.banned.has(peer)) continue;
      const res = await this.request(peer, { kind: 'chunk', height: header.height, prefix });
      if (res?.kind !== 'chunk') continue;
      let chunk: SnapshotChunk;
      try {
        chunk = decodeSnapshotChunk(res.chunk);
      } catch {
        this.fault(peer, `chunk ${prefixToString(prefix)}`, 'malformed chunk');
        continue;
      }
      const check = checkSnapshotChunk(this.hasher, header.stateRoot, chunk);
      if (!check.ok || chunk.version !== header.height || !prefixEqual(chunk.prefix, prefix)) {
        this.fault(
          peer,
          `chunk ${prefixToString(prefix)}`,
          check.ok ? 'chunk of another prefix or version' : check.reason,
        );
        continue;
      }
      return chunk;
    }
    throw new NodeError('NODE_SNAPSHOT_UNAVAILABLE', 'no peer served a valid chunk', {
      height: header.height,
      prefix: prefixToString(prefix),
    });
  }

  /** Block h, its receipts and the validator sets of h and h+1, all checked against the header. */
  private async fetchBase(trust: TrustedHeader): Promise<Omit<VerifiedSnapshot, 'height' | 'state'>> {
    const { header, commit } = trust;
    const hash = headerHash(this.suite, header);
    for (const peer of this.candidates(0)) {
      const res = await this.request(peer, { kind: 'base', height: header.height });
      if (res?.kind !== 'base') continue;
      try {
        const block = decodeBlock(res.block);
        if (!equalBytes(headerHash(this.suite, block.header), hash))
          throw new NodeError('NODE_BAD_BLOCK', 'block of another header');
        checkBlockLinks(this.suite, block);
        const receipts = res.receipts.map(decodeReceipt);
        const root = merkleRoot(
          this.suite,
          receipts.map((r) => receiptHash(this.suite, r)),
        );
        if (receipts.length !== block.txs.length || !equalBytes(root, header.receiptRoot)) {
          throw new NodeError('NODE_BAD_BLOCK', 'receipts do not match the header');
        }
        const validators = decodeValidatorSet(res.validators[0]);
        const nextValidators = decodeValidatorSet(res.validators[1]);
        if (!equalBytes(validatorSetHash(this.suite, validators), header.validatorsHash)) {
          throw new NodeError('NODE_BAD_BLOCK', 'validator set does not match the header');
        }
        if (!equalBytes(validatorSetHash(this.suite, nextValidators), header.nextValidatorsHash)) {
          throw new NodeError('NODE_BAD_BLOCK', 'next validator set does not match the header');
        }
        // The trusted certificate is stored, not the peer's copy.
        return { block: { block, commit, receipts }, validators, nextValidators };
      } catch (e) {
        this.fault(peer, 'base', (e as Error).message);
      }
    }
    throw new NodeError('NODE_SNAPSHOT_UNAVAILABLE', 'no peer served the block of this height', {
      height: header.height,
      hash: toHex(hash),
    });
  }
}
