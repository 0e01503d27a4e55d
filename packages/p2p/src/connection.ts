/**
 * One TCP connection: handshake, then encrypted frames in both directions with a bounded send
 * queue that respects socket backpressure. It closes itself on any failure with a coded P2PError.
 */
import type { Socket } from 'node:net';
import type { Suite } from '@djchain/crypto';
import { CONTROL_CHANNEL } from './channels.ts';
import { P2PError, toP2PError } from './errors.ts';
import { AEAD_TAG_BYTES, FrameOpener, FrameReader, FrameSealer, withLength } from './frame.ts';
import { Handshake, type HandshakeConfig, rejectBody, type Session } from './handshake.ts';
import { decodeMessage } from './handshake-messages.ts';
import { decodeRecords, encodeRecords, RECORD_HEADER_BYTES, type WireRecord } from './records.ts';
import { type PushResult, SendQueue } from './send-queue.ts';

const CONTROL_READY = 1;
const CONTROL_CLOSE = 2;
// Refusals worth telling the other side; the others (timeouts, a reject we got) say nothing.
const TOLD = new Set([
  'P2P_BAD_HANDSHAKE',
  'P2P_WRONG_CHAIN',
  'P2P_WRONG_SUITE',
  'P2P_UNKNOWN_PEER',
  'P2P_UNEXPECTED_PEER',
  'P2P_SELF_CONNECT',
  'P2P_TOO_MANY_PENDING',
]);
// Session closes announced with a CLOSE frame before the socket ends.
const ANNOUNCED = new Set(['P2P_PEER_REMOVED', 'P2P_DUPLICATE_CONNECTION', 'P2P_STOPPED']);
const LINGER_MS = 1_000;
const BATCH_BYTES = 256 * 1024;

export interface ConnectionLimits {
  readonly maxFrameBytes: number;
  readonly maxHandshakeBytes: number;
  readonly handshakeTimeoutMs: number;
  readonly keepAliveMs: number;
  readonly maxQueueBytes: number;
  readonly maxQueueMessages: number;
  readonly droppable: ReadonlySet<number>;
}

export interface ConnectionEvents {
  ready(conn: Connection): void;
  /** A returned promise pauses reading from this peer until it settles (it must not reject). */
  message(conn: Connection, channel: number, payload: Uint8Array): Promise<unknown> | undefined;
  /** Called once; `readyBefore` says whether `ready` had fired. */
  closed(conn: Connection, reason: P2PError, readyBefore: boolean): void;
}

export interface ConnectionStats {
  sentMessages: number;
  sentBytes: number;
  receivedMessages: number;
  receivedBytes: number;
  /** Messages dropped from this peer's send queue because it was full. */
  dropped: number;
}

type State = 'handshake' | 'await-ready' | 'open' | 'closed';

export class Connection {
  readonly socket: Socket;
  readonly initiator: boolean;
  readonly stats: ConnectionStats = {
    sentMessages: 0,
    sentBytes: 0,
    receivedMessages: 0,
    receivedBytes: 0,
    dropped: 0,
  };
  /** Resolves with the peer id when ready; rejects with the reason if it closes first. */
  readonly ready: Promise<string>;
  #state: State = 'handshake';
  #session: Session | undefined;
  #handshake: Handshake;
  readonly #suite: Suite;
  readonly #limits: ConnectionLimits;
  readonly #events: ConnectionEvents;
  readonly #reader: FrameReader;
  readonly #queue: SendQueue;
  #sealer: FrameSealer | undefined;
  #opener: FrameOpener | undefined;
  #blocked = false;
  #flushScheduled = false;
  #inbox: WireRecord[] = [];
  #busy = false;
  #timer: NodeJS.Timeout | undefined;
  #resolveReady!: (id: string) => void;
  #rejectReady!: (e: P2PError) => void;

  constructor(
    socket: Socket,
    initiator: boolean,
    hs: HandshakeConfig,
    limits: ConnectionLimits,
    events: ConnectionEvents,
  ) {
    this.socket = socket;
    this.initiator = initiator;
    this.#suite = hs.suite;
    this.#limits = limits;
    this.#events = events;
    this.#reader = new FrameReader(limits.maxHandshakeBytes);
    this.#queue = new SendQueue({
      maxBytes: limits.maxQueueBytes,
      maxMessages: limits.maxQueueMessages,
      droppable: limits.droppable,
    });
    this.ready = new Promise<string>((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.ready.catch(() => {}); // inbound connections have no one awaiting this
    socket.setNoDelay(true);
    socket.setKeepAlive(true, limits.keepAliveMs);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('drain', () => {
      this.#blocked = false;
      this.#flush();
    });
    socket.on('error', (e) => this.close(toP2PError(e)));
    socket.on('end', () => this.close(new P2PError('P2P_CONNECTION_CLOSED', 'peer ended the connection')));
    socket.on('close', () => this.close(new P2PError('P2P_CONNECTION_CLOSED', 'socket closed')));
    this.#timer = setTimeout(
      () => this.close(new P2PError('P2P_HANDSHAKE_TIMEOUT', 'handshake did not finish in time')),
      limits.handshakeTimeoutMs,
    );
    if (initiator) {
      const { handshake, hello } = Handshake.initiate(hs);
      this.#handshake = handshake;
      socket.write(withLength(hello));
    } else {
      this.#handshake = Handshake.respond(hs);
    }
  }

  /** The authenticated peer id (identity key hex), once the handshake finished. */
  get peerId(): string | undefined {
    return this.#session?.peerId;
  }

  get isOpen(): boolean {
    return this.#state === 'open';
  }

  get queuedBytes(): number {
    return this.#queue.bytes;
  }

  /** Received bytes not yet delivered: the socket's read buffer plus the partial frame. */
  get receiveBuffered(): number {
    return this.#reader.buffered + this.socket.readableLength;
  }

  get queuedMessages(): number {
    return this.#queue.length;
  }

  /** Queues a message; on overflow the connection closes with P2P_SLOW_PEER. */
  send(channel: number, payload: Uint8Array): PushResult['result'] {
    if (this.#state !== 'open') return 'dropped';
    const r = this.#queue.push(channel, payload);
    this.stats.dropped += r.evicted + (r.result === 'dropped' ? 1 : 0);
    if (r.result === 'overflow') {
      this.close(new P2PError('P2P_SLOW_PEER', 'send queue overflowed', { queuedBytes: this.#queue.bytes }));
    } else this.#scheduleFlush();
    return r.result;
  }

  /** Closes once with `reason`; announces it to the peer when that is useful and possible. */
  close(reason: P2PError): void {
    if (this.#state === 'closed') return;
    const wasReady = this.#state === 'open';
    const before = this.#state;
    this.#state = 'closed';
    clearTimeout(this.#timer);
    this.#queue.clear();
    let farewell: Uint8Array | undefined;
    if (before === 'handshake' && TOLD.has(reason.code)) farewell = withLength(rejectBody(reason.code));
    if (before === 'open' && ANNOUNCED.has(reason.code) && !this.#blocked && this.#sealer) {
      farewell = this.#sealer.seal(controlRecord(CONTROL_CLOSE, new TextEncoder().encode(reason.code)));
    }
    if (farewell !== undefined && !this.socket.destroyed) {
      // Let the farewell reach the peer, but never wait on it for long.
      this.socket.end(farewell, () => this.socket.destroy());
      setTimeout(() => this.socket.destroy(), LINGER_MS).unref();
    } else this.socket.destroy();
    if (!wasReady) this.#rejectReady(reason);
    this.#events.closed(this, reason, wasReady);
  }

  #onData(chunk: Buffer): void {
    if (this.#state === 'closed') return;
    this.#reader.push(chunk);
    this.#pump();
  }

  /**
   * Delivers what has arrived, in order. While a message handler's promise is pending the socket
   * is paused, so a peer that sends faster than the node handles is held back by TCP flow control:
   * what waits here is bounded by the reader (one partial frame) and one frame's records.
   */
  #pump(): void {
    try {
      while (!this.#busy && !this.#isClosed()) {
        const record = this.#inbox.shift();
        if (record !== undefined) {
          this.#deliver(record);
          continue;
        }
        const body = this.#reader.next();
        if (body === null) return;
        if (this.#state === 'handshake') this.#onHandshakeBody(body);
        else this.#onFrame(body);
      }
    } catch (e) {
      this.close(toP2PError(e));
    }
  }

  // A method, so TypeScript does not narrow #state across calls that may close the connection.
  #isClosed(): boolean {
    return this.#state === 'closed';
  }

  #onHandshakeBody(body: Uint8Array): void {
    const step = this.#handshake.receive(body);
    if (step.send) this.socket.write(withLength(step.send));
    if (!step.session) return;
    this.#session = step.session;
    this.#sealer = new FrameSealer(this.#suite, step.session.sendKey);
    this.#opener = new FrameOpener(this.#suite, step.session.recvKey);
    this.#reader.maxBody = this.#frameLimit() + AEAD_TAG_BYTES;
    if (this.initiator) {
      // Wait for the responder's READY: it has then checked our identity against its registry.
      this.#state = 'await-ready';
    } else {
      this.socket.write(this.#sealer.seal(controlRecord(CONTROL_READY)));
      this.#open();
    }
  }

  #onFrame(body: Uint8Array): void {
    const plain = this.#state === 'await-ready' ? this.#openFirst(body) : this.#opener!.open(body);
    this.#inbox = decodeRecords(plain);
  }

  #deliver({ channel, payload }: WireRecord): void {
    if (channel === CONTROL_CHANNEL) {
      this.#onControl(payload);
      return;
    }
    if (this.#state !== 'open') throw new P2PError('P2P_BAD_FRAME', 'data before READY');
    this.stats.receivedMessages++;
    this.stats.receivedBytes += payload.length;
    const pending = this.#events.message(this, channel, payload);
    if (pending === undefined) return;
    this.#busy = true;
    this.socket.pause();
    void pending.finally(() => {
      this.#busy = false;
      if (this.#isClosed()) return;
      this.socket.resume();
      this.#pump();
    });
  }

  /** Largest frame plaintext: one record of maxFrameBytes (batches never exceed it). */
  #frameLimit(): number {
    return this.#limits.maxFrameBytes + RECORD_HEADER_BYTES;
  }

  /**
   * The initiator's first frame is READY, or the responder's plaintext reject when it refused our
   * identity after the last handshake message (it then has no session key to seal one with).
   */
  #openFirst(body: Uint8Array): Uint8Array {
    try {
      return this.#opener!.open(body);
    } catch (e) {
      let m: ReturnType<typeof decodeMessage> | undefined;
      try {
        m = decodeMessage(body);
      } catch {
        throw e;
      }
      if (m.t !== 'reject') throw e;
      throw new P2PError('P2P_REFUSED', `peer refused the handshake: ${m.code}`, { remoteCode: m.code });
    }
  }

  #onControl(plain: Uint8Array): void {
    const type = plain[0];
    if (type === CONTROL_READY && this.#state === 'await-ready') {
      this.#open();
      return;
    }
    if (type === CONTROL_CLOSE) {
      const remoteCode = new TextDecoder().decode(plain.subarray(1, 65));
      throw new P2PError('P2P_CLOSED_BY_PEER', `peer closed the session: ${remoteCode}`, { remoteCode });
    }
    throw new P2PError('P2P_BAD_FRAME', `unexpected control message ${type}`);
  }

  #open(): void {
    this.#state = 'open';
    clearTimeout(this.#timer);
    this.#resolveReady(this.#session!.peerId);
    this.#events.ready(this);
  }

  /** Writes after the current task, so a burst of sends goes out as one socket write. */
  #scheduleFlush(): void {
    if (this.#flushScheduled || this.#blocked) return;
    this.#flushScheduled = true;
    queueMicrotask(() => {
      this.#flushScheduled = false;
      this.#flush();
    });
  }

  /** Writes queued messages until the socket asks us to wait for 'drain'. */
  #flush(): void {
    while (!this.#blocked && this.#state === 'open') {
      // PERF: seal the queued messages in batches, one AEAD call and one socket write per batch.
      const limit = Math.min(BATCH_BYTES, this.#frameLimit());
      const records: WireRecord[] = [];
      let size = 0;
      for (let m = this.#queue.peek(); m !== undefined; m = this.#queue.peek()) {
        const recordSize = RECORD_HEADER_BYTES + m.payload.length;
        if (records.length > 0 && size + recordSize > limit) break;
        this.#queue.shift();
        records.push(m);
        size += recordSize;
        this.stats.sentMessages++;
        this.stats.sentBytes += m.payload.length;
      }
      if (records.length === 0) return;
      if (!this.socket.write(this.#sealer!.seal(encodeRecords(records)))) this.#blocked = true;
    }
  }
}

function controlRecord(type: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const payload = new Uint8Array(1 + data.length);
  payload[0] = type;
  payload.set(data, 1);
  return encodeRecords([{ channel: CONTROL_CHANNEL, payload }]);
}
