/**
 * A simulated validator: the consensus driver around the pure state machine. It executes the
 * machine's actions (persist to its simulated disk before anything is sent, broadcast, timers,
 * decide → execute → start the next height), buffers messages of future heights (bounded), and
 * re-gossips: when its height did not move during a gossip interval it announces what it holds,
 * and peers answer with what it lacks, or with commits when it fell behind.
 */
import {
  type Action,
  type Env,
  heldMessages,
  type Input,
  init,
  isQuorum,
  type MachineConfig,
  makeValidatorSet,
  messageKey,
  type PersistRecord,
  powerOf,
  type State,
  step,
  type ValueId,
} from '@djchain/consensus';
import { type Application, type Block, blockId, GENESIS_ROOT } from './app.ts';
import {
  type Behaviour,
  dragTime,
  isAmnesiac,
  splitVote,
  twistProposal,
  twistValue,
  twistVote,
} from './byzantine.ts';
import type { Prng } from './prng.ts';
import type { Decided, Host, Wire } from './wire.ts';

const MAX_HEIGHTS_AHEAD = 3;
const MAX_BUFFERED_PER_HEIGHT = 600;
const MAX_COMMITS_PER_REPLY = 4;

export class SimNode {
  readonly index: number;
  readonly id: string;
  readonly behaviour: Behaviour;
  readonly rng: Prng;
  private readonly host: Host;
  private readonly app: Application;
  private readonly config: MachineConfig;
  private readonly clockSkewMs: number;

  crashed = false;
  incarnation = 0;
  pausedUntil = 0;
  machine: State;
  /** Simulated disk: survives crashes. */
  record: PersistRecord | null = null;
  chain: Decided[] = [];
  /**
   * Simulated disk: the blocks the persisted record refers to (locked, valid, own proposals), as a
   * real WAL keeps them, so a restarted proposer can re-send the block it must re-propose.
   */
  private diskBlocks = new Map<ValueId, Block>();
  /** Memory: lost on a crash. */
  private blocks = new Map<ValueId, Block>();
  private validity = new Map<ValueId, boolean>();
  private buffer = new Map<number, Wire[]>();
  private lastTickHeight = -1;
  /** amnesiacProposer only: the fresh value it proposed per `${height}/${round}`. */
  private readonly amnesiacValues = new Map<string, ValueId>();

  constructor(opts: {
    index: number;
    id: string;
    behaviour: Behaviour;
    rng: Prng;
    host: Host;
    app: Application;
    config: MachineConfig;
    clockSkewMs: number;
  }) {
    this.index = opts.index;
    this.id = opts.id;
    this.behaviour = opts.behaviour;
    this.rng = opts.rng;
    this.host = opts.host;
    this.app = opts.app;
    this.config = opts.config;
    this.clockSkewMs = opts.clockSkewMs;
    this.machine = init(this.config);
  }

  get height(): number {
    return this.machine.height;
  }

  private chainBlocks(): Block[] {
    return this.chain.map((d) => d.block);
  }

  private readonly env: Env = {
    isValid: (height, value) => {
      const known = this.validity.get(value);
      if (known !== undefined) return known;
      const block = this.blocks.get(value);
      if (block === undefined) return false; // the driver feeds proposals only with their block
      const ok = this.app.validate(height, block, this.chainBlocks());
      this.validity.set(value, ok);
      return ok;
    },
    getValue: (height, round) => {
      const lastCommit = this.chain[height - 2]?.commit ?? [];
      const honest = this.app.buildBlock(height, round, this.id, this.index, this.chainBlocks(), lastCommit);
      const block = twistValue(this.behaviour, honest);
      const id = blockId(block);
      this.blocks.set(id, block);
      return id;
    },
    now: () => this.host.now() + this.clockSkewMs,
    valueTime: (_height, value) => this.blocks.get(value)?.time,
  };

  /** Starts (or, after a crash, resumes) at the height after the last block on disk. */
  boot(): void {
    this.machine = init(this.config);
    const height = this.chain.length + 1;
    const prev = this.chain[this.chain.length - 1];
    const resume = this.record ?? undefined;
    if (resume !== undefined && resume.height === height) {
      this.host.trace(
        `n${this.index} resume h${height} r${resume.round} ${resume.step} signed ${resume.signed.length}`,
      );
    }
    this.feed({
      kind: 'start',
      height,
      validators: this.app.validatorsAt(height, this.chainBlocks()),
      prevBlockTime: prev?.time ?? 0,
      ...(resume ? { resume } : {}),
    });
    this.lastTickHeight = -1;
  }

  crash(): void {
    this.crashed = true;
    this.incarnation++;
    this.blocks = new Map(this.diskBlocks);
    this.validity = new Map();
    this.buffer = new Map();
  }

  restart(): void {
    this.crashed = false;
    this.boot();
    this.announce();
  }

  /** One machine step and its actions. */
  feed(input: Input): void {
    const r = step(this.machine, input, this.env);
    this.machine = r.state;
    this.execute(r.actions);
  }

  private broadcast(wire: Wire): void {
    if (this.behaviour === 'silent') return;
    for (let to = 0; to < this.host.nodeCount; to++)
      if (to !== this.index) this.host.send(this.index, to, wire);
  }

  private execute(actions: readonly Action[]): void {
    for (const a of actions) {
      switch (a.kind) {
        case 'persist':
          // WAL contract: durable before any later action runs (the simulated disk is synchronous).
          this.record = a.record;
          this.saveBlocks(a.record);
          break;
        case 'broadcastProposal': {
          let proposal = a.proposal;
          if (isAmnesiac(this.behaviour)) {
            const value = this.env.getValue(proposal.height, proposal.round);
            proposal = { ...proposal, value, validRound: -1 };
            this.amnesiacValues.set(`${proposal.height}/${proposal.round}`, value);
          }
          const block = this.blockOf(proposal.value);
          // An amnesiac proposer also withholds its proposal from one peer, splitting the round.
          const withheld = isAmnesiac(this.behaviour) ? this.rng.int(this.host.nodeCount) : -1;
          for (let to = 0; to < this.host.nodeCount; to++) {
            if (to === this.index || to === withheld || this.behaviour === 'silent') continue;
            const w = twistProposal(this, proposal, block);
            this.blocks.set(w.proposal.value, w.block);
            this.host.send(this.index, to, w);
          }
          break;
        }
        case 'broadcastVote': {
          // An amnesiac proposer also votes for the fresh block it proposed in that round.
          const fresh = this.amnesiacValues.get(`${a.vote.height}/${a.vote.round}`);
          const vote = dragTime(this.behaviour, fresh === undefined ? a.vote : { ...a.vote, value: fresh });
          const amnesiac = isAmnesiac(this.behaviour);
          const victim = amnesiac ? this.rng.int(this.host.nodeCount) : -1;
          for (let to = 0; to < this.host.nodeCount; to++) {
            if (to === this.index || this.behaviour === 'silent') continue;
            const out = amnesiac
              ? splitVote(vote, fresh !== undefined, to, victim)
              : twistVote(this, vote, this.blocks.keys());
            this.host.send(this.index, to, { kind: 'vote', vote: out });
          }
          break;
        }
        case 'scheduleTimeout':
          this.host.setTimer(this.index, this.incarnation, a.durationMs, {
            kind: 'timeout',
            step: a.step,
            height: a.height,
            round: a.round,
          });
          break;
        case 'decide':
          this.commitBlock(a);
          break;
        case 'evidence':
          this.host.onEvidence(this.index, a.evidence);
          break;
        case 'signRefused':
          this.host.trace(`n${this.index} signRefused ${a.reason}`);
          break;
      }
    }
  }

  private blockOf(value: ValueId): Block {
    const block = this.blocks.get(value);
    // The driver hands the machine a value only together with its block: a gap is a simulator bug.
    if (block === undefined) throw new Error(`SIM_MISSING_BLOCK: n${this.index} has no block ${value}`);
    return block;
  }

  /** Keeps on disk the blocks `record` refers to; those of older heights are dropped. */
  private saveBlocks(record: PersistRecord): void {
    const keep = new Map<ValueId, Block>();
    const values = [record.lockedValue, record.validValue];
    for (const m of record.signed) if (m.kind === 'proposal') values.push(m.proposal.value);
    for (const v of values) {
      const block = v === null ? undefined : (this.blocks.get(v) ?? this.diskBlocks.get(v));
      if (v !== null && block !== undefined) keep.set(v, block);
    }
    this.diskBlocks = keep;
  }

  private commitBlock(a: Extract<Action, { kind: 'decide' }>): void {
    const block = this.blockOf(a.value);
    const prev = this.chain[this.chain.length - 1];
    const decided: Decided = {
      height: a.height,
      round: a.round,
      value: a.value,
      block,
      proposal: a.proposal,
      commit: a.commit,
      root: this.app.execute(prev?.root ?? GENESIS_ROOT, block),
      time: block.time,
    };
    this.chain.push(decided);
    this.host.onDecide(this.index, decided);
    const next = a.height + 1;
    this.validity = new Map();
    this.feed({
      kind: 'start',
      height: next,
      validators: this.app.validatorsAt(next, this.chainBlocks()),
      prevBlockTime: decided.time,
    });
    const buffered = this.buffer.get(next) ?? [];
    this.buffer.delete(next);
    for (const w of buffered) this.receive(this.index, w);
  }

  /** A message from the network (already authenticated: a sender can only sign as itself). */
  receive(from: number, w: Wire): void {
    if (this.crashed) return;
    switch (w.kind) {
      case 'proposal':
        if (blockId(w.block) === w.proposal.value) this.atHeight(w.proposal.height, w);
        return;
      case 'vote':
        this.atHeight(w.vote.height, w);
        return;
      case 'commit':
        if (blockId(w.block) === w.proposal.value) this.atHeight(w.height, w);
        return;
      case 'status':
        this.onStatus(from, w);
        return;
    }
  }

  private atHeight(height: number, w: Wire): void {
    const h = this.machine.height;
    if (height < h) return;
    if (height > h) {
      if (height > h + MAX_HEIGHTS_AHEAD) return;
      const list = this.buffer.get(height) ?? [];
      if (list.length < MAX_BUFFERED_PER_HEIGHT) list.push(w);
      this.buffer.set(height, list);
      return;
    }
    if (w.kind === 'proposal') {
      this.blocks.set(w.proposal.value, w.block);
      this.feed({ kind: 'proposal', proposal: w.proposal });
    } else if (w.kind === 'vote') {
      this.feed(
        w.vote.type === 'prevote' ? { kind: 'prevote', vote: w.vote } : { kind: 'precommit', vote: w.vote },
      );
    } else if (w.kind === 'commit') {
      this.applyCommit(w);
    }
  }

  /**
   * Block sync: a verified commit certificate (more than 2/3 of the height's power precommitting the
   * block in one round) decides the height directly, as a real node's block sync does. Feeding it
   * through the machine is not enough: a certificate may hold a Byzantine voter's precommit that
   * conflicts with the one this node saw first, and the machine counts only the first.
   */
  private applyCommit(w: Extract<Wire, { kind: 'commit' }>): void {
    const h = this.machine.height;
    const first = w.commit[0];
    if (first === undefined || this.machine.status !== 'running') return;
    const set = makeValidatorSet(this.app.validatorsAt(h, this.chainBlocks()));
    const seen = new Set<string>();
    let power = 0;
    for (const v of w.commit) {
      if (v.type !== 'precommit' || v.height !== h || v.round !== first.round) return;
      if (v.value !== w.proposal.value || seen.has(v.validator)) return;
      seen.add(v.validator);
      power += powerOf(set, v.validator);
    }
    if (!isQuorum(set, power) || !this.app.validate(h, w.block, this.chainBlocks())) return;
    this.blocks.set(w.proposal.value, w.block);
    this.host.trace(`n${this.index} sync h${h} ${w.proposal.value.slice(0, 12)}`);
    this.commitBlock({
      kind: 'decide',
      height: h,
      round: first.round,
      value: w.proposal.value,
      proposal: w.proposal,
      commit: w.commit,
    });
  }

  /** A peer's status: send what it lacks at its height, or commits if it is behind. */
  private onStatus(from: number, st: Extract<Wire, { kind: 'status' }>): void {
    if (this.behaviour === 'silent') return;
    const h = this.machine.height;
    if (st.height < h) {
      const last = Math.min(h - 1, st.height + MAX_COMMITS_PER_REPLY - 1);
      for (let k = st.height; k <= last; k++) {
        const d = this.chain[k - 1];
        if (d === undefined) continue;
        this.host.send(this.index, from, {
          kind: 'commit',
          height: d.height,
          proposal: d.proposal,
          block: d.block,
          commit: d.commit,
        });
      }
    } else if (st.height === h) {
      const has = new Set(st.has);
      for (const m of heldMessages(this.machine)) {
        if (has.has(messageKey(m))) continue;
        if (m.kind === 'vote') this.host.send(this.index, from, { kind: 'vote', vote: m.vote });
        else {
          const block = this.blocks.get(m.proposal.value);
          if (block) this.host.send(this.index, from, { kind: 'proposal', proposal: m.proposal, block });
        }
      }
    }
  }

  /** Announces height and held messages to every peer. */
  announce(): void {
    const has = heldMessages(this.machine).map(messageKey);
    this.broadcast({ kind: 'status', height: this.machine.height, has });
  }

  /** Gossip tick: re-gossip only when the height did not move since the last tick. */
  tick(): void {
    if (this.crashed) return;
    if (this.machine.height === this.lastTickHeight) this.announce();
    this.lastTickHeight = this.machine.height;
  }
}
