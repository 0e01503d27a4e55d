/**
 * Verification of one snapshot chunk against a state root. Pure: no IO, same in Node and
 * browsers. A chunk is accepted exactly when its entries are all the leaves under its prefix in
 * the tree with that root: the subtree hash at the prefix is recomputed from the entries by the
 * binary sparse Merkle rule and hashed up the path to the root (why this is sound: README.md).
 */
import {
  bitAt,
  bytesEqual,
  commonPrefixBits,
  compareBytes,
  HASH_LENGTH,
  internalHash,
  leafHash,
  ZERO_HASH,
} from './hash.ts';
import { hasPrefix, isPrefix, prefixBit, prefixPath } from './snapshot-prefix.ts';
import type { SnapshotChunk } from './snapshot-types.ts';
import type { Hasher } from './types.ts';

/** The outcome of `checkSnapshotChunk`: ok, or why the chunk was refused. */
export type SnapshotChunkCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

interface HashedLeaf {
  readonly keyHash: Uint8Array;
  readonly valueHash: Uint8Array;
}

/**
 * The hash of the binary subtree holding `leaves` (sorted by key hash, all sharing their first
 * `depth` bits) rooted at bit depth `depth`: empty → ZERO, one leaf → its leaf hash (a lone leaf
 * sits at its shortest unique prefix), otherwise H(0x01 || left || right) split on bit `depth`.
 */
export function subtreeHash(hasher: Hasher, leaves: readonly HashedLeaf[], depth: number): Uint8Array {
  const go = (lo: number, hi: number, d: number): Uint8Array => {
    if (hi === lo) return ZERO_HASH;
    if (hi - lo === 1) return leafHash(hasher, leaves[lo]!.keyHash, leaves[lo]!.valueHash);
    // Distinct 256-bit hashes split before bit 256; the caller checked they are distinct.
    // Bits at depth d are 0s then 1s in sorted order: binary search for the first 1.
    let a = lo;
    let b = hi;
    while (a < b) {
      const m = (a + b) >> 1;
      if (bitAt(leaves[m]!.keyHash, d)) b = m;
      else a = m + 1;
    }
    return internalHash(hasher, go(lo, a, d + 1), go(a, hi, d + 1));
  };
  return go(0, leaves.length, depth);
}

const refuse = (reason: string): SnapshotChunkCheck => ({ ok: false, reason });

function isHash(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array && v.length === HASH_LENGTH;
}

/**
 * Whether `chunk` holds exactly the leaves under its prefix in the tree whose root is `root`,
 * and if not, the first reason found. Never throws on malformed input.
 */
export function checkSnapshotChunk(
  hasher: Hasher,
  root: Uint8Array,
  chunk: SnapshotChunk,
): SnapshotChunkCheck {
  try {
    if (!isHash(root) || !isHash(chunk.root) || !bytesEqual(chunk.root, root)) {
      return refuse('chunk is for another root');
    }
    const { prefix, siblings, boundary } = chunk;
    if (!isPrefix(prefix)) return refuse('prefix is not canonical');
    if (!Array.isArray(siblings) || siblings.length > prefix.bits || !siblings.every(isHash)) {
      return refuse('siblings are not a path of at most prefix-length hashes');
    }
    if (!Array.isArray(chunk.entries)) return refuse('entries is not a list');
    const leaves: HashedLeaf[] = [];
    for (const e of chunk.entries) {
      if (!(e?.key instanceof Uint8Array) || !(e.value instanceof Uint8Array))
        return refuse('entry is not bytes');
      const keyHash = hasher(e.key);
      if (!hasPrefix(keyHash, prefix)) return refuse('entry outside the prefix');
      const prev = leaves[leaves.length - 1];
      if (prev && compareBytes(prev.keyHash, keyHash) >= 0)
        return refuse('entries not in ascending key-hash order');
      leaves.push({ keyHash, valueHash: hasher(e.value) });
    }
    const depth = siblings.length;
    let h: Uint8Array;
    if (depth === prefix.bits) {
      if (boundary !== null) return refuse('boundary leaf on a path that reaches the prefix');
      h = subtreeHash(hasher, leaves, depth);
    } else if (boundary !== null) {
      // The path ends above the prefix at one leaf outside it: the prefix holds nothing.
      if (!isHash(boundary.keyHash) || !isHash(boundary.valueHash)) return refuse('boundary leaf malformed');
      if (leaves.length !== 0) return refuse('entries under a prefix whose path ends at another leaf');
      const pathBits = prefixPath(prefix);
      if (commonPrefixBits(boundary.keyHash, pathBits) < depth || hasPrefix(boundary.keyHash, prefix)) {
        return refuse('boundary leaf is not on the path or lies inside the prefix');
      }
      h = leafHash(hasher, boundary.keyHash, boundary.valueHash);
    } else {
      // The path ends above the prefix at an empty subtree or at the prefix's only leaf.
      if (leaves.length > 1) return refuse('more than one entry under a path that ends above the prefix');
      h = leaves.length === 1 ? leafHash(hasher, leaves[0]!.keyHash, leaves[0]!.valueHash) : ZERO_HASH;
    }
    for (let i = depth - 1; i >= 0; i--) {
      const sib = siblings[i]!;
      h = prefixBit(prefix, i) ? internalHash(hasher, sib, h) : internalHash(hasher, h, sib);
    }
    return bytesEqual(h, root) ? { ok: true } : refuse('chunk does not hash to the root');
  } catch {
    return refuse('chunk is malformed');
  }
}

/** True when `chunk` holds exactly the leaves under its prefix in the tree with root `root`. */
export function verifySnapshotChunk(hasher: Hasher, root: Uint8Array, chunk: SnapshotChunk): boolean {
  return checkSnapshotChunk(hasher, root, chunk).ok;
}
