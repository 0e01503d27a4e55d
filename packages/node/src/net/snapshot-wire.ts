/**
 * The snapshot protocol (sync/snapshot-protocol.ts) and certified headers over the p2p `snapshot`
 * channel: request/response with request ids (issue 3, "snapshot sync whose chunks are each proved
 * against a committed state root").
 *
 * Envelope (canonical CBOR): request `{ id, op: 'snapshot', body }` (body: a snapshot-protocol
 * request) or `{ id, op: 'headers', from, count }`; response `{ re: id, body }` (a snapshot-protocol
 * response, or for headers `{ tip, headers: [[header, commit], …] }`).
 *
 * Limits: requests larger than `maxRequestBytes` are ignored; at most `maxHeaders` headers per
 * answer; an answer larger than the p2p frame is replaced by a coded error. Serving is sequential
 * per peer (the handler's promise pauses reading from that peer, so a peer cannot queue work) and
 * at most `maxServing` answers are computed at once over all peers (others wait their turn).
 * The asking side times every request out after `timeoutMs`.
 *
 * The wire needs only a `SnapshotLink` (what it uses of a P2PNode, which is one) and `Timers`
 * (real ones by default): the simulator runs this same code over its simulated network and clock.
 */
import { decode, encode } from '@djchain/crypto';
import {
  type CommitCertificate,
  decodeCommit,
  decodeHeader,
  encodeCommit,
  encodeHeader,
  type Header,
} from '@djchain/ledger';
import { Channel, type MessageHandler } from '@djchain/p2p';
import { realTimers, type TimerHandle, type Timers } from '../consensus/driver.ts';
import { NodeError } from '../errors.ts';
import { type Log, silentLog } from '../log.ts';
import type { AskPeer } from '../sync/snapshot.ts';
import { encodeSnapshotResponse } from '../sync/snapshot-protocol.ts';
import { handleSnapshotRequest, type SnapshotServeSource } from '../sync/snapshot-server.ts';

export interface SnapshotWireOptions {
  /** A request not answered within this time fails with NODE_SNAPSHOT_TIMEOUT. */
  readonly timeoutMs: number;
  /** Largest request served (requests are a few dozen bytes). */
  readonly maxRequestBytes: number;
  /** Most headers in one answer. */
  readonly maxHeaders: number;
  /** Answers computed at once over all peers. */
  readonly maxServing: number;
  /** Requests outstanding from this node at once (further asks wait). */
  readonly maxAsking: number;
}

export const defaultSnapshotWireOptions: SnapshotWireOptions = {
  timeoutMs: 15_000,
  maxRequestBytes: 4096,
  maxHeaders: 64,
  maxServing: 2,
  maxAsking: 16,
};

/**
 * What the wire uses of the p2p layer (a started `P2PNode` is one): sending a frame on a channel
 * to a connected peer, the frames received, the connected peers and the frame limit.
 */
export interface SnapshotLink {
  readonly options: { readonly maxFrameBytes: number };
  /** False when the peer is not connected. */
  send(peerId: string, channel: number, payload: Uint8Array): boolean;
  /** Registers a handler; returns its removal. A handler's promise is awaited per peer. */
  onMessage(handler: MessageHandler): () => void;
  /** Connected peers' ids. */
  peers(): string[];
}

/** A certified header as served: the header and its commit certificate. */
export interface CertifiedHeader {
  readonly header: Header;
  readonly commit: CommitCertificate;
}

interface Waiting {
  readonly resolve: (body: Uint8Array) => void;
  readonly reject: (e: unknown) => void;
  readonly timer: TimerHandle;
}

/** A counting semaphore: bounded work, waiters served in arrival order. */
class Slots {
  private free: number;
  private readonly queue: Array<() => void> = [];
  constructor(n: number) {
    this.free = n;
  }
  async take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }
  give(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.free++;
  }
}

export class SnapshotWire {
  private readonly opts: SnapshotWireOptions;
  private readonly p2p: SnapshotLink;
  private readonly timers: Timers;
  private readonly source: SnapshotServeSource | undefined;
  private readonly log: Log;
  private readonly waiting = new Map<number, Waiting>();
  private readonly serving: Slots;
  private readonly asking: Slots;
  private nextId = 1;
  private served = 0;
  private closed = false;
  private readonly unsubscribe: () => void;

  /** With `source`, answers peers' requests from that store; without, only asks. */
  constructor(
    opts: Partial<SnapshotWireOptions>,
    deps: { p2p: SnapshotLink; source?: SnapshotServeSource; log?: Log; timers?: Timers },
  ) {
    this.opts = { ...defaultSnapshotWireOptions, ...opts };
    this.p2p = deps.p2p;
    this.timers = deps.timers ?? realTimers;
    this.source = deps.source;
    this.log = deps.log ?? silentLog;
    this.serving = new Slots(this.opts.maxServing);
    this.asking = new Slots(this.opts.maxAsking);
    this.unsubscribe = this.p2p.onMessage((peer, channel, payload) =>
      channel === Channel.snapshot ? this.onMessage(peer, payload) : undefined,
    );
  }

  /** Requests answered so far. */
  servedCount(): number {
    return this.served;
  }

  /** Stops serving and fails the requests still waiting. */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const [id, w] of this.waiting) {
      this.timers.clearTimeout(w.timer);
      w.reject(new NodeError('NODE_SNAPSHOT_UNAVAILABLE', 'snapshot wire closed'));
      this.waiting.delete(id);
    }
  }

  /** The `AskPeer` SnapshotSyncer takes: one snapshot-protocol request to one peer. */
  readonly askSnapshot: AskPeer = (peer, request) => this.ask(peer, { op: 'snapshot', body: request });

  /** Up to `count` certified headers from `from` (fewer at the peer's tip) and the peer's tip. */
  async headers(
    peer: string,
    from: number,
    count: number,
  ): Promise<{ tip: number; headers: CertifiedHeader[] }> {
    const body = await this.ask(peer, { op: 'headers', from, count });
    try {
      const v = decode(body) as { tip?: unknown; headers?: unknown };
      if (
        !Number.isSafeInteger(v.tip) ||
        !Array.isArray(v.headers) ||
        v.headers.length > this.opts.maxHeaders
      )
        throw new NodeError('NODE_BAD_MESSAGE', 'not a headers answer');
      const headers = (v.headers as unknown[]).map((x) => {
        if (!Array.isArray(x) || !(x[0] instanceof Uint8Array) || !(x[1] instanceof Uint8Array))
          throw new NodeError('NODE_BAD_MESSAGE', 'not a [header, commit] pair');
        return { header: decodeHeader(x[0]), commit: decodeCommit(x[1]) };
      });
      return { tip: v.tip as number, headers };
    } catch (e) {
      throw new NodeError('NODE_BAD_MESSAGE', `malformed headers answer: ${(e as Error).message}`, { peer });
    }
  }

  private async ask(peer: string, req: Record<string, number | string | Uint8Array>): Promise<Uint8Array> {
    if (this.closed) throw new NodeError('NODE_SNAPSHOT_UNAVAILABLE', 'snapshot wire closed');
    await this.asking.take();
    try {
      const id = this.nextId++;
      return await new Promise<Uint8Array>((resolve, reject) => {
        const timer = this.timers.setTimeout(() => {
          this.waiting.delete(id);
          reject(new NodeError('NODE_SNAPSHOT_TIMEOUT', 'the peer did not answer in time', { peer }));
        }, this.opts.timeoutMs);
        this.waiting.set(id, { resolve, reject, timer });
        if (!this.p2p.send(peer, Channel.snapshot, encode({ id, ...req }))) {
          this.timers.clearTimeout(timer);
          this.waiting.delete(id);
          reject(new NodeError('NODE_SNAPSHOT_UNAVAILABLE', 'the peer is not connected', { peer }));
        }
      });
    } finally {
      this.asking.give();
    }
  }

  private async onMessage(peer: string, payload: Uint8Array): Promise<void> {
    if (this.closed) return;
    let m: Record<string, unknown>;
    try {
      if (payload.length > this.opts.maxRequestBytes + this.p2p.options.maxFrameBytes) return;
      m = decode(payload) as Record<string, unknown>;
      if (m === null || typeof m !== 'object') throw new NodeError('NODE_BAD_MESSAGE', 'not a map');
    } catch {
      this.log.warn({ peer: peer.slice(0, 16), code: 'NODE_BAD_MESSAGE' }, 'snapshot message refused');
      return;
    }
    if (typeof m.re === 'number') {
      const w = this.waiting.get(m.re);
      if (!w || !(m.body instanceof Uint8Array)) return;
      this.waiting.delete(m.re);
      this.timers.clearTimeout(w.timer);
      w.resolve(m.body);
      return;
    }
    if (!this.source || !Number.isSafeInteger(m.id) || payload.length > this.opts.maxRequestBytes) return;
    await this.serving.take();
    try {
      // Yield first: consensus messages already queued run before this answer is computed.
      await new Promise<void>((r) => this.timers.setImmediate(r));
      if (this.closed) return;
      let body = this.answer(m);
      if (body.length > this.p2p.options.maxFrameBytes - 64) {
        body = encodeSnapshotResponse({
          kind: 'error',
          code: 'NODE_SNAPSHOT_TOO_LARGE',
          message: 'the answer exceeds the frame limit',
        });
      }
      this.served++;
      this.p2p.send(peer, Channel.snapshot, encode({ re: m.id as number, body }));
    } finally {
      this.serving.give();
    }
  }

  private answer(m: Record<string, unknown>): Uint8Array {
    const source = this.source!;
    if (m.op === 'snapshot' && m.body instanceof Uint8Array) return handleSnapshotRequest(source, m.body);
    if (m.op === 'headers' && Number.isSafeInteger(m.from) && Number.isSafeInteger(m.count)) {
      const tip = source.store.latestHeight();
      const from = Math.max(1, m.from as number);
      const to = Math.min(tip, from + Math.min(this.opts.maxHeaders, Math.max(0, m.count as number)) - 1);
      const headers: Uint8Array[][] = [];
      for (let h = from; h <= to; h++) {
        const header = source.store.blocks.getHeader(h);
        const commit = source.store.blocks.getCommit(h);
        // A snapshot-started store holds nothing below its base: the answer stops at a gap.
        if (!header || !commit) break;
        headers.push([encodeHeader(header), encodeCommit(commit)]);
      }
      return encode({ tip, headers });
    }
    return encodeSnapshotResponse({ kind: 'error', code: 'NODE_BAD_MESSAGE', message: 'unknown request' });
  }
}
