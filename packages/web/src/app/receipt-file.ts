/**
 * Receipt file (version 1), one canonical CBOR map: { format: "djchain-receipt", version: 1,
 * chainId, suite, txHash, height, index, receipt, receiptProof, header, commit, validatorSet }
 * (ledger value forms). Verified offline in the browser, link by link, stopping at the first that
 * breaks: FORMAT, CHAIN, RECEIPT_PROOF (the receipt is leaf `index` of the header's receiptRoot and
 * is the receipt of txHash), VALIDATOR_SET (the set hashes to header.validatorsHash), TRUST (the set
 * is one the light client has seen sign, or the header is the one it verified), COMMIT (> 2/3).
 */
import { checkReceiptProof, type LightClient } from '@djchain/client';
import { decode, encode, equalBytes, fromHex, type Suite, toHex, type Value } from '@djchain/crypto/browser';
import {
  type CommitCertificate,
  commitFromValue,
  commitToValue,
  type Header,
  headerFromValue,
  headerHash,
  headerToValue,
  type MerkleProof,
  merkleProofFromValue,
  merkleProofToValue,
  type Receipt,
  receiptFromValue,
  receiptToValue,
  type ValidatorSet,
  validatorSetFromValue,
  validatorSetHash,
  validatorSetToValue,
  verifyCommit,
} from '@djchain/ledger';
import { AppError } from './errors.ts';

const RECEIPT_FORMAT = 'djchain-receipt';

export interface ReceiptFile {
  readonly chainId: string;
  readonly suite: string;
  readonly txHash: string;
  readonly height: number;
  readonly index: number;
  readonly receipt: Receipt;
  readonly receiptProof: MerkleProof;
  readonly header: Header;
  readonly commit: CommitCertificate;
  readonly validatorSet: ValidatorSet;
}

export function encodeReceiptFile(f: ReceiptFile): Uint8Array {
  return encode({
    format: RECEIPT_FORMAT,
    version: 1,
    chainId: f.chainId,
    suite: f.suite,
    txHash: fromHex(f.txHash),
    height: f.height,
    index: f.index,
    receipt: receiptToValue(f.receipt),
    receiptProof: merkleProofToValue(f.receiptProof),
    header: headerToValue(f.header),
    commit: commitToValue(f.commit),
    validatorSet: validatorSetToValue(f.validatorSet),
  });
}

export type ReceiptCheck = 'FORMAT' | 'CHAIN' | 'RECEIPT_PROOF' | 'VALIDATOR_SET' | 'TRUST' | 'COMMIT';
export const RECEIPT_CHECKS: readonly ReceiptCheck[] = [
  'FORMAT',
  'CHAIN',
  'RECEIPT_PROOF',
  'VALIDATOR_SET',
  'TRUST',
  'COMMIT',
];

export type ReceiptVerdict =
  | { readonly ok: true; readonly file: ReceiptFile }
  | { readonly ok: false; readonly check: ReceiptCheck; readonly message: string };

/** Whether the bytes look like a receipt file (a CBOR map naming the format). */
export function isReceiptFile(bytes: Uint8Array): boolean {
  try {
    return (decode(bytes) as { format?: unknown })?.format === RECEIPT_FORMAT;
  } catch {
    return false;
  }
}

export function parseReceiptFile(bytes: Uint8Array): ReceiptFile {
  const v = decode(bytes) as { [k: string]: Value };
  if (v?.format !== RECEIPT_FORMAT || v.version !== 1)
    throw new AppError('WEB_BAD_RECEIPT_FILE', 'not a receipt file of version 1');
  if (typeof v.chainId !== 'string' || typeof v.suite !== 'string')
    throw new AppError('WEB_BAD_RECEIPT_FILE', 'chainId and suite required');
  if (!(v.txHash instanceof Uint8Array) || typeof v.height !== 'number' || typeof v.index !== 'number')
    throw new AppError('WEB_BAD_RECEIPT_FILE', 'txHash, height and index required');
  return {
    chainId: v.chainId,
    suite: v.suite,
    txHash: toHex(v.txHash),
    height: v.height,
    index: v.index,
    receipt: receiptFromValue(v.receipt as Value),
    receiptProof: merkleProofFromValue(v.receiptProof as Value),
    header: headerFromValue(v.header as Value),
    commit: commitFromValue(v.commit as Value),
    validatorSet: validatorSetFromValue(v.validatorSet as Value),
  };
}

export function verifyReceiptFile(
  bytes: Uint8Array,
  trust: { suite: Suite; chainId: string; lightClient: LightClient },
): ReceiptVerdict {
  let f: ReceiptFile;
  try {
    f = parseReceiptFile(bytes);
  } catch (e) {
    return { ok: false, check: 'FORMAT', message: (e as Error).message };
  }
  if (f.chainId !== trust.chainId || f.suite !== trust.suite.id || f.header.chainId !== trust.chainId)
    return { ok: false, check: 'CHAIN', message: `chain ${f.chainId}/${f.suite}` };
  if (f.header.height !== f.height || f.receiptProof.index !== f.index)
    return { ok: false, check: 'RECEIPT_PROOF', message: 'height or index does not match the proof' };
  try {
    checkReceiptProof(trust.suite, f.header, f.receipt, f.receiptProof, fromHex(f.txHash));
  } catch (e) {
    return { ok: false, check: 'RECEIPT_PROOF', message: (e as Error).message };
  }
  const setHash = validatorSetHash(trust.suite, f.validatorSet);
  if (!equalBytes(setHash, f.header.validatorsHash))
    return { ok: false, check: 'VALIDATOR_SET', message: 'the set is not the header’s' };
  const known = trust.lightClient.header(f.height);
  const sameHeader =
    known !== undefined && equalBytes(headerHash(trust.suite, known), headerHash(trust.suite, f.header));
  if (known !== undefined && !sameHeader)
    return { ok: false, check: 'TRUST', message: `header ${f.height} is not the one the validators signed` };
  if (!sameHeader && !trust.lightClient.knowsSet(setHash))
    return { ok: false, check: 'TRUST', message: 'the validator set is not trusted' };
  const c = verifyCommit(trust.suite, f.validatorSet, f.header, f.commit);
  if (!c.ok) return { ok: false, check: 'COMMIT', message: c.error.message };
  return { ok: true, file: f };
}
