/** Accounts: an address per public key and the next nonce it may use. */
import { decode, encode } from '@djchain/crypto';
import { isMap } from '@djchain/ledger';
import { accountKey } from './keys.ts';
import type { Overlay } from './overlay.ts';
import type { StateView } from './view.ts';

export { addressOf } from '@djchain/ledger';

/** The nonce the account's next transaction must carry (0 for a new account). */
export function nextNonce(view: StateView, address: string): number {
  const bytes = view.get(accountKey(address));
  if (bytes === undefined) return 0;
  const v = decode(bytes);
  return isMap(v) && typeof v.nonce === 'number' ? v.nonce : 0;
}

/** Stores `acct/<address>` = { nonce }. */
export function setNextNonce(overlay: Overlay, address: string, nonce: number): void {
  overlay.set(accountKey(address), encode({ nonce }));
}
