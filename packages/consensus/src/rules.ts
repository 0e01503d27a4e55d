/**
 * The upon-rules of Algorithm 1 (arXiv 1807.04938), each named by its line numbers. `evaluate`
 * applies rules until none fires: the paper's rules are atomic and may fire in any order, and
 * every rule that fires changes step, round, a "first time" flag or the decision, so it terminates.
 */
import { type Ctx, roundAt, roundNumbers } from './context.ts';
import { broadcastProposal, broadcastVote } from './signing.ts';
import { anyPower, senderPower, valuePower, votesFor } from './tally.ts';
import { timeoutMs } from './timeouts.ts';
import type { Step } from './types.ts';
import { isOneThird, isQuorum, proposer } from './validators.ts';

const STEP_ORDER: Record<Step, number> = { propose: 0, prevote: 1, precommit: 2 };

export function scheduleTimeout(ctx: Ctx, step: Step): void {
  const s = ctx.s;
  const durationMs = timeoutMs(s.config.timeouts, step, s.round);
  ctx.actions.push({ kind: 'scheduleTimeout', step, height: s.height, round: s.round, durationMs });
}

/**
 * Lines 11–21, StartRound(round). Deviation: the proposer also schedules OnTimeoutPropose. The
 * paper does not need it, but a proposer restarted from its record may lack the polka its own
 * proposal refers to (line 28), and the timeout is harmless once the step has moved on.
 */
export function startRound(ctx: Ctx, round: number): void {
  const s = ctx.s;
  s.round = round;
  s.step = 'propose';
  if (proposer(s.validators, s.height, round) === s.config.self) {
    broadcastProposal(ctx, s.validValue ?? ctx.env.getValue(s.height, round));
  }
  scheduleTimeout(ctx, 'propose');
}

/** valid(v) ∧ (lock condition), with the test-only switch that breaks it on purpose. */
function lockAllows(ctx: Ctx, lockOk: boolean): boolean {
  return lockOk || ctx.s.config.unsafe?.skipLockCheck === true;
}

/**
 * The common end of lines 22–27 and 28–33: prevote id(v) when valid(v) and the lock condition
 * hold, else nil; step ← prevote.
 */
function prevoteProposal(ctx: Ctx, value: string, lockOk: boolean): true {
  const s = ctx.s;
  broadcastVote(ctx, 'prevote', ctx.env.isValid(s.height, value) && lockAllows(ctx, lockOk) ? value : null);
  s.step = 'prevote';
  return true;
}

/** Lines 22–27: proposal with vr = −1 while step = propose. */
function line22(ctx: Ctx): boolean {
  const s = ctx.s;
  const p = roundAt(s, s.round).proposal;
  if (s.step !== 'propose' || p === null || p.validRound !== -1) return false;
  const lockOk = s.lockedRound === -1 || s.lockedValue === p.value;
  return prevoteProposal(ctx, p.value, lockOk);
}

/** Lines 28–33: proposal with 0 ≤ vr < round_p and 2f+1 prevotes for id(v) in vr, while step = propose. */
function line28(ctx: Ctx): boolean {
  const s = ctx.s;
  const p = roundAt(s, s.round).proposal;
  if (s.step !== 'propose' || p === null || p.validRound < 0 || p.validRound >= s.round) return false;
  if (!isQuorum(s.validators, valuePower(s, p.validRound, 'prevote', p.value))) return false;
  const lockOk = s.lockedRound <= p.validRound || s.lockedValue === p.value;
  return prevoteProposal(ctx, p.value, lockOk);
}

/** Lines 34–35: 2f+1 prevotes of any kind while step = prevote, for the first time. */
function line34(ctx: Ctx): boolean {
  const s = ctx.s;
  if (s.step !== 'prevote' || s.fired.line34 === s.round) return false;
  if (!isQuorum(s.validators, anyPower(s, roundAt(s, s.round).prevotes))) return false;
  s.fired = { ...s.fired, line34: s.round };
  scheduleTimeout(ctx, 'prevote');
  return true;
}

/**
 * Lines 36–43: proposal and 2f+1 prevotes for id(v) in round_p while valid(v) ∧ step ≥ prevote, for
 * the first time: lock and precommit if step = prevote; in both cases update validValue/validRound.
 */
function line36(ctx: Ctx): boolean {
  const s = ctx.s;
  const p = roundAt(s, s.round).proposal;
  if (p === null || STEP_ORDER[s.step] < STEP_ORDER.prevote || s.fired.line36 === s.round) return false;
  if (!isQuorum(s.validators, valuePower(s, s.round, 'prevote', p.value))) return false;
  if (!ctx.env.isValid(s.height, p.value)) return false;
  s.fired = { ...s.fired, line36: s.round };
  if (s.step === 'prevote') {
    s.lockedValue = p.value;
    s.lockedRound = s.round;
    broadcastVote(ctx, 'precommit', p.value);
    s.step = 'precommit';
  }
  s.validValue = p.value;
  s.validRound = s.round;
  return true;
}

/** Lines 44–46: 2f+1 nil prevotes while step = prevote. */
function line44(ctx: Ctx): boolean {
  const s = ctx.s;
  if (s.step !== 'prevote') return false;
  if (!isQuorum(s.validators, valuePower(s, s.round, 'prevote', null))) return false;
  broadcastVote(ctx, 'precommit', null);
  s.step = 'precommit';
  return true;
}

/** Lines 47–48: 2f+1 precommits of any kind in round_p, for the first time. */
function line47(ctx: Ctx): boolean {
  const s = ctx.s;
  if (s.fired.line47 === s.round) return false;
  if (!isQuorum(s.validators, anyPower(s, roundAt(s, s.round).precommits))) return false;
  s.fired = { ...s.fired, line47: s.round };
  scheduleTimeout(ctx, 'precommit');
  return true;
}

/** Lines 49–54: proposal of any round r and 2f+1 precommits for id(v) in r while undecided: decide if valid(v). */
function line49(ctx: Ctx): boolean {
  const s = ctx.s;
  if (s.decision !== null) return false;
  for (const r of roundNumbers(s)) {
    const rs = roundAt(s, r);
    const p = rs.proposal;
    if (p === null || !isQuorum(s.validators, valuePower(s, r, 'precommit', p.value))) continue;
    if (!ctx.env.isValid(s.height, p.value)) continue;
    const commit = votesFor(s, r, 'precommit', p.value);
    s.decision = { value: p.value, round: r };
    s.status = 'decided';
    ctx.actions.push({ kind: 'decide', height: s.height, round: r, value: p.value, proposal: p, commit });
    return true;
  }
  return false;
}

/** Lines 55–56: f+1 messages ⟨∗, h_p, round, ∗, ∗⟩ with round > round_p: StartRound(round) (the highest such). */
function line55(ctx: Ctx): boolean {
  const s = ctx.s;
  const higher = roundNumbers(s)
    .filter((r) => r > s.round)
    .reverse();
  for (const r of higher) {
    if (isOneThird(s.validators, senderPower(s, r))) {
      startRound(ctx, r);
      return true;
    }
  }
  return false;
}

const RULES = [line49, line55, line22, line28, line34, line36, line44, line47];
// Each firing moves step, round, a flag or the decision forward; this is a backstop, never reached.
const MAX_FIRINGS = 10_000;

/** Applies upon-rules until none fires. */
export function evaluate(ctx: Ctx): void {
  for (let i = 0; i < MAX_FIRINGS && ctx.s.status === 'running'; i++) {
    if (!RULES.some((rule) => rule(ctx))) return;
  }
}
