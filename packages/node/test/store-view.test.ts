/**
 * StoreView's read cache: one database read per key per view, the same answers as without. Views
 * of an older version (the latest version also goes through the store's LatestStateCache, tested in
 * latest-cache.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { ChainStore } from '../src/storage/chain-store.ts';
import { keyBytes } from '../src/storage/state-view.ts';

test('a view reads each key once (present or absent); an uncached view reads every time', (t) => {
  const store = new ChainStore({ file: ':memory:', suite: getSuite('intl') });
  t.after(() => store.close());
  const { nodeBatch } = store.tree.applyBatch(0, [[keyBytes('acct/a'), new Uint8Array([1, 2])]]);
  store.commitGenesis(nodeBatch, {});
  // A later version, so that version 0 is not the latest.
  store.tree.commit(store.tree.applyBatch(1, [[keyBytes('acct/b'), new Uint8Array([3])]]).nodeBatch);
  const nodes = store.nodes;
  const real = nodes.readValue.bind(nodes);
  let reads = 0;
  // A counting wrapper around the real read (the database answers every call).
  nodes.readValue = (key, version) => {
    reads++;
    return real(key, version);
  };
  t.after(() => {
    nodes.readValue = real;
  });
  const cached = store.view(0);
  for (let i = 0; i < 5; i++) {
    assert.deepEqual(cached.get('acct/a'), new Uint8Array([1, 2]));
    assert.equal(cached.get('acct/none'), undefined);
  }
  assert.equal(reads, 2);
  const plain = store.view(0, { cacheReads: false });
  for (let i = 0; i < 5; i++) assert.deepEqual(plain.get('acct/a'), new Uint8Array([1, 2]));
  assert.equal(reads, 7);
  // A new view starts empty: it reads again.
  assert.deepEqual(store.view(0).get('acct/a'), new Uint8Array([1, 2]));
  assert.equal(reads, 8);
});
