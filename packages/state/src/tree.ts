/** The authenticated state: a versioned Jellyfish-style sparse Merkle tree over a NodeStore. */
import { type BatchResult, computeBatch } from './batch.ts';
import { GenerationalCache } from './cache.ts';
import { StateError } from './errors.ts';
import { checkHasher, ZERO_HASH } from './hash.ts';
import { buildProof } from './prove.ts';
import type {
  Hasher,
  InternalNode,
  NodeBatch,
  NodeStore,
  Proof,
  PruneStats,
  RootRecord,
  TreeNode,
} from './types.ts';

/** Options of a StateTree. */
export interface StateTreeOptions {
  /** The chain suite's hash (SHA-256 or SM3). */
  readonly hasher: Hasher;
  /** Internal nodes kept decoded in memory (about 1.3 KB each with their hash heaps). */
  readonly cacheNodes?: number;
}

/** Defaults for the optional options. */
export const defaultStateTreeOptions = { cacheNodes: 100_000 } as const;

/** A write: value null deletes the key. */
export type Write = readonly [key: Uint8Array, value: Uint8Array | null];

/**
 * Versioned authenticated key-value state. Version v is computed from v-1 by `applyBatch`
 * (pure with respect to the store) and persisted by `commit`; reads and proofs are served for
 * every version from the oldest retained one to the latest.
 */
export class StateTree {
  private readonly hasher: Hasher;
  private readonly store: NodeStore;
  /**
   * Internal nodes by path, the newest version seen of each: updates and recent proofs read the
   * latest nodes, and older copies would only crowd them out. Leaves are read about once per
   * update and not cached. Cached internal nodes keep their hash heaps (see internal-node.ts).
   */
  private readonly cache: GenerationalCache<string, { version: number; node: InternalNode }>;
  private readonly readNode = (version: number, path: string): TreeNode => {
    const hit = this.cache.get(path);
    if (hit && hit.version === version) return hit.node;
    const node = this.store.readNode(version, path);
    if (!node) throw new StateError('STATE_NODE_MISSING', 'node not in store', { version, path });
    if (node.kind === 'internal' && (!hit || hit.version < version)) this.cache.set(path, { version, node });
    return node;
  };

  constructor(opts: StateTreeOptions, deps: { store: NodeStore }) {
    checkHasher(opts.hasher);
    this.hasher = opts.hasher;
    this.store = deps.store;
    this.cache = new GenerationalCache(opts.cacheNodes ?? defaultStateTreeOptions.cacheNodes);
  }

  /** Oldest and latest retained versions, undefined before the first commit. */
  versions(): { readonly oldest: number; readonly latest: number } | undefined {
    return this.store.versions();
  }

  /** The root hash of `version` (all zero for the empty tree). */
  root(version: number): Uint8Array {
    return this.rootRecord(version).hash.slice();
  }

  /** The value of `key` at `version`, or undefined when absent. Reads the flat table, not the tree. */
  get(key: Uint8Array, version: number): Uint8Array | undefined {
    this.rootRecord(version);
    return this.store.readValue(key, version);
  }

  /**
   * Version `version` from version-1 (or from the empty tree when nothing is committed yet):
   * `writes` applied in key-hash order, the last write of a key winning, null deleting.
   * Does not modify the store; pass `nodeBatch` to `commit` once the block is final.
   */
  applyBatch(version: number, writes: readonly Write[]): BatchResult {
    const range = this.store.versions();
    if (!Number.isSafeInteger(version) || version < 0) {
      throw new StateError('STATE_BAD_INPUT', 'version must be a non-negative integer', { version });
    }
    if (range && version !== range.latest + 1) {
      throw new StateError('STATE_VERSION_CONFLICT', 'the next version must follow the latest', {
        version,
        latest: range.latest,
      });
    }
    const base: RootRecord = range ? this.rootRecord(range.latest) : { nodeVersion: null, hash: ZERO_HASH };
    return computeBatch(this.hasher, this.readNode, base, version, writes);
  }

  /**
   * Persists a batch from `applyBatch`. Call it inside the block's database transaction; if that
   * transaction is rolled back, call `clearCache` too.
   */
  commit(batch: NodeBatch): void {
    this.store.write(batch);
    for (const { key, node } of batch.nodes) {
      if (node.kind === 'internal') this.cache.set(key.path, { version: key.version, node });
    }
  }

  /** Shorthand for applyBatch + commit. */
  update(version: number, writes: readonly Write[]): Uint8Array {
    const { root, nodeBatch } = this.applyBatch(version, writes);
    this.commit(nodeBatch);
    return root;
  }

  /** A proof of the value of `key` at `version`, or of its absence. */
  prove(key: Uint8Array, version: number): Proof {
    return buildProof(this.hasher, this.readNode, this.rootRecord(version), this.hasher(key));
  }

  /**
   * Drops versions below `beforeVersion` (the latest is always kept). Their roots, values and
   * proofs then fail with STATE_VERSION_PRUNED.
   */
  prune(beforeVersion: number): PruneStats {
    const range = this.store.versions();
    if (!range || beforeVersion <= range.oldest) return { nodes: 0, values: 0, versions: 0 };
    if (beforeVersion > range.latest) {
      throw new StateError('STATE_BAD_INPUT', 'cannot prune the latest version', {
        beforeVersion,
        latest: range.latest,
      });
    }
    return this.store.prune(beforeVersion);
  }

  /** Forgets cached nodes (after a rolled-back transaction). */
  clearCache(): void {
    this.cache.clear();
  }

  private rootRecord(version: number): RootRecord {
    const range = this.store.versions();
    if (range && version < range.oldest && version < this.store.prunedBefore()) {
      throw new StateError('STATE_VERSION_PRUNED', 'version was pruned', { version, oldest: range.oldest });
    }
    const rec =
      range && version >= range.oldest && version <= range.latest ? this.store.readRoot(version) : undefined;
    if (!rec) {
      throw new StateError('STATE_VERSION_UNKNOWN', 'no such version', {
        version,
        oldest: range?.oldest,
        latest: range?.latest,
      });
    }
    return rec;
  }
}
