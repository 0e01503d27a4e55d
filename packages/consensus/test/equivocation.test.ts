import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Harness, precommit, prevote, proposal, votesOf } from './helpers.ts';

test('equivocation: only the first vote per (validator, height, round, type) counts; the second is evidence', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'));
  h.feed(prevote('b', 0, 'Y'));
  const actions = h.feed(prevote('b', 0, 'X'), prevote('c', 0, 'X'));
  const evidence = actions.filter((a) => a.kind === 'evidence');
  assert.deepEqual(evidence, [
    {
      kind: 'evidence',
      evidence: {
        kind: 'duplicateVote',
        first: { type: 'prevote', height: 1, round: 0, value: 'Y', validator: 'b' },
        second: { type: 'prevote', height: 1, round: 0, value: 'X', validator: 'b' },
      },
    },
  ]);
  // b's second vote (X) did not count: a, c for X is 2 of 4, so no lock and no precommit.
  assert.deepEqual(votesOf(actions, 'precommit'), []);
  assert.equal(h.state.lockedValue, null);
});

test('equivocation: re-gossiped duplicates are reported once and identical repeats are no evidence', () => {
  const h = new Harness();
  h.start();
  h.feed(precommit('d', 0, 'X'), precommit('d', 0, 'X'));
  assert.equal(h.log.filter((a) => a.kind === 'evidence').length, 0);
  h.feed(precommit('d', 0, null), precommit('d', 0, null), precommit('d', 0, 'Z'));
  assert.equal(h.log.filter((a) => a.kind === 'evidence').length, 1);
});

test('equivocation: a proposer sending two proposals for one round → the first counts, the second is evidence', () => {
  const h = new Harness();
  h.start();
  const first = h.feed(proposal(0, 'X'));
  assert.deepEqual(
    votesOf(first).map((v) => v.value),
    ['X'],
  );
  const second = h.feed(proposal(0, 'Y'));
  assert.deepEqual(
    second.map((a) => a.kind),
    ['evidence'],
  );
  const ev = second[0];
  assert.ok(ev?.kind === 'evidence' && ev.evidence.kind === 'duplicateProposal');
  assert.equal(ev.evidence.first.value, 'X');
  assert.equal(ev.evidence.second.value, 'Y');
});

test('equivocation: twins (two signers with one key) count once towards a quorum', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'));
  // b and its twin both prevote, for different values; with c that is still not 2f+1 for either.
  h.feed(prevote('b', 0, 'X'), prevote('b', 0, 'Y'), prevote('c', 0, 'Y'));
  assert.equal(h.state.step, 'prevote');
  assert.deepEqual(votesOf(h.log, 'precommit'), []);
});

test('votes from outside the validator set and malformed votes are ignored', () => {
  const h = new Harness();
  h.start();
  const actions = h.feed(
    prevote('zz', 0, 'X'),
    prevote('b', -1, 'X'),
    { kind: 'prevote', vote: { type: 'precommit', height: 1, round: 0, value: 'X', validator: 'b' } },
    prevote('b', 0.5, 'X'),
  );
  assert.deepEqual(actions, []);
  assert.deepEqual(h.state.rounds, {});
});

test('memory bound: a validator occupies at most maxFutureRoundsPerValidator rounds above ours', () => {
  const h = new Harness();
  h.start();
  for (let r = 10; r < 20; r++) h.feed(prevote('d', r, null));
  const held = Object.keys(h.state.rounds).map(Number);
  assert.deepEqual(held, [10, 11]);
});
