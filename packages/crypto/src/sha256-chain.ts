/**
 * SHA-256's one-block chain (one-block.ts) for the intl suites: each step one compression in a tight
 * loop with no allocation and no call into a hasher. node:crypto's per-call cost is several times
 * the compression's for 54 bytes: 70,000 steps take ≈ 25 ms here against ≈ 105 ms with one
 * one-shot hash per step (bench/README.md, issue 20 item 16). Checked against the suite's hash in
 * the conformance tests.
 */
import { checkOneBlockChain, digestBytes, loadBlock, placeValue } from './one-block.ts';

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
const IV = Uint32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
/** H^n(x) with H(x) = SHA-256(head ‖ x): `Suite.oneBlockChain` of the intl suites. */
export function sha256OneBlockChain(head: Uint8Array, x: Uint8Array, n: number): Uint8Array {
  checkOneBlockChain(head, x, n);
  const w = new Int32Array(64);
  const v = new Int32Array(8);
  const w5hi = loadBlock(head, x, w, v);
  for (let step = 0; step < n; step++) {
    placeValue(w, w5hi, v);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = IV[0]!;
    let b = IV[1]!;
    let c = IV[2]!;
    let d = IV[3]!;
    let e = IV[4]!;
    let f = IV[5]!;
    let g = IV[6]!;
    let h = IV[7]!;
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
    v[0] = IV[0]! + a;
    v[1] = IV[1]! + b;
    v[2] = IV[2]! + c;
    v[3] = IV[3]! + d;
    v[4] = IV[4]! + e;
    v[5] = IV[5]! + f;
    v[6] = IV[6]! + g;
    v[7] = IV[7]! + h;
  }
  return digestBytes(v);
}
