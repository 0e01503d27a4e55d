/**
 * Per-entity history hashing (DESIGN §5), the same functions as @djchain/runtime's history.ts,
 * which the client may not import (layer rule): they belong in @djchain/ledger and should move
 * there; test/history.test.ts checks these against the runtime's until then.
 *   eventHash = H_tag("djchain/event/v1", cbor({module, type, entities, data}))
 *   head'     = H_tag("djchain/history/v1", head, eventHash, cbor([height, txIndex]))
 * The state holds hist/<entity> = cbor({ head, count, last }).
 */
import { encode, type Suite, taggedHash } from '@djchain/crypto/browser';
import { eventToValue, type ReceiptEvent } from '@djchain/ledger';

export const EVENT_TAG = 'djchain/event/v1';
export const HISTORY_TAG = 'djchain/history/v1';
/** The head of an entity with no events. */
export const GENESIS_HEAD: Uint8Array = new Uint8Array(32);
/** txIndex of events raised by block-start hooks and genesis, not by a transaction. */
export const BLOCK_TX_INDEX = -1;

/** An entity's event with where it happened, as the runtime stores it under evt/<entity>/<seq>. */
export interface HistoryEvent extends ReceiptEvent {
  readonly height: number;
  readonly txIndex: number;
}

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

/** The state value of hist/<entity> after `events` (what the state proof must show). */
export function historyValue(head: Uint8Array, count: number, last: number): Uint8Array {
  return encode({ head, count, last });
}
