/**
 * Per-entity history (DESIGN §5). For every event and every entity it names, in emission order:
 *   eventHash = H_tag("djchain/event/v1", cbor({module, type, entities, data}))
 *   head'     = H_tag("djchain/history/v1", head, eventHash, cbor([height, txIndex]))
 * with H_tag the suite's taggedHash (length-prefixed parts), the first head 32 zero bytes, and
 * txIndex = -1 for events of block-start hooks and genesis (BLOCK_TX_INDEX). The runtime stores
 *   hist/<entity>          = { head, count, last }   (count = events so far, last = height of the latest)
 *   evt/<entity>/<seq>     = { module, type, entities, data, height, txIndex }   (seq = 0, 1, …)
 * so a dossier is the events read in order plus a state proof of the head.
 */
import { decode, encode, type Suite, type Value } from '@djchain/crypto';
import {
  eventFromValue,
  eventHash,
  eventToValue,
  GENESIS_HEAD,
  historyKey,
  historyValue,
  isMap,
  nextHead,
  type ReceiptEvent,
} from '@djchain/ledger';
import { eventKey } from './keys.ts';

// The hash functions live in @djchain/ledger so that the client verifies with the same code.
export { BLOCK_TX_INDEX, EVENT_TAG, eventHash, GENESIS_HEAD, HISTORY_TAG, nextHead } from '@djchain/ledger';

import { RuntimeError } from './errors.ts';
import type { Overlay } from './overlay.ts';
import type { StateView } from './view.ts';

export interface HistoryHead {
  readonly head: Uint8Array;
  readonly count: number;
  /** Height of the latest event (0 when none). */
  readonly last: number;
}

/** An entity's event as stored under `evt/<entity>/<seq>`. */
export interface StoredEvent extends ReceiptEvent {
  readonly height: number;
  readonly txIndex: number;
}

/** The entity's head, or the genesis head with count 0. */
export function readHead(view: StateView, entity: string): HistoryHead {
  const bytes = view.get(historyKey(entity));
  if (bytes === undefined) return { head: GENESIS_HEAD, count: 0, last: 0 };
  const v = decode(bytes);
  if (
    !isMap(v) ||
    !(v.head instanceof Uint8Array) ||
    typeof v.count !== 'number' ||
    typeof v.last !== 'number'
  ) {
    throw new RuntimeError('RUNTIME_STORE_CORRUPT', `corrupt history head of ${entity}`);
  }
  return { head: v.head, count: v.count, last: v.last };
}

/** Advances the head of every entity the event names and stores the event under each. */
export function appendEvent(
  suite: Suite,
  overlay: Overlay,
  e: ReceiptEvent,
  height: number,
  txIndex: number,
) {
  const h = eventHash(suite, e);
  const stored = encode({ ...(eventToValue(e) as Record<string, Value>), height, txIndex });
  for (const entity of e.entities) {
    const prev = readHead(overlay, entity);
    overlay.set(eventKey(entity, prev.count), stored);
    const head = nextHead(suite, prev.head, h, height, txIndex);
    overlay.set(historyKey(entity), historyValue(head, prev.count + 1, height));
  }
}

/** Recomputes a head from stored events in order (what a dossier verifier does). */
export function replayHead(suite: Suite, events: readonly StoredEvent[]): Uint8Array {
  let head = GENESIS_HEAD;
  for (const e of events) {
    const { height, txIndex, ...event } = e;
    head = nextHead(suite, head, eventHash(suite, event), height, txIndex);
  }
  return head;
}

/** The entity's stored events in order (at most `limit`). */
export function readEvents(view: StateView, entity: string, limit = 100_000): StoredEvent[] {
  return view.keys(`evt/${entity}/`, limit).map((key) => {
    const v = decode(view.get(key)!);
    if (!isMap(v) || typeof v.height !== 'number' || typeof v.txIndex !== 'number') {
      throw new RuntimeError('RUNTIME_STORE_CORRUPT', `corrupt event ${key}`);
    }
    const { height, txIndex, ...rest } = v;
    return { ...eventFromValue(rest), height, txIndex };
  });
}
