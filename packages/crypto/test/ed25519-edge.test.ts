/**
 * Ed25519 edge cases where libraries differ. OpenSSL (node) and our noble-based verifier (browser)
 * must accept exactly the same signatures, or nodes and light clients would disagree.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, fromHex, intlBrowser, intlNode } from '../src/index.ts';
import { vectors } from './helpers.ts';

const Point = ed25519.Point;
const L = Point.Fn.ORDER;
const le = (b: Uint8Array): bigint => {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  return n;
};
const toLE = (n: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
};
const both = (pk: Uint8Array, m: Uint8Array, sig: Uint8Array): boolean => {
  const a = intlNode.verify(pk, m, sig);
  assert.equal(intlBrowser.verify(pk, m, sig), a, 'node and browser disagree');
  return a;
};
const v1 = vectors<{ vectors: { publicKey: string; message: string; signature: string }[] }>('ed25519.json')
  .vectors[0]!;

test('non-canonical S (S + L, same residue) is rejected by both implementations', () => {
  const pk = fromHex(v1.publicKey);
  const sig = fromHex(v1.signature);
  const msg = fromHex(v1.message);
  assert.equal(both(pk, msg, sig), true);
  const s = le(sig.subarray(32));
  assert.equal(both(pk, msg, concatBytes(sig.subarray(0, 32), toLE(s + L))), false);
  assert.equal(both(pk, msg, concatBytes(sig.subarray(0, 32), toLE(L))), false);
});

test('non-canonical point encodings (y ≥ p, or x = 0 with the sign bit) are rejected by both', () => {
  const msg = new Uint8Array([1]);
  const sig = fromHex(v1.signature);
  const nonCanonical = [
    `${'ee'}${'ff'.repeat(30)}7f`, // y = p + 1 (≡ 1)
    `${'ed'}${'ff'.repeat(30)}7f`, // y = p
    `01${'00'.repeat(30)}80`, // y = 1 with sign bit: −0
    `ec${'ff'.repeat(30)}ff`, // y = p − 1 with sign bit
  ];
  for (const hex of nonCanonical) {
    assert.equal(both(fromHex(hex), msg, sig), false, hex);
    assert.equal(both(fromHex(v1.publicKey), msg, concatBytes(fromHex(hex), sig.subarray(32))), false, hex);
  }
});

test('small-order public keys and R: both implementations agree on every combination', () => {
  let accepted = 0;
  for (const a of ED25519_TORSION_SUBGROUP) {
    for (const r of ED25519_TORSION_SUBGROUP) {
      for (const s of [0n, 1n]) {
        for (let m = 0; m < 2; m++) {
          if (both(fromHex(a), new Uint8Array([m]), concatBytes(fromHex(r), toLE(s)))) accepted++;
        }
      }
    }
  }
  // OpenSSL refuses small-order A and R (libsodium too); the browser suite must refuse them as well.
  assert.equal(accepted, 0);
});

test('small-order A with a valid equation (k·T = O) and identity R with S = k·a are refused by both', () => {
  const m = new Uint8Array([5]);
  let equationHolds = 0;
  for (const t of ED25519_TORSION_SUBGROUP) {
    const A = fromHex(t);
    const r = 777n;
    const R = Point.BASE.multiply(r).toBytes();
    const k = le(sha512(concatBytes(R, A, m))) % L;
    if (Point.fromBytes(A, true).multiplyUnsafe(k).is0()) equationHolds++;
    assert.equal(both(A, m, concatBytes(R, toLE(r))), false, t);
  }
  assert.ok(equationHolds > 0, 'some case must satisfy the cofactorless equation');
  const a = 99n;
  const A = Point.BASE.multiply(a).toBytes();
  const R = fromHex(ED25519_TORSION_SUBGROUP[0]!);
  const k = le(sha512(concatBytes(R, A, m))) % L;
  assert.equal(both(A, m, concatBytes(R, toLE((k * a) % L))), false);
});

test('mixed-order public key A + T: cofactorless verification in both, so they agree (noble default would not)', () => {
  const seed = new Uint8Array(32).fill(9);
  const h = sha512(seed);
  const head = h.slice(0, 32);
  head[0]! &= 248;
  head[31]! &= 127;
  head[31]! |= 64;
  const a = le(head) % L;
  const A = Point.BASE.multiply(a);
  const T = Point.fromBytes(fromHex(ED25519_TORSION_SUBGROUP[2]!), true); // y = 0: a point of order 4
  const mixed = A.add(T).toBytes();
  let accepted = 0;
  let rejected = 0;
  let nobleDiffers = 0;
  for (let i = 0; i < 16; i++) {
    const msg = new Uint8Array([i]);
    const r = 12345n + BigInt(i);
    const R = Point.BASE.multiply(r).toBytes();
    const k = le(sha512(concatBytes(R, mixed, msg))) % L;
    const sig = concatBytes(R, toLE((r + k * a) % L));
    if (both(mixed, msg, sig)) accepted++;
    else rejected++;
    if (ed25519.verify(sig, msg, mixed, { zip215: false }) !== intlNode.verify(mixed, msg, sig))
      nobleDiffers++;
  }
  assert.ok(accepted > 0 && rejected > 0, `accepted ${accepted}, rejected ${rejected}`);
  assert.ok(nobleDiffers > 0, 'the case is meaningful only if noble’s cofactored default differs');
});
