/**
 * 16-ary internal nodes hashed as a 4-level binary tree, so that the 16-ary tree has the same
 * root as the binary sparse Merkle tree it stands for and proofs are binary (Jellyfish design).
 * Binary rule, at every height: empty subtree → ZERO; subtree holding exactly one leaf → that
 * leaf's hash (the leaf sits at its shortest unique prefix); otherwise H(0x01 || left || right).
 */
import { HASH_LENGTH, internalHash, ZERO_HASH } from './hash.ts';
import type { Hasher, InternalNode } from './types.ts';

/** A child slot of an internal node. */
export interface ChildRef {
  readonly version: number;
  readonly hash: Uint8Array;
  readonly leaf: boolean;
}

/** Child `i`'s hash (a view, do not modify). */
export function childHash(node: InternalNode, i: number): Uint8Array {
  return node.hashes.subarray(i * HASH_LENGTH, (i + 1) * HASH_LENGTH);
}

/** Child `i`, or undefined when absent. */
export function childAt(node: InternalNode, i: number): ChildRef | undefined {
  if (!(node.present & (1 << i))) return undefined;
  return { version: node.versions[i]!, hash: childHash(node, i), leaf: (node.leaves & (1 << i)) !== 0 };
}

/** Number of present children. */
export function childCount(node: InternalNode): number {
  let n = 0;
  for (let m = node.present; m !== 0; m &= m - 1) n++;
  return n;
}

/** A node whose children are `base`'s with `changes` applied (undefined = remove). */
export function withChildren(
  base: InternalNode | undefined,
  changes: ReadonlyArray<readonly [nibble: number, child: ChildRef | undefined]>,
): InternalNode {
  const hashes = new Uint8Array(16 * HASH_LENGTH);
  const versions = base ? base.versions.slice() : new Array<number>(16).fill(-1);
  let present = base?.present ?? 0;
  let leaves = base?.leaves ?? 0;
  if (base) hashes.set(base.hashes);
  for (const [i, c] of changes) {
    const bit = 1 << i;
    if (c) {
      present |= bit;
      leaves = c.leaf ? leaves | bit : leaves & ~bit;
      versions[i] = c.version;
      hashes.set(c.hash, i * HASH_LENGTH);
    } else {
      present &= ~bit;
      leaves &= ~bit;
      versions[i] = -1;
      hashes.fill(0, i * HASH_LENGTH, (i + 1) * HASH_LENGTH);
    }
  }
  return { kind: 'internal', present, leaves, hashes, versions };
}

function setPosition(hasher: Hasher, h: Uint8Array, counts: Uint8Array, p: number): void {
  const a = 2 * p;
  const b = a + 1;
  const ca = counts[a]!;
  const cb = counts[b]!;
  const at = p * HASH_LENGTH;
  if (ca + cb === 0) {
    counts[p] = 0;
    h.fill(0, at, at + HASH_LENGTH);
  } else if (ca + cb === 1) {
    // Exactly one leaf below: it moves up unchanged.
    counts[p] = 1;
    const from = (ca === 1 ? a : b) * HASH_LENGTH;
    h.copyWithin(at, from, from + HASH_LENGTH);
  } else {
    counts[p] = 2;
    const left = h.subarray(a * HASH_LENGTH, (a + 1) * HASH_LENGTH);
    const right = h.subarray(b * HASH_LENGTH, (b + 1) * HASH_LENGTH);
    h.set(internalHash(hasher, left, right), at);
  }
}

/**
 * The binary heap of `node`, computed once and memoized. When `prev` (the node this one was
 * derived from) has its heap, only positions above the `changed` nibbles are rehashed.
 * PERF: an update touching one child costs 4 hashes instead of up to 15.
 */
export function ensureHeap(
  hasher: Hasher,
  node: InternalNode,
  prev?: InternalNode,
  changed?: readonly number[],
): { hashes: Uint8Array; counts: Uint8Array } {
  if (node.heap) return node.heap;
  const h = new Uint8Array(32 * HASH_LENGTH);
  const counts = new Uint8Array(32);
  h.set(node.hashes, 16 * HASH_LENGTH);
  for (let i = 0; i < 16; i++) {
    const bit = 1 << i;
    counts[16 + i] = node.present & bit ? (node.leaves & bit ? 1 : 2) : 0;
  }
  if (prev?.heap && changed) {
    h.set(prev.heap.hashes.subarray(0, 16 * HASH_LENGTH));
    counts.set(prev.heap.counts.subarray(0, 16));
    let dirty = 0;
    for (const i of changed) dirty |= 1 << ((16 + i) >> 1);
    for (let p = 15; p >= 1; p--) {
      if (dirty & (1 << p)) {
        setPosition(hasher, h, counts, p);
        dirty |= 1 << (p >> 1);
      }
    }
  } else {
    for (let p = 15; p >= 1; p--) setPosition(hasher, h, counts, p);
  }
  node.heap = { hashes: h, counts };
  return node.heap;
}

/** The node's hash: heap position 1. Never ZERO for a valid node (it has two leaves below). */
export function internalNodeHash(hasher: Hasher, node: InternalNode): Uint8Array {
  const heap = ensureHeap(hasher, node);
  return heap.counts[1] === 0 ? ZERO_HASH : heap.hashes.slice(HASH_LENGTH, 2 * HASH_LENGTH);
}
