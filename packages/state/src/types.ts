/** The chain's hash function (suite.hash): must return a fresh 32-byte array for any input. */
export type Hasher = (data: Uint8Array) => Uint8Array;

/** A stored leaf: the hashed key it sits for and the hash of its value. */
export interface LeafNode {
  readonly kind: 'leaf';
  readonly keyHash: Uint8Array;
  readonly valueHash: Uint8Array;
}

/**
 * A stored 16-ary internal node. Child i (nibble i) is present when bit i of `present` is set;
 * it is a leaf when bit i of `leaves` is set. Its hash is `hashes[32i, 32i+32)` and it is stored
 * under (versions[i], parentPath + hex(i)). Absent children have a zero hash and version -1.
 */
export interface InternalNode {
  readonly kind: 'internal';
  readonly present: number;
  readonly leaves: number;
  readonly hashes: Uint8Array;
  readonly versions: readonly number[];
  /**
   * Memo, never stored: the node's 4-level binary hash heap (positions 1..31, 32 bytes each;
   * 16..31 are the children) and per position 0 = empty, 1 = exactly one leaf, 2 = more.
   */
  heap?: { hashes: Uint8Array; counts: Uint8Array };
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

/** One key written by a batch: value null is a deletion (only of a key that existed). */
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
