/**
 * Byzantine behaviours (at most f of the voting power in any scenario). Each runs the correct driver
 * and twists what it sends; twins are two correct drivers sharing one key, set up by the scenario.
 */
import type { Proposal, ValueId, Vote } from '@djchain/consensus';
import { type Block, blockId, INVALID_TX } from './app.ts';
import type { Prng } from './prng.ts';
import type { Wire } from './wire.ts';

export const BYZANTINE_BEHAVIOURS = [
  'equivocatingProposer',
  'equivocatingVoter',
  'invalidProposer',
  'amnesiacProposer',
  'timeDragger',
  'twin',
  'silent',
] as const;

export type Behaviour = 'correct' | (typeof BYZANTINE_BEHAVIOURS)[number];

/** invalidProposer: every block it builds carries a transaction all correct nodes reject. */
export function twistValue(behaviour: Behaviour, block: Block): Block {
  return behaviour === 'invalidProposer' ? { ...block, txs: [...block.txs, INVALID_TX] } : block;
}

/**
 * amnesiacProposer: proposes a fresh block with vr = −1 in every round it leads, as if it had
 * forgotten its lock and valid value, and votes for it; its other votes go to one peer as they are
 * and as nil to the rest (splitting correct validators between "locked" and "not locked"). Only the lock condition (lines 23 and 29) stops correct validators locked on
 * another value from prevoting its block: the attack `skipLockCheck` opens.
 */
export function isAmnesiac(behaviour: Behaviour): boolean {
  return behaviour === 'amnesiacProposer';
}

/** timeDragger: votes honestly but stamps its precommits an hour ahead, to drag BFT time forward. */
export function dragTime(behaviour: Behaviour, vote: Vote): Vote {
  return behaviour === 'timeDragger' && vote.time !== undefined
    ? { ...vote, time: vote.time + 3_600_000 }
    : vote;
}

/** equivocatingProposer: each peer gets, at random, the proposal or a conflicting one for the same round. */
export function twistProposal(
  node: { behaviour: Behaviour; rng: Prng },
  proposal: Proposal,
  block: Block,
): Extract<Wire, { kind: 'proposal' }> {
  if (node.behaviour !== 'equivocatingProposer' || node.rng.chance(0.5))
    return { kind: 'proposal', proposal, block };
  const alt: Block = { ...block, txs: [...block.txs, `equivocation:${proposal.round}`] };
  return { kind: 'proposal', proposal: { ...proposal, value: blockId(alt) }, block: alt };
}

/**
 * equivocatingVoter: each peer gets, at random, the vote or a conflicting one (nil for a value, a
 * known value for nil), precommits with an arbitrary time to try to drag BFT time.
 */
export function twistVote(
  node: { behaviour: Behaviour; rng: Prng },
  vote: Vote,
  known: Iterable<ValueId>,
): Vote {
  if (node.behaviour !== 'equivocatingVoter' || node.rng.chance(0.5)) return vote;
  let other: ValueId | null = null;
  if (vote.value === null) {
    const values = [...known];
    other = values.length > 0 ? node.rng.pick(values) : `fake-${vote.round}`;
  }
  const time = vote.type === 'precommit' ? node.rng.range(0, 4_000_000_000) : undefined;
  return time === undefined ? { ...vote, value: other } : { ...vote, value: other, time };
}

/** amnesiacProposer: the vote peer `to` gets (`victim` alone sees votes for others' values). */
export function splitVote(vote: Vote, ownFresh: boolean, to: number, victim: number): Vote {
  return ownFresh || to === victim ? vote : { ...vote, value: null };
}
