/** SM4 block cipher (GB/T 32907-2016 appendix A) for both SM4 implementations the suites use. */
import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { test } from 'node:test';
import { sm4 } from 'sm-crypto-v2';
import { fromHex, toHex } from '../src/index.ts';
import { sm4Native } from '../src/suites/gm.node.ts';
import { vectors } from './helpers.ts';

const v = vectors<Record<string, string>>('sm4.json');
const key = fromHex(v.key!);
const pt = fromHex(v.plaintext!);

test('GB/T 32907 example 1: native SM4 (gm/node)', () => {
  assert.equal(toHex(sm4Native.ecb(key, pt)), v.once);
});

test('GB/T 32907 example 1: sm-crypto-v2 SM4 (gm/browser)', () => {
  assert.equal(toHex(sm4.encrypt(pt, key, { padding: 'none', output: 'array' })), v.once);
});

test('GB/T 32907 example 2: 1,000,000 encryptions, native SM4 only', () => {
  // Run on the native implementation only: one million calls of the JS block cipher through
  // sm-crypto-v2's per-call API would take tens of seconds; example 1 covers the JS cipher.
  const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  let block: Uint8Array = pt;
  for (let i = 0; i < 1_000_000; i++) block = c.update(block);
  assert.equal(toHex(block), v.millionTimes);
});

test('native SM4-CTR used under GCM matches counter-mode ECB on a 128-bit counter', () => {
  const counter = fromHex('00001234567800000000abcd00000002');
  const data = new Uint8Array(40).map((_, i) => i);
  const stream = sm4Native.ecb(
    key,
    new Uint8Array([...counter, ...counter.slice(0, 15), 3, ...counter.slice(0, 15), 4]),
  );
  const expected = data.map((b, i) => b ^ stream[i]!);
  assert.deepEqual(sm4Native.ctr(key, counter, data), expected);
});
