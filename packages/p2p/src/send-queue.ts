/**
 * A per-peer bounded send queue. Messages wait here, still in plaintext, while the socket is
 * backed up; they are sealed only when written so dropped messages leave no gap in the nonces.
 * When full, the oldest message of a droppable channel (e.g. mempool gossip) makes room; when no
 * droppable message is left the caller disconnects the peer: a slow peer costs at most the limits.
 */

/** Bytes a queued message is charged beyond its payload: record header, frame header, AEAD tag. */
export const MESSAGE_OVERHEAD = 5 + 4 + 16;

export interface QueueLimits {
  readonly maxBytes: number;
  readonly maxMessages: number;
  readonly droppable: ReadonlySet<number>;
}

interface Item {
  readonly channel: number;
  payload: Uint8Array;
  dead: boolean;
}

const EMPTY = new Uint8Array(0);

/** `queued`; `dropped` (the new droppable message itself did not fit); `overflow` (disconnect). */
export type PushResult = { result: 'queued' | 'dropped' | 'overflow'; evicted: number };

export class SendQueue {
  readonly #limits: QueueLimits;
  #items: Item[] = [];
  #head = 0;
  // The droppable items in arrival order, so evicting the oldest one is O(1).
  #droppable: Item[] = [];
  #droppableHead = 0;
  #bytes = 0;
  #count = 0;

  constructor(limits: QueueLimits) {
    this.#limits = limits;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get length(): number {
    return this.#count;
  }

  push(channel: number, payload: Uint8Array): PushResult {
    const size = payload.length + MESSAGE_OVERHEAD;
    const { maxBytes, maxMessages, droppable } = this.#limits;
    let evicted = 0;
    while (this.#bytes + size > maxBytes || this.#count + 1 > maxMessages) {
      if (!this.#evictOldestDroppable()) break;
      evicted++;
    }
    if (this.#bytes + size > maxBytes || this.#count + 1 > maxMessages) {
      return { result: droppable.has(channel) ? 'dropped' : 'overflow', evicted };
    }
    const item: Item = { channel, payload, dead: false };
    this.#items.push(item);
    if (droppable.has(channel)) this.#droppable.push(item);
    this.#bytes += size;
    this.#count++;
    return { result: 'queued', evicted };
  }

  /** The oldest live message, left in the queue; undefined when empty. */
  peek(): { channel: number; payload: Uint8Array } | undefined {
    while (this.#head < this.#items.length && this.#items[this.#head]!.dead) this.#head++;
    return this.#items[this.#head];
  }

  /** The oldest live message, removed from the queue; undefined when empty. */
  shift(): { channel: number; payload: Uint8Array } | undefined {
    while (this.#head < this.#items.length) {
      const item = this.#items[this.#head++]!;
      if (item.dead) continue;
      item.dead = true; // so the droppable index skips it
      this.#bytes -= item.payload.length + MESSAGE_OVERHEAD;
      this.#count--;
      this.#compact();
      return item;
    }
    return undefined;
  }

  /** Drops everything (connection closed). */
  clear(): void {
    this.#items = [];
    this.#droppable = [];
    this.#head = this.#droppableHead = this.#bytes = this.#count = 0;
  }

  #evictOldestDroppable(): boolean {
    while (this.#droppableHead < this.#droppable.length) {
      const item = this.#droppable[this.#droppableHead++]!;
      if (item.dead) continue;
      item.dead = true;
      this.#bytes -= item.payload.length + MESSAGE_OVERHEAD;
      item.payload = EMPTY; // release the bytes now, not when the head passes the tombstone
      this.#count--;
      this.#compact();
      return true;
    }
    return false;
  }

  // PERF: drop tombstones (sent or evicted items) once they outnumber live ones; amortized O(1).
  #compact(): void {
    if (this.#items.length > 2 * this.#count + 1024) {
      this.#items = this.#items.slice(this.#head).filter((item) => !item.dead);
      this.#head = 0;
    }
    if (this.#droppable.length > 2 * this.#count + 1024) {
      this.#droppable = this.#droppable.slice(this.#droppableHead).filter((item) => !item.dead);
      this.#droppableHead = 0;
    }
  }
}
