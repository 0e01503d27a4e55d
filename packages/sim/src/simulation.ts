/**
 * One seeded world: the scheduler (a single event queue in simulated time), the simulated network
 * (drop, delay, duplicate, reorder, partitions), node crashes, restarts and pauses, and the
 * invariant checker run after every event. Nothing here reads the real clock or real randomness:
 * the same scenario always produces the same sequence of events, and so the same trace hash.
 */
import { createHash, type Hash } from 'node:crypto';
import {
  defaultMachineOptions,
  type Evidence,
  type Input,
  type MachineConfig,
  makeValidatorSet,
} from '@djchain/consensus';
import { TrivialApp } from './app.ts';
import { Checker, type Violation } from './invariants.ts';
import { SimNode } from './node.ts';
import { Prng } from './prng.ts';
import { EventQueue } from './queue.ts';
import type { Fault, Scenario } from './scenario.ts';
import { type Decided, describe, describeInput, type Host, type Wire } from './wire.ts';

type SimEvent =
  | { readonly kind: 'boot'; readonly node: number }
  | { readonly kind: 'deliver'; readonly from: number; readonly to: number; readonly wire: Wire }
  | { readonly kind: 'timer'; readonly node: number; readonly incarnation: number; readonly input: Input }
  | { readonly kind: 'tick'; readonly node: number }
  | { readonly kind: 'fault'; readonly fault: Fault; readonly phase: 'begin' | 'end' };

export interface SimulationOptions {
  /** Test-only broken machine variants (see `MachineConfig.unsafe`). */
  readonly unsafe?: MachineConfig['unsafe'];
  /** After every fault has healed, the lowest correct height must advance within this much simulated time. */
  readonly livenessBoundMs: number;
  /** Backstop on the number of events of one run. */
  readonly maxEvents: number;
  /** Called with every trace line (the trace hash covers them whether or not this is set). */
  readonly trace?: (line: string) => void;
}

export const defaultSimulationOptions: SimulationOptions = {
  livenessBoundMs: 120_000,
  maxEvents: 2_000_000,
};

export interface SimulationResult {
  readonly seed: number;
  readonly ok: boolean;
  readonly violation: Violation | null;
  /** sha256 over every trace line: equal hashes mean identical runs. */
  readonly traceHash: string;
  readonly events: number;
  readonly simTimeMs: number;
  /** Lowest chain height among correct nodes at the end. */
  readonly minCorrectHeight: number;
  /** Highest round in which any correct node decided. */
  readonly maxDecisionRound: number;
  /** Longest wait (simulated ms) for the lowest correct height to advance after all faults healed. */
  readonly maxStallAfterHealMs: number;
  /** Validator ids with equivocation evidence against them, sorted. */
  readonly evidenceAgainst: readonly string[];
  /** Every decision of a correct node (node index, height, simulated time), in order. */
  readonly decisionTimes: readonly {
    readonly node: number;
    readonly height: number;
    readonly atMs: number;
  }[];
}

export class Simulation implements Host {
  readonly scenario: Scenario;
  private readonly opts: SimulationOptions;
  private readonly queue = new EventQueue<SimEvent>();
  private readonly netRng: Prng;
  readonly nodes: SimNode[];
  private readonly checker: Checker;
  private readonly correctNodes: number[];
  private readonly hash: Hash = createHash('sha256');
  private readonly partitions = new Map<Fault, readonly number[]>();
  private readonly healAt: number;
  private time = 0;
  private events = 0;
  private minHeight = 0;
  private lastProgressMs: number;
  private maxStall = 0;
  private maxDecisionRound = 0;
  private readonly evidence = new Set<string>();
  private readonly decisions: { node: number; height: number; atMs: number }[] = [];

  constructor(scenario: Scenario, opts: Partial<SimulationOptions> = {}) {
    this.scenario = scenario;
    this.opts = { ...defaultSimulationOptions, ...opts };
    const rng = new Prng(scenario.seed ^ 0x5eed5eed);
    this.netRng = rng.fork();
    const genesis = scenario.validators.map((v) => ({ id: v.id, power: v.power }));
    makeValidatorSet(genesis); // fails early on a malformed scenario
    const byzantine = new Set(scenario.validators.filter((v) => v.behaviour !== 'correct').map((v) => v.id));
    const app = new TrivialApp(genesis, byzantine);
    const correct = new Set(scenario.validators.filter((v) => v.behaviour === 'correct').map((v) => v.id));
    this.checker = new Checker({
      correct,
      maxSkewMs: Math.max(0, ...scenario.clockSkewMs),
    });
    this.nodes = scenario.nodeValidator.map((vi, index) => {
      const v = scenario.validators[vi]!;
      const config: MachineConfig = {
        ...defaultMachineOptions,
        self: v.id,
        ...(this.opts.unsafe ? { unsafe: this.opts.unsafe } : {}),
      };
      return new SimNode({
        index,
        id: v.id,
        behaviour: v.behaviour,
        rng: rng.fork(),
        host: this,
        app,
        config,
        clockSkewMs: scenario.clockSkewMs[index] ?? 0,
      });
    });
    this.correctNodes = this.nodes.filter((n) => n.behaviour === 'correct').map((n) => n.index);
    let healAt = scenario.faultEnd;
    for (const f of scenario.faults) healAt = Math.max(healAt, faultEnd(f));
    this.healAt = healAt;
    this.lastProgressMs = healAt;
    for (const n of this.nodes) {
      this.queue.push(0, { kind: 'boot', node: n.index });
      this.queue.push(1 + rng.int(this.scenario.gossipIntervalMs), { kind: 'tick', node: n.index });
    }
    for (const f of scenario.faults) {
      this.queue.push(f.at, { kind: 'fault', fault: f, phase: 'begin' });
      this.queue.push(faultEnd(f), { kind: 'fault', fault: f, phase: 'end' });
    }
  }

  // ── Host ───────────────────────────────────────────────────────────────────────────────────

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

  send(from: number, to: number, wire: Wire): void {
    this.checkSignatures(from, wire);
    const lossy = this.time < this.scenario.faultEnd;
    if (lossy && this.netRng.chance(this.scenario.dropP)) return;
    if (this.separated(from, to)) return;
    const copies = lossy && this.netRng.chance(this.scenario.duplicateP) ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      // Independent random delays per message: reordering comes from them.
      let delay = 2 + this.netRng.int(30);
      if (lossy && this.scenario.extraDelayMs > 0) delay += this.netRng.int(this.scenario.extraDelayMs + 1);
      this.queue.push(this.time + delay, { kind: 'deliver', from, to, wire });
    }
  }

  setTimer(node: number, incarnation: number, delayMs: number, input: Input): void {
    this.queue.push(this.time + delayMs, { kind: 'timer', node, incarnation, input });
  }

  onDecide(node: number, d: Decided): void {
    this.trace(
      `n${node} decide h${d.height} r${d.round} ${d.value.slice(0, 12)} root ${d.root.slice(0, 12)}`,
    );
    if (!this.correctNodes.includes(node)) return;
    const chain = this.nodes[node]!.chain;
    this.checker.onDecide(node, d, chain[chain.length - 2], this.time);
    this.decisions.push({ node, height: d.height, atMs: this.time });
    this.maxDecisionRound = Math.max(this.maxDecisionRound, d.round);
  }

  onEvidence(node: number, evidence: Evidence): void {
    const against = evidence.kind === 'duplicateVote' ? evidence.first.validator : evidence.first.proposer;
    this.trace(`n${node} evidence ${evidence.kind} against ${against}`);
    this.evidence.add(against);
    if (this.correctNodes.includes(node)) this.checker.onEvidence(against, this.time);
  }

  // ── Network ────────────────────────────────────────────────────────────────────────────────

  /** Records own signatures and checks that relayed ones are genuine. */
  private checkSignatures(from: number, wire: Wire): void {
    const self = this.nodes[from]!.id;
    const see = (signer: string, m: Parameters<Checker['onSigned']>[1]) => {
      if (signer === self) this.checker.onSigned(signer, m, this.time);
      else this.checker.onRelayed(signer, m, this.time);
    };
    if (wire.kind === 'vote') see(wire.vote.validator, wire.vote);
    else if (wire.kind === 'proposal') see(wire.proposal.proposer, wire.proposal);
    else if (wire.kind === 'commit') {
      see(wire.proposal.proposer, wire.proposal);
      for (const v of wire.commit) see(v.validator, v);
    }
  }

  private separated(a: number, b: number): boolean {
    for (const groups of this.partitions.values()) if (groups[a] !== groups[b]) return true;
    return false;
  }

  // ── Scheduler ──────────────────────────────────────────────────────────────────────────────

  /** Runs until every correct node reached the target height, an invariant broke, or a limit hit. */
  run(): SimulationResult {
    const target = this.scenario.targetHeight;
    while (this.checker.violation === null) {
      if (this.minHeight >= target) break;
      const next = this.queue.pop();
      if (next === undefined) break;
      this.time = Math.max(this.time, next.time);
      this.checkLiveness();
      if (this.checker.violation !== null) break;
      if (++this.events > this.opts.maxEvents) {
        this.checker.violation = {
          code: 'EVENT_LIMIT',
          message: `more than ${this.opts.maxEvents} events`,
          atMs: this.time,
        };
        break;
      }
      this.dispatch(next.item);
      this.updateProgress();
    }
    return {
      seed: this.scenario.seed,
      ok: this.checker.violation === null,
      violation: this.checker.violation,
      traceHash: this.hash.digest('hex'),
      events: this.events,
      simTimeMs: this.time,
      minCorrectHeight: this.minHeight,
      maxDecisionRound: this.maxDecisionRound,
      maxStallAfterHealMs: this.maxStall,
      evidenceAgainst: [...this.evidence].sort(),
      decisionTimes: this.decisions,
    };
  }

  private dispatch(e: SimEvent): void {
    const node = 'node' in e ? this.nodes[e.node]! : 'to' in e ? this.nodes[e.to]! : null;
    if (node !== null && node.pausedUntil > this.time) {
      // A paused process (GC pause, swapped out) handles its events late, in their original order.
      this.queue.push(node.pausedUntil, e);
      return;
    }
    switch (e.kind) {
      case 'boot':
        this.trace(`n${e.node} boot`);
        node!.boot();
        return;
      case 'deliver':
        if (node!.crashed) return;
        this.trace(`n${e.from}→n${e.to} ${describe(e.wire)}`);
        node!.receive(e.from, e.wire);
        return;
      case 'timer':
        if (node!.crashed || node!.incarnation !== e.incarnation) return;
        this.trace(`n${e.node} timeout ${describeInput(e.input)}`);
        node!.feed(e.input);
        return;
      case 'tick':
        this.queue.push(this.time + this.scenario.gossipIntervalMs, e);
        if (node!.crashed) return;
        this.trace(`n${e.node} tick h${node!.height}`);
        node!.tick();
        return;
      case 'fault':
        this.applyFault(e.fault, e.phase);
        return;
    }
  }

  private applyFault(f: Fault, phase: 'begin' | 'end'): void {
    this.trace(`fault ${f.kind} ${phase}${'node' in f ? ` n${f.node}` : ''}`);
    switch (f.kind) {
      case 'partition':
        if (phase === 'begin') this.partitions.set(f, f.groups);
        else this.partitions.delete(f);
        return;
      case 'crash':
        if (phase === 'begin') this.nodes[f.node]!.crash();
        else this.nodes[f.node]!.restart();
        return;
      case 'pause':
        if (phase === 'begin') this.nodes[f.node]!.pausedUntil = f.until;
        return;
    }
  }

  private updateProgress(): void {
    let min = Number.POSITIVE_INFINITY;
    for (const i of this.correctNodes) min = Math.min(min, this.nodes[i]!.chain.length);
    if (min > this.minHeight) {
      this.minHeight = min;
      if (this.time > this.healAt) this.maxStall = Math.max(this.maxStall, this.time - this.lastProgressMs);
      this.lastProgressMs = Math.max(this.time, this.healAt);
    }
  }

  private checkLiveness(): void {
    if (this.time <= this.healAt) return;
    const stalled = this.time - this.lastProgressMs;
    if (stalled > this.opts.livenessBoundMs) {
      this.checker.violation = {
        code: 'LIVENESS',
        message: `no correct node advanced past height ${this.minHeight} for ${stalled} ms after all faults healed at ${this.healAt} ms`,
        atMs: this.time,
      };
    }
  }
}

function faultEnd(f: Fault): number {
  return f.kind === 'crash' ? f.restartAt : f.until;
}
