/** Messages on the simulated network (the node's real wire format is the p2p package's business). */
import type { Evidence, Input, Proposal, Vote } from '@djchain/consensus';
import type { Block } from './app.ts';

export type Wire =
  | { readonly kind: 'proposal'; readonly proposal: Proposal; readonly block: Block }
  | { readonly kind: 'vote'; readonly vote: Vote }
  /** "I am at `height` and hold these messages" (keys from `messageKey`): peers send what is missing. */
  | { readonly kind: 'status'; readonly height: number; readonly has: readonly string[] }
  /** Catch-up for a node that fell behind: a decided block with its proposal and commit. */
  | {
      readonly kind: 'commit';
      readonly height: number;
      readonly proposal: Proposal;
      readonly block: Block;
      readonly commit: readonly Vote[];
    };

/** A decided block as a node keeps it on its (simulated) disk. */
export interface Decided {
  readonly height: number;
  readonly round: number;
  readonly value: string;
  readonly block: Block;
  readonly proposal: Proposal;
  readonly commit: readonly Vote[];
  readonly root: string;
  readonly time: number;
}

/** What a node needs from the simulation around it. */
export interface Host {
  now(): number;
  /** Number of nodes (twins included); node indices are 0..nodeCount−1. */
  readonly nodeCount: number;
  send(from: number, to: number, wire: Wire): void;
  setTimer(node: number, incarnation: number, delayMs: number, input: Input): void;
  onDecide(node: number, decided: Decided): void;
  onEvidence(node: number, evidence: Evidence): void;
  trace(line: string): void;
}

/** One line per message, for traces. */
export function describe(w: Wire): string {
  switch (w.kind) {
    case 'proposal':
      return `proposal h${w.proposal.height} r${w.proposal.round} ${w.proposal.value.slice(0, 8)} vr${w.proposal.validRound} by ${w.proposal.proposer}`;
    case 'vote':
      return `${w.vote.type} h${w.vote.height} r${w.vote.round} ${w.vote.value?.slice(0, 8) ?? 'nil'} by ${w.vote.validator}`;
    case 'status':
      return `status h${w.height} has${w.has.length}`;
    case 'commit':
      return `commit h${w.height} ${w.proposal.value.slice(0, 8)}`;
  }
}

/** One line per machine input (timeouts in traces). */
export function describeInput(i: Input): string {
  switch (i.kind) {
    case 'timeout':
      return `${i.step} h${i.height} r${i.round}`;
    case 'start':
      return `start h${i.height}`;
    case 'proposal':
      return `proposal h${i.proposal.height} r${i.proposal.round}`;
    default:
      return `${i.kind} h${i.vote.height} r${i.vote.round}`;
  }
}
