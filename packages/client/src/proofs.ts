/**
 * Proof checks against a header the caller already trusts (see LightClient): a state value or its
 * absence against the header's state root, a receipt against its receipt root. Pure.
 */
import { equalBytes, type Suite, toHex } from '@djchain/crypto/browser';
import { type Header, type MerkleProof, type Receipt, receiptHash, verifyMerkleProof } from '@djchain/ledger';
import { type Proof, verifyProof } from '@djchain/state';
import { ClientError } from './errors.ts';

const utf8 = new TextEncoder();

/**
 * Throws CLIENT_BAD_PROOF unless `proof` shows that `key` (a UTF-8 state key such as
 * `hist/member:m1`) holds `value` in the state after block `header.height` — or, with `value`
 * undefined, that it is absent. The state tree hashes with the chain suite's hash.
 */
export function checkStateProof(
  suite: Suite,
  header: Header,
  key: string,
  value: Uint8Array | undefined,
  proof: Proof,
): void {
  const hasher = (d: Uint8Array) => suite.hash(d);
  if (!verifyProof(hasher, header.stateRoot, utf8.encode(key), value, proof)) {
    throw new ClientError(
      'CLIENT_BAD_PROOF',
      value === undefined
        ? `proof does not show "${key}" absent at height ${header.height}`
        : `proof does not show the value of "${key}" at height ${header.height}`,
      { key, height: header.height, stateRoot: toHex(header.stateRoot) },
    );
  }
}

/**
 * Throws CLIENT_BAD_RECEIPT unless `receipt` sits at `proof.index` of block `header.height`'s
 * receipts (leaf = receiptHash, RFC 6962 path against receiptRoot) and, when given, is the
 * receipt of transaction `txHash`.
 */
export function checkReceiptProof(
  suite: Suite,
  header: Header,
  receipt: Receipt,
  proof: MerkleProof,
  txHash?: Uint8Array,
): void {
  if (txHash !== undefined && !equalBytes(receipt.txHash, txHash)) {
    throw new ClientError('CLIENT_BAD_RECEIPT', 'receipt is for another transaction', {
      expected: toHex(txHash),
      got: toHex(receipt.txHash),
    });
  }
  if (!verifyMerkleProof(suite, header.receiptRoot, receiptHash(suite, receipt), proof)) {
    throw new ClientError('CLIENT_BAD_RECEIPT', `receipt proof does not match block ${header.height}`, {
      height: header.height,
      index: proof.index,
    });
  }
}
