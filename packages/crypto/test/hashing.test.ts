/** hashValue and taggedHash: exact input layout, and domain separation. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { allSuites, encode, fromHex, hashValue, intlNode, taggedHash, toHex } from '../src/index.ts';

test('taggedHash hashes len(tag) ‖ tag ‖ (len(part) ‖ part)*, lengths u32 big-endian', () => {
  const expected = createHash('sha256')
    .update(fromHex('00000004' + '6c656166' + '00000002' + 'abcd' + '00000000'))
    .digest('hex');
  assert.equal(toHex(taggedHash(intlNode, 'leaf', fromHex('abcd'), new Uint8Array(0))), expected);
});

test('taggedHash separates tags and part boundaries', () => {
  const s = intlNode;
  const distinct = [
    taggedHash(s, 'ab', fromHex('01')),
    taggedHash(s, 'a', fromHex('62'), fromHex('01')),
    taggedHash(s, 'ab', fromHex('0102')),
    taggedHash(s, 'ab', fromHex('01'), fromHex('02')),
    taggedHash(s, 'ab', fromHex('01'), new Uint8Array(0)),
    taggedHash(s, 'ab'),
    taggedHash(s, 'ab', new Uint8Array(0)),
  ].map(toHex);
  assert.equal(new Set(distinct).size, distinct.length);
  fc.assert(
    fc.property(fc.string(), fc.uint8Array(), fc.uint8Array(), fc.nat(), (tag, a, b, cut) => {
      const joined = new Uint8Array([...a, ...b]);
      const c = cut % (joined.length + 1);
      fc.pre(c !== a.length);
      const one = taggedHash(s, tag, joined.subarray(0, c), joined.subarray(c));
      assert.notDeepEqual(one, taggedHash(s, tag, a, b));
    }),
    { numRuns: 50 },
  );
});

test('hashValue is the suite hash of the canonical encoding, for every suite', () => {
  const v = { amountFen: 12345, member: 'm-1', tags: ['a', 'b'], proof: fromHex('00ff') };
  for (const s of allSuites) assert.deepEqual(hashValue(s, v), s.hash(encode(v)));
  assert.notDeepEqual(hashValue(intlNode, v), hashValue(allSuites[2]!, v));
});
