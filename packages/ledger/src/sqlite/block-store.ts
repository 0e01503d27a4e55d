/**
 * The block store in the node's embedded database (node:sqlite). It shares the caller's
 * connection and never opens a transaction itself, so the node commits a block and its state in
 * one transaction. Tables are prefixed `blk_`. The tx-hash index is not unique: a transaction
 * refused before its nonce check (e.g. a future nonce) is recorded and may be included again later;
 * `getTx` returns its latest inclusion.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { equalBytes, type Suite } from '@djchain/crypto';
import type { Block } from '../block.ts';
import { type CommitCertificate, decodeCommit, encodeCommit } from '../commit.ts';
import { LedgerError } from '../errors.ts';
import { decodeHeader, encodeHeader, type Header, headerHash } from '../header.ts';
import { decodeReceipt, encodeReceipt, type Receipt } from '../receipt.ts';
import type { BlockStore, StoredBlock, StoredTx } from '../store.ts';
import { decodeTx, encodeTx, txHash } from '../tx.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS blk_block (
  height INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, header BLOB NOT NULL,
  last_commit BLOB, commit_cert BLOB NOT NULL, tx_count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS blk_tx (
  height INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, tx BLOB NOT NULL, receipt BLOB NOT NULL,
  PRIMARY KEY (height, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS blk_tx_hash ON blk_tx (hash);
`;

interface BlockRow {
  height: number;
  header: Uint8Array;
  last_commit: Uint8Array | null;
  tx_count: number;
}

/** BlockStore over a caller-provided DatabaseSync; creates its tables when missing. */
export class SqliteBlockStore implements BlockStore {
  private readonly suite: Suite;
  private readonly q: Record<
    | 'insBlock'
    | 'insTx'
    | 'latest'
    | 'earliest'
    | 'byHeight'
    | 'byHash'
    | 'commit'
    | 'txs'
    | 'receipts'
    | 'tx',
    StatementSync
  >;

  constructor(db: DatabaseSync, suite: Suite) {
    this.suite = suite;
    db.exec(SCHEMA);
    this.q = {
      insBlock: db.prepare(
        'INSERT INTO blk_block (height, hash, header, last_commit, commit_cert, tx_count) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insTx: db.prepare('INSERT INTO blk_tx (height, idx, hash, tx, receipt) VALUES (?, ?, ?, ?, ?)'),
      latest: db.prepare('SELECT max(height) AS h FROM blk_block'),
      earliest: db.prepare('SELECT min(height) AS h FROM blk_block'),
      byHeight: db.prepare('SELECT height, header, last_commit, tx_count FROM blk_block WHERE height = ?'),
      byHash: db.prepare('SELECT height, header, last_commit, tx_count FROM blk_block WHERE hash = ?'),
      commit: db.prepare('SELECT commit_cert FROM blk_block WHERE height = ?'),
      txs: db.prepare('SELECT tx, receipt FROM blk_tx WHERE height = ? ORDER BY idx'),
      receipts: db.prepare('SELECT receipt FROM blk_tx WHERE height = ? ORDER BY idx'),
      tx: db.prepare(
        'SELECT height, idx, tx, receipt FROM blk_tx WHERE hash = ? ORDER BY height DESC LIMIT 1',
      ),
    };
  }

  /**
   * Appends the next block. `txHashes`, when the caller already has them (the executor computed
   * them for the receipts and the tx root), are used instead of encoding and hashing every
   * transaction again (PERF); each must still equal its receipt's. `receiptEncodings[i]`, when
   * given, must be `encodeReceipt(receipts[i])` (the executor encoded each receipt to hash it;
   * PERF: it is written as is, not encoded a second time). `txEncodings[i]`, when given, must be
   * `encodeTx(txs[i])`: the spans of the canonical block bytes the block was decoded from or
   * encoded to (`arrayItemEncodings(bytes, 'txs')`; PERF: no transaction is encoded again).
   */
  putBlock(
    { block, commit, receipts }: StoredBlock,
    txHashes?: readonly Uint8Array[],
    receiptEncodings?: readonly Uint8Array[],
    txEncodings?: readonly Uint8Array[],
  ): void {
    const { header, txs } = block;
    const latest = this.latestHeight();
    if (latest !== 0 && header.height !== latest + 1) {
      throw new LedgerError('LEDGER_STORE_CONFLICT', 'blocks are stored in height order', {
        height: header.height,
        latest,
      });
    }
    const hash = headerHash(this.suite, header);
    if (commit.height !== header.height || !equalBytes(commit.blockHash, hash)) {
      throw new LedgerError('LEDGER_STORE_CONFLICT', 'commit is not for this block', {
        height: header.height,
      });
    }
    if (receipts.length !== txs.length) {
      throw new LedgerError('LEDGER_STORE_CONFLICT', 'one receipt per transaction', {
        height: header.height,
      });
    }
    // Everything is checked before the first insert, so a refused block writes nothing.
    if (txHashes !== undefined && txHashes.length !== txs.length) {
      throw new LedgerError('LEDGER_STORE_CONFLICT', 'one hash per transaction', { height: header.height });
    }
    if (receiptEncodings !== undefined && receiptEncodings.length !== txs.length) {
      throw new LedgerError('LEDGER_STORE_CONFLICT', 'one receipt encoding per transaction', {
        height: header.height,
      });
    }
    if (txEncodings !== undefined && txEncodings.length !== txs.length) {
      throw new LedgerError('LEDGER_STORE_CONFLICT', 'one encoding per transaction', {
        height: header.height,
      });
    }
    const hashes = txs.map((tx, i) => {
      const h = txHashes?.[i] ?? txHash(this.suite, tx);
      if (!equalBytes(receipts[i]!.txHash, h)) {
        throw new LedgerError('LEDGER_STORE_CONFLICT', 'receipt is for another transaction', { index: i });
      }
      return h;
    });
    this.q.insBlock.run(
      header.height,
      hash,
      encodeHeader(header),
      block.lastCommit === null ? null : encodeCommit(block.lastCommit),
      encodeCommit(commit),
      txs.length,
    );
    txs.forEach((tx, i) => {
      const receipt = receiptEncodings?.[i] ?? encodeReceipt(receipts[i]!);
      this.q.insTx.run(header.height, i, hashes[i]!, txEncodings?.[i] ?? encodeTx(tx), receipt);
    });
  }

  latestHeight(): number {
    return Number((this.q.latest.get() as { h: number | null }).h ?? 0);
  }

  earliestHeight(): number {
    return Number((this.q.earliest.get() as { h: number | null }).h ?? 0);
  }

  getHeader(height: number): Header | undefined {
    const row = this.q.byHeight.get(height) as BlockRow | undefined;
    return row ? decodeHeader(row.header) : undefined;
  }

  getBlock(height: number): Block | undefined {
    return this.blockOf(this.q.byHeight.get(height) as BlockRow | undefined);
  }

  getBlockByHash(hash: Uint8Array): Block | undefined {
    return this.blockOf(this.q.byHash.get(hash) as BlockRow | undefined);
  }

  getCommit(height: number): CommitCertificate | undefined {
    const row = this.q.commit.get(height) as { commit_cert: Uint8Array } | undefined;
    return row ? decodeCommit(row.commit_cert) : undefined;
  }

  getReceipts(height: number): Receipt[] | undefined {
    if (!this.q.byHeight.get(height)) return undefined;
    return (this.q.receipts.all(height) as Array<{ receipt: Uint8Array }>).map((r) =>
      decodeReceipt(r.receipt),
    );
  }

  /**
   * The stored canonical encodings of block `height`'s receipts, in order (undefined when the
   * block is not stored). PERF: receipt-root leaves are hashed from these without decoding.
   */
  getReceiptEncodings(height: number): Uint8Array[] | undefined {
    if (!this.q.byHeight.get(height)) return undefined;
    return (this.q.receipts.all(height) as Array<{ receipt: Uint8Array }>).map((r) => r.receipt);
  }

  getTx(hash: Uint8Array): StoredTx | undefined {
    const row = this.q.tx.get(hash) as
      | { height: number; idx: number; tx: Uint8Array; receipt: Uint8Array }
      | undefined;
    if (!row) return undefined;
    return { height: row.height, index: row.idx, tx: decodeTx(row.tx), receipt: decodeReceipt(row.receipt) };
  }

  private blockOf(row: BlockRow | undefined): Block | undefined {
    if (!row) return undefined;
    const txs = (this.q.txs.all(row.height) as Array<{ tx: Uint8Array }>).map((r) => decodeTx(r.tx));
    if (txs.length !== row.tx_count) {
      throw new LedgerError('LEDGER_STORE_CORRUPT', 'stored transactions missing', { height: row.height });
    }
    return {
      header: decodeHeader(row.header),
      txs,
      lastCommit: row.last_commit === null ? null : decodeCommit(row.last_commit),
    };
  }
}
