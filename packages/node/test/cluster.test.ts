/**
 * Four validators in one process over an in-memory Transport: the same driver code path a p2p
 * transport will use. Checks that they agree on every block and that certificates hold > 2/3.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite, toHex } from '@djchain/crypto';
import { encodeTx, headerHash, txHash, verifyCommit } from '@djchain/ledger';
import { genesisFor, keyOf, Signer, tempDir, waitForCommit } from './helpers.ts';
import { memoryValidators } from './memory-net.ts';

test('four validators agree on every block; certificates carry more than 2/3 of the power', async (t) => {
  const root = tempDir(t);
  const suite = getSuite('intl');
  const keys = [0, 1, 2, 3].map((i) => keyOf(suite, 40 + i));
  const genesis = genesisFor(suite, keys);
  const { nodes } = memoryValidators(t, root, keys, genesis, { driver: { emptyBlockIntervalMs: 30 } });
  const signer = new Signer(suite);
  const user = keyOf(suite, 1);
  const txs = [0, 1, 2, 3, 4, 5].map((i) => signer.tx(user, 'put', { id: `c${i}`, value: 'v' }));
  const last = txHash(suite, txs.at(-1)!);
  // Every node learns the transactions (as gossip would spread them): whoever proposes has them.
  const done = Promise.all(
    nodes.map((n) => waitForCommit(n, () => n.app.store.blocks.getTx(last) !== undefined)),
  );
  for (const n of nodes) {
    n.mempool.addBatch(
      txs,
      txs.map((tx) => encodeTx(tx).length),
    );
  }
  await done;
  const target = Math.max(...nodes.map((n) => n.app.height())) + 2;
  await Promise.all(
    nodes.map((n) =>
      n.app.height() >= target
        ? undefined
        : waitForCommit(n, (e) => e.executed.block.header.height >= target),
    ),
  );
  for (let h = 1; h <= target; h++) {
    const hashes = new Set(nodes.map((n) => toHex(headerHash(suite, n.app.store.blocks.getHeader(h)!))));
    assert.equal(hashes.size, 1, `one block at height ${h}`);
    for (const n of nodes) {
      const header = n.app.store.blocks.getHeader(h)!;
      const check = verifyCommit(suite, n.app.validators(h), header, n.app.store.blocks.getCommit(h)!);
      assert.ok(check.ok && 3 * check.signedPower > 2 * check.totalPower);
    }
  }
  const proposers = new Set<string>();
  for (let h = 1; h <= target; h++) proposers.add(toHex(nodes[0]!.app.store.blocks.getHeader(h)!.proposer));
  assert.ok(proposers.size > 1, 'the proposer rotates');
  for (const n of nodes) assert.equal(n.app.store.blocks.getTx(last)!.receipt.status, 'ok');
});
