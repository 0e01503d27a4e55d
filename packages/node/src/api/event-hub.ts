/**
 * The server-sent event hub behind GET /v1/events. Each commit becomes messages — one `block`,
 * then each entity event as `event`, or as `warning` when a block-start hook raised it — written
 * to every matching client without waiting for anyone: a client whose unsent bytes pass
 * `clientBufferBytes` is dropped, so a slow reader costs a bounded amount of memory and never
 * delays a commit. The last messages are kept (bounded by count and bytes) for `Last-Event-ID`.
 */
import { EVENT_KINDS } from '@djchain/client/routes';
import { toHex } from '@djchain/crypto';
import { BLOCK_TX_INDEX } from '@djchain/ledger';
import type { CommitEvent } from '../node.ts';
import { jsonSafe } from './encoding.ts';

export interface EventsOptions {
  /** A comment line this often keeps proxies and clients from timing the stream out. */
  readonly heartbeatMs: number;
  /** Unsent bytes (above what the kernel took) at which a client is dropped. */
  readonly clientBufferBytes: number;
  /** Messages kept for resuming, by count and by bytes. */
  readonly replayMessages: number;
  readonly replayBytes: number;
  readonly maxClients: number;
  /** Streams one client (address) may hold, so that one client cannot take every slot. */
  readonly maxClientsPerClient: number;
  /** The wall clock, for ending streams whose session has expired (tests give their own). */
  readonly now: () => number;
}

export const defaultEventsOptions: EventsOptions = {
  heartbeatMs: 15_000,
  clientBufferBytes: 1024 * 1024,
  replayMessages: 4096,
  replayBytes: 8 * 1024 * 1024,
  maxClients: 1000,
  maxClientsPerClient: 8,
  now: () => Date.now(),
};

export { EVENT_KINDS };
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * Hook events that are warnings rather than automatic effects: the warning centre's
 * `warnings.Raised` and `warnings.Closed` (one record shape for every module's warnings, what the
 * web app's warning centre listens to), and the sources' own events as before — a type ending in
 * `Warning` (recruitment deadlines) and the reminders org.TermOverdue and transfer.Unanswered.
 */
const WARNING_TYPES = new Set([
  'org.TermOverdue',
  'transfer.Unanswered',
  'warnings.Raised',
  'warnings.Closed',
]);
export const isWarning = (e: { txIndex: number; type: string }): boolean =>
  e.txIndex === BLOCK_TX_INDEX && (e.type.endsWith('Warning') || WARNING_TYPES.has(e.type));

/** A position in the stream: message `seq` of block `height` (0 is the block message). */
interface Pos {
  readonly height: number;
  readonly seq: number;
}
const before = (a: Pos, b: Pos) => a.height < b.height || (a.height === b.height && a.seq < b.seq);

export function parseEventId(id: string): Pos | undefined {
  const m = /^(\d{1,15})-(\d{1,9})$/.exec(id);
  return m ? { height: Number(m[1]), seq: Number(m[2]) } : undefined;
}

interface Message extends Pos {
  readonly kind: EventKind;
  readonly entities: readonly string[];
  readonly frame: string;
  readonly bytes: number;
}

export interface EventFilter {
  readonly kinds: ReadonlySet<EventKind>;
  readonly entity: string | undefined;
  /** Whether the reader may see an event naming these entities (blocks are public). */
  readonly canSee?: (entities: readonly string[]) => boolean;
}

/** Who holds a stream: the client's address, and when its session ends (undefined: never). */
export interface StreamOwner {
  readonly client: string;
  readonly expiresAt: number | undefined;
}

/** Where a client's frames go (an HTTP response in the server; anything writable in tests). */
export interface EventSink {
  write(chunk: string): unknown;
  readonly writableLength: number;
  end(): void;
  destroy(): void;
}

interface Client {
  readonly sink: EventSink;
  readonly filter: EventFilter;
  readonly owner: StreamOwner;
}

const frame = (id: string, kind: string, data: unknown) =>
  `id: ${id}\nevent: ${kind}\ndata: ${JSON.stringify(data)}\n\n`;

const matches = (m: Message, f: EventFilter) =>
  f.kinds.has(m.kind) &&
  (m.kind === 'block' ||
    ((f.entity === undefined || m.entities.includes(f.entity)) && (f.canSee?.(m.entities) ?? true)));

export class EventHub {
  private readonly opts: EventsOptions;
  private readonly clients = new Set<Client>();
  private readonly kept: Message[] = [];
  private keptBytes = 0;
  /** Everything at or before this position is no longer kept (or came before the hub started). */
  private horizon: Pos;
  private readonly timer: ReturnType<typeof setInterval>;
  dropped = 0;

  constructor(opts: Partial<EventsOptions>, startHeight: number) {
    this.opts = { ...defaultEventsOptions, ...opts };
    this.horizon = { height: startHeight, seq: Number.MAX_SAFE_INTEGER };
    this.timer = setInterval(() => this.send(': heartbeat\n\n'), this.opts.heartbeatMs);
    this.timer.unref();
  }

  clientCount(): number {
    return this.clients.size;
  }

  full(): boolean {
    return this.clients.size >= this.opts.maxClients;
  }

  /** Whether this client already holds its share of streams. */
  fullFor(client: string): boolean {
    let n = 0;
    for (const c of this.clients) if (c.owner.client === client) n++;
    return n >= this.opts.maxClientsPerClient;
  }

  /** Starts a client's stream: a `gap` first if `lastEventId` is older than what is kept, then the kept messages after it. */
  attach(
    sink: EventSink,
    filter: EventFilter,
    lastEventId: string | undefined,
    owner: StreamOwner = { client: '', expiresAt: undefined },
  ): () => void {
    const client: Client = { sink, filter, owner };
    sink.write('retry: 2000\n\n');
    const last = lastEventId === undefined ? undefined : parseEventId(lastEventId);
    if (last) {
      if (before(last, this.horizon)) {
        const oldest = this.kept[0];
        sink.write(
          frame(lastEventId!, 'gap', {
            lastEventId,
            oldestKept: oldest ? `${oldest.height}-${oldest.seq}` : null,
          }),
        );
      }
      for (const m of this.kept) if (before(last, m) && matches(m, filter)) sink.write(m.frame);
    }
    this.clients.add(client);
    this.checkBuffer(client);
    return () => {
      this.clients.delete(client);
    };
  }

  /** Turns a commit into messages and writes them to every matching client. */
  onCommit(e: CommitEvent): void {
    const { block, result } = e.executed;
    const height = block.header.height;
    const messages: Message[] = [];
    const add = (kind: EventKind, entities: readonly string[], data: unknown) => {
      const seq = messages.length;
      const text = frame(`${height}-${seq}`, kind, data);
      messages.push({ height, seq, kind, entities, frame: text, bytes: Buffer.byteLength(text) });
    };
    add('block', [], {
      height,
      hash: e.executed.hashHex,
      txCount: block.txs.length,
      time: block.header.time,
    });
    for (const ev of result.events) {
      add(isWarning(ev) ? 'warning' : 'event', ev.entities, {
        height,
        txIndex: ev.txIndex,
        ...(ev.txIndex >= 0 ? { txHash: toHex(result.txHashes[ev.txIndex]!) } : {}),
        module: ev.module,
        type: ev.type,
        entities: ev.entities,
        data: jsonSafe(ev.data),
      });
    }
    for (const m of messages) this.keep(m);
    for (const c of this.clients) {
      for (const m of messages) if (matches(m, c.filter)) c.sink.write(m.frame);
      this.checkBuffer(c);
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const c of this.clients) c.sink.end();
    this.clients.clear();
  }

  private keep(m: Message): void {
    this.kept.push(m);
    this.keptBytes += m.bytes;
    while (
      this.kept.length > 0 &&
      (this.kept.length > this.opts.replayMessages || this.keptBytes > this.opts.replayBytes)
    ) {
      const old = this.kept.shift()!;
      this.keptBytes -= old.bytes;
      this.horizon = old;
    }
  }

  private send(chunk: string): void {
    const now = this.opts.now();
    for (const c of this.clients) {
      // A stream lives no longer than the session it was opened with.
      if (c.owner.expiresAt !== undefined && c.owner.expiresAt < now) {
        this.clients.delete(c);
        c.sink.end();
        continue;
      }
      c.sink.write(chunk);
      this.checkBuffer(c);
    }
  }

  /** A client that cannot keep up is dropped rather than buffered without bound. */
  private checkBuffer(c: Client): void {
    if (c.sink.writableLength <= this.opts.clientBufferBytes) return;
    this.clients.delete(c);
    this.dropped++;
    c.sink.destroy();
  }
}
