/**
 * The bytes a key signs to open an API read session (POST /v1/auth/session): domain tag
 * `djchain/api-session/v1`, then the canonical CBOR of { chainId, nonce, expiry }. The tag keeps
 * them from ever being read as a transaction, a vote or anything else the key signs; the chain id
 * and the node's single-use nonce keep a signature from being replayed elsewhere or twice.
 */
import { encode } from '@djchain/crypto/browser';
import { signingBytes } from '@djchain/ledger';

export const SESSION_TAG = 'djchain/api-session/v1';

export interface SessionRequest {
  readonly chainId: string;
  /** The node's challenge, 64 lowercase hex. */
  readonly nonce: string;
  /** When the session should end, ms since the epoch (the node may end it sooner). */
  readonly expiry: number;
}

export function sessionSignBytes(r: SessionRequest): Uint8Array {
  return signingBytes(SESSION_TAG, encode({ chainId: r.chainId, nonce: r.nonce, expiry: r.expiry }));
}
