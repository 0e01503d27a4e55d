/**
 * The one-block hash chain both suites offer (`Suite.oneBlockChain`): H^n(x) with H(x) =
 * hash(head ‖ x), a 22-byte head and a 32-byte value. 54 bytes that SHA-256 and SM3 both pad into
 * ONE 64-byte block (0x80, zeros, the bit length in the last 8 bytes, big-endian): words 0–4 and
 * 14–15 never change, words 5–13 hold the value shifted by 16 bits with the 0x80 after it. The
 * age chain of @djchain/modules is this with head = len(tag) ‖ tag ‖ len(x) and a 14-byte tag.
 * Words as Int32 (the loops' arithmetic is 32-bit).
 */
import { CryptoError, checkLength } from './errors.ts';

/** Bytes before the value in every step's input. */
export const ONE_BLOCK_HEAD = 22;
/** Steps one call takes at most (the age chain's longest is ~110,000). */
export const MAX_CHAIN_STEPS = 1 << 20;

/** CRYPTO_BAD_LENGTH / CRYPTO_RANGE unless head is 22 bytes, x 32 and n an integer 0..2^20. */
export function checkOneBlockChain(head: Uint8Array, x: Uint8Array, n: number): void {
  checkLength(head, ONE_BLOCK_HEAD, 'chain head');
  checkLength(x, 32, 'chain value');
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_CHAIN_STEPS)
    throw new CryptoError('CRYPTO_RANGE', `chain length must be 0..${MAX_CHAIN_STEPS}`);
}

/**
 * Words 0–15 of the padded block of head ‖ x into `w`, the value's 8 words into `v`; returns the
 * constant high half of word 5.
 */
export function loadBlock(head: Uint8Array, x: Uint8Array, w: Int32Array, v: Int32Array): number {
  const block = new Uint8Array(64);
  const view = new DataView(block.buffer);
  block.set(head, 0);
  block.set(x, ONE_BLOCK_HEAD);
  block[ONE_BLOCK_HEAD + 32] = 0x80;
  view.setUint32(60, (ONE_BLOCK_HEAD + 32) * 8);
  for (let i = 0; i < 16; i++) w[i] = view.getInt32(i * 4);
  for (let i = 0; i < 8; i++) v[i] = view.getInt32(ONE_BLOCK_HEAD + 4 * i);
  return w[5]! & 0xffff0000;
}

/** Words 5–13 of the block for the value `v` (the previous step's digest). */
export function placeValue(w: Int32Array, w5hi: number, v: Int32Array): void {
  w[5] = w5hi | (v[0]! >>> 16);
  for (let i = 0; i < 7; i++) w[6 + i] = (v[i]! << 16) | (v[i + 1]! >>> 16);
  w[13] = (v[7]! << 16) | 0x8000;
}

/** The 8 words of a digest as its 32 bytes, big-endian. */
export function digestBytes(v: Int32Array): Uint8Array {
  // PERF: shifts, not a DataView (whose construction cost ≈ 3× a compression per digest).
  const out = new Uint8Array(32);
  for (let i = 0, o = 0; i < 8; i++, o += 4) {
    const x = v[i]!;
    out[o] = x >>> 24;
    out[o + 1] = x >>> 16;
    out[o + 2] = x >>> 8;
    out[o + 3] = x;
  }
  return out;
}

/**
 * The chain loop both suites run: `compress(w, v)` must set v to the compression of the block in
 * w[0..15] from the chaining value in v (w's words past 15 are its schedule, `scheduleWords` long).
 */
export function runOneBlockChain(
  head: Uint8Array,
  x: Uint8Array,
  n: number,
  iv: Int32Array,
  scheduleWords: number,
  compress: (w: Int32Array, v: Int32Array) => void,
): Uint8Array {
  checkOneBlockChain(head, x, n);
  const w = new Int32Array(scheduleWords);
  const v = new Int32Array(8);
  const w5hi = loadBlock(head, x, w, v);
  for (let step = 0; step < n; step++) {
    placeValue(w, w5hi, v);
    v.set(iv);
    compress(w, v);
  }
  return digestBytes(v);
}
