/** The application in a real node: blocks, receipts, state roots, and replay from genesis. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { decode, toHex } from '@djchain/crypto';
import { encodeTx, txHash, verifyCommit } from '@djchain/ledger';
import { kvModule } from '@djchain/testkit/kv';
import { replayChain } from '../src/index.ts';
import { genesisFor, keyOf, Signer, startNode, tempDir, waitForCommit, waitForHeight } from './helpers.ts';

for (const suiteId of ['intl', 'gm'] as const) {
  test(`${suiteId}: blocks commit transactions; replay from genesis reproduces every state root`, async (t) => {
    const dir = tempDir(t);
    const node = startNode(dir, suiteId);
    t.after(() => node.close());
    const { suite } = node;
    const signer = new Signer(suite);
    const alice = keyOf(suite, 1);
    const bob = keyOf(suite, 2);
    const txs = [
      signer.tx(alice, 'put', { id: 'a1', value: '张三' }),
      signer.tx(bob, 'put', { id: 'b1', value: 'x' }),
      signer.tx(alice, 'fail', {}),
      signer.tx(alice, 'put', { id: 'a2', value: 'y' }),
    ];
    const results = node.mempool.addBatch(
      txs,
      txs.map((tx) => encodeTx(tx).length),
    );
    assert.ok(results.every((r) => r.ok));
    const last = toHex(txHash(suite, txs[3]!));
    await waitForCommit(node, () => node.app.store.blocks.getTx(txHash(suite, txs[3]!)) !== undefined);
    const stored = node.app.store.blocks.getTx(txHash(suite, txs[2]!))!;
    assert.equal(stored.receipt.status, 'failed');
    assert.equal(stored.receipt.error?.code, 'KV_REFUSED');
    assert.equal(node.app.store.blocks.getTx(txHash(suite, txs[0]!))!.receipt.status, 'ok');
    assert.equal(node.mempool.has(last), false);
    // Empty blocks keep coming (the block-start hook counts them).
    const h = node.app.height();
    await waitForHeight(node, h + 2);
    const height = node.app.height();
    const blocks = decode(node.app.store.view(height).get('kv/blocks')!);
    assert.equal(blocks, height);
    // Every block's certificate verifies against its header.
    for (let i = 1; i <= height; i++) {
      const header = node.app.store.blocks.getHeader(i)!;
      const check = verifyCommit(suite, node.app.validators(i), header, node.app.store.blocks.getCommit(i)!);
      assert.ok(check.ok, `commit ${i}`);
    }
    node.close();
    // Replay into a fresh file.
    const { ChainStore } = await import('../src/index.ts');
    const source = new ChainStore({ file: join(dir, 'chain.db'), suite });
    t.after(() => source.close());
    const roots = replayChain(source.blocks, {
      genesis: genesisFor(suite, [keyOf(suite, 0)]),
      modules: [kvModule],
      file: join(dir, 'replay.db'),
    });
    assert.equal(roots.length, source.latestHeight());
    for (let i = 1; i <= roots.length; i++) {
      assert.equal(roots[i - 1], toHex(source.blocks.getHeader(i)!.stateRoot));
    }
  });
}

test('the state root of block h is the root after its own transactions', async (t) => {
  const node = startNode(tempDir(t));
  t.after(() => node.close());
  const signer = new Signer(node.suite);
  const tx = signer.tx(keyOf(node.suite, 1), 'put', { id: 'z', value: 'v' });
  const committed = waitForCommit(node, (e) => e.executed.block.txs.length === 1);
  node.mempool.addBatch([tx], [encodeTx(tx).length]);
  const { executed } = await committed;
  const h = executed.block.header.height;
  assert.deepEqual(executed.block.header.stateRoot, node.app.store.tree.root(h));
  assert.ok(node.app.store.view(h).get('kv/item/z') !== undefined);
  assert.equal(node.app.store.view(h - 1).get('kv/item/z'), undefined);
});
