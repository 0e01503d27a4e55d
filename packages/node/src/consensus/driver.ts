/**
 * The consensus driver: runs the pure Tendermint machine of @djchain/consensus for this node.
 * It feeds inputs (start of a height, verified messages, fired timeouts) one at a time, executes
 * the machine's actions in order — making every `persist` record durable in the database BEFORE
 * any broadcast that follows it — and on `decide` builds the commit certificate from the
 * precommits, commits the block and starts the next height. Values are block hashes (hex),
 * validator ids public keys (hex). With one validator no transport is needed, but the same path
 * runs: propose → prevote → precommit → decide.
 *
 * Liveness under loss, partitions and pauses (the driver contract in packages/consensus/README.md):
 * when the height did not move during a gossip interval the driver announces its height and the
 * messages it holds (`status`); a peer at the same height answers with the signed messages it lacks
 * (its own votes, the held proposal and block, conflicting votes), a peer ahead with decided blocks
 * and their certificates, which are verified and applied directly (block sync). Timeouts grow per
 * round (`timeoutMs`), so after a GC pause or partition they eventually exceed the real delays.
 */
import {
  type Action,
  defaultTimeoutConfig,
  type Env,
  type Evidence,
  heldMessages,
  type Input,
  init,
  type MachineConfig,
  messageKey,
  type PersistRecord,
  type State,
  step,
  type TimeoutConfig,
} from '@djchain/consensus';
import { fromHex, type KeyPair, toHex } from '@djchain/crypto';
import {
  type CommitCertificate,
  decodeBlock,
  encodeBlock,
  makeCommit,
  type SignedVote,
  validatorIndex,
} from '@djchain/ledger';
import type { Application, Executed } from '../app/application.ts';
import type { Log } from '../log.ts';
import type { Mempool } from '../mempool/mempool.ts';
import type { PendingBlock } from '../storage/chain-store.ts';
import { blocksFrom, type CommitMessage, verifyCertified, wantsMore } from '../sync/blocks.ts';
import {
  ledgerVote,
  machineVote,
  proposalOf,
  type SignedProposal,
  signMachineVote,
  signProposal,
  type Transport,
  verifyProposal,
  verifyWireVote,
  type WireMessage,
} from './wire.ts';

/** A conflicting pair of signed votes from one validator (for the evidence module). */
export interface SignedEvidence {
  readonly first: SignedVote;
  readonly second: SignedVote;
}

export interface DriverOptions {
  readonly timeouts: TimeoutConfig;
  /** With nothing to include, a block is still made this often (block-start hooks must fire). */
  readonly emptyBlockIntervalMs: number;
  readonly maxBlockTxs: number;
  readonly maxBlockBytes: number;
  /** A height that did not move for this long is re-gossiped (status → missing messages or blocks). */
  readonly gossipIntervalMs: number;
  /** Decided blocks per block-sync batch. */
  readonly syncBatch: number;
  /**
   * TEST ONLY: deliberately broken variants for the simulator's mutant runs (packages/sim), never
   * set by the CLI. `machine` is passed to the consensus machine (`MachineConfig.unsafe`);
   * `forgetRecordOnRestart` starts without the persisted consensus record (re-signs after a restart).
   */
  readonly unsafe?: {
    readonly machine?: MachineConfig['unsafe'];
    readonly forgetRecordOnRestart?: boolean;
  };
}

export const defaultDriverOptions: DriverOptions = {
  timeouts: defaultTimeoutConfig,
  emptyBlockIntervalMs: 5000,
  maxBlockTxs: 5000,
  maxBlockBytes: 16 * 1024 * 1024,
  gossipIntervalMs: 1000,
  syncBatch: 16,
};

export interface DriverDeps {
  readonly app: Application;
  readonly mempool: Mempool;
  readonly key: KeyPair;
  readonly transport?: Transport;
  readonly now: () => number;
  /** Timers (real ones by default; the simulator injects its own scheduler, DESIGN §10). */
  readonly timers?: Timers;
  readonly log: Log;
  /** After each committed block. */
  readonly onCommit?: (executed: Executed, commit: CommitCertificate) => void;
  /** A failure the node cannot continue from (storage); the node stops. */
  readonly onFatal: (e: unknown) => void;
  /** Two conflicting signed votes of one validator, seen by this node (reported once per pair). */
  readonly onEvidence?: (evidence: SignedEvidence) => void;
}

/** A timer handle of the injected scheduler (opaque). */
export type TimerHandle = unknown;

/** The clock-driven callbacks the driver needs; injected so a simulator can run the real driver. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Runs `fn` after the current task (Node's setImmediate). */
  setImmediate(fn: () => void): void;
}

/** Node's own timers. */
export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setImmediate: (fn) => {
    setImmediate(fn);
  },
};

export class ConsensusDriver {
  private readonly opts: DriverOptions;
  private readonly deps: DriverDeps;
  private readonly self: string;
  private state: State;
  private readonly queue: Input[] = [];
  private running = false;
  private stopped = false;
  private readonly clock: Timers;
  private readonly timers = new Set<TimerHandle>();
  private waitTimer: TimerHandle | undefined;
  /** Height waiting for its start (transactions, the empty-block interval, or a peer message). */
  private waitingHeight = 0;
  private lastCommitAt: number;
  /** Signatures of this height's votes, by machine vote key. */
  private readonly voteSigs = new Map<string, Uint8Array>();
  /** Executed blocks not yet in the database's pending table. */
  private unsaved: Executed[] = [];
  /** Peer messages for the next height, replayed once this node has committed the current one. */
  private future: Array<{ msg: WireMessage; from: string }> = [];
  /** Signed proposals of this height (own and received), by `messageKey`, for re-gossip. */
  private readonly proposals = new Map<string, SignedProposal>();
  /** Signed votes of this height by machine vote key (with value), for evidence. */
  private readonly signedVotes = new Map<string, SignedVote>();
  private gossipTimer: TimerHandle | undefined;
  private lastTickHeight = -1;
  private synced = 0;

  constructor(opts: Partial<DriverOptions>, deps: DriverDeps) {
    this.opts = { ...defaultDriverOptions, ...opts };
    this.deps = deps;
    this.self = toHex(deps.key.publicKey);
    this.clock = deps.timers ?? realTimers;
    this.state = init({
      self: this.self,
      timeouts: this.opts.timeouts,
      maxFutureRoundsPerValidator: 2,
      ...(this.opts.unsafe?.machine ? { unsafe: this.opts.unsafe.machine } : {}),
    });
    this.lastCommitAt = deps.now();
    // Deferred: the submitting request returns first, and submissions arriving meanwhile join
    // the same block.
    deps.mempool.onAdded(() => {
      if (this.waitingHeight !== 0 && deps.mempool.hasReady()) this.clock.setImmediate(() => this.wake());
    });
    deps.transport?.onMessage((msg, from) => this.onWire(msg, from));
    // A peer that (re)connects learns our height at once: it sends what we lack, or we send blocks.
    deps.transport?.onPeer?.((peer) => {
      if (!this.stopped) deps.transport?.send(peer, this.status());
    });
  }

  /** Starts at the height after the latest block, resuming a persisted record of that height. */
  start(): void {
    if (this.deps.transport) {
      this.scheduleTick();
    }
    const height = this.deps.app.height() + 1;
    const raw = this.deps.app.store.loadConsensus();
    const forget = this.opts.unsafe?.forgetRecordOnRestart === true; // TEST ONLY
    const record = raw === undefined || forget ? undefined : (JSON.parse(raw) as PersistRecord);
    if (record !== undefined && record.height === height) {
      // Re-validate the blocks this validator proposed or locked on before the crash.
      for (const p of this.deps.app.store.pendingBlocks(height)) {
        try {
          this.deps.app.validate(decodeBlock(p.bytes));
        } catch (e) {
          this.deps.log.warn({ height, code: (e as { code?: string }).code }, 'stored pending block refused');
        }
      }
      this.deps.log.info({ height, round: record.round, step: record.step }, 'resuming consensus');
      this.enqueue(this.startInput(height, record));
      return;
    }
    this.awaitHeight(height);
  }

  stop(): void {
    this.stopped = true;
    if (this.gossipTimer !== undefined) this.clock.clearTimeout(this.gossipTimer);
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
    if (this.waitTimer !== undefined) this.clock.clearTimeout(this.waitTimer);
  }

  /** Blocks committed from a peer's certificate (block sync) since start. */
  syncedBlocks(): number {
    return this.synced;
  }

  /** Sizes of the in-memory buffers (the simulator checks they stay bounded). */
  bufferSizes(): { future: number; voteSigs: number; signedVotes: number; proposals: number; queue: number } {
    return {
      future: this.future.length,
      voteSigs: this.voteSigs.size,
      signedVotes: this.signedVotes.size,
      proposals: this.proposals.size,
      queue: this.queue.length,
    };
  }

  /** Current height and round of the machine (for status and metrics). */
  position(): { height: number; round: number; step: string } {
    return { height: this.state.height, round: this.state.round, step: this.state.step };
  }

  private startInput(height: number, resume?: PersistRecord): Input {
    const set = this.deps.app.validators(height);
    return {
      kind: 'start',
      height,
      validators: set.validators.map((v) => ({ id: toHex(v.publicKey), power: v.power })),
      prevBlockTime: this.deps.app.latestTime(),
      ...(resume ? { resume } : {}),
    };
  }

  /** Waits until transactions are pending or the empty-block interval has passed, then starts. */
  private awaitHeight(height: number): void {
    if (this.stopped) return;
    this.waitingHeight = height;
    if (this.deps.mempool.hasReady()) {
      this.wake();
      return;
    }
    const delay = Math.max(0, this.lastCommitAt + this.opts.emptyBlockIntervalMs - this.deps.now());
    this.waitTimer = this.clock.setTimeout(() => this.wake(), delay);
  }

  private wake(): void {
    if (this.stopped || this.waitingHeight === 0) return;
    const height = this.waitingHeight;
    this.waitingHeight = 0;
    if (this.waitTimer !== undefined) this.clock.clearTimeout(this.waitTimer);
    this.waitTimer = undefined;
    this.enqueue(this.startInput(height));
  }

  private enqueue(input: Input): void {
    this.queue.push(input);
    if (this.running) return;
    this.running = true;
    try {
      // Inputs produced while executing actions (a new height after a decision) wait their turn,
      // so actions of one step always run in order and to completion.
      for (let input = this.queue.shift(); input !== undefined && !this.stopped; input = this.queue.shift()) {
        const out = step(this.state, input, this.env);
        this.state = out.state;
        for (const a of out.actions) this.execute(a);
      }
    } catch (e) {
      this.stop();
      this.deps.onFatal(e);
    } finally {
      this.running = false;
    }
  }

  private readonly env: Env = {
    isValid: (height, value) =>
      height === this.deps.app.height() + 1 && this.deps.app.executed(value) !== undefined,
    getValue: (_height, _round) => {
      const { txs, verified } = this.deps.mempool.reap(this.opts.maxBlockTxs, this.opts.maxBlockBytes);
      const executed = this.deps.app.propose(txs, this.deps.key.publicKey, verified, [...verified]); // PERF: ids in txs order
      this.unsaved.push(executed);
      return executed.hashHex;
    },
    now: () => this.deps.now(),
    // BFT time: own precommits are stamped after the proposed block's time, whatever the skew.
    valueTime: (_height, value) => this.deps.app.executed(value)?.block.header.time,
  };

  private execute(a: Action): void {
    const { app, key, transport, log } = this.deps;
    switch (a.kind) {
      case 'persist': {
        // Durable (committed, fsynced) before anything that follows is sent.
        const pending: PendingBlock[] = this.unsaved.map((e) => ({
          hash: e.hash,
          height: e.block.header.height,
          bytes: encodeBlock(e.block),
        }));
        app.store.saveConsensus(a.record.height, JSON.stringify(a.record), pending);
        this.unsaved = [];
        return;
      }
      case 'broadcastProposal': {
        const executed = app.executed(a.proposal.value);
        if (!executed) throw new Error('proposed block is not executed');
        const proposal = signProposal(app.suite, key.secretKey, app.chainId, a.proposal);
        this.proposals.set(messageKey({ kind: 'proposal', proposal: a.proposal }), proposal);
        transport?.broadcast({ kind: 'proposal', proposal, block: encodeBlock(executed.block) });
        return;
      }
      case 'broadcastVote': {
        const vote = signMachineVote(app.suite, key.secretKey, app.chainId, a.vote);
        this.voteSigs.set(voteKey(a.vote), vote.signature);
        this.signedVotes.set(voteKey(a.vote), vote);
        transport?.broadcast({ kind: 'vote', vote });
        return;
      }
      case 'scheduleTimeout': {
        const input: Input = { kind: 'timeout', step: a.step, height: a.height, round: a.round };
        const t = this.clock.setTimeout(() => {
          this.timers.delete(t);
          this.enqueue(input);
        }, a.durationMs);
        this.timers.add(t);
        return;
      }
      case 'decide':
        this.decide(a);
        return;
      case 'evidence':
        log.warn({ kind: a.evidence.kind }, 'equivocation evidence');
        this.reportEvidence(a.evidence);
        return;
      case 'signRefused':
        log.warn({ reason: a.reason }, 'signer guard refused to sign');
        return;
    }
  }

  private decide(a: Extract<Action, { kind: 'decide' }>): void {
    const { app, key } = this.deps;
    const executed = app.executed(a.value);
    if (!executed) throw new Error('decided block is not executed');
    const set = app.validators(a.height);
    const sigs = a.commit.map((v) => {
      let signature = this.voteSigs.get(voteKey(v));
      // Our own precommit from before a restart: the same vote signed again (same content).
      if (signature === undefined && v.validator === this.self) {
        signature = signMachineVote(app.suite, key.secretKey, app.chainId, v).signature;
      }
      if (signature === undefined) throw new Error('precommit signature missing');
      return { validatorIndex: validatorIndex(set, fromHex(v.validator)), time: v.time ?? 0, signature };
    });
    this.finish(executed, makeCommit(a.height, a.round, executed.hash, sigs));
  }

  /** Commits a decided block (by this machine or a verified certificate) and moves to the next height. */
  private finish(executed: Executed, commit: CommitCertificate): void {
    const { app, mempool } = this.deps;
    app.commit(executed, commit);
    this.lastCommitAt = this.deps.now();
    this.voteSigs.clear();
    this.signedVotes.clear();
    this.proposals.clear();
    this.unsaved = [];
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
    mempool.update(executed);
    this.deps.onCommit?.(executed, commit);
    this.awaitHeight(executed.block.header.height + 1);
    const early = this.future;
    this.future = [];
    if (early.length > 0) {
      this.clock.setImmediate(() => {
        for (const m of early) this.onWire(m.msg, m.from);
      });
    }
  }

  /** A peer's message: verified, then fed to the machine (messages for other heights are dropped). */
  private onWire(msg: WireMessage, from: string): void {
    if (this.stopped) return;
    if (msg.kind === 'status') {
      this.onStatus(msg, from);
      return;
    }
    if (msg.kind === 'commit') {
      this.onCommitMessage(msg, from);
      return;
    }
    const { app, log } = this.deps;
    const height = app.height() + 1;
    const msgHeight = msg.kind === 'vote' ? msg.vote.height : msg.proposal.height;
    if (msgHeight === height + 1 && this.future.length < MAX_FUTURE_MESSAGES) {
      // A faster peer already moved on; keep its messages until we get there.
      this.future.push({ msg, from });
      return;
    }
    try {
      if (msg.kind === 'vote') {
        const v = msg.vote;
        if (v.height !== height || !verifyWireVote(app.suite, app.chainId, v)) return;
        if (validatorIndex(app.validators(height), v.validator) < 0) return;
        const vote = machineVote(v);
        this.voteSigs.set(voteKey(vote), v.signature);
        if (this.signedVotes.size < MAX_FUTURE_MESSAGES) this.signedVotes.set(voteKey(vote), v);
        this.wakeFor(height);
        this.enqueue({ kind: v.type, vote });
        return;
      }
      const p = msg.proposal;
      if (p.height !== height || !verifyProposal(app.suite, app.chainId, p)) return;
      if (validatorIndex(app.validators(height), p.proposer) < 0) return;
      const block = decodeBlock(msg.block);
      const executed = app.validate(block, new Set());
      if (executed.hashHex !== toHex(p.blockHash)) return;
      this.unsaved.push(executed);
      const proposal = proposalOf(p);
      this.proposals.set(messageKey({ kind: 'proposal', proposal }), p);
      this.wakeFor(height);
      this.enqueue({ kind: 'proposal', proposal });
    } catch (e) {
      log.warn({ height, code: (e as { code?: string }).code ?? 'NODE_BAD_MESSAGE' }, 'peer message refused');
    }
  }

  /** Our height (the next to decide) and the keys of the messages held for it. */
  private status(): WireMessage {
    const height = this.deps.app.height() + 1;
    const has = this.state.height === height ? heldMessages(this.state).map(messageKey) : [];
    return { kind: 'status', height, has };
  }

  private scheduleTick(): void {
    this.gossipTimer = this.clock.setTimeout(() => {
      this.gossipTimer = undefined;
      if (this.stopped) return;
      this.tick();
      this.scheduleTick();
    }, this.opts.gossipIntervalMs);
  }

  /** Gossip tick: re-gossip only when the height did not move since the last tick. */
  private tick(): void {
    if (this.stopped || this.running) return;
    const height = this.deps.app.height();
    if (height === this.lastTickHeight) this.deps.transport?.broadcast(this.status());
    this.lastTickHeight = height;
  }

  /** A peer's status: blocks with certificates when it is behind, the messages it lacks when level. */
  private onStatus(st: Extract<WireMessage, { kind: 'status' }>, from: string): void {
    const { app, transport } = this.deps;
    if (!transport) return;
    const height = app.height() + 1;
    if (st.height < height) {
      for (const m of blocksFrom(app, st.height, this.opts.syncBatch)) transport.send(from, m);
      return;
    }
    if (st.height !== height || this.state.height !== height) return;
    const has = new Set(st.has);
    for (const m of heldMessages(this.state)) {
      if (has.has(messageKey(m))) continue;
      if (m.kind === 'proposal') {
        const signed = this.proposals.get(messageKey(m));
        const executed = app.executed(m.proposal.value);
        if (signed && executed) {
          transport.send(from, { kind: 'proposal', proposal: signed, block: encodeBlock(executed.block) });
        }
        continue;
      }
      const signature = this.voteSigs.get(voteKey(m.vote));
      if (signature === undefined) continue;
      transport.send(from, { kind: 'vote', vote: { ...ledgerVote(m.vote), signature } });
    }
  }

  /**
   * Block sync: a decided block for our next height with a verified certificate is committed
   * directly (not fed vote by vote: a certificate may hold a precommit that conflicts with one the
   * machine saw first, and the machine counts only the first). Safe: more than 2/3 of the power
   * precommitted it, so no other block can be decided at this height.
   */
  private onCommitMessage(msg: CommitMessage, from: string): void {
    if (this.running) {
      this.clock.setImmediate(() => this.onCommitMessage(msg, from));
      return;
    }
    const { app, log, transport } = this.deps;
    const height = app.height() + 1;
    if (msg.commit.height !== height) return;
    let executed: Executed;
    try {
      executed = verifyCertified(app, msg);
    } catch (e) {
      log.warn({ height, code: (e as { code?: string }).code ?? 'NODE_BAD_BLOCK' }, 'synced block refused');
      return;
    }
    try {
      if (this.waitTimer !== undefined) this.clock.clearTimeout(this.waitTimer);
      this.waitTimer = undefined;
      this.waitingHeight = 0;
      log.info({ height }, 'block synced');
      this.synced++;
      this.finish(executed, msg.commit);
    } catch (e) {
      this.stop();
      this.deps.onFatal(e);
      return;
    }
    if (wantsMore(height, msg, this.opts.syncBatch)) transport?.send(from, this.status());
  }

  /** Keeps both signed votes of an equivocation and hands them over once. */
  private reportEvidence(ev: Evidence): void {
    if (ev.kind !== 'duplicateVote' || !this.deps.onEvidence) return;
    const first = this.signedVotes.get(voteKey(ev.first));
    const second = this.signedVotes.get(voteKey(ev.second));
    if (first && second) this.deps.onEvidence({ first, second });
  }

  /** A message for the height we are waiting to start: start now (the proposer has). */
  private wakeFor(height: number): void {
    if (this.waitingHeight === height) this.wake();
  }
}

const MAX_FUTURE_MESSAGES = 10_000;

function voteKey(v: {
  type: string;
  height: number;
  round: number;
  validator: string;
  value: string | null;
}) {
  return `${v.type}/${v.height}/${v.round}/${v.validator}/${v.value ?? 'nil'}`;
}
