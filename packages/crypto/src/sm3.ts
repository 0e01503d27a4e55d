/**
 * SM3 (GB/T 32905-2016) in JavaScript for the browser suite, built on noble-hashes' audited
 * Merkle–Damgård frame (padding, buffering, length): only the compression function is here.
 */
import { HashMD } from '@noble/hashes/_md.js';
import { createHasher } from '@noble/hashes/utils.js';
import { runOneBlockChain } from './one-block.ts';

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
/** T_j rotated left by j mod 32, per round. */
const T = new Int32Array(64);
for (let j = 0; j < 64; j++) T[j] = rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);
const IV32 = Int32Array.from(IV);

/**
 * One SM3 compression: `v` (8 words) becomes CF(v, B) for the block B whose 16 words are `w[0..15]`;
 * `w` (68 words) is overwritten with the expansion.
 */
function sm3Compress(v: Int32Array, w: Int32Array): void {
  for (let j = 16; j < 68; j++) {
    const p = w[j - 16]! ^ w[j - 9]! ^ rotl(w[j - 3]!, 15);
    w[j] = p ^ rotl(p, 15) ^ rotl(p, 23) ^ rotl(w[j - 13]!, 7) ^ w[j - 6]!;
  }
  let a = v[0]!;
  let b = v[1]!;
  let c = v[2]!;
  let d = v[3]!;
  let e = v[4]!;
  let f = v[5]!;
  let g = v[6]!;
  let h = v[7]!;
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + T[j]!) | 0, 7);
    const ss2 = ss1 ^ a12;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + (w[j]! ^ w[j + 4]!)) | 0;
    const tt2 = (gg + h + ss1 + w[j]!) | 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
  }
  v[0] = v[0]! ^ a;
  v[1] = v[1]! ^ b;
  v[2] = v[2]! ^ c;
  v[3] = v[3]! ^ d;
  v[4] = v[4]! ^ e;
  v[5] = v[5]! ^ f;
  v[6] = v[6]! ^ g;
  v[7] = v[7]! ^ h;
}

/**
 * H^n(x) with H(x) = SM3(head ‖ x): `Suite.oneBlockChain` of the gm suites (one-block.ts). PERF:
 * one compression per step with no hasher object: 70,000 steps ≈ 21–27 ms against 110–190 ms
 * through `sm3()` per step.
 */
export function sm3OneBlockChain(head: Uint8Array, x: Uint8Array, n: number): Uint8Array {
  return runOneBlockChain(head, x, n, IV32, 68, chainStep);
}

const chainStep = (w: Int32Array, v: Int32Array) => sm3Compress(v, w);

const W = new Int32Array(68);
const V = new Int32Array(8);

class SM3 extends HashMD<SM3> {
  A = 0;
  B = 0;
  C = 0;
  D = 0;
  E = 0;
  F = 0;
  G = 0;
  H = 0;
  constructor() {
    super(64, 32, 8, false);
    this.set(IV[0]!, IV[1]!, IV[2]!, IV[3]!, IV[4]!, IV[5]!, IV[6]!, IV[7]!);
  }
  protected get(): number[] {
    return [this.A, this.B, this.C, this.D, this.E, this.F, this.G, this.H];
  }
  protected set(
    a: number,
    b: number,
    c: number,
    d: number,
    e: number,
    f: number,
    g: number,
    h: number,
  ): void {
    this.A = a | 0;
    this.B = b | 0;
    this.C = c | 0;
    this.D = d | 0;
    this.E = e | 0;
    this.F = f | 0;
    this.G = g | 0;
    this.H = h | 0;
  }
  protected process(view: DataView, offset: number): void {
    for (let i = 0; i < 16; i++, offset += 4) W[i] = view.getInt32(offset, false);
    V[0] = this.A;
    V[1] = this.B;
    V[2] = this.C;
    V[3] = this.D;
    V[4] = this.E;
    V[5] = this.F;
    V[6] = this.G;
    V[7] = this.H;
    sm3Compress(V, W);
    this.set(V[0]!, V[1]!, V[2]!, V[3]!, V[4]!, V[5]!, V[6]!, V[7]!);
  }
  protected roundClean(): void {
    W.fill(0);
    V.fill(0);
  }
  destroy(): void {
    this.destroyed = true;
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
    this.buffer.fill(0);
  }
  _cloneInto(to?: SM3): SM3 {
    const target = to ?? new SM3();
    target.set(this.A, this.B, this.C, this.D, this.E, this.F, this.G, this.H);
    return this._cloneIntoMeta(target);
  }
}

/** SM3 digest (32 bytes); also `sm3.create()` for incremental hashing. */
export const sm3 = createHasher(() => new SM3());
