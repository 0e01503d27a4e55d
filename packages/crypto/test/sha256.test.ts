/**
 * The JavaScript SHA-256 the intl suite on Node uses for short inputs (sha256.ts, issue 20): against
 * node:crypto's createHash (OpenSSL, not the code under test) at every length through the short
 * range and past it, and against FIPS 180-4's example digests written out by hand.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { intlNode, toHex } from '../src/index.ts';
import { SHORT_INPUT_MAX, sha256Short } from '../src/sha256.ts';

const openssl = (m: Uint8Array) => createHash('sha256').update(m).digest('hex');
const ascii = (s: string) => new TextEncoder().encode(s);

test('FIPS 180-4 examples: "abc", the empty string, the two-block 448-bit message, a million "a"', () => {
  assert.equal(
    toHex(sha256Short(ascii('abc'))),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
  assert.equal(
    toHex(sha256Short(new Uint8Array(0))),
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  );
  assert.equal(
    toHex(sha256Short(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
  assert.equal(
    toHex(sha256Short(new Uint8Array(1_000_000).fill(0x61))),
    'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
  );
});

test('every length 0–300 (the padding in one block or two, 1–5 blocks) equals OpenSSL, as does the suite', () => {
  for (let n = 0; n <= 300; n++) {
    // Bytes of every value, different at each length (no randomness: a failure names its length).
    const m = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n * 7 + 13) & 0xff);
    const want = openssl(m);
    assert.equal(toHex(sha256Short(m)), want, `length ${n}`);
    assert.equal(toHex(intlNode.hash(m)), want, `suite, length ${n}`);
  }
  assert.equal(SHORT_INPUT_MAX, 183); // three compressions: 183 bytes + 0x80 + 8 length bytes = 192
});

test('arbitrary inputs, and subarrays of a larger buffer, equal OpenSSL', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(40), (bytes, skip) => {
      const start = Math.min(skip, bytes.length);
      const view = bytes.subarray(start);
      assert.equal(toHex(sha256Short(view)), openssl(view));
      assert.equal(toHex(intlNode.hash(view)), openssl(view));
    }),
    { numRuns: 300 },
  );
});

test('the digest is a fresh array each call (callers keep it; the buffers inside are reused)', () => {
  const a = sha256Short(ascii('a'));
  const b = sha256Short(ascii('b'));
  assert.notEqual(a.buffer, b.buffer);
  assert.equal(toHex(a), openssl(ascii('a')));
});
