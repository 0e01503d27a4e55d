/**
 * The chain's hash function (suite.hash). Returns a fresh 32-byte array; does not keep a reference
 * to its input (the tree reuses preimage buffers).
 */
export type Hasher = (data: Uint8Array) => Uint8Array;

/** A stored leaf: the hashed key it sits for and the hash of its value. */
export interface LeafNode {
  readonly kind: 'leaf';
  readonly keyHash: Uint8Array;
  readonly valueHash: Uint8Array;
}

/**
 * A stored 16-ary internal node. Child i (nibble i) is present when bit i of `present` is set;
 * it is a leaf when bit i of `leaves` is set; it is stored under (versions[i], parentPath +
 * hex(i)). `heap` is the node's 4-level binary hash tree, 32 positions of 32 bytes: position 1
 * is the node hash, 2p and 2p+1 are the halves under p, 16+i is child i (zero when absent).
 * `counts[p]` is 0 for an empty position, 1 for exactly one leaf below, 2 for more.
 * Positions 1..15 are valid once `heapReady`. Build and change nodes through internal-node.ts.
 */
export interface InternalNode {
  readonly kind: 'internal';
  present: number;
  leaves: number;
  readonly heap: Uint8Array;
  readonly counts: Uint8Array;
  readonly versions: number[];
  heapReady: boolean;
}

export type TreeNode = LeafNode | InternalNode;

/** Where a node is stored: the version that wrote it and its nibble path as lowercase hex. */
export interface NodeKey {
  readonly version: number;
  readonly path: string;
}

/** What a version's root is: the root node's key version (null for the empty tree) and its hash. */
export interface RootRecord {
  readonly nodeVersion: number | null;
  readonly hash: Uint8Array;
}

/** One key a batch changed: value null is a deletion (only of a key that existed); a key set to the value it held is left out. */
export interface ValueWrite {
  readonly key: Uint8Array;
  readonly value: Uint8Array | null;
}

/**
 * Everything one version adds to the store; produced by `StateTree.applyBatch`, persisted by
 * `StateTree.commit` (inside the caller's database transaction when there is one).
 */
export interface NodeBatch {
  readonly version: number;
  readonly root: RootRecord;
  readonly nodes: ReadonlyArray<{ readonly key: NodeKey; readonly node: TreeNode }>;
  /** Nodes that version `version` replaced: needed only by older versions. */
  readonly stale: readonly NodeKey[];
  /** Key-value changes in key-hash order, for fast reads without walking the tree. */
  readonly values: readonly ValueWrite[];
}

/** What `prune` removed. */
export interface PruneStats {
  readonly nodes: number;
  readonly values: number;
  readonly versions: number;
}

/**
 * Persistence of tree nodes, roots and the flat key-value history. Implementations: memory
 * (tests, simulator) and sqlite (`@djchain/state/sqlite`). All run the same conformance suite.
 */
export interface NodeStore {
  readNode(version: number, path: string): TreeNode | undefined;
  readRoot(version: number): RootRecord | undefined;
  /** The value of `key` as of `version` (latest write at or before it), undefined when absent. */
  readValue(key: Uint8Array, version: number): Uint8Array | undefined;
  /** Retained versions, or undefined before the first commit. */
  versions(): { readonly oldest: number; readonly latest: number } | undefined;
  /** Versions below this were pruned (0 when nothing was). */
  prunedBefore(): number;
  write(batch: NodeBatch): void;
  /** Drops every version below `beforeVersion` and what only they needed. */
  prune(beforeVersion: number): PruneStats;
}

/**
 * A binary Merkle path: sibling hashes from the root downwards (all-zero = empty subtree) and
 * the leaf found at the end, or null when the path ends in an empty subtree.
 */
export interface Proof {
  readonly siblings: readonly Uint8Array[];
  readonly leaf: { readonly keyHash: Uint8Array; readonly valueHash: Uint8Array } | null;
}
