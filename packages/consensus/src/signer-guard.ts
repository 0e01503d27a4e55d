/**
 * The signer guard: the last-signed (height, round, step) and every message signed at the current
 * height. A validator never signs below its last-signed position, and at a position it already
 * signed it only ever repeats the very same message. Together with the `persist` action (written
 * before anything is sent) this is what keeps a restarted validator from double-signing.
 */
import type { HRS, Signed } from './types.ts';

/** The (height, round, step) position of a signed message. */
export function hrsOf(m: Signed): HRS {
  if (m.kind === 'proposal') return { height: m.proposal.height, round: m.proposal.round, step: 0 };
  return { height: m.vote.height, round: m.vote.round, step: m.vote.type === 'prevote' ? 1 : 2 };
}

/** Lexicographic order of positions. */
export function compareHRS(a: HRS, b: HRS): number {
  return a.height - b.height || a.round - b.round || a.step - b.step;
}

function sameContent(a: Signed, b: Signed): boolean {
  if (a.kind === 'proposal' && b.kind === 'proposal') {
    return a.proposal.value === b.proposal.value && a.proposal.validRound === b.proposal.validRound;
  }
  if (a.kind === 'vote' && b.kind === 'vote') return a.vote.value === b.vote.value;
  return false;
}

export type GuardDecision =
  /** Sign: `message` is what goes out; `fresh` is false when it repeats an earlier signature. */
  | { readonly ok: true; readonly message: Signed; readonly fresh: boolean }
  | { readonly ok: false; readonly reason: 'CONSENSUS_SIGN_CONFLICT' | 'CONSENSUS_SIGN_REGRESSION' };

/**
 * May `attempt` be signed, given the last-signed position and the messages signed at its height?
 * A message already signed at the same position is returned as it was (same time stamp too), so
 * re-broadcasting after a restart sends identical bytes.
 */
export function guardSign(lastSigned: HRS | null, signed: readonly Signed[], attempt: Signed): GuardDecision {
  const at = hrsOf(attempt);
  for (const m of signed) {
    if (compareHRS(hrsOf(m), at) !== 0) continue;
    return sameContent(m, attempt)
      ? { ok: true, message: m, fresh: false }
      : { ok: false, reason: 'CONSENSUS_SIGN_CONFLICT' };
  }
  if (lastSigned !== null && compareHRS(at, lastSigned) <= 0)
    return { ok: false, reason: 'CONSENSUS_SIGN_REGRESSION' };
  return { ok: true, message: attempt, fresh: true };
}
