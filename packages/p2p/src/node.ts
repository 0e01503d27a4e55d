/**
 * P2PNode: the transport between organization nodes. Bytes in, bytes out on small-integer
 * channels; the node above encodes its own messages. Peers are identity keys (hex) admitted by the
 * allowed set the node keeps equal to the registry in state.
 */
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { toHex } from '@djchain/crypto';
import { isAppChannel } from './channels.ts';
import { Connection, type ConnectionLimits, type ConnectionStats } from './connection.ts';
import { P2PError, type P2PErrorCode } from './errors.ts';
import type { HandshakeConfig } from './handshake.ts';
import { type P2PInit, type P2POptions, type PeerAddress, resolveOptions } from './options.ts';
import { Redialer } from './redialer.ts';

/**
 * Receives each message. Returning a promise pauses reading from that peer until it settles, so a
 * node that handles messages asynchronously throttles fast senders through TCP instead of buffering.
 */
export type MessageHandler = (peerId: string, channel: number, payload: Uint8Array) => unknown;
export type PeerHandler = (peerId: string, up: boolean, reason?: P2PError) => void;
/** Connection failures (refused handshakes, protocol errors); `peerId` when already known. */
export type ErrorHandler = (error: P2PError, peerId: string | undefined) => void;

export interface PeerStats extends ConnectionStats {
  queuedBytes: number;
  /** Received bytes not yet handled (bounded: reading pauses while a handler is busy). */
  receiveBuffered: number;
  queuedMessages: number;
  initiator: boolean;
}

export interface P2PStats {
  peers: Record<string, PeerStats>;
  /** Open sockets, including those still in the handshake and duplicates about to close. */
  connections: number;
  /** Messages dropped from full send queues, over all connections ever. */
  dropped: number;
  /** Connections closed because the peer did not keep up. */
  slowPeerDisconnects: number;
  /** Closes of connections by reason code (before and after the handshake). */
  closes: Partial<Record<P2PErrorCode, number>>;
}

/** Injected dependencies; all optional. */
export interface P2PDeps {
  /** Where diagnostics go (default: nowhere). */
  readonly log?: (event: string, details: Record<string, unknown>) => void;
}

/**
 * Resolves once `socket` has closed, whatever it emitted first. `events.once(socket, 'close')`
 * rejects on an 'error' before the close: a peer that resets the connection while the farewell is
 * written (ECONNRESET) made `stop()` throw (seen in block-size.test.ts under load).
 */
export function closedOf(socket: Socket): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

export class P2PNode {
  readonly options: P2POptions;
  /** Our peer id: the identity public key, lower-case hex. */
  readonly id: string;
  readonly #publicKey: Uint8Array;
  readonly #deps: P2PDeps;
  readonly #limits: ConnectionLimits;
  #allowed: Set<string>;
  readonly #active = new Map<string, Connection>();
  readonly #all = new Set<Connection>();
  readonly #redialers: Redialer[] = [];
  readonly #onMessage = new Set<MessageHandler>();
  readonly #onPeer = new Set<PeerHandler>();
  readonly #onError = new Set<ErrorHandler>();
  #server: Server | undefined;
  #state: 'new' | 'started' | 'stopped' = 'new';
  #droppedClosed = 0;
  #slow = 0;
  readonly #closes: Partial<Record<P2PErrorCode, number>> = {};

  constructor(init: P2PInit, deps: P2PDeps = {}) {
    this.options = resolveOptions(init);
    this.#deps = deps;
    this.#publicKey = this.options.suite.publicKeyOf(this.options.identity);
    this.id = toHex(this.#publicKey);
    this.#allowed = new Set(this.options.allowedPeers.map((k) => k.toLowerCase()));
    const o = this.options;
    this.#limits = {
      maxFrameBytes: o.maxFrameBytes,
      maxHandshakeBytes: o.maxHandshakeBytes,
      handshakeTimeoutMs: o.handshakeTimeoutMs,
      keepAliveMs: o.keepAliveMs,
      maxQueueBytes: o.maxQueueBytes,
      maxQueueMessages: o.maxQueueMessages,
      droppable: new Set(o.droppableChannels),
    };
  }

  /** Listens (if configured) and starts keeping the configured peers connected. */
  async start(): Promise<void> {
    if (this.#state !== 'new') throw new P2PError('P2P_STOPPED', 'a node starts once');
    this.#state = 'started';
    const { listen } = this.options;
    if (listen !== null) {
      const server = createServer((socket) => this.#accept(socket));
      this.#server = server;
      server.listen(listen.port, listen.host);
      await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
    }
    for (const p of this.options.peers) this.addPeer(p);
  }

  /** Closes every connection (peers are told P2P_STOPPED) and the listener. */
  async stop(): Promise<void> {
    if (this.#state === 'stopped') return;
    this.#state = 'stopped';
    for (const r of this.#redialers) r.stop();
    const closing = [...this.#all].map((c) => closedOf(c.socket));
    for (const c of [...this.#all]) c.close(new P2PError('P2P_STOPPED', 'node stopping'));
    const server = this.#server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all(closing);
  }

  /** The bound listen address (port resolved when 0 was asked), or null. */
  address(): { host: string; port: number } | null {
    const a = this.#server?.address();
    return a && typeof a === 'object' ? { host: a.address, port: a.port } : null;
  }

  /** Replaces the allowed set (the node registry); connected peers not in it are dropped at once. */
  setAllowedPeers(publicKeysHex: Iterable<string>): void {
    this.#allowed = new Set([...publicKeysHex].map((k) => k.toLowerCase()));
    for (const c of [...this.#all]) {
      const id = c.peerId;
      if (id !== undefined && !this.#allowed.has(id)) {
        c.close(new P2PError('P2P_PEER_REMOVED', 'peer removed from the allowed set', { peerId: id }));
      }
    }
  }

  /** One connection attempt; resolves with the authenticated peer id or rejects with a P2PError. */
  dial(host: string, port: number, expectedPeerId?: string): Promise<string> {
    if (this.#state !== 'started') return Promise.reject(new P2PError('P2P_STOPPED', 'node not started'));
    const socket = connect({ host, port });
    return this.#open(socket, true, expectedPeerId).ready;
  }

  /** Keeps `address` connected, redialing with capped backoff. */
  addPeer(address: PeerAddress): void {
    const r = new Redialer(address, this.#redialHost, this.options.redialBaseMs, this.options.redialMaxMs);
    this.#redialers.push(r);
    if (this.#state === 'started') r.start();
  }

  /** Queues `payload` for `peerId`; false when not connected or dropped (queue full). */
  send(peerId: string, channel: number, payload: Uint8Array): boolean {
    this.#checkPayload(channel, payload);
    const c = this.#active.get(peerId);
    return c !== undefined && c.send(channel, payload) === 'queued';
  }

  /** Queues `payload` for every connected peer; returns how many accepted it. */
  broadcast(channel: number, payload: Uint8Array): number {
    this.#checkPayload(channel, payload);
    let n = 0;
    for (const c of [...this.#active.values()]) if (c.send(channel, payload) === 'queued') n++;
    return n;
  }

  onMessage(handler: MessageHandler): () => void {
    this.#onMessage.add(handler);
    return () => this.#onMessage.delete(handler);
  }

  onPeer(handler: PeerHandler): () => void {
    this.#onPeer.add(handler);
    return () => this.#onPeer.delete(handler);
  }

  onError(handler: ErrorHandler): () => void {
    this.#onError.add(handler);
    return () => this.#onError.delete(handler);
  }

  /** Connected peer ids, sorted. */
  peers(): string[] {
    return [...this.#active.keys()].sort();
  }

  isConnected(peerId: string): boolean {
    return this.#active.has(peerId);
  }

  disconnect(peerId: string): void {
    this.#active.get(peerId)?.close(new P2PError('P2P_STOPPED', 'disconnected by the node'));
  }

  stats(): P2PStats {
    const peers: Record<string, PeerStats> = {};
    for (const [id, c] of this.#active) {
      peers[id] = {
        ...c.stats,
        queuedBytes: c.queuedBytes,
        queuedMessages: c.queuedMessages,
        receiveBuffered: c.receiveBuffered,
        initiator: c.initiator,
      };
    }
    let dropped = this.#droppedClosed;
    for (const c of this.#all) dropped += c.stats.dropped;
    return {
      peers,
      connections: this.#all.size,
      dropped,
      slowPeerDisconnects: this.#slow,
      closes: { ...this.#closes },
    };
  }

  readonly #redialHost = {
    dial: (host: string, port: number, id?: string) => this.dial(host, port, id),
    isConnected: (id: string) => this.#active.has(id),
  };

  #checkPayload(channel: number, payload: Uint8Array): void {
    if (!isAppChannel(channel))
      throw new P2PError('P2P_BAD_OPTIONS', `channel must be 0..254, got ${channel}`);
    if (payload.length > this.options.maxFrameBytes) {
      throw new P2PError('P2P_FRAME_TOO_LARGE', `payload of ${payload.length} bytes exceeds maxFrameBytes`, {
        length: payload.length,
        max: this.options.maxFrameBytes,
      });
    }
  }

  #accept(socket: Socket): void {
    if (this.#state !== 'started') return void socket.destroy();
    const pending = [...this.#all].filter((c) => c.peerId === undefined).length;
    const conn = this.#open(socket, false, undefined);
    if (pending >= this.options.maxPendingHandshakes) {
      conn.close(new P2PError('P2P_TOO_MANY_PENDING', 'too many connections in the handshake'));
    }
  }

  #open(socket: Socket, initiator: boolean, expectedPeerId: string | undefined): Connection {
    const o = this.options;
    const hs: HandshakeConfig = {
      chainId: o.chainId,
      suite: o.suite,
      secretKey: o.identity,
      publicKey: this.#publicKey,
      isAllowed: (id) => this.#allowed.has(id),
      expectedPeerId,
    };
    const conn = new Connection(socket, initiator, hs, this.#limits, {
      ready: (c) => this.#ready(c),
      message: (c, channel, payload) => this.#deliver(c.peerId!, channel, payload),
      closed: (c, reason, wasReady) => this.#closed(c, reason, wasReady),
    });
    this.#all.add(conn);
    return conn;
  }

  /** Runs every handler; a handler's failure is logged, never fatal to the connection. */
  #deliver(peerId: string, channel: number, payload: Uint8Array): Promise<unknown> | undefined {
    let waits: Promise<unknown>[] | undefined;
    for (const h of this.#onMessage) {
      try {
        const r = h(peerId, channel, payload);
        if (r instanceof Promise) {
          waits ??= [];
          waits.push(
            r.catch((e: unknown) => this.#log('handler-error', { peerId, channel, error: String(e) })),
          );
        }
      } catch (e) {
        this.#log('handler-error', { peerId, channel, error: String(e) });
      }
    }
    return waits && Promise.all(waits);
  }

  #ready(conn: Connection): void {
    const id = conn.peerId!;
    const existing = this.#active.get(id);
    if (existing === undefined) {
      this.#active.set(id, conn);
      this.#log('peer-up', { peerId: id, initiator: conn.initiator });
      for (const h of this.#onPeer) h(id, true);
      return;
    }
    // Two connections to one peer: both ends keep the same one, without talking about it.
    const keepNew = this.#prefer(conn, existing, id);
    const loser = keepNew ? existing : conn;
    if (keepNew) this.#active.set(id, conn);
    loser.close(
      new P2PError('P2P_DUPLICATE_CONNECTION', 'another connection to this peer is kept', { peerId: id }),
    );
  }

  /**
   * Duplicate tie-break. Opposite directions (simultaneous dial): keep the one the lower peer id
   * initiated, which both ends compute alike. Same direction: the newer one, since the older is
   * likely the stale end of a connection the peer already gave up (it restarted).
   */
  #prefer(fresh: Connection, old: Connection, peerId: string): boolean {
    if (fresh.initiator === old.initiator) return true;
    const weAreLower = this.id < peerId;
    return fresh.initiator === weAreLower;
  }

  #closed(conn: Connection, reason: P2PError, wasReady: boolean): void {
    this.#all.delete(conn);
    this.#closes[reason.code] = (this.#closes[reason.code] ?? 0) + 1;
    if (reason.code === 'P2P_SLOW_PEER') this.#slow++;
    this.#droppedClosed += conn.stats.dropped;
    const id = conn.peerId;
    this.#log('closed', { peerId: id, code: reason.code, wasReady });
    const quiet = ['P2P_DUPLICATE_CONNECTION', 'P2P_STOPPED'];
    if (!quiet.includes(reason.code) && !quiet.includes(String(reason.details.remoteCode))) {
      for (const h of this.#onError) h(reason, id);
    }
    if (id === undefined || this.#active.get(id) !== conn) return;
    this.#active.delete(id);
    for (const h of this.#onPeer) h(id, false, reason);
    if (this.#state === 'started') for (const r of this.#redialers) r.peerDown(id);
  }

  #log(event: string, details: Record<string, unknown>): void {
    this.#deps.log?.(event, details);
  }
}
