/**
 * One conformance suite run against every implementation (hono's router/common.case pattern), plus
 * node-vs-browser equality on random inputs for each suite.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { getSuite as getBrowserSuite, loadSuite as loadBrowserSuite } from '../src/browser.ts';
import { allSuites, getSuite, type Suite } from '../src/index.ts';
import { flip } from './helpers.ts';

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const message = fc.uint8Array({ maxLength: 300 });

function conformance(suite: Suite): void {
  const keyLen = suite.id === 'intl' ? 32 : 33;

  test('keyPairFromSeed is deterministic and consistent with publicKeyOf; key sizes as documented', () => {
    fc.assert(
      fc.property(bytes(32), (seed) => {
        const kp = suite.keyPairFromSeed(seed);
        assert.deepEqual(suite.keyPairFromSeed(seed), kp);
        assert.equal(kp.publicKey.length, keyLen);
        assert.equal(kp.secretKey.length, 32);
        assert.deepEqual(suite.publicKeyOf(kp.secretKey), kp.publicKey);
      }),
      { numRuns: 10 },
    );
  });

  test('sign/verify round trip; a signature does not verify under another key', () => {
    fc.assert(
      fc.property(bytes(32), bytes(32), message, (s1, s2, m) => {
        fc.pre(s1.some((b, i) => b !== s2[i]));
        const a = suite.keyPairFromSeed(s1);
        const b = suite.keyPairFromSeed(s2);
        const sig = suite.sign(a.secretKey, m);
        assert.equal(sig.length, 64);
        assert.equal(suite.verify(a.publicKey, m, sig), true);
        assert.equal(suite.verify(b.publicKey, m, sig), false);
      }),
      { numRuns: 8 },
    );
  });

  test('verify never throws on arbitrary keys and signatures, and returns false', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 70 }),
        message,
        fc.uint8Array({ maxLength: 70 }),
        (pk, m, sig) => {
          assert.equal(suite.verify(pk, m, sig), false);
        },
      ),
      { numRuns: 60 },
    );
    const kp = suite.keyPairFromSeed(new Uint8Array(32).fill(3));
    const sig = suite.sign(kp.secretKey, new Uint8Array(0));
    assert.equal(suite.verify(kp.publicKey, new Uint8Array(0), sig.subarray(0, 63)), false);
    assert.equal(suite.verify(kp.publicKey.subarray(1), new Uint8Array(0), sig), false);
  });

  test('hash is 32 bytes and deterministic', () => {
    fc.assert(
      fc.property(message, (m) => {
        const h = suite.hash(m);
        assert.equal(h.length, suite.hashLength);
        assert.deepEqual(suite.hash(m.slice()), h);
      }),
      { numRuns: 30 },
    );
  });

  test('oneBlockChain is hash(head ‖ x) applied n times; other lengths and n are caller errors', () => {
    // The reference: `hash` called once per step on the concatenation (not the loop under test).
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 22, maxLength: 22 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 0, max: 80 }),
        (head, x, n) => {
          let v: Uint8Array = x;
          for (let i = 0; i < n; i++) {
            const input = new Uint8Array(54);
            input.set(head, 0);
            input.set(v, 22);
            v = suite.hash(input);
          }
          assert.deepEqual(suite.oneBlockChain(head, x, n), v);
        },
      ),
      { numRuns: 40 },
    );
    const head = new Uint8Array(22);
    const x = new Uint8Array(32);
    assert.throws(() => suite.oneBlockChain(new Uint8Array(21), x, 1), { code: 'CRYPTO_BAD_LENGTH' });
    assert.throws(() => suite.oneBlockChain(head, new Uint8Array(33), 1), { code: 'CRYPTO_BAD_LENGTH' });
    for (const n of [-1, 1.5, 2 ** 20 + 1]) {
      assert.throws(() => suite.oneBlockChain(head, x, n), { code: 'CRYPTO_RANGE' });
    }
  });

  test('AEAD round trip with and without AAD; any change to ciphertext, tag, AAD, nonce or key fails', () => {
    fc.assert(
      fc.property(
        bytes(suite.aeadKeyLength),
        bytes(12),
        message,
        fc.uint8Array({ maxLength: 40 }),
        fc.nat(),
        (key, nonce, pt, aad, at) => {
          const sealed = suite.aeadEncrypt(key, nonce, pt, aad);
          assert.equal(sealed.length, pt.length + 16);
          assert.deepEqual(suite.aeadDecrypt(key, nonce, sealed, aad), pt);
          assert.equal(suite.aeadDecrypt(key, nonce, flip(sealed, at % sealed.length), aad), null);
          assert.equal(suite.aeadDecrypt(flip(key, at % key.length), nonce, sealed, aad), null);
          assert.equal(suite.aeadDecrypt(key, flip(nonce, at % 12), sealed, aad), null);
          assert.equal(suite.aeadDecrypt(key, nonce, sealed, new Uint8Array([...aad, 0])), null);
          assert.equal(suite.aeadDecrypt(key, nonce, sealed.subarray(0, sealed.length - 1), aad), null);
          if (aad.length === 0)
            assert.deepEqual(suite.aeadDecrypt(key, nonce, suite.aeadEncrypt(key, nonce, pt), undefined), pt);
        },
      ),
      { numRuns: 30 },
    );
    assert.equal(
      suite.aeadDecrypt(new Uint8Array(suite.aeadKeyLength), new Uint8Array(12), new Uint8Array(15)),
      null,
    );
  });

  test('wrong key or nonce sizes are caller errors with a stable code', () => {
    assert.throws(() => suite.aeadEncrypt(new Uint8Array(5), new Uint8Array(12), new Uint8Array(1)), {
      code: 'CRYPTO_BAD_LENGTH',
    });
    assert.throws(
      () => suite.aeadEncrypt(new Uint8Array(suite.aeadKeyLength), new Uint8Array(16), new Uint8Array(1)),
      {
        code: 'CRYPTO_BAD_LENGTH',
      },
    );
    assert.throws(() => suite.sign(new Uint8Array(31), new Uint8Array(1)), { code: 'CRYPTO_BAD_LENGTH' });
    assert.throws(() => suite.keyPairFromSeed(new Uint8Array(16)), { code: 'CRYPTO_BAD_LENGTH' });
  });
}

for (const suite of allSuites) describe(`conformance ${suite.id}/${suite.impl}`, () => conformance(suite));

for (const id of ['intl', 'gm'] as const) {
  test(`${id}: node and browser agree on hashes, keys, signatures and sealed boxes`, async () => {
    const node = getSuite(id, 'node');
    const browser = getSuite(id, 'browser');
    assert.equal(node.impl, 'node');
    assert.equal(browser.impl, 'browser');
    assert.equal(await loadBrowserSuite(id), browser);
    assert.equal(getBrowserSuite(id), browser);
    fc.assert(
      fc.property(bytes(32), message, bytes(node.aeadKeyLength), bytes(12), (seed, m, key, nonce) => {
        assert.deepEqual(browser.hash(m), node.hash(m));
        const kp = node.keyPairFromSeed(seed);
        assert.deepEqual(browser.keyPairFromSeed(seed), kp);
        const sig = node.sign(kp.secretKey, m);
        assert.deepEqual(browser.sign(kp.secretKey, m), sig);
        assert.equal(browser.verify(kp.publicKey, m, sig), true);
        const sealed = node.aeadEncrypt(key, nonce, m, seed);
        assert.deepEqual(browser.aeadEncrypt(key, nonce, m, seed), sealed);
        assert.deepEqual(browser.aeadDecrypt(key, nonce, sealed, seed), m);
      }),
      { numRuns: 12 },
    );
  });
}

test('getSuite rejects unknown suites and node suites in the browser entry', () => {
  assert.throws(() => getSuite('rsa' as 'gm'), { code: 'CRYPTO_UNKNOWN_SUITE' });
  assert.throws(() => getBrowserSuite('gm', 'node'), { code: 'CRYPTO_UNSUPPORTED' });
  assert.equal(getSuite('gm').impl, 'node');
});
