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
