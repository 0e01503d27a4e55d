/** The mempool: admission codes, nonce ordering with gaps, limits, duplicates, re-check after blocks. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite, type KeyPair, type Suite, toHex } from '@djchain/crypto';
import {
  blockTxHashes,
  decodeBlock,
  encodeBlock,
  encodeTx,
  signTx,
  type Transaction,
  txHash,
} from '@djchain/ledger';
import { Mempool } from '../src/index.ts';
import { HandChain } from './chain.ts';
import { keyOf, kvTxWith, Signer, tempDir } from './helpers.ts';

function setup(t: Parameters<typeof tempDir>[0], opts = {}) {
  const chain = new HandChain(tempDir(t), opts);
  t.after(() => chain.close());
  return { chain, signer: new Signer(chain.suite) };
}

const add = (chain: HandChain, txs: Transaction[]) =>
  chain.mempool.addBatch(
    txs,
    txs.map((tx) => encodeTx(tx).length),
  );
const codes = (results: ReturnType<typeof add>) => results.map((r) => (r.ok ? 'ok' : r.error.code));

test('refusals are coded: bad signature, wrong chain, expired, unknown module, bad params, duplicate', (t) => {
  const { chain, signer } = setup(t);
  const k = keyOf(chain.suite, 1);
  const good = signer.tx(k, 'put', { id: 'a', value: 'x' });
  const forged: Transaction = { ...signer.tx(k, 'put', { id: 'b', value: 'x' }), nonce: 5 };
  const other = keyOf(chain.suite, 2);
  const sign = (key: KeyPair, over: Partial<Transaction>) => kvTxWith(chain.suite, key, over);
  const results = add(chain, [
    good,
    good,
    forged,
    sign(other, { chainId: 'elsewhere' }),
    sign(other, { expiry: 0 }),
    sign(other, { module: 'nope' }),
    sign(other, { action: 'nope' }),
    sign(other, { params: { id: 'NO!', value: '' } }),
  ]);
  assert.deepEqual(codes(results), [
    'ok',
    'MEMPOOL_DUPLICATE',
    'RUNTIME_BAD_SIGNATURE',
    'RUNTIME_WRONG_CHAIN',
    'RUNTIME_TX_EXPIRED',
    'RUNTIME_UNKNOWN_MODULE',
    'RUNTIME_UNKNOWN_ACTION',
    'KV_BAD_PARAMS',
  ]);
  assert.equal(chain.mempool.size(), 1);
  for (const r of results) if (!r.ok) assert.ok(r.error.message.length > 0);
});

test('higher nonces wait for the gap; one proposal takes runs of consecutive nonces per account', (t) => {
  const { chain, signer } = setup(t);
  const a = keyOf(chain.suite, 1);
  const b = keyOf(chain.suite, 2);
  const a0 = signer.tx(a, 'put', { id: 'a0', value: '' });
  const a1 = signer.tx(a, 'put', { id: 'a1', value: '' });
  const a2 = signer.tx(a, 'put', { id: 'a2', value: '' });
  const b0 = signer.tx(b, 'put', { id: 'b0', value: '' });
  assert.deepEqual(codes(add(chain, [a2, a1, b0])), ['ok', 'ok', 'ok']);
  assert.equal(chain.mempool.hasReady(), true);
  const first = chain.block();
  assert.deepEqual(
    first.block.txs.map((tx) => (tx.params as { id: string }).id),
    ['b0'],
  );
  assert.equal(chain.mempool.size(), 2);
  assert.equal(chain.mempool.hasReady(), false, 'a1 and a2 wait for a0');
  assert.deepEqual(codes(add(chain, [a0])), ['ok']);
  const second = chain.block();
  assert.deepEqual(
    second.block.txs.map((tx) => (tx.params as { id: string }).id),
    ['a0', 'a1', 'a2'],
  );
  assert.ok(second.result.receipts.every((r) => r.status === 'ok'));
  assert.equal(chain.mempool.size(), 0);
  // Used nonces are refused at admission.
  assert.deepEqual(codes(add(chain, [a1])), ['RUNTIME_NONCE_USED']);
});

test('limits: count, bytes, tx size, nonce gap, nonce taken', (t) => {
  const { chain, signer } = setup(t, { maxTxs: 3, maxTxBytes: 400, maxNonceGap: 5 });
  const k = keyOf(chain.suite, 1);
  const txs = [0, 1, 2, 3].map((i) => signer.tx(k, 'put', { id: `x${i}`, value: '' }));
  assert.deepEqual(codes(add(chain, txs)), ['ok', 'ok', 'ok', 'MEMPOOL_FULL']);
  const big = signer.tx(keyOf(chain.suite, 2), 'put', { id: 'big', value: 'x'.repeat(256) });
  assert.deepEqual(codes(add(chain, [big])), ['MEMPOOL_TX_TOO_LARGE']);
  const far = signTx(chain.suite, k.secretKey, { ...txs[0]!, nonce: 9 });
  assert.deepEqual(codes(add(chain, [far])), ['MEMPOOL_NONCE_TOO_FAR']);
  const twin = signTx(chain.suite, k.secretKey, { ...txs[0]!, params: { id: 'twin', value: '' } });
  assert.deepEqual(codes(add(chain, [twin])), ['MEMPOOL_NONCE_TAKEN']);
  const bytes = setup(t, { maxBytes: 500 });
  const k3 = keyOf(chain.suite, 3);
  const s3 = bytes.signer;
  const r = codes(
    add(
      bytes.chain,
      [0, 1, 2].map((i) => s3.tx(k3, 'put', { id: `y${i}`, value: '' })),
    ),
  );
  assert.deepEqual(r, ['ok', 'ok', 'MEMPOOL_FULL']);
});

test('after each block: included transactions leave, expired ones are dropped, blocks respect the tx limit', (t) => {
  const { chain, signer } = setup(t);
  const a = keyOf(chain.suite, 1);
  const b = keyOf(chain.suite, 2);
  const soon = signer.tx(b, 'put', { id: 'late', value: '' }, 2);
  const waiting = signer.tx(b, 'put', { id: 'never', value: '' });
  // b's nonce 0 is withheld: `soon` (nonce 0) is added, `waiting` (nonce 1) too; then block 1 takes `soon`.
  const many = [0, 1, 2, 3, 4].map((i) => signer.tx(a, 'put', { id: `m${i}`, value: '' }));
  add(chain, [...many, waiting]);
  const e1 = chain.block(3);
  assert.equal(e1.block.txs.length, 3);
  assert.equal(chain.mempool.has(toHex(txHash(chain.suite, many[0]!))), false);
  assert.equal(chain.mempool.size(), 3);
  // `waiting` (nonce 1 of b) expires at 1_000_000: stays; a tx expiring at height 2 is dropped after block 2.
  add(chain, [soon]);
  chain.block(0);
  assert.equal(chain.mempool.has(toHex(txHash(chain.suite, soon))), false, 'expired after height 2');
  assert.equal(chain.mempool.has(toHex(txHash(chain.suite, waiting))), true);
  chain.block();
  assert.equal(chain.mempool.size(), 1, 'only b nonce 1 waits: its nonce 0 expired');
});

// Found by the simulator (issue 9): a transaction whose predecessor was committed from ANOTHER
// node's mempool stayed "not ready" for good, its account's next nonce never refreshed.
test('a transaction becomes ready when its predecessor is committed from another mempool', (t) => {
  const { chain, signer } = setup(t);
  const k = keyOf(chain.suite, 1);
  const first = signer.tx(k, 'put', { id: 'a', value: 'x' });
  const second = signer.tx(k, 'put', { id: 'b', value: 'y' });
  // This node's mempool holds only the second; the first reaches the chain through another node.
  const other = new Mempool({ verifyWorkers: 0 }, { app: chain.app });
  assert.deepEqual(codes(add(chain, [first])), ['ok']);
  assert.equal(other.addBatch([second], [encodeTx(second).length])[0]?.ok, true);
  assert.equal(other.hasReady(), false, 'nonce 1 waits for nonce 0');
  const executed = chain.block();
  other.update(executed);
  assert.equal(other.hasReady(), true);
  assert.deepEqual(
    other.reap(10, 1 << 20).txs.map((tx) => tx.nonce),
    [1],
  );
});

test("a peer's block: the signatures of transactions this node admitted are not verified again; any other copy is", (t) => {
  const proposer = new HandChain(tempDir(t));
  t.after(() => proposer.close());
  const intl = getSuite('intl');
  let verifications = 0;
  const counting: Suite = {
    ...intl,
    verify: (publicKey, message, signature) => {
      verifications++;
      return intl.verify(publicKey, message, signature);
    },
  };
  const validator = new HandChain(tempDir(t), { verifyWorkers: 0 }, counting);
  t.after(() => validator.close());
  const signer = new Signer(intl);
  const k = keyOf(intl, 1);
  const good = signer.tx(k, 'put', { id: 'a', value: 'x' });
  // The same body with another signature: another id, so not the admitted transaction.
  const forged: Transaction = { ...good, signature: good.signature.map((b, i) => (i === 0 ? b ^ 1 : b)) };
  assert.deepEqual(codes(add(validator, [good])), ['ok']);
  const admissionChecks = verifications;
  assert.equal(admissionChecks, 1, 'admission verified the signature once');

  const received = (txs: Transaction[]) => {
    const bytes = encodeBlock(proposer.app.propose(txs, proposer.validator.publicKey, new Set()).block);
    const ids = blockTxHashes(intl, bytes);
    return validator.app.validate(decodeBlock(bytes), {
      verified: validator.mempool.admittedOf(ids.map(toHex)),
      txHashes: ids,
      bytes,
    });
  };
  // The forged copy is verified, fails as on the proposer (same receipt root), and costs one check.
  const bad = received([forged]);
  assert.equal(bad.result.receipts[0]!.status, 'failed');
  assert.equal(bad.result.receipts[0]!.error?.code, 'RUNTIME_BAD_SIGNATURE');
  assert.equal(verifications, admissionChecks + 1);
  // The node's metric counts it (djchain_execution_signature_checks_total).
  assert.equal(validator.app.signaturesCheckedInExecution, 1);
  // The admitted transaction: executed without a second verification; the roots agree.
  const ok = received([good]);
  assert.equal(ok.result.receipts[0]!.status, 'ok');
  assert.equal(verifications, admissionChecks + 1);
  assert.equal(validator.app.signaturesCheckedInExecution, 1);
  assert.deepEqual(ok.result.txHashes, [txHash(intl, good)]);
});
