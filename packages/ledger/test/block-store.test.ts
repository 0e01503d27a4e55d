/** The sqlite block store: what goes in comes out, by height, hash and transaction hash. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { arrayItemEncodings } from '@djchain/crypto';
import {
  type Block,
  type CommitCertificate,
  commitHash,
  encodeBlock,
  encodeReceipt,
  encodeTx,
  type Header,
  headerHash,
  makeCommit,
  type Receipt,
  signTx,
  signVote,
  type Transaction,
  txHash,
  txRoot,
  ZERO_HASH,
} from '../src/index.ts';
import { SqliteBlockStore } from '../src/sqlite/index.ts';
import { keyOf, plain, intl as suite, validatorsOf } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'djchain-ledger-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const { keys } = validatorsOf(suite, [1]);
const user = keyOf(suite, 5);

function commitFor(h: Header): CommitCertificate {
  const blockHash = headerHash(suite, h);
  const v = signVote(suite, keys[0]!.secretKey, h.chainId, {
    type: 'precommit',
    height: h.height,
    round: 0,
    blockHash,
    time: h.time + 1,
    validator: keys[0]!.publicKey,
  });
  return makeCommit(h.height, 0, blockHash, [{ validatorIndex: 0, time: v.time, signature: v.signature }]);
}

/** A chain of `n` linked blocks with two transactions each and their receipts. */
function chain(n: number): Array<{ block: Block; commit: CommitCertificate; receipts: Receipt[] }> {
  const out: Array<{ block: Block; commit: CommitCertificate; receipts: Receipt[] }> = [];
  let prev: { header: Header; commit: CommitCertificate } | undefined;
  for (let height = 1; height <= n; height++) {
    const txs: Transaction[] = [0, 1].map((i) =>
      signTx(suite, user.secretKey, {
        chainId: 'dj-test',
        module: 'demo',
        action: 'note',
        params: { height, i },
        signer: user.publicKey,
        nonce: 2 * (height - 1) + i,
        expiry: 1000,
      }),
    );
    const header: Header = {
      chainId: 'dj-test',
      height,
      time: 1000 * height,
      prevHash: prev ? headerHash(suite, prev.header) : ZERO_HASH,
      lastCommitHash: prev ? commitHash(suite, prev.commit) : ZERO_HASH,
      txRoot: txRoot(suite, txs),
      receiptRoot: ZERO_HASH,
      stateRoot: ZERO_HASH,
      validatorsHash: ZERO_HASH,
      nextValidatorsHash: ZERO_HASH,
      proposer: keys[0]!.publicKey,
    };
    const block: Block = { header, txs, lastCommit: prev?.commit ?? null };
    const receipts: Receipt[] = txs.map((tx, i) => ({
      txHash: txHash(suite, tx),
      status: i === 0 ? 'ok' : 'failed',
      ...(i === 0 ? {} : { error: { code: 'DEMO_NO', message: 'no', cite: '第一条' } }),
      events: i === 0 ? [{ module: 'demo', type: 'Noted', entities: ['member:1'], data: { height } }] : [],
      writes: i === 0 ? ['acct/x', 'demo/a'] : ['acct/x'],
    }));
    const commit = commitFor(header);
    out.push({ block, commit, receipts });
    prev = { header, commit };
  }
  return out;
}

describe('SqliteBlockStore', () => {
  const blocks = chain(4);

  it('stores and returns blocks, headers, commits, receipts and transactions', () => {
    const db = new DatabaseSync(join(dir, 'a.db'));
    const store = new SqliteBlockStore(db, suite);
    assert.equal(store.latestHeight(), 0);
    db.exec('BEGIN');
    for (const b of blocks) store.putBlock(b);
    db.exec('COMMIT');
    assert.equal(store.latestHeight(), 4);
    assert.equal(store.earliestHeight(), 1);
    for (const { block, commit, receipts } of blocks) {
      const h = block.header.height;
      assert.deepEqual(store.getBlock(h), plain(block));
      assert.deepEqual(store.getBlockByHash(headerHash(suite, block.header)), plain(block));
      assert.deepEqual(store.getHeader(h), block.header);
      assert.deepEqual(store.getCommit(h), commit);
      assert.deepEqual(store.getReceipts(h), receipts);
      const found = store.getTx(txHash(suite, block.txs[1]!));
      assert.equal(found?.height, h);
      assert.equal(found?.index, 1);
      assert.deepEqual(found?.receipt, receipts[1]);
    }
    assert.equal(store.getBlock(9), undefined);
    assert.equal(store.getReceipts(9), undefined);
    assert.equal(store.getTx(new Uint8Array(32)), undefined);
    db.close();
  });

  it('reopens the same file with the same contents', () => {
    const db = new DatabaseSync(join(dir, 'a.db'));
    const store = new SqliteBlockStore(db, suite);
    assert.equal(store.latestHeight(), 4);
    assert.deepEqual(store.getBlock(3), plain(blocks[2]!.block));
    db.close();
  });

  it('refuses gaps, mismatched commits and receipts', () => {
    const db = new DatabaseSync(':memory:');
    const store = new SqliteBlockStore(db, suite);
    store.putBlock(blocks[0]!);
    assert.throws(() => store.putBlock(blocks[2]!), /LEDGER_STORE_CONFLICT/);
    assert.throws(
      () => store.putBlock({ ...blocks[1]!, commit: blocks[0]!.commit }),
      /LEDGER_STORE_CONFLICT/,
    );
    assert.throws(
      () => store.putBlock({ ...blocks[1]!, receipts: blocks[1]!.receipts.slice(1) }),
      /LEDGER_STORE_CONFLICT/,
    );
    const swapped = [blocks[1]!.receipts[1]!, blocks[1]!.receipts[0]!];
    db.exec('BEGIN');
    assert.throws(() => store.putBlock({ ...blocks[1]!, receipts: swapped }), /LEDGER_STORE_CONFLICT/);
    db.exec('ROLLBACK');
    assert.equal(store.latestHeight(), 1);
  });

  it('takes precomputed tx hashes, still checked against the receipts', () => {
    const db = new DatabaseSync(':memory:');
    const store = new SqliteBlockStore(db, suite);
    const hashesOf = (i: number) => blocks[i]!.block.txs.map((tx) => txHash(suite, tx));
    store.putBlock(blocks[0]!, hashesOf(0));
    assert.equal(store.getTx(hashesOf(0)[1]!)?.index, 1);
    assert.throws(() => store.putBlock(blocks[1]!, hashesOf(1).slice(1)), /LEDGER_STORE_CONFLICT/);
    assert.throws(() => store.putBlock(blocks[1]!, [...hashesOf(1)].reverse()), /LEDGER_STORE_CONFLICT/);
    assert.equal(store.latestHeight(), 1);
    store.putBlock(blocks[1]!, hashesOf(1));
    assert.deepEqual(store.getBlock(2), plain(blocks[1]!.block));
  });

  it('writes the receipt encodings it is given and serves them back without decoding', () => {
    const db = new DatabaseSync(':memory:');
    const store = new SqliteBlockStore(db, suite);
    const encodings = (i: number) => blocks[i]!.receipts.map(encodeReceipt);
    assert.throws(
      () => store.putBlock(blocks[0]!, undefined, encodings(0).slice(1)),
      /LEDGER_STORE_CONFLICT/,
    );
    assert.equal(store.latestHeight(), 0);
    store.putBlock(blocks[0]!, undefined, encodings(0));
    assert.deepEqual(store.getReceiptEncodings(1), encodings(0));
    assert.deepEqual(
      store.getReceipts(1),
      blocks[0]!.receipts.map((r) => plain(r)),
    );
    assert.equal(store.getReceiptEncodings(2), undefined);
  });

  it("writes the transactions' spans of the block bytes it is given, as they are", () => {
    const db = new DatabaseSync(':memory:');
    const store = new SqliteBlockStore(db, suite);
    const spans = (i: number) => arrayItemEncodings(encodeBlock(blocks[i]!.block), 'txs')!;
    assert.equal(spans(0).length, blocks[0]!.block.txs.length);
    assert.throws(
      () => store.putBlock(blocks[0]!, undefined, undefined, spans(0).slice(1)),
      /LEDGER_STORE_CONFLICT/,
    );
    assert.equal(store.latestHeight(), 0);
    store.putBlock(blocks[0]!, undefined, undefined, spans(0));
    // Each transaction reads back as itself (the spans are its exact encodings, in block order).
    blocks[0]!.block.txs.forEach((tx, i) => {
      const got = store.getTx(txHash(suite, tx));
      assert.equal(got?.index, i);
      assert.deepEqual(encodeTx(got!.tx), encodeTx(tx));
    });
    assert.deepEqual(store.getBlock(1), plain(blocks[0]!.block));
  });

  it('a rolled-back transaction leaves nothing behind', () => {
    const db = new DatabaseSync(':memory:');
    const store = new SqliteBlockStore(db, suite);
    db.exec('BEGIN');
    store.putBlock(blocks[0]!);
    db.exec('ROLLBACK');
    assert.equal(store.latestHeight(), 0);
    assert.equal(store.getTx(txHash(suite, blocks[0]!.block.txs[0]!)), undefined);
  });
});
