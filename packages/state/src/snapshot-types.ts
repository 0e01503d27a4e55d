/**
 * Snapshot data: a state version split into chunks by key-hash prefix. Each chunk carries every
 * leaf whose key hash starts with its prefix (keys and values in full) and the Merkle path that
 * links the binary subtree at that prefix to the version's root, so each chunk is verified on
 * its own against the root (snapshot-verify.ts). Design: packages/state/README.md.
 */

/**
 * A key-hash prefix of `bits` bits (0..256): `bytes` holds them most significant bit first,
 * ceil(bits/8) bytes, the unused low bits of the last byte zero (one encoding per prefix).
 */
export interface KeyHashPrefix {
  readonly bits: number;
  readonly bytes: Uint8Array;
}

/** One key and its value at the snapshot's version. */
export interface SnapshotEntry {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

/** A leaf given by hashes only: the one that ends a chunk's path above its prefix. */
export interface SnapshotLeaf {
  readonly keyHash: Uint8Array;
  readonly valueHash: Uint8Array;
}

/** Every leaf under one key-hash prefix at one version, with its proof. */
export interface SnapshotChunk {
  readonly version: number;
  /** The root the chunk proves against (the version's state root). */
  readonly root: Uint8Array;
  readonly prefix: KeyHashPrefix;
  /** The leaves under `prefix`, in ascending key-hash order. */
  readonly entries: readonly SnapshotEntry[];
  /**
   * Sibling hashes along the prefix's path from the root down (all-zero = empty subtree):
   * `prefix.bits` of them, or fewer when the path ends above the prefix in an empty subtree or
   * a single leaf.
   */
  readonly siblings: readonly Uint8Array[];
  /** When the path ends above the prefix at a leaf outside the prefix: that leaf. */
  readonly boundary: SnapshotLeaf | null;
}

/** What a server offers for one version: the chunk prefixes, in ascending key-hash order. */
export interface SnapshotManifest {
  readonly version: number;
  readonly root: Uint8Array;
  /** Prefix of each chunk and the number of leaves it holds (informative; chunks are checked). */
  readonly chunks: ReadonlyArray<{ readonly prefix: KeyHashPrefix; readonly leaves: number }>;
}
