/**
 * History hashes are a wire format: dossiers made today must verify in years. These pinned values
 * fail if the tags, the event encoding or the head chaining change; both implementations of each
 * suite must give them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getSuite, toHex } from '@djchain/crypto';
import { addressOf, eventHash, GENESIS_HEAD, historyKey, historyValue, nextHead } from '../src/index.ts';

const event = { module: 'member', type: 'applied', entities: ['member:m1'], data: { step: 1 } };
const pinned = {
  intl: {
    event: '5e0d36247bad6a5604031f1ea8dae3ff430061a599882755a01b6d622fd1d5ac',
    headTx0: 'f05e2b8e560b3dfb192716880132c9b0f1d7f3efb158d41794053e5a21f69363',
    headHook: '84f593baac5a7dadd5da0ca483de2cb7f774672508eb5bfe0a5fe8c696360fc1',
  },
  gm: {
    event: '15ad3f037ab3ecfa7b6978f3be03d9b76598b2101a7145beb28bdeb09f9fd4bc',
    headTx0: 'cfe021c62b3f47d964e7e9de2830a0a84a5c4811e5b63528ef0bdae273b158d1',
    headHook: '7d3d5c581cc0ddaec7fde14ef43f3a32d08188b1c04674b2758742336d2213e5',
  },
} as const;

for (const id of ['intl', 'gm'] as const) {
  describe(`history hashes (${id})`, () => {
    for (const impl of ['node', 'browser'] as const) {
      it(`match the pinned values (${impl})`, () => {
        const suite = getSuite(id, impl);
        const h = eventHash(suite, event);
        assert.equal(toHex(h), pinned[id].event);
        assert.equal(toHex(nextHead(suite, GENESIS_HEAD, h, 7, 0)), pinned[id].headTx0);
        assert.equal(toHex(nextHead(suite, GENESIS_HEAD, h, 7, -1)), pinned[id].headHook);
      });
    }
    it('depend on every input', () => {
      const suite = getSuite(id);
      const h = eventHash(suite, event);
      const base = toHex(nextHead(suite, GENESIS_HEAD, h, 7, 0));
      assert.notEqual(toHex(nextHead(suite, h, h, 7, 0)), base);
      assert.notEqual(toHex(nextHead(suite, GENESIS_HEAD, h, 8, 0)), base);
      assert.notEqual(toHex(nextHead(suite, GENESIS_HEAD, h, 7, 1)), base);
      assert.notEqual(toHex(eventHash(suite, { ...event, entities: ['member:m2'] })), toHex(h));
    });
  });
}

describe('history keys, values and addresses', () => {
  it('have the documented shapes', () => {
    const suite = getSuite('intl');
    assert.equal(historyKey('member:m1'), 'hist/member:m1');
    assert.ok(historyValue(GENESIS_HEAD, 0, 0).length > 0);
    const pk = suite.keyPairFromSeed(new Uint8Array(32).fill(1)).publicKey;
    assert.equal(addressOf(suite, pk), toHex(suite.hash(pk).subarray(0, 20)));
  });
});
