/**
 * What a driver re-gossips: every proposal and vote the machine holds for its current height, so
 * peers that missed a message get it again ("re-gossiped until peers have them"). Peers announce
 * the keys they hold; the driver sends only the missing ones.
 */
import { roundAt, roundNumbers } from './context.ts';
import type { Proposal, State, Vote } from './types.ts';

export type Message =
  | { readonly kind: 'proposal'; readonly proposal: Proposal }
  | { readonly kind: 'vote'; readonly vote: Vote };

/**
 * A key naming a message with its value: a peer holding an equivocator's first vote (or proposal)
 * still receives the conflicting one, which counts for its own value (votes) or is evidence.
 */
export function messageKey(m: Message): string {
  if (m.kind === 'proposal') return `${m.proposal.height}/${m.proposal.round}/p/${m.proposal.value}`;
  const v = m.vote;
  return `${v.height}/${v.round}/${v.type === 'prevote' ? 'v' : 'c'}/${v.validator}/${v.value ?? 'nil'}`;
}

/** Messages held for the current height, in a deterministic order (round, kind, validator, conflicts last). */
export function heldMessages(state: State): Message[] {
  const out: Message[] = [];
  for (const r of roundNumbers(state)) {
    const rs = roundAt(state, r);
    if (rs.proposal) out.push({ kind: 'proposal', proposal: rs.proposal });
    for (const id of Object.keys(rs.prevotes).sort()) out.push({ kind: 'vote', vote: rs.prevotes[id]! });
    for (const id of Object.keys(rs.precommits).sort()) out.push({ kind: 'vote', vote: rs.precommits[id]! });
    for (const vote of rs.conflicts) out.push({ kind: 'vote', vote });
  }
  return out;
}

/**
 * Does the machine hold `m` (by `messageKey`: a precommit differing only in time counts as held,
 * the machine already reacted to it with evidence)? A driver that keeps signed messages in its own
 * caches asks this before dropping a copy as known: the machine may have refused the first copy
 * (a conflicting vote before its proposal, a round beyond the future bound, a height not started)
 * and only a later copy can bring it in.
 */
export function holds(state: State, m: Message): boolean {
  if (m.kind === 'proposal') {
    const p = m.proposal;
    return p.height === state.height && roundAt(state, p.round).proposal?.value === p.value;
  }
  const v = m.vote;
  if (v.height !== state.height) return false;
  const rs = roundAt(state, v.round);
  const firsts = v.type === 'prevote' ? rs.prevotes : rs.precommits;
  const first = Object.hasOwn(firsts, v.validator) ? firsts[v.validator] : undefined;
  if (first !== undefined && first.value === v.value) return true;
  return rs.conflicts.some((c) => c.type === v.type && c.validator === v.validator && c.value === v.value);
}
