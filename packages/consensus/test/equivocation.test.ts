import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Harness, precommit, prevote, proposal, timeoutsOf, votesOf } from './helpers.ts';

test('equivocation: only the first vote per (validator, height, round, type) is held; the second is evidence', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'));
  h.feed(prevote('b', 0, 'Y'));
  const actions = h.feed(prevote('b', 0, 'X'));
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
  // b's held vote stays the first one; the second is kept apart as a conflict.
  assert.equal(h.state.rounds[0]?.prevotes.b?.value, 'Y');
  assert.deepEqual(
    h.state.rounds[0]?.conflicts.map((v) => [v.validator, v.value]),
    [['b', 'X']],
  );
});

test('equivocation: an equivocator counts once towards "2f+1 of any kind" (line 34)', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X')); // a prevotes X
  const actions = h.feed(prevote('b', 0, 'Y'), prevote('b', 0, 'Z'), prevote('b', 0, null));
  // a and b are 2 of 4 validators, however many votes b signs: no timeoutPrevote.
  assert.deepEqual(timeoutsOf(actions), []);
});

test('equivocation: a conflicting vote counts towards a quorum for its own value only (regression: sim seed 2 stalled)', () => {
  // Twins of b split their prevote between X and Y. Every node holds one of them first; without
  // counting the other, nodes that held Y first never saw the polka for X that exists (a, b, c).
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X')); // a prevotes X
  h.feed(prevote('b', 0, 'Y'), prevote('c', 0, 'X'));
  assert.deepEqual(votesOf(h.log, 'precommit'), []);
  const actions = h.feed(prevote('b', 0, 'X'));
  assert.deepEqual(
    votesOf(actions, 'precommit').map((v) => v.value),
    ['X'],
  );
  assert.equal(h.state.lockedValue, 'X');
  // Y has b only: its conflicting X vote did not make b count for Y twice or for nothing.
});

test('equivocation: only conflicts for nil or a held proposal are kept (memory), each once (regression: sim seed 2567)', () => {
  // An equivocator signing many values in one slot must neither fill memory nor push out the
  // one conflicting vote that completes a polka (a fixed cap did, and the chain stalled).
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X')); // a prevotes X
  h.feed(prevote('b', 0, 'V1'), prevote('b', 0, 'V2'), prevote('b', 0, 'V3'), prevote('b', 0, 'V4'));
  h.feed(prevote('b', 0, null), prevote('b', 0, null));
  assert.deepEqual(
    h.state.rounds[0]?.conflicts.map((v) => v.value),
    [null],
  );
  const actions = h.feed(prevote('b', 0, 'X'), prevote('c', 0, 'X'));
  assert.deepEqual(
    votesOf(actions, 'precommit').map((v) => v.value),
    ['X'],
  );
  assert.equal(h.log.filter((a) => a.kind === 'evidence').length, 1);
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

test('equivocation: a precommit for the same value with another time is evidence and does not count twice (issue 9, fault 1)', () => {
  // A validator signing two precommits that differ only in time signed two messages for one
  // position; before, the machine dropped the second as a duplicate and no evidence was kept.
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'));
  h.feed(precommit('d', 0, 'X', 2000));
  const actions = h.feed(precommit('d', 0, 'X', 2500));
  assert.deepEqual(
    actions.filter((a) => a.kind === 'evidence'),
    [
      {
        kind: 'evidence',
        evidence: {
          kind: 'duplicateVote',
          first: { type: 'precommit', height: 1, round: 0, value: 'X', validator: 'd', time: 2000 },
          second: { type: 'precommit', height: 1, round: 0, value: 'X', validator: 'd', time: 2500 },
        },
      },
    ],
  );
  // The held vote is the first (its time is the one a commit certificate must carry); the second
  // is not kept as a conflict, so d still counts once for X.
  assert.equal(h.state.rounds[0]?.precommits.d?.time, 2000);
  assert.deepEqual(h.state.rounds[0]?.conflicts, []);
  // Repeats of either are not reported again.
  h.feed(precommit('d', 0, 'X', 2500), precommit('d', 0, 'X', 2000));
  assert.equal(h.log.filter((a) => a.kind === 'evidence').length, 1);
});
