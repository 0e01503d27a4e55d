/**
 * Per-entity history hashing (DESIGN §5), shared by the runtime (which writes heads) and the
 * client (which verifies dossiers):
 *   eventHash = H_tag("djchain/event/v1", cbor({module, type, entities, data}))
 *   head'     = H_tag("djchain/history/v1", head, eventHash, cbor([height, txIndex]))
 * The state holds hist/<entity> = cbor({ head, count, last }) and evt/<entity>/<seq> per event.
 */
import { encode, type Suite, taggedHash, toHex } from '@djchain/crypto';
import { eventToValue, type ReceiptEvent } from './receipt.ts';

export const EVENT_TAG = 'djchain/event/v1';
export const HISTORY_TAG = 'djchain/history/v1';
/** The head of an entity with no events. */
export const GENESIS_HEAD: Uint8Array = new Uint8Array(32);
/** txIndex of events raised by block-start hooks and genesis, not by a transaction. */
export const BLOCK_TX_INDEX = -1;

export function eventHash(suite: Suite, e: ReceiptEvent): Uint8Array {
  return taggedHash(suite, EVENT_TAG, encode(eventToValue(e)));
}

export function nextHead(
  suite: Suite,
  head: Uint8Array,
  evHash: Uint8Array,
  height: number,
  txIndex: number,
): Uint8Array {
  return taggedHash(suite, HISTORY_TAG, head, evHash, encode([height, txIndex]));
}

/** The state key of an entity's history head. */
export const historyKey = (entity: string): string => `hist/${entity}`;

/** The state value of hist/<entity>: what a state proof of the head shows. */
export function historyValue(head: Uint8Array, count: number, last: number): Uint8Array {
  return encode({ head, count, last });
}

/** An account's address: hex of the first 20 bytes of the suite hash of its public key. */
export function addressOf(suite: Suite, publicKey: Uint8Array): string {
  return toHex(suite.hash(publicKey).subarray(0, 20));
}
