import { StateError } from './errors.ts';
import type { Hasher } from './types.ts';

/** Hash length of every supported suite (SHA-256, SM3). */
export const HASH_LENGTH = 32;

/** The hash of an empty subtree at any height: 32 zero bytes (never a hash output in practice). */
export const ZERO_HASH: Uint8Array = new Uint8Array(HASH_LENGTH);

// Domain separation: a leaf preimage can never be read as an internal-node preimage.
const LEAF_PREFIX = 0x00;
const INTERNAL_PREFIX = 0x01;

// PERF: one reused preimage buffer (hashing is synchronous; a Hasher never keeps its input).
const buf = new Uint8Array(1 + 2 * HASH_LENGTH);

/** H(0x00 || keyHash || valueHash). */
export function leafHash(hasher: Hasher, keyHash: Uint8Array, valueHash: Uint8Array): Uint8Array {
  buf[0] = LEAF_PREFIX;
  buf.set(keyHash, 1);
  buf.set(valueHash, 1 + HASH_LENGTH);
  return hasher(buf);
}

/** H(0x01 || left || right). */
export function internalHash(hasher: Hasher, left: Uint8Array, right: Uint8Array): Uint8Array {
  buf[0] = INTERNAL_PREFIX;
  buf.set(left, 1);
  buf.set(right, 1 + HASH_LENGTH);
  return hasher(buf);
}

/** Throws STATE_BAD_HASHER unless `hasher` returns 32 bytes. */
export function checkHasher(hasher: Hasher): void {
  const out = hasher(new Uint8Array(0));
  if (!(out instanceof Uint8Array) || out.length !== HASH_LENGTH) {
    throw new StateError('STATE_BAD_HASHER', 'the hasher must return 32 bytes', { length: out?.length });
  }
}

/** Nibble `depth` (0 = high nibble of byte 0) of a key hash. */
export function nibbleAt(keyHash: Uint8Array, depth: number): number {
  const byte = keyHash[depth >> 1] ?? 0;
  return depth & 1 ? byte & 15 : byte >> 4;
}

/** Bit `depth` (0 = most significant bit of byte 0) of a key hash. */
export function bitAt(keyHash: Uint8Array, depth: number): number {
  return ((keyHash[depth >> 3] ?? 0) >> (7 - (depth & 7))) & 1;
}

/** Number of leading bits two hashes share. */
export function commonPrefixBits(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = (a[i] ?? 0) ^ (b[i] ?? 0);
    if (x !== 0) return i * 8 + Math.clz32(x) - 24;
  }
  return n * 8;
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic byte order, the order batches are applied in. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const HEX = '0123456789abcdef';

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX[b >> 4]! + HEX[b & 15]!;
  return s;
}

/** Bytes of lowercase or uppercase hex; undefined when not valid hex. */
export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
