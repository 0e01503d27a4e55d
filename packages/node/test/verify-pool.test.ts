/**
 * The signature verification pool (worker_threads) and the mempool's admission through it: the
 * same verdicts and ids as the in-thread check, on both suites, and the same refusal codes as
 * `addBatch`; after `close` it still answers (in the calling thread).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite, type SuiteId, toHex } from '@djchain/crypto';
import { encodeTx, signTx, type Transaction, txHash } from '@djchain/ledger';
import { checkEncoded } from '../src/verify/check.ts';
import { VerifyPool } from '../src/verify/pool.ts';
import { HandChain } from './chain.ts';
import { CHAIN, keyOf, kvTxWith, Signer, tempDir } from './helpers.ts';

function sample(suiteId: SuiteId, n: number): { encodings: Uint8Array[]; expected: boolean[] } {
  const suite = getSuite(suiteId);
  const k = keyOf(suite, 3);
  const encodings: Uint8Array[] = [];
  const expected: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const tx = signTx(suite, k.secretKey, {
      chainId: CHAIN,
      module: 'kv',
      action: 'put',
      params: { id: `i${i}`, value: 'v' },
      signer: k.publicKey,
      nonce: i,
      expiry: 10,
    });
    // Every 7th is forged (nonce changed after signing), every 11th is not a transaction at all.
    if (i % 11 === 5) {
      encodings.push(new Uint8Array([0xa1, 0x61, 0x78, 0x01]));
      expected.push(false);
    } else if (i % 7 === 3) {
      encodings.push(encodeTx({ ...tx, nonce: tx.nonce + 1 }));
      expected.push(false);
    } else {
      encodings.push(encodeTx(tx));
      expected.push(true);
    }
  }
  return { encodings, expected };
}

for (const suiteId of ['intl', 'gm'] as const) {
  test(`${suiteId}: the pool's verdicts and ids equal the in-thread check, split over workers`, async (t) => {
    const suite = getSuite(suiteId);
    const pool = new VerifyPool(suite, 2);
    t.after(() => pool.close());
    const { encodings, expected } = sample(suiteId, 300);
    const got = await pool.verify(encodings);
    assert.equal(got.length, encodings.length);
    got.forEach((v, i) => {
      const local = checkEncoded(suite, encodings[i]!);
      assert.equal(v.ok, expected[i], `verdict ${i}`);
      assert.equal(v.ok, local.ok);
      assert.equal(toHex(v.hash), toHex(local.hash), `id ${i}`);
    });
    // Concurrent batches resolve independently and in full.
    const [a, b] = await Promise.all([pool.verify(encodings.slice(0, 10)), pool.verify(encodings.slice(10))]);
    assert.deepEqual(
      [...a, ...b].map((v) => v.ok),
      expected,
    );
    assert.deepEqual(await pool.verify([]), []);
  });
}

test('after close the pool still answers, in the calling thread', async () => {
  const suite = getSuite('intl');
  const pool = new VerifyPool(suite, 1);
  await pool.close();
  const { encodings, expected } = sample('intl', 12);
  assert.deepEqual(
    (await pool.verify(encodings)).map((v) => v.ok),
    expected,
  );
});

test('addEncoded (worker verification) refuses and admits exactly as addBatch does', async (t) => {
  const viaPool = new HandChain(tempDir(t), { verifyWorkers: 1 });
  const inline = new HandChain(tempDir(t), { verifyWorkers: 0 });
  t.after(async () => {
    await viaPool.mempool.close();
    viaPool.close();
    inline.close();
  });
  const signer = new Signer(viaPool.suite);
  const k = keyOf(viaPool.suite, 1);
  const other = keyOf(viaPool.suite, 2);
  const good = [0, 1, 2].map((i) => signer.tx(k, 'put', { id: `a${i}`, value: 'x' }));
  const forged: Transaction = { ...signer.tx(k, 'put', { id: 'b', value: 'x' }), nonce: 9 };
  const sign = (over: Partial<Transaction>) => kvTxWith(viaPool.suite, other, over);
  const wrongChainForged: Transaction = { ...sign({ chainId: 'elsewhere' }), nonce: 4 };
  const txs = [
    ...good,
    good[0]!,
    forged,
    wrongChainForged,
    sign({ expiry: 0 }),
    sign({ module: 'nope' }),
    sign({ params: { id: 'NO!', value: '' } }),
  ];
  const encodings = txs.map(encodeTx);
  const pooled = await viaPool.mempool.addEncoded(txs, encodings);
  const direct = inline.mempool.addBatch(
    txs,
    encodings.map((e) => e.length),
  );
  const codes = (rs: typeof pooled) => rs.map((r) => (r.ok ? 'ok' : r.error.code));
  assert.deepEqual(codes(pooled), codes(direct));
  assert.deepEqual(codes(pooled), [
    'ok',
    'ok',
    'ok',
    'MEMPOOL_DUPLICATE',
    'RUNTIME_BAD_SIGNATURE',
    // The chain is checked before the signature, whoever verifies it.
    'RUNTIME_WRONG_CHAIN',
    'RUNTIME_TX_EXPIRED',
    'RUNTIME_UNKNOWN_MODULE',
    'KV_BAD_PARAMS',
  ]);
  pooled.forEach((r, i) => {
    if (r.ok) assert.equal(r.hash, toHex(txHash(viaPool.suite, txs[i]!)));
  });
  // The admitted ones execute (signatures not checked again) and commit with ok receipts.
  const executed = viaPool.block();
  assert.deepEqual(
    executed.result.receipts.map((r) => r.status),
    ['ok', 'ok', 'ok'],
  );
  assert.equal(viaPool.mempool.size(), 0);
});
