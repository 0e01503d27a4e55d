/** Block sync's answers: decided blocks with certificates, the latest from the driver's bytes when known. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeBlock, encodeTx, txHash } from '@djchain/ledger';
import { blocksFrom, verifyCertified } from '../src/sync/blocks.ts';
import { HandChain } from './chain.ts';
import { keyOf, Signer, tempDir } from './helpers.ts';

test('blocksFrom: the stored blocks, and the known encoding only at its own height', (t) => {
  const chain = new HandChain(tempDir(t));
  t.after(() => chain.close());
  const signer = new Signer(chain.suite);
  const k = keyOf(chain.suite, 1);
  for (const id of ['a', 'b', 'c']) {
    const tx = signer.tx(k, 'put', { id, value: 'v' });
    chain.mempool.addBatch([tx], [encodeTx(tx).length]);
    chain.block();
  }
  const stored = (h: number) => encodeBlock(chain.store.blocks.getBlock(h)!);
  // Without a known encoding: each stored block encoded, with its certificate, up to the tip.
  const plain = blocksFrom(chain.app, 2, 16);
  assert.deepEqual(
    plain.map((m) => [m.commit.height, m.tip]),
    [
      [2, 3],
      [3, 3],
    ],
  );
  assert.deepEqual(plain[0]!.block, stored(2));
  assert.deepEqual(plain[1]!.block, stored(3));
  // The driver's bytes of height 3 are sent as they are (the same object), never for another height.
  const known = { height: 3, bytes: stored(3) };
  const answered = blocksFrom(chain.app, 2, 16, known);
  assert.deepEqual(answered[0]!.block, stored(2));
  assert.equal(answered[1]!.block, known.bytes);
  assert.deepEqual(answered[1]!.commit, plain[1]!.commit);
});

test('a synced block is validated with its ids hashed from the message bytes, and commits as on the sender', (t) => {
  const sender = new HandChain(tempDir(t));
  const late = new HandChain(tempDir(t));
  t.after(() => {
    sender.close();
    late.close();
  });
  const signer = new Signer(sender.suite);
  const k = keyOf(sender.suite, 1);
  const txs = ['a', 'b', 'c'].map((id) => signer.tx(k, 'put', { id, value: 'v' }));
  sender.mempool.addBatch(
    txs,
    txs.map((tx) => encodeTx(tx).length),
  );
  sender.block();
  for (const msg of blocksFrom(sender.app, 1, 16)) {
    const executed = verifyCertified(late.app, msg);
    assert.equal(executed.encoded, msg.block, 'the bytes it came in are kept');
    late.app.commit(executed, msg.commit);
  }
  assert.equal(late.app.height(), 1);
  assert.equal(late.store.blocks.getBlock(1)!.txs.length, 3);
  assert.deepEqual(late.store.blocks.getHeader(1), sender.store.blocks.getHeader(1));
  // Each transaction is stored from its span of the message bytes, at its own index, on both
  // nodes (the sender's from the bytes of its own proposal).
  txs.forEach((tx, i) => {
    for (const node of [sender, late]) {
      const got = node.store.blocks.getTx(txHash(node.suite, tx));
      assert.equal(got?.index, i);
      assert.deepEqual(encodeTx(got!.tx), encodeTx(tx));
    }
  });
});
