/** Receipt proofs from cached Merkle levels: the same proofs as a fresh build, rebuilt when stale. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { encodeTx, merkleProof, merkleRoot, receiptHash, txHash, verifyMerkleProof } from '@djchain/ledger';
import { MerkleLevels, ReceiptProofs } from '../src/storage/receipt-proofs.ts';
import { keyOf, Signer, startNode, tempDir, waitForCommit } from './helpers.ts';

const suite = getSuite('intl');
const leaves = (n: number) => Array.from({ length: n }, (_, i) => new Uint8Array([i, i >> 8, 7]));

describe('MerkleLevels', () => {
  it('gives the root and every audit path merkleRoot and merkleProof give (sizes 0 to 70)', () => {
    for (let n = 0; n <= 70; n++) {
      const list = leaves(n);
      const levels = new MerkleLevels(suite, list);
      const root = merkleRoot(suite, list);
      assert.deepEqual(levels.root(), root, `root of ${n}`);
      for (let i = 0; i < n; i++) {
        const proof = levels.proof(i)!;
        assert.deepEqual(proof, merkleProof(suite, list, i), `proof ${i} of ${n}`);
        assert.ok(verifyMerkleProof(suite, root, list[i]!, proof));
      }
      assert.equal(levels.proof(n), undefined);
      assert.equal(levels.proof(-1), undefined);
    }
  });
});

describe('ReceiptProofs over a real node store', () => {
  it('builds a block once, answers as a fresh build, and rebuilds when the root differs', async (t) => {
    const node = startNode(tempDir(t), 'intl');
    t.after(() => node.close());
    const signer = new Signer(node.suite);
    const keys = [1, 2, 3].map((i) => keyOf(node.suite, i));
    const txs = Array.from({ length: 9 }, (_, i) =>
      signer.tx(keys[i % 3]!, 'put', { id: `p${i}`, value: String(i) }),
    );
    const added = node.mempool.addBatch(
      txs,
      txs.map((tx) => encodeTx(tx).length),
    );
    assert.ok(added.every((r) => r.ok));
    const blocks = node.app.store.blocks;
    await waitForCommit(node, () => txs.every((tx) => blocks.getTx(txHash(node.suite, tx)) !== undefined));

    const proofs = new ReceiptProofs(blocks, node.suite, 2);
    const heights = new Set<number>();
    for (const tx of txs) {
      const stored = blocks.getTx(txHash(node.suite, tx))!;
      heights.add(stored.height);
      const header = blocks.getHeader(stored.height)!;
      const fresh = merkleProof(
        node.suite,
        blocks.getReceipts(stored.height)!.map((r) => receiptHash(node.suite, r)),
        stored.index,
      );
      const cached = proofs.proof(stored.height, stored.index, header.receiptRoot);
      assert.deepEqual(cached, fresh);
      assert.ok(
        verifyMerkleProof(node.suite, header.receiptRoot, receiptHash(node.suite, stored.receipt), cached!),
      );
    }
    // One build per block while it stays cached (capacity 2 ≥ the blocks asked in a row here).
    assert.ok(proofs.builds <= heights.size + 1, `${proofs.builds} builds for ${heights.size} blocks`);
    const [h] = [...heights];
    const header = blocks.getHeader(h!)!;
    const before = proofs.builds;
    proofs.proof(h!, 0, header.receiptRoot);
    proofs.proof(h!, 0, header.receiptRoot);
    assert.ok(proofs.builds <= before + 1);
    const warm = proofs.builds;
    proofs.proof(h!, 0, header.receiptRoot);
    assert.equal(proofs.builds, warm, 'served from the cache');
    // A header whose receipt root is not the cached one (the block at that height was replaced):
    // the levels are built again from the store rather than trusted.
    proofs.proof(h!, 0, new Uint8Array(32));
    assert.equal(proofs.builds, warm + 1);
    // Unknown heights and indexes: no proof.
    assert.equal(proofs.proof(10_000, 0, header.receiptRoot), undefined);
    assert.equal(proofs.proof(h!, 10_000, header.receiptRoot), undefined);
  });
});
