/** The block store contract (implemented over node:sqlite in `@djchain/ledger/sqlite`). */
import type { Block } from './block.ts';
import type { CommitCertificate } from './commit.ts';
import type { Header } from './header.ts';
import type { Receipt } from './receipt.ts';
import type { Transaction } from './tx.ts';

/** A decided block with the certificate that decided it and the receipts of its transactions. */
export interface StoredBlock {
  readonly block: Block;
  /** The commit certificate for this block (the next block carries its own copy as lastCommit). */
  readonly commit: CommitCertificate;
  /** One per transaction, in order. */
  readonly receipts: readonly Receipt[];
}

/** Where a transaction landed and what it did. */
export interface StoredTx {
  readonly height: number;
  readonly index: number;
  readonly tx: Transaction;
  readonly receipt: Receipt;
}

export interface BlockStore {
  /** Appends the next block (its height = latest + 1, or any height when the store is empty). */
  putBlock(entry: StoredBlock): void;
  /** The highest stored height, 0 when empty. */
  latestHeight(): number;
  /** The lowest stored height, 0 when empty. */
  earliestHeight(): number;
  getBlock(height: number): Block | undefined;
  getBlockByHash(hash: Uint8Array): Block | undefined;
  getHeader(height: number): Header | undefined;
  getCommit(height: number): CommitCertificate | undefined;
  getReceipts(height: number): Receipt[] | undefined;
  /** The latest inclusion of the transaction. */
  getTx(txHash: Uint8Array): StoredTx | undefined;
}
