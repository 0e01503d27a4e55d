/**
 * Exporting a state version as snapshot chunks. The tree stores only key and value hashes, so
 * the keys come from the store's flat key listing and the values from its flat table; the
 * proofs come from the tree itself.
 */
import type { NodeReader } from './batch.ts';
import { StateError } from './errors.ts';
import { bitAt, compareBytes } from './hash.ts';
import { buildProof } from './prove.ts';
import { SnapshotError } from './snapshot-errors.ts';
import {
  childPrefix,
  hasPrefix,
  isPrefix,
  MAX_PREFIX_BITS,
  prefixPath,
  ROOT_PREFIX,
} from './snapshot-prefix.ts';
import type { KeyHashPrefix, SnapshotChunk, SnapshotEntry, SnapshotManifest } from './snapshot-types.ts';
import type { Hasher, NodeStore, RootRecord } from './types.ts';

/** Lists the keys present at a version (both stores have it: `keysWithPrefix`). */
export interface KeyLister {
  keysWithPrefix(prefix: Uint8Array, version: number, limit: number): Uint8Array[];
}

/** Where a snapshot is read from: the chain's hash and a store that can list its keys. */
export interface SnapshotSource {
  readonly hasher: Hasher;
  readonly store: NodeStore & KeyLister;
}

/** How a version is split into chunks. */
export interface SnapshotExportOptions {
  /** A prefix holding more leaves than this is split in two. */
  readonly maxChunkLeaves?: number;
  /** A prefix whose keys and values take more bytes than this is split in two. */
  readonly maxChunkBytes?: number;
}

/** Defaults: chunks of at most 2,048 leaves and 1 MiB of keys and values (well under a p2p frame). */
export const defaultSnapshotExportOptions = { maxChunkLeaves: 2048, maxChunkBytes: 1 << 20 } as const;

// Keys listed in one call; a state with more keys than this is refused rather than cut short.
const MAX_KEYS = 2 ** 31 - 1;
// Per-entry framing counted with the key and value bytes.
const ENTRY_OVERHEAD = 16;

interface Row {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
  readonly keyHash: Uint8Array;
}

/**
 * One version read and sorted by key hash, ready to serve its manifest and any chunk. Holds every
 * key and value of the version in memory (a node keeps one of these per served version).
 */
export class SnapshotExport {
  readonly version: number;
  readonly root: Uint8Array;
  private readonly hasher: Hasher;
  private readonly read: NodeReader;
  private readonly rootRecord: RootRecord;
  private readonly rows: Row[];
  /** bytesBefore[i] = framed size of rows[0, i). */
  private readonly bytesBefore: number[];
  private readonly opts: Required<SnapshotExportOptions>;
  private planned: KeyHashPrefix[] | undefined;

  constructor(source: SnapshotSource, version: number, opts: SnapshotExportOptions = {}) {
    const { hasher, store } = source;
    const range = store.versions();
    const rootRecord =
      range && version >= range.oldest && version <= range.latest ? store.readRoot(version) : undefined;
    if (!rootRecord || version < store.prunedBefore()) {
      throw new SnapshotError('STATE_SNAPSHOT_UNAVAILABLE', 'the store does not hold this version', {
        version,
        oldest: range?.oldest,
        latest: range?.latest,
      });
    }
    this.opts = { ...defaultSnapshotExportOptions, ...opts };
    if (!(this.opts.maxChunkLeaves >= 1) || !(this.opts.maxChunkBytes >= 1)) {
      throw new StateError('STATE_BAD_INPUT', 'chunk limits must be at least 1', { ...this.opts });
    }
    this.hasher = hasher;
    this.version = version;
    this.rootRecord = rootRecord;
    this.root = rootRecord.hash.slice();
    this.read = (v, path) => {
      const node = store.readNode(v, path);
      if (!node) throw new StateError('STATE_NODE_MISSING', 'node not in store', { version: v, path });
      return node;
    };
    const keys = store.keysWithPrefix(new Uint8Array(0), version, MAX_KEYS);
    if (keys.length >= MAX_KEYS)
      throw new SnapshotError('STATE_SNAPSHOT_UNAVAILABLE', 'too many keys to list');
    this.rows = keys.map((key) => {
      const value = store.readValue(key, version);
      if (value === undefined) {
        throw new StateError('STATE_STORE_CORRUPT', 'a listed key has no value', { version });
      }
      return { key, value, keyHash: hasher(key) };
    });
    this.rows.sort((a, b) => compareBytes(a.keyHash, b.keyHash));
    this.bytesBefore = [0];
    for (const r of this.rows) {
      this.bytesBefore.push(
        this.bytesBefore[this.bytesBefore.length - 1]! + r.key.length + r.value.length + ENTRY_OVERHEAD,
      );
    }
  }

  /** Number of keys in the version. */
  get size(): number {
    return this.rows.length;
  }

  /**
   * The chunk prefixes: starting from the whole space, a prefix over the leaf or byte limit is
   * split on its next bit (a single leaf is never split). Ascending key-hash order.
   */
  prefixes(): readonly KeyHashPrefix[] {
    if (this.planned) return this.planned;
    const out: KeyHashPrefix[] = [];
    const split = (p: KeyHashPrefix, lo: number, hi: number): void => {
      const small =
        hi - lo <= this.opts.maxChunkLeaves &&
        this.bytesBefore[hi]! - this.bytesBefore[lo]! <= this.opts.maxChunkBytes;
      if (small || hi - lo <= 1 || p.bits >= MAX_PREFIX_BITS) {
        out.push(p);
        return;
      }
      const mid = this.firstWithBit(p.bits, lo, hi);
      split(childPrefix(p, 0), lo, mid);
      split(childPrefix(p, 1), mid, hi);
    };
    split(ROOT_PREFIX, 0, this.rows.length);
    this.planned = out;
    return out;
  }

  /** The manifest: every chunk's prefix and leaf count. */
  manifest(): SnapshotManifest {
    return {
      version: this.version,
      root: this.root.slice(),
      chunks: this.prefixes().map((prefix) => {
        const [lo, hi] = this.rangeOf(prefix);
        return { prefix, leaves: hi - lo };
      }),
    };
  }

  /** Leaves and framed bytes under `prefix` (to refuse requests for oversized chunks). */
  sizeOf(prefix: KeyHashPrefix): { readonly leaves: number; readonly bytes: number } {
    const [lo, hi] = this.rangeOf(prefix);
    return { leaves: hi - lo, bytes: this.bytesBefore[hi]! - this.bytesBefore[lo]! };
  }

  /** The chunk of any canonical prefix (not only the planned ones). */
  chunk(prefix: KeyHashPrefix): SnapshotChunk {
    if (!isPrefix(prefix)) throw new StateError('STATE_BAD_INPUT', 'prefix is not canonical');
    const [lo, hi] = this.rangeOf(prefix);
    const entries: SnapshotEntry[] = [];
    for (let i = lo; i < hi; i++) entries.push({ key: this.rows[i]!.key, value: this.rows[i]!.value });
    const proof = buildProof(this.hasher, this.read, this.rootRecord, prefixPath(prefix));
    let siblings = proof.siblings;
    let boundary: SnapshotChunk['boundary'] = null;
    if (siblings.length >= prefix.bits) siblings = siblings.slice(0, prefix.bits);
    else if (proof.leaf && !hasPrefix(proof.leaf.keyHash, prefix)) boundary = proof.leaf;
    return { version: this.version, root: this.root.slice(), prefix, entries, siblings, boundary };
  }

  /** All planned chunks, in ascending key-hash order. */
  chunks(): SnapshotChunk[] {
    return this.prefixes().map((p) => this.chunk(p));
  }

  /** [lo, hi) of the rows under `prefix`. */
  private rangeOf(prefix: KeyHashPrefix): [number, number] {
    const start = prefixPath(prefix);
    let a = 0;
    let b = this.rows.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (compareBytes(this.rows[m]!.keyHash, start) < 0) a = m + 1;
      else b = m;
    }
    let hi = a;
    while (hi < this.rows.length && hasPrefix(this.rows[hi]!.keyHash, prefix)) hi++;
    return [a, hi];
  }

  /** First index in [lo, hi) whose key hash has bit `bit` set (rows there share bits before it). */
  private firstWithBit(bit: number, lo: number, hi: number): number {
    let a = lo;
    let b = hi;
    while (a < b) {
      const m = (a + b) >> 1;
      if (bitAt(this.rows[m]!.keyHash, bit)) b = m;
      else a = m + 1;
    }
    return a;
  }
}

/** Version `version` of `source` as its manifest and all its chunks (small states, tests). */
export function exportSnapshotChunks(
  source: SnapshotSource,
  version: number,
  opts: SnapshotExportOptions = {},
): { readonly manifest: SnapshotManifest; readonly chunks: SnapshotChunk[] } {
  const exp = new SnapshotExport(source, version, opts);
  return { manifest: exp.manifest(), chunks: exp.chunks() };
}
