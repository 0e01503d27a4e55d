/**
 * Recording messages of the current height and counting them by voting power. Only the first vote
 * per (validator, height, round, type) counts; a different second one becomes evidence.
 */
import { type Ctx, type Draft, roundAt, roundNumbers } from './context.ts';
import type { Evidence, Proposal, RoundMessages, ValueId, Vote, VoteType } from './types.ts';
import { powerOf, proposer } from './validators.ts';

function isRound(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** Does `validator` have any message in `round`? */
function hasMessageIn(rs: RoundMessages, validator: string): boolean {
  return (
    rs.proposal?.proposer === validator ||
    Object.hasOwn(rs.prevotes, validator) ||
    Object.hasOwn(rs.precommits, validator)
  );
}

/**
 * Bounds memory against a Byzantine validator spraying future rounds: each validator may hold
 * messages in at most `maxFutureRoundsPerValidator` rounds above ours. A correct validator is in one
 * round at a time, so its dropped messages come back by re-gossip once we catch up.
 */
function withinFutureBound(s: Draft, validator: string, round: number): boolean {
  if (round <= s.round) return true;
  if (hasMessageIn(roundAt(s, round), validator)) return true;
  let used = 0;
  for (const r of roundNumbers(s)) {
    if (r > s.round && hasMessageIn(roundAt(s, r), validator)) used++;
  }
  return used < s.config.maxFutureRoundsPerValidator;
}

function reportEvidence(ctx: Ctx, key: string, evidence: Evidence): void {
  if (ctx.s.evidenceKeys.includes(key)) return;
  ctx.s.evidenceKeys = [...ctx.s.evidenceKeys, key];
  ctx.actions.push({ kind: 'evidence', evidence });
}

/**
 * Is a conflicting vote worth keeping? Only nil and values of a proposal held at this height can
 * matter to a rule (lines 28, 36, 44 and 49 all count votes for a proposal's value or nil), which
 * bounds memory per slot by the proposals held, however many values an equivocator signs. A vote
 * dropped because its proposal came later comes back by re-gossip.
 */
function worthKeeping(s: Draft, vote: Vote): boolean {
  if (vote.value === null) return true;
  for (const r of roundNumbers(s)) if (roundAt(s, r).proposal?.value === vote.value) return true;
  return false;
}

/**
 * Records a verified vote of the current height; returns whether it was new. Only the first vote
 * per (validator, height, round, type) is held as that validator's vote; a different later one
 * (another value, or the same value with another precommit time) is reported as evidence (once);
 * one for another value is also kept among the round's conflicts.
 */
export function recordVote(ctx: Ctx, vote: Vote): boolean {
  const s = ctx.s;
  if (s.status !== 'running' || vote.height !== s.height || !isRound(vote.round)) return false;
  if (vote.type !== 'prevote' && vote.type !== 'precommit') return false;
  if (vote.value !== null && typeof vote.value !== 'string') return false;
  if (powerOf(s.validators, vote.validator) === 0) return false;
  if (!withinFutureBound(s, vote.validator, vote.round)) return false;
  const rs = roundAt(s, vote.round);
  const field = vote.type === 'prevote' ? 'prevotes' : 'precommits';
  const first = Object.hasOwn(rs[field], vote.validator) ? rs[field][vote.validator] : undefined;
  if (first === undefined) {
    s.rounds[vote.round] = { ...rs, [field]: { ...rs[field], [vote.validator]: vote } };
    return true;
  }
  if (first.value === vote.value && first.time === vote.time) return false;
  const timeOnly = first.value === vote.value;
  // TEST ONLY (MachineConfig.unsafe.ignoreTimeOnlyEquivocation): no evidence for a time-only pair.
  if (timeOnly && s.config.unsafe?.ignoreTimeOnlyEquivocation === true) return false;
  // TEST ONLY (MachineConfig.unsafe.countTimeOnlyTwice): a time-only twin counted as a second vote.
  const countTwice = timeOnly && s.config.unsafe?.countTimeOnlyTwice === true;
  const key = `v/${vote.type}/${vote.round}/${vote.validator}`;
  reportEvidence(ctx, key, { kind: 'duplicateVote', first, second: vote });
  // Same value, another time: two signed messages for one position, so evidence (issue 9, fault 1);
  // it never counts, the validator's first vote already does for this value.
  if (timeOnly && !countTwice) return false;
  const kept = rs.conflicts.some(
    (c) => c.validator === vote.validator && c.type === vote.type && c.value === vote.value && !countTwice,
  );
  if (kept || !worthKeeping(s, vote)) return false;
  s.rounds[vote.round] = { ...rs, conflicts: [...rs.conflicts, vote] };
  return true;
}

/** Records a proposal from proposer(h, r) with a well-formed vr; returns whether it was new. */
export function recordProposal(ctx: Ctx, p: Proposal): boolean {
  const s = ctx.s;
  if (s.status !== 'running' || p.height !== s.height || !isRound(p.round)) return false;
  if (typeof p.value !== 'string' || !Number.isSafeInteger(p.validRound)) return false;
  if (p.validRound < -1 || p.validRound >= p.round) return false;
  // TEST ONLY (MachineConfig.unsafe.skipProposerCheck): any validator's proposal recorded.
  if (p.proposer !== proposer(s.validators, s.height, p.round) && s.config.unsafe?.skipProposerCheck !== true)
    return false;
  if (!withinFutureBound(s, p.proposer, p.round)) return false;
  const rs = roundAt(s, p.round);
  if (rs.proposal !== null) {
    if (rs.proposal.value !== p.value || rs.proposal.validRound !== p.validRound) {
      reportEvidence(ctx, `p/${p.round}`, { kind: 'duplicateProposal', first: rs.proposal, second: p });
    }
    return false;
  }
  s.rounds[p.round] = { ...rs, proposal: p };
  return true;
}

/** Power of the first votes in `votes` ("2f+1 ⟨PREVOTE, h, r, ∗⟩": each validator once). */
export function anyPower(s: Draft, votes: Readonly<Record<string, Vote>>): number {
  let sum = 0;
  for (const id of Object.keys(votes)) sum += powerOf(s.validators, id);
  return sum;
}

/**
 * The votes of `type` in `round` for `value` (nil included): each validator's first vote and its
 * conflicting ones, each validator once. This is the paper's count of distinct signers of
 * ⟨type, h, r, value⟩. Counting an equivocator towards two values is safe: two sets of more than 2/3
 * of the power share more than 1/3, so a correct validator, who signs one value only.
 */
export function votesFor(s: Draft, round: number, type: VoteType, value: ValueId | null): Vote[] {
  const rs = roundAt(s, round);
  const firsts = type === 'prevote' ? rs.prevotes : rs.precommits;
  const out: Vote[] = [];
  for (const id of Object.keys(firsts).sort()) if (firsts[id]!.value === value) out.push(firsts[id]!);
  for (const c of rs.conflicts) if (c.type === type && c.value === value) out.push(c);
  return out.sort((a, b) => (a.validator < b.validator ? -1 : a.validator > b.validator ? 1 : 0));
}

/** Power of `votesFor(s, round, type, value)`. */
export function valuePower(s: Draft, round: number, type: VoteType, value: ValueId | null): number {
  let sum = 0;
  for (const v of votesFor(s, round, type, value)) sum += powerOf(s.validators, v.validator);
  return sum;
}

/** Power of the distinct validators with any message in `round` (line 55's ⟨∗, h, round, ∗, ∗⟩). */
export function senderPower(s: Draft, round: number): number {
  const rs = roundAt(s, round);
  const ids = new Set([...Object.keys(rs.prevotes), ...Object.keys(rs.precommits)]);
  if (rs.proposal) ids.add(rs.proposal.proposer);
  let sum = 0;
  for (const id of ids) sum += powerOf(s.validators, id);
  return sum;
}
