/** Key-hash prefixes: construction, comparison and the check that a set of them covers the space. */
import { bitAt, compareBytes } from './hash.ts';
import type { KeyHashPrefix } from './snapshot-types.ts';

/** Longest prefix: a whole 32-byte key hash. */
export const MAX_PREFIX_BITS = 256;

/** The empty prefix (the whole key-hash space). */
export const ROOT_PREFIX: KeyHashPrefix = { bits: 0, bytes: new Uint8Array(0) };

/** True when `p` is a canonical prefix: 0..256 bits, ceil(bits/8) bytes, unused bits zero. */
export function isPrefix(p: KeyHashPrefix): boolean {
  if (typeof p !== 'object' || p === null || !(p.bytes instanceof Uint8Array)) return false;
  const { bits, bytes } = p;
  if (!Number.isInteger(bits) || bits < 0 || bits > MAX_PREFIX_BITS) return false;
  if (bytes.length !== Math.ceil(bits / 8)) return false;
  return bits % 8 === 0 || (bytes[bytes.length - 1]! & (0xff >> (bits % 8))) === 0;
}

/** The prefix one bit longer than `p`, with that bit `bit`. */
export function childPrefix(p: KeyHashPrefix, bit: 0 | 1): KeyHashPrefix {
  const bits = p.bits + 1;
  const bytes = new Uint8Array(Math.ceil(bits / 8));
  bytes.set(p.bytes);
  if (bit) bytes[p.bits >> 3]! |= 0x80 >> (p.bits & 7);
  return { bits, bytes };
}

/** True when `keyHash` starts with the bits of `p`. */
export function hasPrefix(keyHash: Uint8Array, p: KeyHashPrefix): boolean {
  const whole = p.bits >> 3;
  for (let i = 0; i < whole; i++) if (keyHash[i] !== p.bytes[i]) return false;
  const rest = p.bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((keyHash[whole] ?? 0) & mask) === p.bytes[whole];
}

/** `p` as a 32-byte key hash (zero padded): its path through the tree. */
export function prefixPath(p: KeyHashPrefix): Uint8Array {
  const out = new Uint8Array(32);
  out.set(p.bytes);
  return out;
}

/** Bit `i` of the prefix. */
export function prefixBit(p: KeyHashPrefix, i: number): number {
  return bitAt(p.bytes, i);
}

/** Lowercase text form, one character per bit ('' for the root): for logs and map keys. */
export function prefixToString(p: KeyHashPrefix): string {
  let s = '';
  for (let i = 0; i < p.bits; i++) s += prefixBit(p, i) ? '1' : '0';
  return s;
}

/** Equality of two prefixes. */
export function prefixEqual(a: KeyHashPrefix, b: KeyHashPrefix): boolean {
  return a.bits === b.bits && compareBytes(a.bytes, b.bytes) === 0;
}

/**
 * True when the prefixes are canonical and cover the key-hash space exactly once (every key hash
 * starts with exactly one of them): no prefix starts another one, and their shares of the space,
 * 2^-bits each, add up to one (the space is finite, so disjoint cells of total share one are all
 * of it). O(n log n) for n prefixes.
 */
export function coversSpaceOnce(prefixes: readonly KeyHashPrefix[]): boolean {
  if (!prefixes.every(isPrefix)) return false;
  const strings = prefixes.map(prefixToString).sort();
  // In sorted order a prefix is immediately followed by the strings that start with it.
  for (let i = 1; i < strings.length; i++) if (strings[i]!.startsWith(strings[i - 1]!)) return false;
  let share = 0n;
  for (const p of prefixes) share += 1n << BigInt(MAX_PREFIX_BITS - p.bits);
  return share === 1n << BigInt(MAX_PREFIX_BITS);
}
