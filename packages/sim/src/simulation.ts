/**
 * One seeded world: the scheduler (a single event queue in simulated time), the simulated network
 * (drop, delay, duplicate, reorder, partitions — also one-way), real nodes with their timers and
 * clocks injected, crashes, restarts, pauses, storage faults, simulated clients, and the invariant
 * checker after every event. Nothing here reads the real clock or real randomness: the same
 * scenario always produces the same sequence of events, and so the same trace hash.
 */
import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTimeoutConfig } from '@djchain/consensus';
import { DjError, toHex, type Value } from '@djchain/crypto';
import { decodeTx, signTx, type Transaction, txHash } from '@djchain/ledger';
import {
  type DriverOptions,
  decodeWire,
  defaultDriverOptions,
  encodeWire,
  type WireMessage,
} from '@djchain/node';
import { txSize } from './byzantine.ts';
import { CHAIN_ID, CLIENTS, GENESIS_TIME, keyOf, simGenesis, simSuite } from './genesis.ts';
import { Checker, type Violation } from './invariants.ts';
import { Prng } from './prng.ts';
import { EventQueue } from './queue.ts';
import { type Fault, healTime, type Scenario, TIME_ONLY_EVIDENCE_DEFAULT } from './scenario.ts';
import { FRAME_BYTES, type NodeHost, SimNode, type SimTimer } from './sim-node.ts';

type SimEvent =
  | {
      readonly kind: 'call';
      readonly node: number;
      readonly inc: number;
      readonly timer: SimTimer;
      readonly fn: () => void;
    }
  | { readonly kind: 'deliver'; readonly from: number; readonly to: number; readonly bytes: Uint8Array }
  /** A frame of the snapshot channel (requests and answers of the real `SnapshotWire`). */
  | {
      readonly kind: 'frame';
      readonly from: number;
      readonly to: number;
      readonly channel: number;
      readonly bytes: Uint8Array;
    }
  /** A wiped node starts (again) its snapshot bootstrap; `bootstrapped`: it ended (`height` 0: it failed). */
  | { readonly kind: 'rejoin'; readonly node: number }
  | {
      readonly kind: 'bootstrapped';
      readonly node: number;
      readonly height: number;
      /** Peers the syncer caught serving invalid data (each then banned for that bootstrap). */
      readonly faults: number;
      readonly why: string;
    }
  | { readonly kind: 'fault'; readonly fault: Fault; readonly phase: 'backup' | 'begin' | 'end' }
  | { readonly kind: 'client' }
  | { readonly kind: 'resubmit' };

/** TEST ONLY switches of the real code a mutant run turns on (see mutants.ts). */
export interface Unsafe {
  readonly driver?: DriverOptions['unsafe'];
  readonly app?: { readonly skipCertificateCheck?: boolean };
}

export interface SimulationOptions {
  readonly unsafe?: Unsafe;
  /** After every fault has healed, progress (a height, a settled transaction) within this much simulated time. */
  readonly livenessBoundMs: number;
  /** Backstop on the number of events of one run. */
  readonly maxEvents: number;
  /** Called with every trace line (the trace hash covers them whether or not this is set). */
  readonly trace?: (line: string) => void;
  /** EVIDENCE_MISSED also for time-only conflicts (default: scenario.ts `TIME_ONLY_EVIDENCE_DEFAULT`). */
  readonly timeOnlyEvidence?: boolean;
  /** Parent directory of the run's node directories (default: /dev/shm when present, else the OS temp dir). */
  readonly tmpRoot?: string;
}

export const defaultSimulationOptions: SimulationOptions = {
  livenessBoundMs: 60_000,
  maxEvents: 400_000,
};

/** The real node's limits, scaled down so one seed stays small (block limit under the frame limit). */
export const SIM_DRIVER: Partial<DriverOptions> = {
  timeouts: { ...defaultTimeoutConfig, proposeBaseMs: 1000, prevoteBaseMs: 500, precommitBaseMs: 500 },
  emptyBlockIntervalMs: 1000,
  gossipIntervalMs: 1000,
  maxBlockTxs: 500,
  maxBlockBytes: 256 * 1024,
  maxFrameBytes: 512 * 1024,
  syncBatch: 4,
};
/** The simulated p2p frame limit (the real one is `P2POptions.maxFrameBytes`). */
export const FRAME_LIMIT = FRAME_BYTES;
/** The sim nodes' mempool bound (sim-node.ts). */
const MEMPOOL_MAX_TXS = 2000;

export interface SimulationResult {
  readonly seed: number;
  readonly ok: boolean;
  readonly violation: Violation | null;
  /** sha256 over every trace line: equal hashes mean identical runs. */
  readonly traceHash: string;
  readonly events: number;
  readonly simTimeMs: number;
  /** Lowest committed height among correct nodes at the end. */
  readonly minCorrectHeight: number;
  /** Transactions the clients got admitted, and how many of them were committed. */
  readonly txsAdmitted: number;
  readonly txsCommitted: number;
  /** Validator ids (v0…) against which correct nodes submitted evidence, sorted. */
  readonly evidenceAgainst: readonly string[];
}

interface ClientTx {
  readonly tx: Transaction;
  readonly hash: string;
  readonly size: number;
  admitted: boolean;
}

function defaultTmpRoot(): string {
  try {
    mkdirSync('/dev/shm', { recursive: true });
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

export class Simulation implements NodeHost {
  readonly scenario: Scenario;
  private readonly opts: SimulationOptions;
  private readonly queue = new EventQueue<SimEvent>();
  private readonly netRng: Prng;
  private readonly clientRng: Prng;
  readonly nodes: SimNode[];
  private readonly byId = new Map<string, number[]>();
  private readonly checker: Checker;
  /** Nodes whose commits, signatures and errors are checked (correct and storage-faulted ones). */
  private readonly checked: number[];
  private readonly correct: number[];
  private readonly hash: Hash = createHash('sha256');
  private readonly partitions = new Map<Fault, Fault & { kind: 'partition' }>();
  private readonly healAt: number;
  private readonly root: string;
  private time = 0;
  private events = 0;
  private minHeight = 0;
  private lastProgressMs: number;
  private readonly evidence = new Set<string>();
  private readonly clientNonce = new Map<string, number>();
  private readonly pending = new Map<string, ClientTx>();
  private readonly committedTxs = new Set<string>();
  private admitted = 0;
  private clientCommitted = 0;
  private serial = 0;
  /**
   * Promises of the real node's async code under way (a snapshot bootstrap, the snapshot wire's
   * handlers): while there are any, the loop lets their continuations run after every event.
   */
  private asyncWork = 0;

  constructor(scenario: Scenario, opts: Partial<SimulationOptions> = {}) {
    this.scenario = scenario;
    this.opts = { ...defaultSimulationOptions, ...opts };
    const rng = new Prng(scenario.seed ^ 0x5eed5eed);
    this.netRng = rng.fork();
    this.clientRng = rng.fork();
    const genesis = simGenesis(scenario.validators.map((v) => v.power));
    const ids = scenario.validators.map((_, i) => toHex(keyOf(`v${i}`).publicKey));
    // Whose signing is checked: correct validators, and storage-faulted ones whose only storage
    // fault is a wipe re-joined by snapshot (they start with a signer floor and must not double-sign).
    const storageFault = (vi: number) =>
      scenario.faults.filter(
        (f) => (f.kind === 'wipe' || f.kind === 'restore') && scenario.nodeValidator[f.node] === vi,
      );
    const correctIds = new Set(
      ids.filter((_, i) => {
        const b = scenario.validators[i]!.behaviour;
        return (
          b === 'correct' ||
          (b === 'storage' && storageFault(i).every((f) => f.kind === 'wipe' && f.rejoin === 'snapshot'))
        );
      }),
    );
    this.checker = new Checker({
      validators: scenario.validators.map((v, i) => ({ id: ids[i]!, power: v.power })),
      correct: correctIds,
      maxSkewMs: scenario.maxSkewMs,
      genesisTime: GENESIS_TIME,
      maxBlockBytes: SIM_DRIVER.maxBlockBytes!,
      maxBlockTxs: SIM_DRIVER.maxBlockTxs!,
      timeOnlyEvidence: this.opts.timeOnlyEvidence ?? TIME_ONLY_EVIDENCE_DEFAULT,
      setAt: (h) => this.setAt(h),
    });
    this.root = mkdtempSync(join(this.opts.tmpRoot ?? defaultTmpRoot(), 'djsim-'));
    const unsafe = this.opts.unsafe;
    this.nodes = scenario.nodeValidator.map((vi, index) => {
      const behaviour = scenario.validators[vi]!.behaviour;
      const node = new SimNode(
        {
          index,
          validator: vi,
          behaviour,
          dir: join(this.root, `n${index}`),
          genesis,
          genesisTime: GENESIS_TIME,
          clockSkewMs: scenario.clockSkewMs[index] ?? 0,
          driver: unsafe?.driver ? { ...SIM_DRIVER, unsafe: unsafe.driver } : SIM_DRIVER,
          ...(unsafe?.app ? { appUnsafe: unsafe.app } : {}),
          rng: rng.fork(),
        },
        this,
      );
      const list = this.byId.get(node.id) ?? [];
      list.push(index);
      this.byId.set(node.id, list);
      return node;
    });
    this.correct = this.nodes.filter((n) => n.behaviour === 'correct').map((n) => n.index);
    this.checked = this.nodes
      .filter((n) => n.behaviour === 'correct' || n.behaviour === 'storage')
      .map((n) => n.index);
    this.healAt = healTime(scenario);
    this.lastProgressMs = this.healAt;
    for (const f of scenario.faults) {
      if (f.kind === 'restore' || f.kind === 'lose')
        this.queue.push(f.backupAt, { kind: 'fault', fault: f, phase: 'backup' });
      this.queue.push(f.at, { kind: 'fault', fault: f, phase: 'begin' });
      const end = f.kind === 'partition' || f.kind === 'pause' ? f.until : f.restartAt;
      this.queue.push(end, { kind: 'fault', fault: f, phase: 'end' });
    }
    if (scenario.txIntervalMs > 0) {
      this.queue.push(1 + this.clientRng.int(scenario.txIntervalMs), { kind: 'client' });
      this.queue.push(2000, { kind: 'resubmit' });
    }
  }

  /** A height's validator set as a correct node that is up holds it (undefined if none can tell). */
  private setAt(h: number): { id: string; power: number }[] | undefined {
    for (const i of this.correct) {
      const app = this.nodes[i]!.node?.app;
      if (app === undefined || h > app.height() + 2) continue;
      try {
        return app.validators(h).validators.map((v) => ({ id: toHex(v.publicKey), power: v.power }));
      } catch {}
    }
    return undefined;
  }

  // ── NodeHost ───────────────────────────────────────────────────────────────────────────────

  get nodeCount(): number {
    return this.nodes.length;
  }

  now(): number {
    return this.time;
  }

  trace(line: string): void {
    const text = `${this.time} ${line}`;
    this.hash.update(text);
    this.hash.update('\n');
    this.opts.trace?.(text);
  }

  schedule(node: number, inc: number, delayMs: number, timer: SimTimer, fn: () => void): void {
    this.queue.push(this.time + delayMs, { kind: 'call', node, inc, timer, fn });
  }

  nodesOf(id: string): readonly number[] {
    return this.byId.get(id) ?? [];
  }

  upPeers(index: number): string[] {
    const own = this.nodes[index]!.id;
    const out: string[] = [];
    for (const n of this.nodes) if (n.up && n.id !== own && !out.includes(n.id)) out.push(n.id);
    return out;
  }

  sendFrame(from: number, to: number, channel: number, bytes: Uint8Array): void {
    // The same network as consensus messages: loss, duplication, delays, partitions.
    const lossy = this.time < this.scenario.faultEnd;
    if (lossy && this.netRng.chance(this.scenario.dropP)) return;
    if (this.separated(from, to)) return;
    const copies = lossy && this.netRng.chance(this.scenario.duplicateP) ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      let delay = 2 + this.netRng.int(30);
      if (lossy && this.scenario.extraDelayMs > 0) delay += this.netRng.int(this.scenario.extraDelayMs + 1);
      this.queue.push(this.time + delay, { kind: 'frame', from, to, channel, bytes });
    }
  }

  /** Counts a promise of the real node's async code until it settles. */
  private track(p: Promise<unknown>): void {
    this.asyncWork++;
    const done = () => {
      this.asyncWork--;
    };
    p.then(done, done);
  }

  onFatal(node: number, e: unknown): void {
    const code = (e as { code?: string }).code ?? (e as Error).message;
    this.trace(`n${node} FATAL ${code}`);
    if (this.checked.includes(node)) this.checker.fail('FATAL', `node ${node} stopped: ${code}`, this.time);
  }

  send(from: number, to: number | undefined, msg: WireMessage, extraDelayMs = 0): void {
    const bytes = encodeWire(msg);
    if (bytes.length > FRAME_LIMIT) {
      // As the real p2p layer: a frame above the limit is refused to the sender.
      if (this.nodes[from]!.hostile) return;
      // The code the real transport gives (p2p's P2PError); the simulator does not import p2p.
      throw new DjError('P2P_FRAME_TOO_LARGE', `frame of ${bytes.length} bytes`);
    }
    this.checker.onSent(this.nodes[from]!.id, msg, this.time);
    const lossy = this.time < this.scenario.faultEnd;
    for (let t = 0; t < this.nodes.length; t++) {
      if (t === from || (to !== undefined && t !== to)) continue;
      if (lossy && this.netRng.chance(this.scenario.dropP)) continue;
      if (this.separated(from, t)) continue;
      const copies = lossy && this.netRng.chance(this.scenario.duplicateP) ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        // Independent random delays per message: reordering comes from them.
        let delay = 2 + this.netRng.int(30) + extraDelayMs;
        if (lossy && this.scenario.extraDelayMs > 0) delay += this.netRng.int(this.scenario.extraDelayMs + 1);
        this.queue.push(this.time + delay, { kind: 'deliver', from, to: t, bytes });
      }
    }
  }

  private separated(a: number, b: number): boolean {
    for (const p of this.partitions.values()) {
      const ga = p.groups[a];
      const gb = p.groups[b];
      if (ga === gb) continue;
      if (!p.oneWay || (ga === 0 && gb === 1)) return true;
    }
    return false;
  }

  // ── Scheduler ──────────────────────────────────────────────────────────────────────────────

  /**
   * Runs until every correct node reached the target height and the clients' transactions settled.
   * Async only for the real node's async code (the snapshot bootstrap and wire): its continuations
   * run between two events, in an order the events alone decide.
   */
  async run(): Promise<SimulationResult> {
    try {
      for (const n of this.nodes) this.boot(n);
      await this.loop();
    } finally {
      for (const n of this.nodes) n.crash();
      rmSync(this.root, { recursive: true, force: true });
    }
    const v = this.checker.violation;
    return {
      seed: this.scenario.seed,
      ok: v === null,
      violation: v,
      traceHash: this.hash.digest('hex'),
      events: this.events,
      simTimeMs: this.time,
      minCorrectHeight: this.minHeight,
      txsAdmitted: this.admitted,
      txsCommitted: this.clientCommitted,
      evidenceAgainst: [...this.evidence].sort(),
    };
  }

  private async loop(): Promise<void> {
    // Done when every fault has healed, the target height is reached, the correct nodes went two
    // heights further after the heal (liveness is shown per seed), and the clients' work settled.
    let atHeal = -1;
    while (this.checker.violation === null) {
      if (atHeal < 0 && this.time >= this.healAt) atHeal = this.minHeight;
      const target = Math.max(this.scenario.targetHeight, atHeal + 2);
      if (atHeal >= 0 && this.minHeight >= target && this.unsettled() === 0) break;
      const next = this.queue.pop();
      if (next === undefined) break;
      this.time = Math.max(this.time, next.time);
      this.checkLiveness();
      if (this.checker.violation !== null) break;
      if (++this.events > this.opts.maxEvents) {
        this.checker.fail('EVENT_LIMIT', `more than ${this.opts.maxEvents} events`, this.time);
        break;
      }
      try {
        this.dispatch(next.item);
      } catch (e) {
        // An exception out of a node's handler (not caught by the real code) or of the simulator.
        const code = (e as { code?: string }).code ?? 'UNCAUGHT';
        this.trace(`exception ${code}`);
        this.checker.fail('EXCEPTION', `${code}: ${(e as Error).message}`, this.time);
        break;
      }
      this.afterStep();
      // PERF: only while async work is under way; one macrotask turn runs every microtask queued.
      if (this.asyncWork > 0) await new Promise<void>((r) => setImmediate(r));
    }
  }

  private dispatch(e: SimEvent): void {
    const index = e.kind === 'call' ? e.node : e.kind === 'deliver' || e.kind === 'frame' ? e.to : -1;
    const node = index >= 0 ? this.nodes[index]! : null;
    if (node !== null && node.pausedUntil > this.time) {
      // A paused process (GC pause, swapped out) handles its events late, in their original order.
      this.queue.push(node.pausedUntil, e);
      return;
    }
    switch (e.kind) {
      case 'call':
        if (e.timer.cancelled || node!.incarnation !== e.inc || !(node!.up || node!.booting)) return;
        this.trace(`n${e.node} timer`);
        e.fn();
        return;
      case 'deliver':
        this.deliver(node!, e.from, e.bytes);
        return;
      case 'frame':
        this.trace(`n${e.from}>n${e.to} frame ${e.channel} ${e.bytes.length}B`);
        for (const p of node!.deliverFrame(e.channel, e.bytes, this.nodes[e.from]!.id)) this.track(p);
        return;
      case 'rejoin':
        this.rejoin(this.nodes[e.node]!);
        return;
      case 'bootstrapped': {
        const n = this.nodes[e.node]!;
        n.booting = false;
        if (e.height > 0) {
          this.trace(`n${e.node} snapshot h${e.height} ${e.faults} peers caught lying`);
          // The operator's --signer-state-reset: the signer floor is the next height.
          this.boot(n, { signerStateReset: true });
        } else {
          // As a supervisor would: the directory emptied again, the bootstrap retried a second later.
          this.trace(`n${e.node} snapshot failed ${e.why}`);
          n.wipe();
          this.queue.push(this.time + 1000, { kind: 'rejoin', node: e.node });
        }
        return;
      }
      case 'fault':
        this.applyFault(e.fault, e.phase);
        return;
      case 'client':
        this.clientTx();
        return;
      case 'resubmit':
        this.resubmit();
        return;
    }
  }

  private deliver(node: SimNode, from: number, bytes: Uint8Array): void {
    if (!node.up) return;
    const msg = decodeWire(bytes);
    this.trace(`n${from}>n${node.index} ${describe(msg)}`);
    const sender = this.nodes[from]!;
    node.deliver(msg, from, sender.id);
    // What the driver accepted at its height and round: evidence is due for a second version.
    // A flooder's votes may exceed its share of the driver's vote cache and be dropped unseen (by
    // design): evidence is not asked for them.
    const flooder =
      this.nodes[this.byId.get(msg.kind === 'vote' ? toHex(msg.vote.validator) : '')?.[0] ?? -1];
    if (
      msg.kind === 'vote' &&
      flooder?.behaviour !== 'flooder' &&
      this.correct.includes(node.index) &&
      node.node !== null
    ) {
      const pos = node.node.driver.position();
      const v = msg.vote;
      if (node.node.app.height() + 1 === v.height && pos.height === v.height && pos.round >= v.round) {
        this.checker.onAccepted(node.index, node.incarnation, v, this.time);
      }
    }
  }

  /** A wiped node takes a snapshot from its peers (the real bootstrap), then opens. */
  private rejoin(n: SimNode): void {
    if (n.up || n.booting) return;
    this.trace(`n${n.index} bootstrap`);
    n.booting = true;
    const node = n.index;
    this.track(
      n.bootstrap().then(
        (r) => {
          const height = r?.height ?? 0;
          const faults = r?.stats.faults.length ?? 0;
          this.queue.push(this.time, { kind: 'bootstrapped', node, height, faults, why: 'not empty' });
        },
        (e: unknown) => {
          const why = (e as { code?: string }).code ?? 'error';
          this.queue.push(this.time, { kind: 'bootstrapped', node, height: 0, faults: 0, why });
        },
      ),
    );
  }

  private boot(n: SimNode, opts: { readonly signerStateReset?: boolean } = {}): void {
    this.trace(`n${n.index} open h${n.height()}`);
    n.open(opts);
    const live = n.node;
    if (live === null) return;
    const inc = n.incarnation;
    const index = n.index;
    live.events.on('commit', ({ executed, commit }) => {
      const h = executed.block.header.height;
      this.trace(`n${index} commit h${h} ${executed.hashHex.slice(0, 12)} txs ${executed.block.txs.length}`);
      if (!this.checked.includes(index)) return;
      this.checker.onCommit(index, live.app, executed.block, commit, this.time);
      for (const t of executed.result.txHashes) {
        const hex = toHex(t);
        if (this.committedTxs.has(hex)) continue;
        this.committedTxs.add(hex);
        if (this.pending.get(hex)?.admitted) this.clientCommitted++;
        this.pending.delete(hex);
      }
    });
    if (this.correct.includes(index)) {
      live.mempool.onAdmitted((admitted) => {
        for (const a of admitted) this.onAdmittedTx(index, inc, a.encoding);
      });
    }
    // The real p2p layer announces a (re)connected peer on both ends: each side sends a status.
    for (const other of this.nodes) {
      if (other === n || !other.up) continue;
      other.peerConnected(n.id);
      n.peerConnected(other.id);
    }
  }

  /** An evidence transaction a correct node submitted (its own key signs it). */
  private onAdmittedTx(node: number, inc: number, encoding: Uint8Array): void {
    const tx = decodeTx(encoding);
    if (tx.module !== 'evidence' || tx.action !== 'submit' || toHex(tx.signer) !== this.nodes[node]!.id)
      return;
    const first = (tx.params as { first?: { [k: string]: Value } }).first;
    if (!first || !(first.validator instanceof Uint8Array)) return;
    const validator = toHex(first.validator);
    const vi = this.scenario.nodeValidator[this.byId.get(validator)?.[0] ?? -1];
    this.trace(`n${node} evidence against v${vi}`);
    this.evidence.add(`v${vi}`);
    this.checker.onEvidence(
      node,
      inc,
      validator,
      Number(first.height),
      Number(first.round),
      String(first.type),
      this.time,
    );
  }

  private applyFault(f: Fault, phase: 'backup' | 'begin' | 'end'): void {
    this.trace(`fault ${f.kind} ${phase}${'node' in f ? ` n${f.node}` : ''}`);
    switch (f.kind) {
      case 'partition':
        if (phase === 'begin') this.partitions.set(f, f);
        else this.partitions.delete(f);
        return;
      case 'pause':
        if (phase === 'begin') this.nodes[f.node]!.pausedUntil = f.until;
        return;
      case 'crash':
      case 'wipe':
      case 'restore':
      case 'lose': {
        const n = this.nodes[f.node]!;
        if (phase === 'backup') n.saveBackup();
        else if (phase === 'begin') {
          n.crash();
          if (f.kind === 'wipe') n.wipe();
          if (f.kind === 'restore') n.restoreBackup();
          if (f.kind === 'lose') n.restoreBackup({ keepSignerState: true });
        } else if (f.kind === 'wipe' && f.rejoin === 'snapshot') this.rejoin(n);
        else if (!n.up) this.boot(n);
        return;
      }
    }
  }

  private afterStep(): void {
    let min = Number.POSITIVE_INFINITY;
    for (const i of this.correct) {
      const n = this.nodes[i]!;
      min = Math.min(min, n.node === null ? this.minHeight : n.height());
      if (n.node === null) continue;
      const bytes = n.node.driver.bufferedBytes();
      const sizes = {
        votes: [bytes.votes, defaultDriverOptions.voteCacheBytes] as const,
        future: [bytes.future, defaultDriverOptions.futureBytes] as const,
        mempool: [n.node.mempool.size(), MEMPOOL_MAX_TXS] as const,
      };
      this.checker.onBuffers(i, sizes, this.time);
    }
    if (min > this.minHeight) {
      this.minHeight = min;
      this.progress();
    }
  }

  private progress(): void {
    this.lastProgressMs = Math.max(this.time, this.healAt);
  }

  private checkLiveness(): void {
    if (this.time <= this.healAt) return;
    const stalled = this.time - this.lastProgressMs;
    if (stalled > this.opts.livenessBoundMs) {
      this.checker.fail(
        'LIVENESS',
        `correct nodes stayed at height ${this.minHeight} (target ${this.scenario.targetHeight}) for ${stalled} ms after every fault healed at ${this.healAt} ms`,
        this.time,
      );
    } else if (this.time - this.healAt > this.opts.livenessBoundMs && this.unsettled() > 0) {
      this.checker.fail(
        'TX_LOST',
        `${this.unsettled()} admitted transactions neither committed nor refused ${this.time - this.healAt} ms after the heal`,
        this.time,
      );
    }
  }

  // ── Clients ────────────────────────────────────────────────────────────────────────────────

  /** Admitted client transactions not yet committed. */
  private unsettled(): number {
    let n = 0;
    for (const t of this.pending.values()) if (t.admitted) n++;
    return n;
  }

  /** A client registers a new person (member.register, signed by a clerk of branch b1). */
  private clientTx(): void {
    // Clients stop halfway, so that what they sent settles by the target height.
    if (this.minHeight < this.scenario.targetHeight / 2) {
      this.queue.push(this.time + 1 + this.clientRng.int(2 * this.scenario.txIntervalMs), { kind: 'client' });
    }
    const client = this.clientRng.pick(CLIENTS);
    const key = keyOf(client);
    const nonce = this.clientNonce.get(client) ?? 0;
    this.clientNonce.set(client, nonce + 1);
    const id = `p${this.serial++}`;
    const tx = signTx(simSuite(), key.secretKey, {
      chainId: CHAIN_ID,
      module: 'member',
      action: 'register',
      params: { id, org: 'b1', address: `addr-${id}` },
      signer: key.publicKey,
      nonce,
      expiry: 1_000_000,
    });
    this.submit({ tx, hash: toHex(txHash(simSuite(), tx)), size: txSize(tx), admitted: false });
  }

  /** Submits to one node that is up (as a client of its HTTP API would). */
  private submit(t: ClientTx): void {
    const up = this.nodes.filter((n) => n.up);
    if (up.length === 0) return;
    const n = this.clientRng.pick(up);
    const [r] = n.node!.mempool.addBatch([t.tx], [t.size]);
    if (r === undefined) return;
    this.trace(`client > n${n.index} ${r.ok ? 'admitted' : r.error.code} ${t.hash.slice(0, 8)}`);
    if (this.committedTxs.has(t.hash)) return;
    if (r.ok && !t.admitted) {
      t.admitted = true;
      this.admitted++;
    }
    this.pending.set(t.hash, t);
  }

  /** Clients resubmit what is not committed yet (a node's mempool is lost when it crashes). */
  private resubmit(): void {
    this.queue.push(this.time + 2000, { kind: 'resubmit' });
    for (const t of [...this.pending.values()]) this.submit(t);
  }
}

/** One line per message, for traces. */
export function describe(m: WireMessage): string {
  switch (m.kind) {
    case 'proposal':
      return `proposal h${m.proposal.height} r${m.proposal.round} ${toHex(m.proposal.blockHash).slice(0, 8)} vr${m.proposal.validRound}`;
    case 'vote':
      return `${m.vote.type} h${m.vote.height} r${m.vote.round} ${m.vote.blockHash ? toHex(m.vote.blockHash).slice(0, 8) : 'nil'} t${m.vote.time} by ${toHex(m.vote.validator).slice(0, 6)}`;
    case 'status':
      return `status h${m.height} has${m.has.length}`;
    case 'commit':
      return `commit h${m.commit.height}`;
  }
}
