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
  holds,
  type Input,
  init,
  type MachineConfig,
  makeValidatorSet,
  messageKey,
  type PersistRecord,
  proposer,
  type State,
  step,
  type TimeoutConfig,
  type ValidatorSet,
  type Vote,
} from '@djchain/consensus';
import { equalBytes, fromHex, type KeyPair, toHex } from '@djchain/crypto';
import {
  blockTxHashes,
  type CommitCertificate,
  decodeBlock,
  encodeCommit,
  headerHash,
  makeCommit,
  type SignedVote,
  validatorIndex,
} from '@djchain/ledger';
import { defaultP2POptions } from '@djchain/p2p';
import { type Application, blockBytes, type Executed } from '../app/application.ts';
import { NodeError } from '../errors.ts';
import type { Log } from '../log.ts';
import type { Mempool } from '../mempool/mempool.ts';
import type { PendingBlock } from '../storage/chain-store.ts';
import { maxHRS, type SignerState } from '../storage/signer-state.ts';
import {
  blocksFrom,
  type CommitMessage,
  type EncodedBlock,
  verifyCertified,
  wantsMore,
} from '../sync/blocks.ts';
import { BoundedSet, FutureBuffer, PeerScores, SyncLimiter, VoteCache } from './bounds.ts';
import { watchFloorHeight } from './rejoin-watch.ts';
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

/**
 * A conflicting pair of signed messages from one validator (for the evidence module): two votes for
 * one slot, or two proposals for one height and round (`kind: 'proposal'`).
 */
export type SignedEvidence =
  | { readonly kind?: 'vote'; readonly first: SignedVote; readonly second: SignedVote }
  | { readonly kind: 'proposal'; readonly first: SignedProposal; readonly second: SignedProposal };

export interface DriverOptions {
  readonly timeouts: TimeoutConfig;
  /** With nothing to include, a block is still made this often (block-start hooks must fire). */
  readonly emptyBlockIntervalMs: number;
  readonly maxBlockTxs: number;
  /**
   * Largest encoded block. A proposal (signed proposal + block) must fit in one p2p frame:
   * `maxBlockBytes + PROPOSAL_MARGIN_BYTES ≤ maxFrameBytes`, checked at construction.
   */
  readonly maxBlockBytes: number;
  /** The transport's frame limit (the p2p node's `maxFrameBytes`). */
  readonly maxFrameBytes: number;
  /** Signed votes kept per height (all validators together; each holds an equal share). */
  readonly voteCacheBytes: number;
  /** Messages buffered for the next height, in total and per peer. */
  readonly futureBytes: number;
  readonly futurePeerBytes: number;
  /** Invalid messages (weighted) after which a peer is ignored until its score decays. */
  readonly peerScoreLimit: number;
  /** Block batches per gossip interval a peer's `status` may obtain. */
  readonly syncBatchesPerInterval: number;
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
  maxBlockBytes: defaultP2POptions.maxFrameBytes - 256 * 1024, // FRAME_BLOCK_MARGIN_BYTES
  maxFrameBytes: defaultP2POptions.maxFrameBytes,
  voteCacheBytes: 4 * 1024 * 1024,
  futureBytes: 2 * defaultP2POptions.maxFrameBytes,
  futurePeerBytes: defaultP2POptions.maxFrameBytes,
  peerScoreLimit: 16,
  syncBatchesPerInterval: 8,
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
  /**
   * The signer state kept outside the database (signer-state.json): the floor below which nothing
   * is signed, whatever chain.db holds, and saved before anything new signed is sent.
   */
  readonly signer?: SignerState;
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
  private opts: DriverOptions;
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
  /** The latest committed block's encoding, when known (sync answers to a peer one height behind). */
  private lastEncoded: EncodedBlock | undefined;
  /**
   * Signed votes of this height by `voteKey` (value AND time): the signature kept is the one over
   * exactly the vote the machine counted (certificates, re-gossip) and both votes of an
   * equivocation stay for evidence. Bounded in bytes, per validator.
   */
  private readonly votes: VoteCache;
  /** Executed blocks not yet in the database's pending table. */
  private unsaved: Executed[] = [];
  /** Peer messages for the next height, replayed once this node has committed the current one. */
  private readonly future: FutureBuffer<WireMessage>;
  /** Signed proposals of this height (own and received), by `messageKey`, for re-gossip. */
  private readonly proposals = new Map<string, SignedProposal>();
  /** Hashes of blocks whose validation failed (the body matched its header): never executed again. */
  private readonly failedBlocks = new BoundedSet(1024);
  private readonly scores: PeerScores;
  private readonly syncLimiter: SyncLimiter;
  /** The consensus view of the validator set of `setHeight` (proposer checks before execution). */
  private setCache: { height: number; set: ValidatorSet } | undefined;
  /** Executions of peers' proposed blocks (for tests: a repeated junk block must cost nothing). */
  private validations = 0;
  private gossipTimer: TimerHandle | undefined;
  /** The last stored polka with its signatures (the machine reuses the array while locks stay). */
  private polkaMemo: { polka: readonly Vote[]; votes: Vote[]; signatures: string[] } | undefined;
  private lastTickHeight = -1;
  private synced = 0;
  /**
   * After a signer-state reset (rejoin-watch.ts): each other validator's highest height heard, until
   * enough are heard; meanwhile every height this node enters is held (nothing signed there).
   */
  private watch: Map<string, number> | undefined;

  constructor(opts: Partial<DriverOptions>, deps: DriverDeps) {
    // Unless given, the block limit derives from the frame limit (the transport's).
    const frame = opts.maxFrameBytes ?? defaultDriverOptions.maxFrameBytes;
    this.opts = { ...defaultDriverOptions, maxBlockBytes: frame - FRAME_BLOCK_MARGIN_BYTES, ...opts };
    if (this.opts.maxBlockBytes + PROPOSAL_MARGIN_BYTES > this.opts.maxFrameBytes) {
      throw new NodeError(
        'NODE_BAD_CONFIG',
        'a proposal with a block of maxBlockBytes would not fit in a frame',
        {
          maxBlockBytes: this.opts.maxBlockBytes,
          maxFrameBytes: this.opts.maxFrameBytes,
          margin: PROPOSAL_MARGIN_BYTES,
        },
      );
    }
    this.deps = deps;
    this.self = toHex(deps.key.publicKey);
    this.votes = new VoteCache(this.opts.voteCacheBytes, this.self);
    this.future = new FutureBuffer(this.opts.futureBytes, this.opts.futurePeerBytes);
    this.scores = new PeerScores(this.opts.peerScoreLimit);
    this.syncLimiter = new SyncLimiter(this.opts.gossipIntervalMs, this.opts.syncBatchesPerInterval);
    this.clock = deps.timers ?? realTimers;
    this.state = init({
      self: this.self,
      timeouts: this.opts.timeouts,
      maxFutureRoundsPerValidator: 2,
      ...(this.opts.unsafe?.machine ? { unsafe: this.opts.unsafe.machine } : {}),
    });
    // TEST ONLY: `unsafe.forgetRecordOnRestart` forgets the signer file's floor too.
    const forget = this.opts.unsafe?.forgetRecordOnRestart === true;
    // The signer guard starts from the signer file: a restored (older) chain.db cannot lower it.
    const floor = forget ? null : (deps.signer?.lastSigned() ?? null);
    if (floor !== null) this.state = { ...this.state, lastSigned: floor };
    if (deps.signer?.watching() === true) this.watch = new Map();
    this.lastCommitAt = deps.now();
    // Deferred: the submitting request returns first, and submissions arriving meanwhile join
    // the same block.
    deps.mempool.onAdded(() => {
      if (this.waitingHeight !== 0 && deps.mempool.hasReady()) this.clock.setImmediate(() => this.wake());
    });
    deps.transport?.onMessage((msg, from) => this.onWire(msg, from));
    // A peer that (re)connects learns our height at once: it sends what we lack, or we send blocks.
    deps.transport?.onPeer?.((peer) => {
      if (!this.stopped) this.send(peer, this.status());
    });
  }

  /** Starts at the height after the latest block, resuming a persisted record of that height. */
  start(): void {
    if (this.deps.transport) {
      this.scheduleTick();
    }
    // Resumes a persisted record of the next height if there is one (awaitHeight).
    this.awaitHeight(this.deps.app.height() + 1);
  }

  /**
   * Starts `height` from a persisted record of it, when there is one: at start, and again at
   * every later height start, since the signer file may hold a record of a height above chain.db's
   * next one (a power loss took the database's last blocks but not the fsync'd signer state: the
   * node re-syncs those blocks, then must come back to that height with its locks and signatures).
   */
  private resume(height: number): boolean {
    const forget = this.opts.unsafe?.forgetRecordOnRestart === true; // TEST ONLY
    const record = forget ? undefined : this.resumeRecord(height);
    if (record === undefined) return false;
    // Re-validate the blocks this validator proposed or locked on before the crash.
    for (const p of this.deps.app.store.pendingBlocks(height)) {
      try {
        this.deps.app.validate(decodeBlock(p.bytes), { bytes: p.bytes });
      } catch (e) {
        this.deps.log.warn({ height, code: (e as { code?: string }).code }, 'stored pending block refused');
      }
    }
    this.restoreSigned(record);
    const polka = this.restorePolka(record);
    this.deps.log.info({ height, round: record.round, step: record.step }, 'resuming consensus');
    this.enqueue(this.startInput(height, { ...record, polka }));
    return true;
  }

  /**
   * The record to resume at `height`: chain.db's or the signer file's, whichever signed more (a
   * restored chain.db may hold an older one), never with a last-signed position below the file's.
   */
  private resumeRecord(height: number): StoredRecord | undefined {
    const raw = this.deps.app.store.loadConsensus();
    const candidates = [
      raw === undefined ? null : (JSON.parse(raw) as StoredRecord),
      (this.deps.signer?.record() ?? null) as StoredRecord | null,
    ]
      .filter((r): r is StoredRecord => r !== null && r.height === height)
      .sort((a, b) => b.signed.length - a.signed.length);
    const best = candidates[0];
    if (best === undefined) return undefined;
    return { ...best, lastSigned: maxHRS(best.lastSigned, this.deps.signer?.lastSigned() ?? null) };
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

  /** Executions of blocks received in proposals since start (cache hits not counted). */
  executedProposals(): number {
    return this.validations;
  }

  /** Bytes held in the vote cache and the next-height buffer (both bounded). */
  bufferedBytes(): { votes: number; future: number } {
    return { votes: this.votes.bytes(), future: this.future.bytes() };
  }

  /** A peer's misbehaviour score (ignored at `peerScoreLimit`). */
  peerScore(peer: string): number {
    return this.scores.score(peer);
  }

  /** Current height and round of the machine (for status and metrics). */
  position(): { height: number; round: number; step: string } {
    return { height: this.state.height, round: this.state.round, step: this.state.step };
  }

  private startInput(height: number, resume?: PersistRecord): Input {
    if (this.watch !== undefined) {
      this.raiseFloor(height);
      this.checkWatch(height);
    }
    const set = this.deps.app.validators(height);
    return {
      kind: 'start',
      height,
      validators: set.validators.map((v) => ({ id: toHex(v.publicKey), power: v.power })),
      prevBlockTime: this.deps.app.latestTime(),
      // A resumed record never lowers the guard's floor (a watch may hold its whole height).
      ...(resume
        ? { resume: { ...resume, lastSigned: maxHRS(resume.lastSigned, this.state.lastSigned) } }
        : {}),
    };
  }

  /** Nothing signed at any round of `height` (the machine's guard and the signer file). */
  private raiseFloor(height: number): void {
    const floor = { height, round: Number.MAX_SAFE_INTEGER, step: 2 } as const;
    this.state = { ...this.state, lastSigned: maxHRS(this.state.lastSigned, floor) };
    this.deps.signer?.raiseFloor(floor);
  }

  /** A validator was heard at `height` (its status, or a verified vote) while watching. */
  private claim(validator: string, height: number): void {
    if (this.watch === undefined || validator === this.self) return;
    const current = this.deps.app.height() + 1;
    if (!this.consensusSet(current).validators.some((v) => v.id === validator)) return;
    if ((this.watch.get(validator) ?? -1) >= height) return;
    this.watch.set(validator, height);
    this.checkWatch(current);
  }

  /** Ends the watch once enough validators are heard: the floor covers the whole of Q + 1. */
  private checkWatch(current: number): void {
    if (this.watch === undefined) return;
    const top = watchFloorHeight(this.watch, this.consensusSet(current), this.self);
    if (top === null) return;
    const floor = { height: top, round: Number.MAX_SAFE_INTEGER, step: 2 } as const;
    this.state = { ...this.state, lastSigned: maxHRS(this.state.lastSigned, floor) };
    this.deps.signer?.endWatch(floor);
    this.deps.log.info(
      { heard: this.watch.size, floor: top, height: current },
      'signer watch ended: signing again above the floor',
    );
    this.watch = undefined;
  }

  /**
   * Changes the empty-block interval from now on; a wait under way is timed again from the last
   * commit. The demo's replay node shortens it while its clock is driven (each planned date's blocks
   * come at once) and lengthens it back on the wall clock.
   */
  setEmptyBlockInterval(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms < 0)
      throw new NodeError('NODE_BAD_CONFIG', 'emptyBlockIntervalMs', { ms });
    this.opts = { ...this.opts, emptyBlockIntervalMs: ms };
    if (this.waitingHeight === 0 || this.waitTimer === undefined) return;
    this.clock.clearTimeout(this.waitTimer);
    const delay = Math.max(0, this.lastCommitAt + ms - this.deps.now());
    this.waitTimer = this.clock.setTimeout(() => this.wake(), delay);
  }

  /** Waits until transactions are pending or the empty-block interval has passed, then starts. */
  private awaitHeight(height: number): void {
    if (this.stopped) return;
    // A height this validator signed at before a loss of the database's last blocks: no waiting.
    if (this.resume(height)) return;
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
    getValue: (height, _round) => {
      // The block's transactions get what the header and the last certificate leave of the limit.
      const last = height > 1 ? this.deps.app.store.blocks.getCommit(height - 1) : undefined;
      const room =
        this.opts.maxBlockBytes - BLOCK_HEADER_MARGIN_BYTES - (last ? encodeCommit(last).length : 0);
      const { txs, verified } = this.deps.mempool.reap(this.opts.maxBlockTxs, Math.max(0, room));
      const executed = this.deps.app.propose(txs, this.deps.key.publicKey, verified, [...verified]); // PERF: ids in txs order
      this.unsaved.push(executed);
      return executed.hashHex;
    },
    now: () => this.deps.now(),
    // BFT time: own precommits are stamped after the proposed block's time, whatever the skew.
    valueTime: (_height, value) => this.deps.app.executed(value)?.block.header.time,
  };

  private execute(a: Action): void {
    const { app, key, log } = this.deps;
    switch (a.kind) {
      case 'persist': {
        // Durable (committed, fsynced) before anything that follows is sent: the signer file
        // (anything newly signed), then the record and pending blocks in chain.db.
        const pending: PendingBlock[] = this.unsaved.map((e) => ({
          hash: e.hash,
          height: e.block.header.height,
          bytes: blockBytes(e),
        }));
        const record = this.withPolkaSignatures(a.record);
        this.deps.signer?.save(record);
        app.store.saveConsensus(a.record.height, JSON.stringify(record), pending);
        this.unsaved = [];
        return;
      }
      case 'broadcastProposal': {
        const executed = app.executed(a.proposal.value);
        if (!executed) {
          // The valid value of a resumed record whose block went with the database's unsynced
          // writes (the signer file keeps locks, not blocks) and that no peer has sent back yet
          // (status, onProposal): nothing is proposed this round; the others time out to the next
          // proposer. Stopping the node here turned a power loss into a halted validator (seed
          // 131983 before its block came back by status).
          log.warn(
            { height: a.proposal.height, round: a.proposal.round },
            'proposal skipped: the block of the valid value is not held',
          );
          return;
        }
        const proposal = signProposal(app.suite, key.secretKey, app.chainId, a.proposal);
        this.proposals.set(messageKey({ kind: 'proposal', proposal: a.proposal }), proposal);
        this.broadcast({ kind: 'proposal', proposal, block: blockBytes(executed) });
        return;
      }
      case 'broadcastVote': {
        // The guard hands back the stored vote for a position already signed: the same key.
        const vote =
          this.votes.get(voteKey(a.vote)) ?? signMachineVote(app.suite, key.secretKey, app.chainId, a.vote);
        this.votes.set(voteKey(a.vote), this.self, vote, this.state.validators.validators.length);
        this.broadcast({ kind: 'vote', vote });
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
    if (!executed) throw new NodeError('NODE_NOT_EXECUTED', 'decided block is not executed');
    const set = app.validators(a.height);
    const sigs = a.commit.map((v) => {
      let signature = this.votes.get(voteKey(v))?.signature;
      // Our own precommit from before a restart: the same vote signed again (same content).
      if (signature === undefined && v.validator === this.self) {
        signature = signMachineVote(app.suite, key.secretKey, app.chainId, v).signature;
      }
      if (signature === undefined)
        throw new NodeError('NODE_SIGNATURE_MISSING', 'precommit signature missing');
      return { validatorIndex: validatorIndex(set, fromHex(v.validator)), time: v.time ?? 0, signature };
    });
    try {
      this.finish(executed, makeCommit(a.height, a.round, executed.hash, sigs));
    } catch (e) {
      if ((e as { code?: string }).code === 'NODE_BAD_COMMIT') {
        // Never stored (Application.commit verifies first): a certificate this driver built that
        // does not verify is a bug in the driver, not a peer's fault.
        this.deps.log.error(
          { height: a.height, round: a.round, code: 'NODE_BAD_COMMIT', error: (e as Error).message },
          'BUG: the commit certificate built at decide does not verify; the block is not committed',
        );
      }
      throw e;
    }
  }

  /** Commits a decided block (by this machine or a verified certificate) and moves to the next height. */
  private finish(executed: Executed, commit: CommitCertificate): void {
    const { app, mempool } = this.deps;
    app.commit(executed, commit);
    // The bytes it came in or was proposed with, when there are any (never encoded just for this).
    this.lastEncoded =
      executed.encoded === undefined
        ? undefined
        : { height: executed.block.header.height, bytes: executed.encoded };
    this.lastCommitAt = this.deps.now();
    this.votes.clear();
    this.proposals.clear();
    this.unsaved = [];
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
    mempool.update(executed);
    this.deps.onCommit?.(executed, commit);
    this.awaitHeight(executed.block.header.height + 1);
    const early = this.future.drain();
    if (early.length > 0) {
      this.clock.setImmediate(() => {
        for (const m of early) this.onWire(m.msg, m.from);
      });
    }
  }

  /**
   * A peer's message: checked cheapest first, then fed to the machine (other heights are dropped).
   * Proposals: height, proposer(h, r) of the set, size, a block already refused, the signature,
   * the header's proposer and hash against the signed ones, the body against the header, and only
   * then execution (issue 9, fault 4). Invalid messages count against the peer.
   */
  private onWire(msg: WireMessage, from: string): void {
    if (this.stopped || this.scores.ignored(from)) return;
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
    if (msgHeight === height + 1) {
      // A faster peer already moved on; keep its messages until we get there (bounded in bytes: a
      // dropped message comes back by re-gossip).
      const bytes = msg.kind === 'proposal' ? msg.block.length + WIRE_ENTRY_BYTES : WIRE_ENTRY_BYTES;
      this.future.push(msg, from, bytes);
      return;
    }
    if (msgHeight !== height) return;
    try {
      if (msg.kind === 'vote') this.onVote(msg.vote, height, from);
      else this.onProposal(msg, height, from);
    } catch (e) {
      this.scores.penalize(from);
      log.warn({ height, code: (e as { code?: string }).code ?? 'NODE_BAD_MESSAGE' }, 'peer message refused');
    }
  }

  private onVote(v: SignedVote, height: number, from: string): void {
    const { app } = this.deps;
    const vote = machineVote(v);
    const key = voteKey(vote);
    if (this.votes.has(key)) {
      // The very same vote (time included), verified before. Nothing new, unless the machine
      // refused the first copy (a conflicting vote before its proposal, a round beyond the future
      // bound): a re-gossiped copy must still get in, or the node can miss a polka for good.
      if (!holds(this.state, { kind: 'vote', vote })) {
        this.wakeFor(height);
        this.enqueue({ kind: v.type, vote });
      }
      return;
    }
    const set = this.consensusSet(height);
    if (
      (v.type === 'prevote' && v.time !== 0) || // prevotes carry time 0 (`ledgerVote`), nothing else
      !set.validators.some((x) => x.id === vote.validator) ||
      // Precommits through the memo: the certificate made of them is not checked again.
      !verifyWireVote(v.type === 'precommit' ? app.precommits.suite : app.suite, app.chainId, v)
    ) {
      this.scores.penalize(from);
      return;
    }
    this.claim(vote.validator, height);
    // Over the validator's share: dropped, not counted (a counted vote must have its signature).
    if (!this.votes.set(key, vote.validator, v, set.validators.length)) return;
    this.wakeFor(height);
    this.enqueue({ kind: v.type, vote });
  }

  private onProposal(msg: Extract<WireMessage, { kind: 'proposal' }>, height: number, from: string): void {
    const { app } = this.deps;
    const p = msg.proposal;
    const proposal = proposalOf(p);
    const set = this.consensusSet(height);
    if (
      !Number.isSafeInteger(p.round) ||
      p.round < 0 ||
      p.validRound < -1 ||
      p.validRound >= p.round ||
      // TEST ONLY: `unsafe.machine.skipProposerCheck` takes any validator's proposal here too.
      (proposal.proposer !== proposer(set, height, p.round) &&
        this.opts.unsafe?.machine?.skipProposerCheck !== true) ||
      msg.block.length > this.opts.maxBlockBytes
    ) {
      this.scores.penalize(from);
      return;
    }
    // Far-future rounds wait: each proposal costs an execution, and the proposal comes back by
    // re-gossip once this node reaches its round (line 55 moves on votes alone).
    const round = this.state.height === height ? this.state.round : 0;
    if (p.round > round + MAX_PROPOSAL_ROUNDS_AHEAD) return;
    const key = messageKey({ kind: 'proposal', proposal });
    const known = this.proposals.get(key);
    // Known and executed: nothing new. Known WITHOUT its block (a resumed record whose block went
    // with the database's unsynced writes): the copy's block is checked and executed below.
    if (known !== undefined && app.executed(proposal.value) !== undefined) {
      // Verified and executed before; fed again only if the machine refused the first copy.
      if (!holds(this.state, { kind: 'proposal', proposal })) {
        this.wakeFor(height);
        this.enqueue({ kind: 'proposal', proposal: proposalOf(known) });
      }
      return;
    }
    if (this.failedBlocks.has(proposal.value)) return;
    if (!verifyProposal(app.suite, app.chainId, p)) {
      this.scores.penalize(from);
      return;
    }
    const block = decodeBlock(msg.block);
    if (
      !headerProposerFits(block.header.proposer, p, set) ||
      !equalBytes(headerHash(app.suite, block.header), p.blockHash)
    ) {
      // The signed proposal with another block attached: the sender's doing, not the proposer's.
      this.scores.penalize(from);
      return;
    }
    // A body not matching its header is the sender's too; not remembered against the block hash,
    // which the proposer's real block still carries.
    // PERF: the ids hashed once from the received bytes (not encoded again, here or in execution);
    // the signatures of those this node admitted to its mempool are not verified again.
    const ids = blockTxHashes(app.suite, msg.block);
    app.checkLinks(block, ids);
    let executed = app.executed(proposal.value);
    if (executed === undefined) {
      this.validations++;
      try {
        executed = app.validate(block, {
          verified: this.deps.mempool.admittedOf(ids.map(toHex)),
          txHashes: ids,
          bytes: msg.block,
        });
      } catch (e) {
        // The block the proposer signed is invalid: remembered, so a copy costs nothing.
        this.failedBlocks.add(proposal.value);
        throw e;
      }
      this.unsaved.push(executed);
    }
    this.proposals.set(key, p);
    this.wakeFor(height);
    this.enqueue({ kind: 'proposal', proposal });
  }

  /** The consensus view of the set of `height` (validator ids hex), cached per height. */
  private consensusSet(height: number): ValidatorSet {
    if (this.setCache?.height !== height) {
      const set = this.deps.app.validators(height);
      this.setCache = {
        height,
        set: makeValidatorSet(set.validators.map((v) => ({ id: toHex(v.publicKey), power: v.power }))),
      };
    }
    return this.setCache.set;
  }

  /**
   * After a restart: the signed messages of the record (the machine's `signed` list) back in the
   * caches, so the certificate and re-gossip find this node's own votes and its own proposal (with
   * its block, validated from the pending table). Signed again: the same content, which the signer
   * guard already allowed; the record keeps the precommit time, so the bytes signed are the same.
   */
  private restoreSigned(record: PersistRecord): void {
    const { app, key } = this.deps;
    const validators = app.validators(record.height).validators.length;
    for (const m of record.signed) {
      if (m.kind === 'vote') {
        const vote = signMachineVote(app.suite, key.secretKey, app.chainId, m.vote);
        this.votes.set(voteKey(m.vote), this.self, vote, validators);
      } else {
        const proposal = signProposal(app.suite, key.secretKey, app.chainId, m.proposal);
        this.proposals.set(messageKey(m), proposal);
      }
    }
  }

  /**
   * The record as stored: the polka's prevotes with their signatures (hex, in the same order), so
   * that after a restart they can be verified, counted and re-gossiped. A vote whose signature is
   * not cached is left out (every vote the machine counted was cached with it).
   */
  private withPolkaSignatures(record: PersistRecord): StoredRecord {
    const polka = record.polka ?? [];
    if (this.polkaMemo?.polka !== polka) {
      const votes: Vote[] = [];
      const signatures: string[] = [];
      for (const v of polka) {
        const signed = this.votes.get(voteKey(v));
        if (signed === undefined) continue;
        votes.push(v);
        signatures.push(toHex(signed.signature));
      }
      this.polkaMemo = { polka, votes, signatures };
    }
    return { ...record, polka: this.polkaMemo.votes, polkaSignatures: this.polkaMemo.signatures };
  }

  /**
   * After a restart: the stored polka's prevotes whose signatures verify (against the height's set)
   * back in the vote cache, so the certificate path and re-gossip find them; only those are handed
   * to the machine. The record is this node's own file, but a vote is never counted unverified.
   */
  private restorePolka(record: StoredRecord): Vote[] {
    const { app } = this.deps;
    const polka = record.polka ?? [];
    const signatures = record.polkaSignatures ?? [];
    const set = this.consensusSet(record.height);
    const out: Vote[] = [];
    polka.forEach((v, i) => {
      const sig = signatures[i];
      if (sig === undefined || v.type !== 'prevote' || v.height !== record.height) return;
      if (!set.validators.some((x) => x.id === v.validator)) return;
      let signed: SignedVote;
      try {
        signed = { ...ledgerVote(v), signature: fromHex(sig) };
      } catch {
        return;
      }
      if (!verifyWireVote(app.suite, app.chainId, signed)) return;
      if (this.votes.set(voteKey(v), v.validator, signed, set.validators.length)) out.push(v);
    });
    return out;
  }

  /** Sends to every peer; a send failure (a frame too large, a closed peer) is never fatal. */
  private broadcast(msg: WireMessage): void {
    try {
      this.deps.transport?.broadcast(msg);
    } catch (e) {
      this.deps.log.error(
        { kind: msg.kind, code: (e as { code?: string }).code ?? 'NODE_SEND_FAILED' },
        'broadcast failed',
      );
    }
  }

  private send(peer: string, msg: WireMessage): void {
    try {
      this.deps.transport?.send(peer, msg);
    } catch (e) {
      this.deps.log.warn(
        { kind: msg.kind, code: (e as { code?: string }).code ?? 'NODE_SEND_FAILED' },
        'send failed',
      );
    }
  }

  /** Our height (the next to decide) and the keys of the messages held for it. */
  private status(): WireMessage {
    const height = this.deps.app.height() + 1;
    // A proposal whose block this node lacks is not claimed: a peer holding it sends both.
    const has =
      this.state.height === height
        ? heldMessages(this.state)
            .filter((m) => m.kind !== 'proposal' || this.deps.app.executed(m.proposal.value) !== undefined)
            .map(messageKey)
        : [];
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
    if (height === this.lastTickHeight) this.broadcast(this.status());
    this.lastTickHeight = height;
    this.scores.decay();
  }

  /** A peer's status: blocks with certificates when it is behind, the messages it lacks when level. */
  private onStatus(st: Extract<WireMessage, { kind: 'status' }>, from: string): void {
    const { app, transport } = this.deps;
    if (!transport) return;
    // The peer's id is its authenticated key: a validator's status tells where it is.
    if (Number.isSafeInteger(st.height)) this.claim(from, st.height);
    const height = app.height() + 1;
    if (st.height < height) {
      // Rate-limited per peer: a status claiming a low height again and again gets one batch.
      if (!this.syncLimiter.allow(from, st.height, this.deps.now())) return;
      for (const m of blocksFrom(app, st.height, this.opts.syncBatch, this.lastEncoded)) this.send(from, m);
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
          this.send(from, { kind: 'proposal', proposal: signed, block: blockBytes(executed) });
        }
        continue;
      }
      const signature = this.votes.get(voteKey(m.vote))?.signature;
      if (signature === undefined) continue;
      this.send(from, { kind: 'vote', vote: { ...ledgerVote(m.vote), signature } });
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
    const { app, log } = this.deps;
    const height = app.height() + 1;
    if (msg.commit.height !== height) return;
    let executed: Executed;
    try {
      executed = verifyCertified(app, msg);
    } catch (e) {
      log.warn({ height, code: (e as { code?: string }).code ?? 'NODE_BAD_BLOCK' }, 'synced block refused');
      this.scores.penalize(from);
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
    if (wantsMore(height, msg, this.opts.syncBatch)) this.send(from, this.status());
  }

  /** Keeps both signed votes of an equivocation and hands them over once. */
  private reportEvidence(ev: Evidence): void {
    if (!this.deps.onEvidence) return;
    if (ev.kind === 'duplicateProposal') {
      const first = this.proposals.get(messageKey({ kind: 'proposal', proposal: ev.first }));
      const second = this.proposals.get(messageKey({ kind: 'proposal', proposal: ev.second }));
      if (first && second && first !== second) this.deps.onEvidence({ kind: 'proposal', first, second });
      return;
    }
    if (ev.kind !== 'duplicateVote') return;
    const first = this.votes.get(voteKey(ev.first));
    const second = this.votes.get(voteKey(ev.second));
    if (first && second) this.deps.onEvidence({ first, second });
  }

  /** A message for the height we are waiting to start: start now (the proposer has). */
  private wakeFor(height: number): void {
    if (this.waitingHeight === height) this.wake();
  }
}

/**
 * The block header's proposer against the signed proposal. A fresh block (vr = −1) is the signer's
 * own. A re-proposal (vr ≥ 0, lines 16 and 28) carries the valid value of an earlier round: the
 * block some earlier proposer built, so its header names that validator, not the signer; requiring
 * the signer there refused every re-proposal of another validator's block, and a validator locked
 * on it could never prevote again at that height (sim seeds 153, 223 and the amnesiac stall).
 */
function headerProposerFits(headerProposer: Uint8Array, p: SignedProposal, set: ValidatorSet): boolean {
  if (p.validRound === -1) return equalBytes(headerProposer, p.proposer);
  const id = toHex(headerProposer);
  return set.validators.some((v) => v.id === id);
}

/**
 * The consensus record as the driver stores it (chain.db and the signer file): the machine's record
 * and the signatures of its polka's prevotes, hex, in the polka's order.
 */
type StoredRecord = PersistRecord & { readonly polkaSignatures?: readonly string[] };

/** Room in a frame for the signed proposal and the message's encoding around the block. */
const PROPOSAL_MARGIN_BYTES = 64 * 1024;
/** The default block limit's distance below the frame limit (more than the margin required). */
const FRAME_BLOCK_MARGIN_BYTES = 256 * 1024;
/** Room in `maxBlockBytes` for the header and the block's encoding around its transactions. */
const BLOCK_HEADER_MARGIN_BYTES = 16 * 1024;
/** Proposals for rounds further ahead than this are not executed (yet). */
const MAX_PROPOSAL_ROUNDS_AHEAD = 4;
/** Bytes charged for a buffered message beyond its block (signatures, fields, bookkeeping). */
const WIRE_ENTRY_BYTES = 512;

/**
 * A vote's identity: with its time (precommits carry one). Two precommits differing only in time
 * are two signed messages; keyed without time, the signature of the second replaced the first's,
 * and the certificate paired one time with the other's signature (issue 9, fault 1).
 */
function voteKey(v: {
  type: string;
  height: number;
  round: number;
  validator: string;
  value: string | null;
  time?: number;
}) {
  return `${v.type}/${v.height}/${v.round}/${v.validator}/${v.value ?? 'nil'}/${v.time ?? '-'}`;
}
