/** The mempool's refusal codes (the API's registry gives each its HTTP status and documentation). */
import type { Value } from '@djchain/crypto';
import type { CodedError } from '@djchain/runtime';

export type MempoolErrorCode =
  | 'MEMPOOL_TX_TOO_LARGE'
  | 'MEMPOOL_DUPLICATE'
  | 'MEMPOOL_NONCE_TAKEN'
  | 'MEMPOOL_NONCE_TOO_FAR'
  | 'MEMPOOL_FULL'
  | 'MEMPOOL_NEW_KEY_LIMIT';

const MESSAGES: Record<MempoolErrorCode, string> = {
  MEMPOOL_TX_TOO_LARGE: 'transaction is larger than the node accepts',
  MEMPOOL_DUPLICATE: 'transaction is already pending',
  MEMPOOL_NONCE_TAKEN: 'another pending transaction of this signer has this nonce',
  MEMPOOL_NONCE_TOO_FAR: 'nonce is too far above the signer’s next nonce; submit the missing ones first',
  MEMPOOL_FULL: 'the node’s mempool is full; retry later',
  MEMPOOL_NEW_KEY_LIMIT: 'an unregistered key may have only a few pending transactions; wait for them',
};

export function mempoolError(code: MempoolErrorCode, details?: { [key: string]: Value }): CodedError {
  return details ? { code, message: MESSAGES[code], details } : { code, message: MESSAGES[code] };
}
