/**
 * One simulated node: the REAL node (`openNode`: sqlite chain store, application with every
 * module, mempool, consensus driver) in its own directory, with the simulation's transport, clock
 * and timers injected through its deps. A crash closes it (what the database committed stays;
 * every sqlite transaction is fsync'd, so a crash here is a power loss between two transactions:
 * the driver's memory — executed blocks not yet saved, signature caches, buffered messages, the
 * mempool — is lost); a restart opens it again from the same directory. A wipe deletes the
 * directory; a restore puts back an older copy of its files. Snapshots and certified headers go
 * over the node's `SnapshotLink` on the simulated network: every open node serves them (the real
 * `SnapshotWire` of `openNode`), and a wiped node may take one with the real `bootstrapFromPeers`
 * before it opens.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHex } from '@djchain/crypto';
import {
  type BootstrapResult,
  bootstrapFromPeers,
  type DjNode,
  type DriverOptions,
  openNode,
  SIGNER_STATE_FILE,
  type SnapshotLink,
  silentLog,
  type TimerHandle,
  type Timers,
  type Transport,
  type WireMessage,
} from '@djchain/node';
import type { GenesisDoc } from '@djchain/runtime';
import { type Behaviour, Hostile } from './byzantine.ts';
import { keyOf, MODULES, simSuite } from './genesis.ts';
import type { Prng } from './prng.ts';

/** The simulated p2p frame limit (the real one is `P2POptions.maxFrameBytes`). */
export const FRAME_BYTES = 512 * 1024;

/** Timer handle of the simulated scheduler. */
export interface SimTimer {
  cancelled: boolean;
}

/** What a node needs from the simulation around it. */
export interface NodeHost {
  /** Simulated time (ms since the start of the run). */
  now(): number;
  schedule(node: number, incarnation: number, delayMs: number, timer: SimTimer, fn: () => void): void;
  /** A message onto the simulated network (`to` undefined: every other node). */
  send(from: number, to: number | undefined, msg: WireMessage, extraDelayMs?: number): void;
  /** A frame of another p2p channel (snapshots) onto the simulated network, to one node. */
  sendFrame(from: number, to: number, channel: number, payload: Uint8Array): void;
  /** Node indices running the validator with this public key hex. */
  nodesOf(id: string): readonly number[];
  readonly nodeCount: number;
  /** Ids of the other nodes that are up (a p2p node's connected peers). */
  upPeers(index: number): string[];
  onFatal(node: number, e: unknown): void;
  trace(line: string): void;
}

export interface SimNodeConfig {
  readonly index: number;
  readonly validator: number;
  readonly behaviour: Behaviour;
  readonly dir: string;
  readonly genesis: GenesisDoc;
  readonly genesisTime: number;
  readonly clockSkewMs: number;
  readonly driver: Partial<DriverOptions>;
  readonly appUnsafe?: { readonly skipCertificateCheck?: boolean };
  readonly rng: Prng;
}

export class SimNode {
  readonly index: number;
  readonly id: string;
  readonly behaviour: Behaviour;
  readonly hostile: Hostile | null;
  private readonly cfg: SimNodeConfig;
  private readonly host: NodeHost;
  node: DjNode | null = null;
  incarnation = 0;
  pausedUntil = 0;
  /** The handler the node's driver registered (messages are delivered to it). */
  private handler: ((msg: WireMessage, from: string) => void) | null = null;
  private peerHandler: ((peer: string) => void) | null = null;
  /** Handlers of snapshot-channel frames: the open node's serving wire, a bootstrap's asking wire. */
  private readonly frameHandlers = new Set<(peer: string, channel: number, payload: Uint8Array) => unknown>();
  private readonly backup: string;
  /** A snapshot bootstrap is under way (the node is down; the bootstrap's timers run). */
  booting = false;

  constructor(cfg: SimNodeConfig, host: NodeHost) {
    this.cfg = cfg;
    this.host = host;
    this.index = cfg.index;
    this.behaviour = cfg.behaviour;
    const key = keyOf(`v${cfg.validator}`);
    this.id = toHex(key.publicKey);
    this.backup = `${cfg.dir}.bak`;
    const twisting = cfg.behaviour !== 'correct' && cfg.behaviour !== 'twin' && cfg.behaviour !== 'storage';
    this.hostile = twisting
      ? new Hostile({
          behaviour: cfg.behaviour,
          rng: cfg.rng,
          key,
          maxBlockBytes: cfg.driver.maxBlockBytes ?? 1 << 20,
        })
      : null;
  }

  get up(): boolean {
    return this.node !== null;
  }

  /** Latest committed height, as of the last commit event (kept across crashes; reset by a wipe). */
  committed = 0;

  height(): number {
    return this.committed;
  }

  /** The node's timers in the simulated scheduler, for this incarnation. */
  private timers(incarnation: number): Timers {
    const host = this.host;
    const index = this.index;
    return {
      setTimeout: (fn, ms) => {
        const t: SimTimer = { cancelled: false };
        host.schedule(index, incarnation, Math.max(0, ms), t, fn);
        return t;
      },
      clearTimeout: (h: TimerHandle) => {
        if (h) (h as SimTimer).cancelled = true;
      },
      setImmediate: (fn) => host.schedule(index, incarnation, 0, { cancelled: false }, fn),
    };
  }

  /** What the real snapshot wire uses of p2p, over the simulated network (peers: the nodes that are up). */
  readonly link: SnapshotLink = {
    options: { maxFrameBytes: FRAME_BYTES },
    send: (peer, channel, payload) => {
      const to = this.host.nodesOf(peer).filter((i) => i !== this.index);
      const out = this.hostile ? this.hostile.snapshotFrame(payload) : payload;
      for (const i of to) this.host.sendFrame(this.index, i, channel, out);
      return to.length > 0;
    },
    onMessage: (h) => {
      this.frameHandlers.add(h);
      return () => this.frameHandlers.delete(h);
    },
    peers: () => this.host.upPeers(this.index),
  };

  /** A snapshot-channel frame for this node: to every handler; their promises are returned. */
  deliverFrame(channel: number, payload: Uint8Array, fromId: string): Promise<unknown>[] {
    const out: Promise<unknown>[] = [];
    for (const h of [...this.frameHandlers]) {
      const r = h(fromId, channel, payload);
      if (r instanceof Promise) out.push(r);
    }
    return out;
  }

  /**
   * The real bootstrap of an empty directory from the peers' latest certified height (the node
   * must be down). Its timers are the simulator's; the simulation opens the node afterwards.
   */
  bootstrap(): Promise<BootstrapResult | undefined> {
    return bootstrapFromPeers(
      // Requests time out in simulated time (a dropped frame costs 2 s, not the real 15).
      { dataDir: this.cfg.dir, genesis: this.cfg.genesis, wire: { timeoutMs: 2000 }, peerPolls: 10 },
      { p2p: this.link, timers: this.timers(this.incarnation), log: silentLog },
    );
  }

  /**
   * Opens the real node from its directory (creating genesis on first start) and starts it.
   * `signerStateReset`: the operator's confirmation a validator started from a snapshot needs.
   */
  open(opts: { readonly signerStateReset?: boolean } = {}): void {
    const incarnation = ++this.incarnation;
    const host = this.host;
    const index = this.index;
    const timers = this.timers(incarnation);
    const transport: Transport = {
      broadcast: (msg) => this.outgoing(msg, undefined),
      send: (peer, msg) => {
        for (const to of host.nodesOf(peer)) if (to !== index) this.outgoing(msg, to);
      },
      onMessage: (h) => {
        this.handler = h;
      },
      onPeer: (h) => {
        this.peerHandler = h;
      },
    };
    const key = keyOf(`v${this.cfg.validator}`);
    let dead = false;
    const node = openNode(
      {
        dataDir: this.cfg.dir,
        genesis: this.cfg.genesis,
        modules: MODULES,
        mempool: { verifyWorkers: 0, maxTxs: 2000, maxBytes: 8 << 20 },
        driver: this.cfg.driver,
        dbCacheMiB: 2,
        ...(opts.signerStateReset ? { signerStateReset: true } : {}),
        ...(this.cfg.appUnsafe ? { appUnsafe: this.cfg.appUnsafe } : {}),
      },
      {
        key,
        suite: simSuite(),
        transport,
        snapshotLink: this.link,
        now: () => this.cfg.genesisTime + host.now() + this.cfg.clockSkewMs,
        timers,
        log: silentLog,
        onFatal: (e) => {
          dead = true;
          this.node = null;
          host.onFatal(index, e);
        },
      },
    );
    // A fatal error while starting leaves the node down (as the CLI would exit).
    if (!dead) this.node = node;
    this.committed = node.app.height();
    node.events.on('commit', ({ executed }) => {
      this.committed = executed.block.header.height;
    });
    const hostile = this.hostile;
    if (hostile) {
      node.events.on('commit', () => {
        if (this.node === node) hostile.onCommit(node.app, this.net());
      });
    }
  }

  /** A message from the network for this node. */
  deliver(msg: WireMessage, from: number, fromId: string): void {
    if (this.node === null || this.handler === null) return;
    if (this.hostile && msg.kind === 'status') this.hostile.onStatus(this.node.app, msg, from, this.net());
    this.hostile?.onReceive(msg, from, this.net());
    this.handler(msg, fromId);
  }

  /** A peer (re)connected: the driver sends it a status. */
  peerConnected(peerId: string): void {
    if (this.node !== null) this.peerHandler?.(peerId);
  }

  /** The process dies; its files stay as the last committed transaction left them. */
  crash(): void {
    const node = this.node;
    this.node = null;
    this.handler = null;
    this.peerHandler = null;
    this.incarnation++;
    node?.close();
  }

  /** Deletes the node's directory (it must be down). */
  wipe(): void {
    this.committed = 0;
    rmSync(this.cfg.dir, { recursive: true, force: true });
  }

  /** Copies the database files aside (sqlite in WAL mode: the main file and the log). */
  saveBackup(): void {
    rmSync(this.backup, { recursive: true, force: true });
    mkdirSync(this.backup, { recursive: true });
    if (!existsSync(this.cfg.dir)) return;
    for (const f of readdirSync(this.cfg.dir)) {
      // The shared-memory index is rebuilt from the log on open; a torn copy of it must not be used.
      if (f.endsWith('-shm')) continue;
      // The directory lock names the process holding it; every simulated node runs in this one
      // process, so a copied lock would look held (after a real restore its process is gone).
      if (f === 'node.lock') continue;
      // Recursively: the node keeps directories too (the attachment store).
      cpSync(join(this.cfg.dir, f), join(this.backup, f), { recursive: true });
    }
  }

  /**
   * Replaces the node's directory with the saved copy (it must be down). `keepSignerState`: the
   * signer state stays as the crash left it (a lost-writes fault: only the database went back).
   */
  restoreBackup(opts: { readonly keepSignerState?: boolean } = {}): void {
    this.committed = 0;
    const signerFile = join(this.cfg.dir, SIGNER_STATE_FILE);
    const signer = opts.keepSignerState && existsSync(signerFile) ? readFileSync(signerFile) : undefined;
    rmSync(this.cfg.dir, { recursive: true, force: true });
    mkdirSync(this.cfg.dir, { recursive: true });
    if (existsSync(this.backup)) {
      for (const f of readdirSync(this.backup)) {
        if (signer !== undefined && f === SIGNER_STATE_FILE) continue;
        cpSync(join(this.backup, f), join(this.cfg.dir, f), { recursive: true });
      }
    }
    if (signer !== undefined) writeFileSync(signerFile, signer);
  }

  private outgoing(msg: WireMessage, to: number | undefined): void {
    if (this.hostile && this.node !== null) {
      if (to === undefined) this.hostile.broadcast(this.node.app, msg, this.net());
      else this.hostile.sendOne(this.node.app, msg, to, this.net());
      return;
    }
    this.host.send(this.index, to, msg);
  }

  private net() {
    const host = this.host;
    const index = this.index;
    return {
      peers: () => {
        const out: number[] = [];
        for (let i = 0; i < host.nodeCount; i++) if (i !== index) out.push(i);
        return out;
      },
      sendTo: (peer: number, msg: WireMessage, extraDelayMs?: number) =>
        host.send(index, peer, msg, extraDelayMs),
      nodesOf: (id: string) => host.nodesOf(id),
    };
  }
}
