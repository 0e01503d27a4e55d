/**
 * The handshake's HKDF (node:crypto hkdfSync over the suite hash): RFC 5869 test cases for SHA-256,
 * and for SM3 an independent HKDF written here from RFC 2104 / RFC 5869 over the suite's SM3.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concatBytes, getSuite, type Suite } from '@djchain/crypto';
import { hkdf } from '../src/hkdf.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('HKDF-SHA-256 (intl): RFC 5869 appendix A', () => {
  const intl = getSuite('intl');
  it('test case 1', () => {
    const okm = hkdf(
      intl,
      hex('000102030405060708090a0b0c'),
      hex('0b'.repeat(22)),
      hex('f0f1f2f3f4f5f6f7f8f9'),
      42,
    );
    assert.equal(
      toHex(okm),
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });
  it('test case 3 (empty salt and info)', () => {
    const okm = hkdf(intl, new Uint8Array(0), hex('0b'.repeat(22)), new Uint8Array(0), 42);
    assert.equal(
      toHex(okm),
      '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
    );
  });
});

/** HMAC by RFC 2104 (64-byte block) and HKDF by RFC 5869, over the suite's own hash. */
function referenceHkdf(suite: Suite, salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, length: number) {
  const hmac = (key: Uint8Array, data: Uint8Array) => {
    const k = new Uint8Array(64);
    k.set(key.length > 64 ? suite.hash(key) : key);
    const ipad = k.map((b) => b ^ 0x36);
    const opad = k.map((b) => b ^ 0x5c);
    return suite.hash(concatBytes(opad, suite.hash(concatBytes(ipad, data))));
  };
  const prk = hmac(salt, ikm);
  let t: Uint8Array = new Uint8Array(0);
  let out: Uint8Array = new Uint8Array(0);
  for (let i = 1; out.length < length; i++) {
    t = hmac(prk, concatBytes(t, info, Uint8Array.of(i)));
    out = concatBytes(out, t);
  }
  return out.subarray(0, length);
}

describe('HKDF-SM3 (gm): OpenSSL agrees with the RFC definitions over our SM3', () => {
  const gm = getSuite('gm');
  const salt = hex('11'.repeat(32));
  const ikm = hex('22'.repeat(32));
  for (const [label, length] of [
    ['djchain/p2p handshake i->r', 16],
    ['djchain/p2p data r->i', 16],
    ['long output', 100],
  ] as const) {
    it(`${label}, ${length} bytes`, () => {
      const info = new TextEncoder().encode(label);
      assert.deepEqual(hkdf(gm, salt, ikm, label, length), referenceHkdf(gm, salt, ikm, info, length));
    });
  }
  it('a key longer than the block is hashed first', () => {
    const longSalt = hex('33'.repeat(100));
    assert.deepEqual(hkdf(gm, longSalt, ikm, 'x', 32), referenceHkdf(gm, longSalt, ikm, hex('78'), 32));
  });
});
