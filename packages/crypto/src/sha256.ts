/**
 * SHA-256 in JavaScript for the intl suites' short inputs and one-block chains (issue 20).
 * node:crypto's per-call cost (≈ 1.4 µs here, whatever the length up to a few hundred bytes) is
 * several times one compression's (≈ 0.3 µs): a state-tree node (65 bytes, two compressions), a
 * key hash or a tagged hash costs 2–4× less here. Inputs longer than SHORT_INPUT_MAX bytes go to
 * node:crypto, which is faster from four compressions on (measured in bench/README.md, item 17).
 * Checked against node:crypto for every length around the padding boundaries and against the
 * FIPS 180-4 vectors (crypto/test/conformance.test.ts, sha256.test.ts).
 */
import { digestBytes, runOneBlockChain } from './one-block.ts';

// SHA-256 constants (FIPS 180-4 §4.2.2, §5.3.3).
const K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/**
 * One compression: `w[0..15]` holds the block as big-endian words (w[16..63] is overwritten with
 * the message schedule); `v`, the chaining value, becomes v + rounds(v, w).
 */
function compress(w: Int32Array, v: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = v[0]!;
  let b = v[1]!;
  let c = v[2]!;
  let d = v[3]!;
  let e = v[4]!;
  let f = v[5]!;
  let g = v[6]!;
  let h = v[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  v[0] = v[0]! + a;
  v[1] = v[1]! + b;
  v[2] = v[2]! + c;
  v[3] = v[3]! + d;
  v[4] = v[4]! + e;
  v[5] = v[5]! + f;
  v[6] = v[6]! + g;
  v[7] = v[7]! + h;
}

/** Inputs up to this length (three compressions with the padding) are hashed by `sha256Short`. */
export const SHORT_INPUT_MAX = 183;

// PERF: one schedule, chaining value and padding buffer (hashing is synchronous).
const W = new Int32Array(64);
const V = new Int32Array(8);
const TAIL = new Uint8Array(128);

/** Words 0–15 of W from `bytes` at `off`, big-endian. */
function loadWords(bytes: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4)
    W[i] = (bytes[off]! << 24) | (bytes[off + 1]! << 16) | (bytes[off + 2]! << 8) | bytes[off + 3]!;
}

/**
 * SHA-256 of `data` in JavaScript. Correct for any length below 2^32 bytes, fast for short ones
 * (the intl suite on Node uses it up to SHORT_INPUT_MAX bytes).
 */
export function sha256Short(data: Uint8Array): Uint8Array {
  const n = data.length;
  V.set(IV);
  let off = 0;
  for (; off + 64 <= n; off += 64) {
    loadWords(data, off);
    compress(W, V);
  }
  // The tail, 0x80, zeros and the bit length (big-endian, 64 bits) in one block or two.
  const rest = n - off;
  const blocks = rest + 9 > 64 ? 2 : 1;
  const end = blocks * 64;
  TAIL.fill(0, 0, end);
  TAIL.set(data.subarray(off), 0);
  TAIL[rest] = 0x80;
  const bits = n * 8;
  const high = Math.floor(bits / 0x100000000);
  TAIL[end - 8] = high >>> 24;
  TAIL[end - 7] = high >>> 16;
  TAIL[end - 6] = high >>> 8;
  TAIL[end - 5] = high;
  TAIL[end - 4] = bits >>> 24;
  TAIL[end - 3] = bits >>> 16;
  TAIL[end - 2] = bits >>> 8;
  TAIL[end - 1] = bits;
  for (let b = 0; b < end; b += 64) {
    loadWords(TAIL, b);
    compress(W, V);
  }
  return digestBytes(V);
}

/** H^n(x) with H(x) = SHA-256(head ‖ x): `Suite.oneBlockChain` of the intl suites. */
export function sha256OneBlockChain(head: Uint8Array, x: Uint8Array, n: number): Uint8Array {
  return runOneBlockChain(head, x, n, IV, 64, compress);
}
