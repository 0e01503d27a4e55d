/** Signing through the guard, then self-delivery and broadcast (the paper's `broadcast`). */
import type { Ctx } from './context.ts';
import { compareHRS, guardSign, hrsOf } from './signer-guard.ts';
import { recordProposal, recordVote } from './tally.ts';
import type { Signed, ValueId, VoteType } from './types.ts';
import { powerOf } from './validators.ts';

function isValidator(ctx: Ctx): boolean {
  return powerOf(ctx.s.validators, ctx.s.config.self) > 0;
}

/** Passes `attempt` through the guard; on success records it as signed and returns what goes out. */
function sign(ctx: Ctx, attempt: Signed): Signed | null {
  const s = ctx.s;
  const decision = guardSign(s.lastSigned, s.signed, attempt);
  if (!decision.ok) {
    ctx.actions.push({ kind: 'signRefused', attempted: attempt, reason: decision.reason });
    return null;
  }
  if (decision.fresh) {
    s.signed = [...s.signed, decision.message];
    const at = hrsOf(decision.message);
    if (s.lastSigned === null || compareHRS(at, s.lastSigned) > 0) s.lastSigned = at;
  }
  return decision.message;
}

/**
 * A precommit carries the voter's clock, kept above the previous block's time and above the time
 * of the block it commits: every correct precommit of height h is then later than block h, and so
 * is their median, block h+1's time (BFT time is monotonic).
 */
function precommitTime(ctx: Ctx, value: ValueId | null): number {
  const s = ctx.s;
  const blockTime = value === null ? undefined : ctx.env.valueTime?.(s.height, value);
  return Math.max(ctx.env.now(), s.prevBlockTime + 1, blockTime === undefined ? -Infinity : blockTime + 1);
}

/** broadcast ⟨PREVOTE|PRECOMMIT, h_p, round_p, value⟩: also delivered to ourselves at once. */
export function broadcastVote(ctx: Ctx, type: VoteType, value: ValueId | null): void {
  const s = ctx.s;
  if (!isValidator(ctx)) return;
  const base = { type, height: s.height, round: s.round, value, validator: s.config.self };
  const vote = type === 'precommit' ? { ...base, time: precommitTime(ctx, value) } : base;
  const out = sign(ctx, { kind: 'vote', vote });
  if (out === null || out.kind !== 'vote') return;
  recordVote(ctx, out.vote);
  ctx.actions.push({ kind: 'broadcastVote', vote: out.vote });
}

/** broadcast ⟨PROPOSAL, h_p, round_p, proposal, validRound_p⟩ (lines 14–19). */
export function broadcastProposal(ctx: Ctx, value: ValueId): void {
  const s = ctx.s;
  if (!isValidator(ctx)) return;
  const proposal = {
    height: s.height,
    round: s.round,
    value,
    validRound: s.validRound,
    proposer: s.config.self,
  };
  const out = sign(ctx, { kind: 'proposal', proposal });
  if (out === null || out.kind !== 'proposal') return;
  recordProposal(ctx, out.proposal);
  ctx.actions.push({ kind: 'broadcastProposal', proposal: out.proposal });
}
