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

const HEAP_BYTES = 32 * HASH_LENGTH;
const CHILDREN_AT = 16 * HASH_LENGTH;

// PERF: heaps are carved from 64 KiB slabs. A 1 KiB Uint8Array of its own is an off-heap
// ArrayBuffer (allocated, tracked and swept one by one: ≈ 1 µs each, and GC time); a view into a
// shared slab is a small on-heap object. A slab lives while any of its 64 heaps does, which the
// node cache (nodes replaced a version or a few later) keeps to a small multiple of its size.
const SLAB_HEAPS = 64;
let slab = new ArrayBuffer(0);
let slabUsed = SLAB_HEAPS;

/** A zeroed heap buffer (HEAP_BYTES) inside the current slab. */
function allocHeap(): Uint8Array {
  if (slabUsed === SLAB_HEAPS) {
    slab = new ArrayBuffer(SLAB_HEAPS * HEAP_BYTES);
    slabUsed = 0;
  }
  return new Uint8Array(slab, HEAP_BYTES * slabUsed++, HEAP_BYTES);
}

/** A node with no children and its heap not yet computed; fill with `setChild`. */
export function emptyInternal(): InternalNode {
  return {
    kind: 'internal',
    present: 0,
    leaves: 0,
    heap: allocHeap(),
    counts: new Uint8Array(32),
    versions: [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1],
    heapReady: false,
  };
}

/** Child `i`'s hash (a view, do not modify). */
export function childHash(node: InternalNode, i: number): Uint8Array {
  return node.heap.subarray(CHILDREN_AT + i * HASH_LENGTH, CHILDREN_AT + (i + 1) * HASH_LENGTH);
}

/** Child `i`, or undefined when absent. */
export function childAt(node: InternalNode, i: number): ChildRef | undefined {
  if (!(node.present & (1 << i))) return undefined;
  return { version: node.versions[i]!, hash: childHash(node, i), leaf: (node.leaves & (1 << i)) !== 0 };
}

/** Sets or (child undefined) clears slot `i` of a node under construction. */
export function setChild(node: InternalNode, i: number, child: ChildRef | undefined): void {
  const bit = 1 << i;
  const at = CHILDREN_AT + i * HASH_LENGTH;
  if (child) {
    node.present |= bit;
    node.leaves = child.leaf ? node.leaves | bit : node.leaves & ~bit;
    node.versions[i] = child.version;
    node.heap.set(child.hash, at);
    node.counts[16 + i] = child.leaf ? 1 : 2;
  } else {
    node.present &= ~bit;
    node.leaves &= ~bit;
    node.versions[i] = -1;
    node.heap.fill(0, at, at + HASH_LENGTH);
    node.counts[16 + i] = 0;
  }
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
 * A copy of `base` with `changes` applied and its heap computed. When `base` has its heap,
 * only positions above the changed slots are rehashed.
 * PERF: an update touching one child costs 4 hashes instead of up to 15, and a node's heap is
 * one 1 KiB slice of a slab (fewer, larger buffers keep GC time down).
 */
export function withChildren(
  hasher: Hasher,
  base: InternalNode | undefined,
  changes: ReadonlyArray<readonly [nibble: number, child: ChildRef | undefined]>,
): InternalNode {
  let node: InternalNode;
  if (base) {
    const heap = allocHeap();
    heap.set(base.heap);
    node = {
      kind: 'internal',
      present: base.present,
      leaves: base.leaves,
      heap,
      // PERF: the copy constructor is faster than TypedArray#slice for this size.
      counts: new Uint8Array(base.counts),
      versions: base.versions.slice(),
      heapReady: false,
    };
  } else node = emptyInternal();
  for (const [i, c] of changes) setChild(node, i, c);
  if (base?.heapReady) {
    let dirty = 0;
    for (const [i] of changes) dirty |= 1 << ((16 + i) >> 1);
    for (let p = 15; p >= 1; p--) {
      if (dirty & (1 << p)) {
        setPosition(hasher, node.heap, node.counts, p);
        dirty |= 1 << (p >> 1);
      }
    }
    node.heapReady = true;
  } else ensureHeap(hasher, node);
  return node;
}

/** Computes the heap positions 1..15 of a node if not done yet. */
export function ensureHeap(hasher: Hasher, node: InternalNode): void {
  if (node.heapReady) return;
  for (let p = 15; p >= 1; p--) setPosition(hasher, node.heap, node.counts, p);
  node.heapReady = true;
}

/** Hash at heap position `p` (1 = the node's hash; a view, do not modify). */
export function heapHash(node: InternalNode, p: number): Uint8Array {
  return node.heap.subarray(p * HASH_LENGTH, (p + 1) * HASH_LENGTH);
}

/** The node's hash. Never ZERO for a valid node (it has two leaves below). */
export function internalNodeHash(hasher: Hasher, node: InternalNode): Uint8Array {
  ensureHeap(hasher, node);
  return node.counts[1] === 0 ? ZERO_HASH : node.heap.slice(HASH_LENGTH, 2 * HASH_LENGTH);
}
