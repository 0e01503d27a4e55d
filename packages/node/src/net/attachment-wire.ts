/**
 * Attachment replication over the p2p `attachment` channel: the nodes of the organizations
 * entitled to keep an attachment's content (`attachment.entitled` with `org`, @djchain/modules
 * src/attachment/readers.ts) fetch it from their peers by hash, chunk by chunk, into the store,
 * which refuses anything that does not hash to the name (storage/attachment-store.ts).
 *
 * Messages (canonical CBOR): `{ op: 'have', hashes }` — a node holds these contents (sent to every
 * peer after an upload and after each fetch, and to a peer when it connects: everything held, in
 * messages of at most `haveBatch` hashes, so a node that was down catches up); an entitled node
 * missing one queues a fetch (at most `maxWanted` queued, `maxFetching` running). Request
 * `{ id, op: 'get', hash, offset, length }`
 * (length at most `chunkBytes`), answered `{ re: id, chunk }` or `{ re: id, error: code }`.
 * A peer is served only when the organization running it (`orgId` of its validator or observer
 * entry in state) is entitled to the attachment — for `public` and `community` ones, any node of
 * the chain. Serving is bounded (`maxServing` at once); every request times out; a fetch tries at
 * most `maxPeersTried` peers. Content is never logged, only hashes.
 */
import { decode, encode, toHex } from '@djchain/crypto';
import { Channel, type P2PNode } from '@djchain/p2p';
import { SYS_NODES_KEY } from '@djchain/runtime';
import type { Application } from '../app/application.ts';
import { NodeError } from '../errors.ts';
import { type Log, silentLog } from '../log.ts';
import type { AttachmentStore } from '../storage/attachment-store.ts';

export interface AttachmentWireOptions {
  readonly chunkBytes: number;
  readonly timeoutMs: number;
  readonly maxServing: number;
  readonly maxPeersTried: number;
  /** Fetches running at once; the others wait in the queue. */
  readonly maxFetching: number;
  /** Hashes queued for fetching at most (more are dropped until a later `have` or read). */
  readonly maxWanted: number;
  /** Hashes per `have` message. */
  readonly haveBatch: number;
  /** Hashes announced to a peer that connects, at most. */
  readonly maxAnnounced: number;
}

export const defaultAttachmentWireOptions: AttachmentWireOptions = {
  chunkBytes: 1024 * 1024,
  timeoutMs: 15_000,
  maxServing: 2,
  maxPeersTried: 8,
  maxFetching: 4,
  maxWanted: 10_000,
  haveBatch: 1000,
  maxAnnounced: 100_000,
};

/** What the wire reads from state: a module query at the latest height (null when it fails). */
export type QueryFn = (module: string, name: string, params: Record<string, string>) => unknown;

interface Record_ {
  readonly size: number;
  readonly scope: string;
}

const HASH = /^[0-9a-f]{64}$/;

/** The organization running node `id` (hex public key): its validator's or observer's `orgId`, or null. */
export function orgOfNode(app: Application, id: string): string | null {
  const h = app.height();
  for (const v of app.validators(Math.max(1, h + 1)).validators)
    if (toHex(v.publicKey) === id) return v.orgId ?? null;
  const bytes = app.store.view(h).get(SYS_NODES_KEY);
  const list = bytes === undefined ? [] : decode(bytes);
  for (const n of Array.isArray(list) ? (list as { publicKey?: unknown; orgId?: unknown }[]) : [])
    if (n.publicKey instanceof Uint8Array && toHex(n.publicKey) === id)
      return typeof n.orgId === 'string' ? n.orgId : null;
  return null;
}

export class AttachmentWire {
  private readonly opts: AttachmentWireOptions;
  private readonly p2p: P2PNode;
  private readonly app: Application;
  private readonly store: AttachmentStore;
  private readonly query: QueryFn;
  private readonly log: Log;
  private readonly selfId: string;
  private readonly waiting = new Map<
    number,
    { resolve: (m: Record<string, unknown>) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout }
  >();
  private readonly fetching = new Map<string, Promise<boolean>>();
  /** Hashes a peer announced that this node should keep: hash → the peer to ask first. */
  private readonly wanted = new Map<string, string>();
  /**
   * Hashes announced before this node knows their record (it is catching up after a restart):
   * checked again after each commit (at most `maxWanted`, oldest dropped first).
   */
  private readonly unknown = new Map<string, string>();
  private serving = 0;
  private nextId = 1;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    opts: Partial<AttachmentWireOptions>,
    deps: {
      p2p: P2PNode;
      app: Application;
      store: AttachmentStore;
      query: QueryFn;
      selfId: string;
      log?: Log;
    },
  ) {
    this.opts = { ...defaultAttachmentWireOptions, ...opts };
    this.p2p = deps.p2p;
    this.app = deps.app;
    this.store = deps.store;
    this.query = deps.query;
    this.selfId = deps.selfId;
    this.log = deps.log ?? silentLog;
    const offMessage = this.p2p.onMessage((peer, channel, payload) =>
      channel === Channel.attachment ? this.onMessage(peer, payload) : undefined,
    );
    // A peer that (re)connects hears of everything held: what was uploaded while it was down.
    const offPeer = this.p2p.onPeer((peer, up) => {
      if (up && !this.closed) this.sendHave(peer, this.store.list(this.opts.maxAnnounced));
    });
    this.unsubscribe = () => {
      offMessage();
      offPeer();
    };
  }

  private sendHave(peer: string | null, hashes: readonly string[]): void {
    for (let i = 0; i < hashes.length; i += this.opts.haveBatch) {
      const msg = encode({ op: 'have', hashes: hashes.slice(i, i + this.opts.haveBatch) });
      if (peer === null) this.p2p.broadcast(Channel.attachment, msg);
      else this.p2p.send(peer, Channel.attachment, msg);
    }
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const [id, w] of this.waiting) {
      clearTimeout(w.timer);
      w.reject(new NodeError('NODE_ATTACHMENT_UNAVAILABLE', 'attachment wire closed'));
      this.waiting.delete(id);
    }
  }

  /** Tells every peer this node holds `hash` (entitled ones fetch it). */
  announce(hash: string): void {
    if (!this.closed) this.sendHave(null, [hash]);
  }

  /** Queues `hash` (announced by `peer`) when this node should keep it and lacks it. */
  private consider(hash: string, peer: string, self: string | null): void {
    if (this.store.has(hash) || this.fetching.has(hash) || this.wanted.size >= this.opts.maxWanted) return;
    if (this.record(hash) === null) {
      // Not registered as far as this node knows yet: it may be behind. Kept for after the next commits.
      this.unknown.delete(hash);
      this.unknown.set(hash, peer);
      if (this.unknown.size > this.opts.maxWanted) this.unknown.delete(this.unknown.keys().next().value!);
      return;
    }
    if (this.entitled(hash, self)) this.wanted.set(hash, peer);
  }

  /** After a commit: announced hashes whose record has now arrived are queued (or forgotten). */
  afterCommit(): void {
    if (this.closed || this.unknown.size === 0) return;
    const self = orgOfNode(this.app, this.selfId);
    for (const [hash, peer] of [...this.unknown]) {
      if (this.record(hash) === null) continue;
      this.unknown.delete(hash);
      this.consider(hash, peer, self);
    }
    this.pump();
  }

  /** Starts queued fetches while fewer than `maxFetching` run. */
  private pump(): void {
    for (const [hash, peer] of this.wanted) {
      if (this.closed || this.fetching.size >= this.opts.maxFetching) return;
      this.wanted.delete(hash);
      void this.fetch(hash, peer);
    }
  }

  /** Whether the node of organization `org` (null: a node of no organization) may keep the content. */
  entitled(hash: string, org: string | null): boolean {
    const rec = this.record(hash);
    if (rec === null) return false;
    if (org === null) return rec.scope === 'public' || rec.scope === 'community';
    const e = this.query('attachment', 'entitled', { hash, org }) as { node?: unknown } | null;
    return e?.node === true;
  }

  /**
   * Fetches the content of `hash` from peers (`prefer` first) into the store; true when it is held
   * afterwards. One fetch per hash at a time; refused (false) when this node may not keep it.
   */
  fetch(hash: string, prefer?: string): Promise<boolean> {
    if (this.store.has(hash)) return Promise.resolve(true);
    const running = this.fetching.get(hash);
    if (running) return running;
    if (this.closed || this.fetching.size >= this.opts.maxFetching) return Promise.resolve(false);
    const rec = this.record(hash);
    if (rec === null || !this.entitled(hash, orgOfNode(this.app, this.selfId))) return Promise.resolve(false);
    const p = this.fetchFrom(hash, rec.size, prefer).finally(() => {
      this.fetching.delete(hash);
      this.pump();
    });
    this.fetching.set(hash, p);
    return p;
  }

  private async fetchFrom(hash: string, size: number, prefer?: string): Promise<boolean> {
    const peers = [...new Set([...(prefer ? [prefer] : []), ...this.p2p.peers()])].slice(
      0,
      this.opts.maxPeersTried,
    );
    for (const peer of peers) {
      if (this.closed) return false;
      try {
        await this.store.put(hash, size, this.chunks(peer, hash, size));
        this.log.info({ hash, size, peer: peer.slice(0, 16) }, 'attachment fetched');
        this.announce(hash);
        return true;
      } catch (e) {
        this.log.warn(
          { hash, peer: peer.slice(0, 16), code: (e as { code?: string }).code ?? 'UNKNOWN' },
          'attachment not fetched from peer',
        );
      }
    }
    return this.store.has(hash);
  }

  private async *chunks(peer: string, hash: string, size: number): AsyncGenerator<Uint8Array> {
    for (let offset = 0; offset < size; offset += this.opts.chunkBytes) {
      const length = Math.min(this.opts.chunkBytes, size - offset);
      const m = await this.ask(peer, { op: 'get', hash, offset, length });
      if (!(m.chunk instanceof Uint8Array) || m.chunk.length !== length)
        throw new NodeError('NODE_ATTACHMENT_UNAVAILABLE', 'the peer did not send the chunk', {
          code: typeof m.error === 'string' ? m.error : 'BAD_CHUNK',
        });
      yield m.chunk;
    }
  }

  private ask(peer: string, req: Record<string, string | number>): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new NodeError('NODE_ATTACHMENT_UNAVAILABLE', 'the peer did not answer in time', { peer }));
      }, this.opts.timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
      if (!this.p2p.send(peer, Channel.attachment, encode({ id, ...req }))) {
        clearTimeout(timer);
        this.waiting.delete(id);
        reject(new NodeError('NODE_ATTACHMENT_UNAVAILABLE', 'the peer is not connected', { peer }));
      }
    });
  }

  private record(hash: string): Record_ | null {
    if (!HASH.test(hash)) return null;
    const r = this.query('attachment', 'attachment', { hash }) as Record_ | null;
    return r !== null && typeof r === 'object' && Number.isSafeInteger(r.size) ? r : null;
  }

  private onMessage(peer: string, payload: Uint8Array): void {
    if (this.closed || payload.length > this.opts.chunkBytes + 1024) return;
    let m: Record<string, unknown>;
    try {
      m = decode(payload) as Record<string, unknown>;
      if (m === null || typeof m !== 'object' || Array.isArray(m)) return;
    } catch {
      this.log.warn({ peer: peer.slice(0, 16), code: 'NODE_BAD_MESSAGE' }, 'attachment message refused');
      return;
    }
    if (typeof m.re === 'number') {
      const w = this.waiting.get(m.re);
      if (!w) return;
      this.waiting.delete(m.re);
      clearTimeout(w.timer);
      w.resolve(m);
      return;
    }
    if (m.op === 'have') {
      const hashes = Array.isArray(m.hashes) ? m.hashes.slice(0, this.opts.haveBatch) : [];
      for (const h of hashes)
        if (typeof h === 'string' && HASH.test(h)) this.consider(h, peer, orgOfNode(this.app, this.selfId));
      this.pump();
      return;
    }
    const hash = typeof m.hash === 'string' && HASH.test(m.hash) ? m.hash : null;
    if (hash === null) return;
    if (m.op === 'get' && Number.isSafeInteger(m.id)) this.serve(peer, m.id as number, hash, m);
  }

  private serve(peer: string, id: number, hash: string, m: Record<string, unknown>): void {
    const answer = (body: Record<string, unknown>) =>
      this.p2p.send(peer, Channel.attachment, encode({ re: id, ...body }));
    const offset = m.offset;
    const length = m.length;
    if (
      !Number.isSafeInteger(offset) ||
      !Number.isSafeInteger(length) ||
      (offset as number) < 0 ||
      (length as number) < 1 ||
      (length as number) > this.opts.chunkBytes
    )
      return void answer({ error: 'BAD_REQUEST' });
    if (this.serving >= this.opts.maxServing) return void answer({ error: 'BUSY' });
    if (!this.entitled(hash, orgOfNode(this.app, peer))) return void answer({ error: 'NOT_ENTITLED' });
    if (!this.store.has(hash)) return void answer({ error: 'NOT_HELD' });
    this.serving++;
    try {
      answer({ chunk: this.store.readChunk(hash, offset as number, length as number) });
    } finally {
      this.serving--;
    }
  }
}
