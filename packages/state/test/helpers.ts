/** Test helpers: hashers of both suites and an independent reference root. */
import { createHash } from 'node:crypto';
import type { Hasher } from '../src/types.ts';

export const sha256: Hasher = (d) => new Uint8Array(createHash('sha256').update(d).digest());
export const sm3: Hasher = (d) => new Uint8Array(createHash('sm3').update(d).digest());
export const suites: ReadonlyArray<readonly [string, Hasher]> = [
  ['sha256', sha256],
  ['sm3', sm3],
];

/**
 * The root by the definition of the binary sparse Merkle tree, straight from the contents:
 * empty → ZERO, one leaf → its hash, else H(0x01 || left || right) split on the next bit.
 * Shares nothing with the implementation: the prefixes, the bit order and the empty hash are
 * written out here (src/hash.ts is what it checks). Pinned roots: vectors.test.ts.
 */
export function referenceRoot(
  hasher: Hasher,
  contents: ReadonlyMap<string, Uint8Array> | ReadonlyArray<readonly [Uint8Array, Uint8Array]>,
): Uint8Array {
  const pairs: ReadonlyArray<readonly [Uint8Array, Uint8Array]> =
    contents instanceof Map
      ? [...(contents as ReadonlyMap<string, Uint8Array>)].map(([k, v]) => [utf8(k), v] as const)
      : [...(contents as ReadonlyArray<readonly [Uint8Array, Uint8Array]>)];
  const zero = new Uint8Array(32);
  const node = (prefix: number, a: Uint8Array, b: Uint8Array) => {
    const pre = new Uint8Array(65);
    pre[0] = prefix;
    pre.set(a, 1);
    pre.set(b, 33);
    return hasher(pre);
  };
  const bitAt = (h: Uint8Array, depth: number) => (h[depth >> 3]! >> (7 - (depth & 7))) & 1;
  const leaves = pairs
    .map(([k, v]) => {
      const keyHash = hasher(k);
      return { keyHash, hash: node(0x00, keyHash, hasher(v)) };
    })
    .sort((a, b) => Buffer.compare(a.keyHash, b.keyHash));
  const go = (lo: number, hi: number, depth: number): Uint8Array => {
    if (hi === lo) return zero;
    if (hi - lo === 1) return leaves[lo]!.hash;
    let mid = lo;
    while (mid < hi && bitAt(leaves[mid]!.keyHash, depth) === 0) mid++;
    return node(0x01, go(lo, mid, depth + 1), go(mid, hi, depth + 1));
  };
  return go(0, leaves.length, 0);
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * SHA-256, except that a 33-byte input 0xff || h hashes to h: lets tests choose key hashes and
 * build keys sharing up to 255 leading bits (the deepest paths a tree can have).
 */
export const chosenKeyHasher: Hasher = (d) => (d.length === 33 && d[0] === 0xff ? d.slice(1) : sha256(d));

/** A key whose hash under `chosenKeyHasher` is `keyHash`. */
export const chosenKey = (keyHash: Uint8Array): Uint8Array => Uint8Array.of(0xff, ...keyHash);
