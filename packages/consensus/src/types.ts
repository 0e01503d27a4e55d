/**
 * Types of the Tendermint state machine ("The latest gossip on BFT consensus", Buchman, Kwon,
 * Milosevic, arXiv 1807.04938, Algorithm 1). The machine is generic: a value is an opaque id
 * (for the node, a block hash in hex) and a validator is an opaque id (for the node, its public key
 * in hex). Signatures are the driver's business: it verifies them before a message becomes an
 * `Input`, and signs what a `broadcast*` action carries.
 */
import type { TimeoutConfig } from './timeouts.ts';

/** Opaque identifier of a proposed value, `id(v)` in the paper (a block hash in hex for the node). */
export type ValueId = string;

/** One validator and its voting power (a positive integer). */
export interface Validator {
  readonly id: string;
  readonly power: number;
}

/** A validator set, sorted by id, with its total power (see `makeValidatorSet`). */
export interface ValidatorSet {
  readonly validators: readonly Validator[];
  readonly totalPower: number;
}

export type VoteType = 'prevote' | 'precommit';

/** The paper's step_p. */
export type Step = 'propose' | 'prevote' | 'precommit';

/** ⟨PREVOTE|PRECOMMIT, h, r, id(v)|nil⟩ from `validator`. */
export interface Vote {
  readonly type: VoteType;
  readonly height: number;
  readonly round: number;
  /** null is the paper's nil. */
  readonly value: ValueId | null;
  readonly validator: string;
  /** Voter's clock in ms on precommits: BFT time is their weighted median (see `bftTime`). */
  readonly time?: number;
}

/** ⟨PROPOSAL, h, r, v, vr⟩ from `proposer`; `validRound` is vr (−1 when none). */
export interface Proposal {
  readonly height: number;
  readonly round: number;
  readonly value: ValueId;
  readonly validRound: number;
  readonly proposer: string;
}

/** A validator signed two different messages for one (height, round, type): proof of misbehaviour. */
export type Evidence =
  | { readonly kind: 'duplicateVote'; readonly first: Vote; readonly second: Vote }
  | { readonly kind: 'duplicateProposal'; readonly first: Proposal; readonly second: Proposal };

/** A message this validator signed at the current height (kept by the signer guard). */
export type Signed =
  | { readonly kind: 'proposal'; readonly proposal: Proposal }
  | { readonly kind: 'vote'; readonly vote: Vote };

/** Position of a signature: messages are only ever signed at increasing (height, round, step). */
export interface HRS {
  readonly height: number;
  readonly round: number;
  /** 0 = proposal, 1 = prevote, 2 = precommit. */
  readonly step: 0 | 1 | 2;
}

/**
 * What the driver must make durable (WAL / last-signed record) before sending anything that
 * follows a `persist` action. Restarting with it (`start` with `resume`) reproduces the locks and
 * the signer guard, so a restarted validator can neither forget a lock (amnesia) nor sign a vote
 * that conflicts with one it sent before the crash.
 */
export interface PersistRecord {
  readonly height: number;
  readonly round: number;
  readonly step: Step;
  readonly lockedValue: ValueId | null;
  readonly lockedRound: number;
  readonly validValue: ValueId | null;
  readonly validRound: number;
  readonly lastSigned: HRS | null;
  /** Everything signed at `height`, in signing order. */
  readonly signed: readonly Signed[];
  /**
   * The prevotes the locks rest on: the 2f+1 for `validValue` in `validRound` and for
   * `lockedValue` in `lockedRound`, as counted (others' votes included). A restarted validator
   * counts them again and re-gossips them: a polka only it had seen (an amnesiac's vote sent to it
   * alone) is what can convince the others of its re-proposal (line 28), as CometBFT's WAL keeps
   * the received votes. Absent in records written before it existed.
   */
  readonly polka?: readonly Vote[];
}

/** Inputs: a verified message, a fired timeout, or the start of a height. */
export type Input =
  | { readonly kind: 'proposal'; readonly proposal: Proposal }
  | { readonly kind: 'prevote'; readonly vote: Vote }
  | { readonly kind: 'precommit'; readonly vote: Vote }
  | { readonly kind: 'timeout'; readonly step: Step; readonly height: number; readonly round: number }
  | {
      readonly kind: 'start';
      readonly height: number;
      /** The set for this height, read from state (changes take effect at h+2; the driver knows it). */
      readonly validators: readonly Validator[];
      /** BFT time of the previous block; own precommit times are kept strictly above it. */
      readonly prevBlockTime: number;
      /** The last persisted record, after a restart. Used only when its height equals `height`. */
      readonly resume?: PersistRecord;
    };

/**
 * Outputs, to be executed by the driver in order. WAL contract: a `persist` action must be
 * durable (written and fsynced) before the driver executes any action after it; the machine puts it
 * first in a step's actions whenever the record changed.
 */
export type Action =
  | { readonly kind: 'persist'; readonly record: PersistRecord }
  | { readonly kind: 'broadcastProposal'; readonly proposal: Proposal }
  | { readonly kind: 'broadcastVote'; readonly vote: Vote }
  | {
      readonly kind: 'scheduleTimeout';
      readonly step: Step;
      readonly height: number;
      readonly round: number;
      readonly durationMs: number;
    }
  | {
      readonly kind: 'decide';
      readonly height: number;
      readonly round: number;
      readonly value: ValueId;
      readonly proposal: Proposal;
      /** The precommits for `value` in `round` (more than 2/3 of power), sorted by validator. */
      readonly commit: readonly Vote[];
    }
  | { readonly kind: 'evidence'; readonly evidence: Evidence }
  /** The signer guard refused to sign: diagnostic only (a restarted validator met its past self). */
  | { readonly kind: 'signRefused'; readonly attempted: Signed; readonly reason: string };

/** What the application answers, injected per step (no IO in the machine). */
export interface Env {
  /** valid(v) of the paper: is this value acceptable at this height? */
  isValid(height: number, value: ValueId): boolean;
  /** getValue() of the paper: a new value to propose (called only when this node proposes). */
  getValue(height: number, round: number): ValueId;
  /** The driver's clock in ms, stamped on own precommits. */
  now(): number;
  /**
   * BFT time the value carries (its block header's time), if known. A precommit for the value is
   * stamped strictly later, so the next block's time (the median of these precommits) is later
   * than this block's whatever the voters' clock skew (CometBFT's vote-time rule).
   */
  valueTime?(height: number, value: ValueId): number | undefined;
}

/** Static configuration of one validator's machine. */
export interface MachineConfig {
  /** This validator's id (in the set or not: a non-validator follows but never signs). */
  readonly self: string;
  readonly timeouts: TimeoutConfig;
  /** A validator's messages may occupy at most this many rounds above ours (bounds memory). */
  readonly maxFutureRoundsPerValidator: number;
  /**
   * TEST ONLY: deliberately broken variants, used by the simulator to show it catches safety bugs.
   * `skipLockCheck` drops the lock condition of lines 23 and 29; `skipProposerCheck` records a
   * proposal from any validator, not only from proposer(h, r); `countTimeOnlyTwice` counts a
   * validator's second precommit that differs only in time as a second vote for the value;
   * `ignoreTimeOnlyEquivocation` reports no evidence for a vote that differs only in time.
   */
  readonly unsafe?: {
    readonly skipLockCheck?: boolean;
    readonly skipProposerCheck?: boolean;
    readonly countTimeOnlyTwice?: boolean;
    readonly ignoreTimeOnlyEquivocation?: boolean;
  };
}

/**
 * Votes and proposal of one round. `prevotes` and `precommits` hold each validator's first vote per
 * type: those count for the "of any kind" thresholds (lines 34, 47, 55). A conflicting later vote is
 * evidence; it is also kept in `conflicts` when it is nil or the value of a held proposal, and
 * counts towards a quorum for its own value only (see `valuePower`).
 */
export interface RoundMessages {
  readonly proposal: Proposal | null;
  readonly prevotes: Readonly<Record<string, Vote>>;
  readonly precommits: Readonly<Record<string, Vote>>;
  readonly conflicts: readonly Vote[];
}

/** The machine's whole state: plain data, never mutated by `step` (a new object is returned). */
export interface State {
  readonly config: MachineConfig;
  /** 'idle' until the first start; 'decided' from a decision until the next start. */
  readonly status: 'idle' | 'running' | 'decided';
  readonly height: number;
  readonly round: number;
  readonly step: Step;
  readonly validators: ValidatorSet;
  readonly prevBlockTime: number;
  readonly lockedValue: ValueId | null;
  readonly lockedRound: number;
  readonly validValue: ValueId | null;
  readonly validRound: number;
  readonly rounds: Readonly<Record<number, RoundMessages>>;
  /** Rounds in which the "for the first time" rules (lines 34, 36, 47) already fired. */
  readonly fired: { readonly line34: number; readonly line36: number; readonly line47: number };
  readonly decision: { readonly value: ValueId; readonly round: number } | null;
  readonly lastSigned: HRS | null;
  readonly signed: readonly Signed[];
  /** Keys of evidence already reported at this height, so re-gossip does not repeat it. */
  readonly evidenceKeys: readonly string[];
  /** The record last handed to the driver in a `persist` action. */
  readonly persisted: PersistRecord | null;
}
