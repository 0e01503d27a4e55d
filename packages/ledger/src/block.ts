/** Blocks: a header, its transactions, and the commit certificate of the previous block. */
import { arrayItemEncodings, encode, equalBytes, type Suite, type Value } from '@djchain/crypto';
import { decodeValue } from './codec.ts';
import { type CommitCertificate, commitFromValue, commitHash, commitToValue } from './commit.ts';
import { LedgerError } from './errors.ts';
import { type Header, headerFromValue, headerToValue, ZERO_HASH } from './header.ts';
import { merkleRoot } from './merkle.ts';
import { Fields } from './shape.ts';
import { type Transaction, txFromValue, txHash, txHashOfEncoding, txToValue } from './tx.ts';

export interface Block {
  readonly header: Header;
  readonly txs: readonly Transaction[];
  /** Certificate of block height-1; null at height 1. */
  readonly lastCommit: CommitCertificate | null;
}

/** Most transactions one block may carry (a decoder bound, not a throughput target). */
export const MAX_BLOCK_TXS = 10_000;

export function blockToValue(b: Block): Value {
  return {
    header: headerToValue(b.header),
    txs: b.txs.map(txToValue),
    lastCommit: b.lastCommit === null ? null : commitToValue(b.lastCommit),
  };
}

export function blockFromValue(v: Value): Block {
  const f: Fields = new Fields('LEDGER_BAD_BLOCK', 'block', v);
  const header = headerFromValue(f.raw('header'));
  const txs = f.list('txs', MAX_BLOCK_TXS).map(txFromValue);
  const rawCommit = f.raw('lastCommit');
  const lastCommit = rawCommit === null ? null : commitFromValue(rawCommit);
  f.done();
  return { header, txs, lastCommit };
}

export function encodeBlock(b: Block): Uint8Array {
  return encode(blockToValue(b));
}

export function decodeBlock(bytes: Uint8Array): Block {
  return blockFromValue(decodeValue('LEDGER_BAD_BLOCK', 'block', bytes));
}

/**
 * PERF: the ids of a block's transactions hashed from the block's own bytes, for `bytes` that
 * decodeBlock accepted (canonical, so each transaction's bytes are exactly its encodeTx): one hash
 * per transaction and no encoding, where txHash would encode each again.
 */
export function blockTxHashes(suite: Suite, bytes: Uint8Array): Uint8Array[] {
  const encodings = arrayItemEncodings(bytes, 'txs');
  if (encodings === undefined) throw new LedgerError('LEDGER_BAD_BLOCK', 'block has no transaction list');
  return encodings.map((e) => txHashOfEncoding(suite, e));
}

/** The header's txRoot for these transactions: Merkle root over their hashes. */
export function txRoot(suite: Suite, txs: readonly Transaction[]): Uint8Array {
  return merkleRoot(
    suite,
    txs.map((tx) => txHash(suite, tx)),
  );
}

/**
 * Checks what a block says about itself: txRoot matches its transactions, the last commit is
 * present exactly after height 1, certifies height-1 and its hash is lastCommitHash, and the
 * first block starts from zero hashes. LEDGER_BAD_BLOCK otherwise. Signatures are the caller's
 * (verifyCommit with the previous height's validators).
 */
export function checkBlockLinks(suite: Suite, b: Block, txHashes?: readonly Uint8Array[]): void {
  const bad = (message: string) => new LedgerError('LEDGER_BAD_BLOCK', message, { height: b.header.height });
  // `txHashes`, when given, are the ids of `b.txs` in order (blockTxHashes of the bytes b came from).
  if (txHashes !== undefined && txHashes.length !== b.txs.length) throw bad('one id per transaction');
  const root = txHashes === undefined ? txRoot(suite, b.txs) : merkleRoot(suite, txHashes);
  if (!equalBytes(b.header.txRoot, root)) throw bad('txRoot does not match the transactions');
  for (const tx of b.txs) if (tx.chainId !== b.header.chainId) throw bad('transaction for another chain');
  if (b.header.height === 1) {
    if (b.lastCommit !== null) throw bad('first block has a last commit');
    if (!equalBytes(b.header.prevHash, ZERO_HASH) || !equalBytes(b.header.lastCommitHash, ZERO_HASH)) {
      throw bad('first block must have zero prevHash and lastCommitHash');
    }
    return;
  }
  if (b.lastCommit === null) throw bad('missing last commit');
  if (b.lastCommit.height !== b.header.height - 1) throw bad('last commit is for another height');
  if (!equalBytes(b.lastCommit.blockHash, b.header.prevHash)) throw bad('last commit is for another block');
  if (!equalBytes(commitHash(suite, b.lastCommit), b.header.lastCommitHash))
    throw bad('lastCommitHash mismatch');
}
