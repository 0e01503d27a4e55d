/**
 * Per-entity history hashing (DESIGN §5): the functions live in @djchain/ledger, shared with the
 * runtime that writes the heads; this module re-exports them with the stored-event shape.
 */
import type { ReceiptEvent } from '@djchain/ledger';

export {
  BLOCK_TX_INDEX,
  EVENT_TAG,
  eventHash,
  GENESIS_HEAD,
  HISTORY_TAG,
  historyKey,
  historyValue,
  nextHead,
} from '@djchain/ledger';

/** An entity's event with where it happened, as the runtime stores it under evt/<entity>/<seq>. */
export interface HistoryEvent extends ReceiptEvent {
  readonly height: number;
  readonly txIndex: number;
}
