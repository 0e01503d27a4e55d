/**
 * The Tendermint state machine: `step(state, input, env) → { state, actions }`. Pure: no IO, no
 * clock (time comes from `env.now`), no randomness; the input state is never mutated.
 */
import type { Ctx, Draft } from './context.ts';
import { evaluate, startRound } from './rules.ts';
import { broadcastVote } from './signing.ts';
import { recordProposal, recordVote, votesFor } from './tally.ts';
import { defaultTimeoutConfig } from './timeouts.ts';
import type { Action, Env, Input, MachineConfig, PersistRecord, State, Vote } from './types.ts';
import { makeValidatorSet } from './validators.ts';

/** Defaults for `MachineConfig` apart from `self`. */
export const defaultMachineOptions = {
  timeouts: defaultTimeoutConfig,
  maxFutureRoundsPerValidator: 2,
} as const;

/** Where every height starts (lines 1–10): round 0 at propose, nothing locked, valid or decided. */
const heightStart = () =>
  ({
    round: 0,
    step: 'propose',
    lockedValue: null,
    lockedRound: -1,
    validValue: null,
    validRound: -1,
    rounds: {},
    fired: { line34: -1, line36: -1, line47: -1 },
    decision: null,
    evidenceKeys: [],
  }) as const satisfies Partial<State>;

/** A machine that has not started a height yet (status 'idle'). */
export function init(config: MachineConfig): State {
  return {
    config,
    status: 'idle',
    height: 0,
    ...heightStart(),
    validators: { validators: [], totalPower: 0 },
    prevBlockTime: 0,
    lastSigned: null,
    signed: [],
    persisted: null,
  };
}

/** The record a `persist` action carries for this state. */
export function persistRecord(s: State | Draft): PersistRecord {
  return {
    height: s.height,
    round: s.round,
    step: s.step,
    lockedValue: s.lockedValue,
    lockedRound: s.lockedRound,
    validValue: s.validValue,
    validRound: s.validRound,
    lastSigned: s.lastSigned,
    signed: s.signed,
    polka: polkaOf(s, s.persisted),
  };
}

/**
 * The prevotes behind `validValue`/`validRound` and `lockedValue`/`lockedRound` (each a 2f+1 when
 * set, lines 36–43), sorted by round then validator. Reused from `prev` while the locks are the
 * same: the polka of a round does not change once it formed, and this runs at every step.
 */
function polkaOf(s: State | Draft, prev: PersistRecord | null): readonly Vote[] {
  if (
    prev !== null &&
    prev.polka !== undefined &&
    prev.height === s.height &&
    prev.validRound === s.validRound &&
    prev.validValue === s.validValue &&
    prev.lockedRound === s.lockedRound &&
    prev.lockedValue === s.lockedValue
  )
    return prev.polka;
  const out: Vote[] = [];
  const same = s.lockedRound === s.validRound && s.lockedValue === s.validValue;
  if (s.lockedRound >= 0 && s.lockedValue !== null && !same)
    out.push(...votesFor(s, s.lockedRound, 'prevote', s.lockedValue));
  if (s.validRound >= 0 && s.validValue !== null)
    out.push(...votesFor(s, s.validRound, 'prevote', s.validValue));
  return out;
}

function sameRecord(a: PersistRecord | null, b: PersistRecord): boolean {
  return (
    a !== null &&
    a.height === b.height &&
    a.round === b.round &&
    a.step === b.step &&
    a.lockedValue === b.lockedValue &&
    a.lockedRound === b.lockedRound &&
    a.validValue === b.validValue &&
    a.validRound === b.validRound &&
    a.signed.length === b.signed.length && // append-only within a height
    a.lastSigned?.height === b.lastSigned?.height &&
    a.lastSigned?.round === b.lastSigned?.round &&
    a.lastSigned?.step === b.lastSigned?.step
  );
}

/** Lines 1–10 and 52–54 for a new height; with `resume`, the state the record describes. */
function onStart(ctx: Ctx, input: Extract<Input, { kind: 'start' }>): void {
  const s = ctx.s;
  const sameHeight = s.lastSigned?.height === input.height;
  Object.assign(s, {
    status: 'running',
    height: input.height,
    ...heightStart(),
    validators: makeValidatorSet(input.validators),
    prevBlockTime: input.prevBlockTime,
    signed: sameHeight ? s.signed : [],
  } satisfies Partial<Draft>);
  const r = input.resume;
  if (r === undefined || r.height !== input.height) {
    startRound(ctx, 0);
    return;
  }
  // Restart: locks and everything signed come back before anything can be signed again.
  Object.assign(s, {
    lockedValue: r.lockedValue,
    lockedRound: r.lockedRound,
    validValue: r.validValue,
    validRound: r.validRound,
    signed: r.signed.length >= s.signed.length ? r.signed : s.signed,
  } satisfies Partial<Draft>);
  if (r.lastSigned !== null && (s.lastSigned === null || s.lastSigned.height <= r.lastSigned.height)) {
    s.lastSigned = r.lastSigned;
  }
  // At the record's round before the replay: own messages of that round are not "future" ones,
  // which the per-validator bound would drop (a restart in round ≥ 3 lost its own votes, issue 9).
  s.round = r.round;
  for (const m of s.signed) {
    if (m.kind === 'proposal') recordProposal(ctx, m.proposal);
    else recordVote(ctx, m.vote);
  }
  // The polkas the locks rest on, counted again (and so re-gossiped): without them a lock on a
  // polka no peer saw could never be justified to anyone (sim seed 70, an amnesiac's victim).
  for (const v of r.polka ?? []) if (v.type === 'prevote' && v.round <= r.round) recordVote(ctx, v);
  startRound(ctx, r.round);
  if (r.step !== 'propose') {
    s.step = r.step;
    // Re-send this round's votes as signed (the guard returns the stored ones, same bytes).
    for (const m of s.signed) {
      if (m.kind === 'vote' && m.vote.round === r.round)
        ctx.actions.push({ kind: 'broadcastVote', vote: m.vote });
    }
  }
}

/** Lines 57–67: OnTimeoutPropose, OnTimeoutPrevote, OnTimeoutPrecommit. */
function onTimeout(ctx: Ctx, input: Extract<Input, { kind: 'timeout' }>): void {
  const s = ctx.s;
  if (s.status !== 'running' || input.height !== s.height || input.round !== s.round) return;
  if (input.step === 'propose' && s.step === 'propose') {
    // Lines 57–60.
    broadcastVote(ctx, 'prevote', null);
    s.step = 'prevote';
  } else if (input.step === 'prevote' && s.step === 'prevote') {
    // Lines 61–64.
    broadcastVote(ctx, 'precommit', null);
    s.step = 'precommit';
  } else if (input.step === 'precommit') {
    // Lines 65–67.
    startRound(ctx, s.round + 1);
  }
}

/**
 * One transition. Actions are in execution order; when the persisted record changed, a `persist`
 * action comes first and the driver must make it durable before executing the rest.
 */
export function step(state: State, input: Input, env: Env): { state: State; actions: Action[] } {
  const ctx: Ctx = { s: { ...state, rounds: { ...state.rounds } }, env, actions: [] };
  switch (input.kind) {
    case 'start':
      onStart(ctx, input);
      break;
    case 'proposal':
      recordProposal(ctx, input.proposal);
      break;
    case 'prevote':
    case 'precommit':
      if (input.vote.type === input.kind) recordVote(ctx, input.vote);
      break;
    case 'timeout':
      onTimeout(ctx, input);
      break;
  }
  if (ctx.s.status === 'running') evaluate(ctx);
  if (ctx.s.status !== 'idle') {
    const record = persistRecord(ctx.s);
    if (!sameRecord(ctx.s.persisted, record)) {
      ctx.s.persisted = record;
      ctx.actions.unshift({ kind: 'persist', record });
    }
  }
  return { state: ctx.s, actions: ctx.actions };
}
