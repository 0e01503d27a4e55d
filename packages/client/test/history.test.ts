/** The client's copy of the history hashes must equal the runtime's (they should move to ledger). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getSuite } from '@djchain/crypto';
import * as runtime from '@djchain/runtime';
import fc from 'fast-check';
import * as client from '../src/index.ts';

const eventArb = fc.record({
  module: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
  type: fc.string({ minLength: 1, maxLength: 12 }),
  entities: fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 3 }),
  data: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.maxSafeInteger()), {
    maxKeys: 3,
  }),
});

for (const id of ['intl', 'gm'] as const) {
  describe(`history hashes equal the runtime's (${id})`, () => {
    const suite = getSuite(id);
    it('constants', () => {
      assert.equal(client.EVENT_TAG, runtime.EVENT_TAG);
      assert.equal(client.HISTORY_TAG, runtime.HISTORY_TAG);
      assert.equal(client.BLOCK_TX_INDEX, runtime.BLOCK_TX_INDEX);
      assert.deepEqual(client.GENESIS_HEAD, runtime.GENESIS_HEAD);
      assert.equal(client.historyKey('member:m1'), runtime.historyKey('member:m1'));
    });
    it('eventHash and nextHead over random events', () => {
      fc.assert(
        fc.property(
          eventArb,
          fc.uint8Array({ minLength: 32, maxLength: 32 }),
          fc.nat(),
          fc.integer({ min: -1, max: 9999 }),
          (e, head, height, txIndex) => {
            const h = client.eventHash(suite, e);
            assert.deepEqual(h, runtime.eventHash(suite, e));
            assert.deepEqual(
              client.nextHead(suite, head, h, height, txIndex),
              runtime.nextHead(suite, head, h, height, txIndex),
            );
          },
        ),
        { numRuns: 50 },
      );
    });
  });
}
