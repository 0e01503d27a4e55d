/**
 * SM2: the GM/T 0003.5 example, deterministic signing, and cross-verification with sm-crypto
 * (an independent jsbn-based implementation) in both directions, for both of our implementations.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import smCrypto from 'sm-crypto';
import { fromHex, gmBrowser, gmNode, toHex } from '../src/index.ts';
import { SM2_N } from '../src/sm2/curve.ts';
import { sm2Uncompressed } from '../src/sm2/sm2.ts';
import { sm2Browser } from '../src/suites/gm.browser.ts';
import { sm2Node } from '../src/suites/gm.node.ts';
import { flip, vectors } from './helpers.ts';

const ex = vectors<Record<string, string>>('sm2.json');
const impls = [
  { suite: gmNode, sm2: sm2Node },
  { suite: gmBrowser, sm2: sm2Browser },
];
const seed = fc.uint8Array({ minLength: 32, maxLength: 32 });
const message = fc.uint8Array({ maxLength: 200 });

for (const { suite, sm2 } of impls) {
  describe(`SM2 ${suite.impl}`, () => {
    test('GM/T 0003.5 example: public key, Z_A, and (r, s) from the published k', () => {
      const d = fromHex(ex.secretKey!);
      const pk = suite.publicKeyOf(d);
      assert.equal(sm2Uncompressed(pk), `04${ex.publicKeyX}${ex.publicKeyY}`);
      assert.equal(toHex(sm2.za(pk)), ex.za);
      const msg = fromHex(ex.message!);
      assert.equal(toHex(suite.hash(new Uint8Array([...sm2.za(pk), ...msg]))), ex.e);
      const sig = sm2.signWithK(d, BigInt(`0x${ex.e}`), BigInt(`0x${ex.k}`));
      assert.equal(toHex(sig!), ex.r! + ex.s!);
      assert.equal(suite.verify(pk, msg, sig!), true);
      assert.equal(suite.verify(pk, flip(msg, 0), sig!), false);
    });

    test('signatures are deterministic and verify; any bit flip in message, key or signature fails', () => {
      fc.assert(
        fc.property(seed, message, fc.nat(), (s, m, at) => {
          const kp = suite.keyPairFromSeed(s);
          const sig = suite.sign(kp.secretKey, m);
          assert.deepEqual(suite.sign(kp.secretKey, m), sig);
          assert.equal(suite.verify(kp.publicKey, m, sig), true);
          assert.equal(suite.verify(kp.publicKey, m, flip(sig, at % 64)), false);
          assert.equal(suite.verify(flip(kp.publicKey, 1 + (at % 32)), m, sig), false);
          if (m.length > 0) assert.equal(suite.verify(kp.publicKey, flip(m, at % m.length), sig), false);
        }),
        { numRuns: 15 },
      );
    });

    test('sm-crypto verifies our signatures (default ID, Z computed by sm-crypto)', () => {
      fc.assert(
        fc.property(seed, message, (s, m) => {
          const kp = suite.keyPairFromSeed(s);
          const sig = suite.sign(kp.secretKey, m);
          const pub = sm2Uncompressed(kp.publicKey);
          assert.equal(smCrypto.sm2.getPublicKeyFromPrivateKey(toHex(kp.secretKey)), pub);
          assert.equal(smCrypto.sm2.doVerifySignature(Array.from(m), toHex(sig), pub, { hash: true }), true);
        }),
        { numRuns: 10 },
      );
    });

    test('we verify sm-crypto signatures, and reject them under an empty ID (what OpenSSL signs)', () => {
      fc.assert(
        fc.property(seed, message, (s, m) => {
          const kp = suite.keyPairFromSeed(s);
          const pub = sm2Uncompressed(kp.publicKey);
          const sig = fromHex(
            smCrypto.sm2.doSignature(Array.from(m), toHex(kp.secretKey), { hash: true, publicKey: pub }),
          );
          assert.equal(suite.verify(kp.publicKey, m, sig), true);
          const otherId = fromHex(
            smCrypto.sm2.doSignature(Array.from(m), toHex(kp.secretKey), {
              hash: true,
              publicKey: pub,
              userId: '',
            }),
          );
          assert.equal(suite.verify(kp.publicKey, m, otherId), false);
        }),
        { numRuns: 10 },
      );
    });

    test('r or s out of [1, n−1], or r + s = n, is rejected without throwing', () => {
      const d = fromHex(ex.secretKey!);
      const pk = suite.publicKeyOf(d);
      const msg = fromHex(ex.message!);
      const r = BigInt(`0x${ex.r}`);
      const s = BigInt(`0x${ex.s}`);
      const sig = (a: bigint, b: bigint) =>
        fromHex(a.toString(16).padStart(64, '0') + b.toString(16).padStart(64, '0'));
      const max = (1n << 256n) - 1n;
      assert.equal(suite.verify(pk, msg, sig(r, s)), true);
      // (r + n, s) and (r, s + n) would pass the curve equation; they do not fit in 32 bytes here, so
      // the range checks are exercised with n itself and the largest 32-byte value.
      for (const [a, b] of [
        [0n, s],
        [r, 0n],
        [SM2_N, s],
        [r, SM2_N],
        [max, s],
        [r, max],
        [r, SM2_N - r],
      ] as const) {
        assert.equal(suite.verify(pk, msg, sig(a, b)), false);
      }
    });

    test('malformed keys and signatures return false', () => {
      const d = fromHex(ex.secretKey!);
      const pk = suite.publicKeyOf(d);
      const msg = fromHex(ex.message!);
      const good = fromHex(ex.r! + ex.s!);
      const uncompressed = fromHex(sm2Uncompressed(pk));
      for (const key of [
        new Uint8Array(0),
        pk.subarray(1),
        uncompressed,
        new Uint8Array(33).fill(2),
        flip(pk, 0, 6),
      ]) {
        assert.equal(suite.verify(key, msg, good), false);
      }
      // x not on the curve: 0x02 ‖ (p − 1) style garbage
      assert.equal(suite.verify(fromHex(`02${'ff'.repeat(32)}`), msg, good), false);
      for (const sig of [new Uint8Array(0), good.subarray(1), new Uint8Array(65), new Uint8Array(64)]) {
        assert.equal(suite.verify(pk, msg, sig), false);
      }
    });

    test('a key verified many times (precomputed table path) still verifies and rejects correctly', () => {
      const kp = suite.keyPairFromSeed(new Uint8Array(32).fill(42));
      const msgs = Array.from({ length: 6 }, (_, i) => new Uint8Array([i, i + 1]));
      const sigs = msgs.map((m) => suite.sign(kp.secretKey, m));
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < msgs.length; i++) {
          assert.equal(suite.verify(kp.publicKey, msgs[i]!, sigs[i]!), true);
          assert.equal(suite.verify(kp.publicKey, msgs[i]!, sigs[(i + 1) % msgs.length]!), false);
        }
      }
    });

    test('secret keys outside [1, n−2] are refused when signing; seeds map into range', () => {
      assert.throws(() => suite.sign(new Uint8Array(32), new Uint8Array(1)), { code: 'CRYPTO_BAD_KEY' });
      const nMinus1 = fromHex((SM2_N - 1n).toString(16));
      assert.throws(() => suite.sign(nMinus1, new Uint8Array(1)), { code: 'CRYPTO_BAD_KEY' });
      for (const s of [new Uint8Array(32), new Uint8Array(32).fill(0xff), nMinus1]) {
        const kp = suite.keyPairFromSeed(s);
        const sig = suite.sign(kp.secretKey, s);
        assert.equal(suite.verify(kp.publicKey, s, sig), true);
      }
    });
  });
}

test('SM2: node and browser implementations produce identical keys and signatures', () => {
  fc.assert(
    fc.property(seed, message, (s, m) => {
      const a = gmNode.keyPairFromSeed(s);
      assert.deepEqual(gmBrowser.keyPairFromSeed(s), a);
      const sig = gmNode.sign(a.secretKey, m);
      assert.deepEqual(gmBrowser.sign(a.secretKey, m), sig);
      assert.equal(gmBrowser.verify(a.publicKey, m, sig), true);
    }),
    { numRuns: 15 },
  );
});
