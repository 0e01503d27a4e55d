/**
 * A subscription to the node's server-sent events (GET /v1/events) over fetch streaming, so the
 * same code runs in Node and browsers (EventSource cannot send headers and is absent from Node).
 * Reconnects after a dropped stream with `Last-Event-ID`, so the node replays what was missed.
 */
import { ClientError, HttpError } from '../errors.ts';
import { type EVENT_KINDS, ROUTES, routeUrl } from '../routes/index.ts';
import type { FetchLike } from './transport.ts';

export type EventKind = (typeof EVENT_KINDS)[number];

export interface BlockMessage {
  readonly height: number;
  readonly hash: string;
  readonly txCount: number;
  readonly time: number;
}

export interface EntityEventMessage {
  readonly height: number;
  /** -1 for events raised by block-start hooks. */
  readonly txIndex: number;
  readonly txHash?: string;
  readonly module: string;
  readonly type: string;
  readonly entities: readonly string[];
  readonly data: unknown;
}

export type ChainEvent =
  | { readonly id: string; readonly kind: 'block'; readonly data: BlockMessage }
  | { readonly id: string; readonly kind: 'event' | 'warning'; readonly data: EntityEventMessage }
  /** The node no longer kept everything after the id resumed from: re-read what matters. */
  | {
      readonly id: string;
      readonly kind: 'gap';
      readonly data: { readonly lastEventId: string; readonly oldestKept: string | null };
    };

export interface SubscribeOptions {
  /** Only `event`/`warning` messages naming this entity, e.g. "member:m1". */
  readonly entity?: string;
  readonly types?: readonly EventKind[];
  /** Resume after this id. */
  readonly lastEventId?: string;
  /** Consecutive failed connections before giving up (onError is then called with the last error). */
  readonly maxReconnects?: number;
  readonly onError?: (e: ClientError) => void;
}

export const defaultSubscribeOptions = { maxReconnects: 20 } as const;
const MAX_BACKOFF_MS = 10_000;

/** Splits a byte stream into SSE messages (https://html.spec.whatwg.org/#event-stream-interpretation). */
export class SseParser {
  private buf = '';
  private data: string[] = [];
  private event = '';
  private id = '';
  retryMs: number | undefined;
  private readonly onMessage: (m: { id: string; event: string; data: string }) => void;

  constructor(onMessage: (m: { id: string; event: string; data: string }) => void) {
    this.onMessage = onMessage;
  }

  push(text: string): void {
    this.buf += text;
    for (let nl = this.buf.search(/\r\n|\r|\n/); nl >= 0; nl = this.buf.search(/\r\n|\r|\n/)) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + (this.buf.startsWith('\r\n', nl) ? 2 : 1));
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0)
        this.onMessage({ id: this.id, event: this.event || 'message', data: this.data.join('\n') });
      this.data = [];
      this.event = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
  }
}

/** Opens the stream; returns the function that ends it. */
export function subscribeEvents(
  conn: { readonly baseUrl: string; readonly fetch: FetchLike; readonly token?: () => string | undefined },
  opts: SubscribeOptions,
  onEvent: (e: ChainEvent) => void,
): () => void {
  const abort = new AbortController();
  const query = { entity: opts.entity, types: opts.types?.join(',') };
  const url = conn.baseUrl.replace(/\/+$/, '') + routeUrl(ROUTES.events, undefined, query);
  const maxReconnects = opts.maxReconnects ?? defaultSubscribeOptions.maxReconnects;
  let lastId = opts.lastEventId;
  let retryMs = 1000;
  /** Whether the current connection brought anything (a dropped stream that did is no failure). */
  let received = false;

  const deliver = (e: ChainEvent) => {
    try {
      onEvent(e);
    } catch (err) {
      // The caller's handler failing is its own business: report it, keep the stream.
      opts.onError?.(
        new ClientError('CLIENT_BAD_RESPONSE', `event handler failed: ${(err as Error).message}`),
      );
    }
  };

  const once = async (): Promise<void> => {
    received = false;
    const token = conn.token?.();
    const res = await conn.fetch(url, {
      headers: {
        accept: 'text/event-stream',
        ...(lastId ? { 'last-event-id': lastId } : {}),
        // The read session: the node sends only the events this reader may read.
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      signal: abort.signal,
    });
    if (!res.ok || !res.body) {
      const err = ((await res.json().catch(() => null)) as { error?: { code?: string; message?: string } })
        ?.error;
      throw new HttpError(res.status, err?.code ?? 'UNKNOWN', err?.message ?? res.statusText, { url });
    }
    const parser = new SseParser((m) => {
      if (m.id) lastId = m.id;
      if (!['block', 'event', 'warning', 'gap'].includes(m.event)) return;
      let data: unknown;
      try {
        data = JSON.parse(m.data);
      } catch {
        throw new ClientError('CLIENT_BAD_RESPONSE', `event ${m.id}: data is not JSON`);
      }
      deliver({ id: m.id, kind: m.event, data } as ChainEvent);
    });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      received = true;
      parser.push(value);
      if (parser.retryMs !== undefined) retryMs = parser.retryMs;
    }
  };

  const run = async () => {
    // Bounded: gives up after maxReconnects connections in a row that brought nothing.
    for (let failures = 0; !abort.signal.aborted; ) {
      let error: ClientError | undefined;
      try {
        await once();
      } catch (e) {
        if (abort.signal.aborted) return;
        if (e instanceof HttpError && e.status < 500) return opts.onError?.(e);
        error =
          e instanceof ClientError ? e : new ClientError('CLIENT_NETWORK', `events: ${(e as Error).message}`);
      }
      failures = received ? 0 : failures + 1;
      if (failures > maxReconnects)
        return opts.onError?.(error ?? new ClientError('CLIENT_NETWORK', 'events: the stream keeps ending'));
      const wait = Math.min(MAX_BACKOFF_MS, retryMs * 2 ** Math.max(0, failures - 1));
      await new Promise<void>((resolve) => {
        const stop = () => {
          clearTimeout(t);
          resolve();
        };
        const t = setTimeout(() => {
          abort.signal.removeEventListener('abort', stop);
          resolve();
        }, wait);
        abort.signal.addEventListener('abort', stop, { once: true });
      });
    }
  };
  void run();
  return () => abort.abort();
}
