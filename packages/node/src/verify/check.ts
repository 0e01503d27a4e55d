/**
 * What a verification worker computes for one transaction encoding: whether it is a transaction
 * whose signature verifies, and its id hashed from those exact bytes. Shared by the worker and the
 * in-thread fallback so both give the same answer.
 */
import type { Suite } from '@djchain/crypto';
import { decodeTx, domainHash, TAG, verifyTxSignature } from '@djchain/ledger';

export function checkEncoded(suite: Suite, bytes: Uint8Array): { ok: boolean; hash: Uint8Array } {
  const hash = domainHash(suite, TAG.txId, bytes);
  try {
    return { ok: verifyTxSignature(suite, decodeTx(bytes)), hash };
  } catch {
    return { ok: false, hash };
  }
}
