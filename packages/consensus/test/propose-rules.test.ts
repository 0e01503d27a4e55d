import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Harness, lockOn, precommit, prevote, proposal, timeout, votesOf } from './helpers.ts';

test('line 22: proposal with vr = −1 and lockedRound = −1 → prevote id(v), step ← prevote', () => {
  const h = new Harness();
  h.start();
  const actions = h.feed(proposal(0, 'X'));
  assert.deepEqual(
    votesOf(actions).map((v) => [v.type, v.round, v.value]),
    [['prevote', 0, 'X']],
  );
  assert.equal(h.state.step, 'prevote');
});

test('line 22: proposal with vr = −1 and lockedValue = v → prevote id(v) although locked', () => {
  const h = new Harness();
  h.start();
  lockOn(h, 0, 'X');
  h.feed(precommit('b', 0, null), precommit('c', 0, null), timeout('precommit', 0));
  const actions = h.feed(proposal(1, 'X'));
  assert.deepEqual(
    votesOf(actions, 'prevote').map((v) => v.value),
    ['X'],
  );
});

test('line 22: proposal with vr = −1 for another value while locked → prevote nil', () => {
  const h = new Harness();
  h.start();
  lockOn(h, 0, 'X');
  h.feed(precommit('b', 0, null), precommit('c', 0, null), timeout('precommit', 0));
  const actions = h.feed(proposal(1, 'Y'));
  assert.deepEqual(
    votesOf(actions, 'prevote').map((v) => v.value),
    [null],
  );
  assert.equal(h.state.lockedValue, 'X');
});

test('line 22: an invalid value (valid(v) false) → prevote nil', () => {
  const h = new Harness();
  h.start();
  const actions = h.feed(proposal(0, 'bad-block'));
  assert.deepEqual(
    votesOf(actions).map((v) => v.value),
    [null],
  );
});

test('line 22: a second proposal while step = prevote does not cause a second prevote (rule needs step = propose)', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'));
  const actions = h.feed(proposal(0, 'Y'));
  assert.deepEqual(votesOf(actions), []);
});

test('line 28: proposal with vr and 2f+1 prevotes for v in vr, lockedRound ≤ vr → prevote id(v) (lock released)', () => {
  const h = new Harness();
  h.start();
  lockOn(h, 0, 'X'); // lockedRound 0
  h.feed(precommit('b', 0, null), precommit('c', 0, null), timeout('precommit', 0));
  // Round 1: a polka for Y in round 1 that a did not take part in (it timed out and prevoted nil).
  h.feed(timeout('propose', 1), prevote('b', 1, 'Y'), prevote('c', 1, 'Y'), prevote('d', 1, 'Y'));
  h.feed(precommit('b', 1, null), precommit('c', 1, null), timeout('precommit', 1));
  // Round 2: proposer d re-proposes Y with vr = 1 ≥ lockedRound 0.
  const actions = h.feed(proposal(2, 'Y', 1));
  assert.deepEqual(
    votesOf(actions, 'prevote').map((v) => [v.round, v.value]),
    [[2, 'Y']],
  );
});

test('line 28: lockedRound = vr and lockedValue ≠ v → prevote id(v) (≤, not <; needs equivocators)', () => {
  const h = new Harness();
  h.start();
  lockOn(h, 0, 'X'); // a, b, c prevoted X in round 0: a locked X in round 0
  h.feed(precommit('b', 0, null), precommit('c', 0, null), timeout('precommit', 0));
  h.feed(timeout('propose', 1), precommit('b', 1, null), precommit('c', 1, null), timeout('precommit', 1));
  assert.equal(h.state.round, 2);
  assert.equal(h.state.lockedRound, 0);
  // Round 2: d proposes Y with vr = 0; no polka for Y in round 0 yet, so no prevote.
  assert.deepEqual(votesOf(h.feed(proposal(2, 'Y', 0))), []);
  // b and c equivocate in round 0 (prevote Y too) and d prevotes Y: a polka for Y in round 0 = lockedRound.
  const actions = h.feed(prevote('d', 0, 'Y'), prevote('b', 0, 'Y'), prevote('c', 0, 'Y'));
  assert.deepEqual(
    votesOf(actions, 'prevote').map((v) => [v.round, v.value]),
    [[2, 'Y']],
  );
});

test('line 28: lockedRound > vr and lockedValue ≠ v → prevote nil (the lock condition holds)', () => {
  const h = new Harness();
  h.start();
  // A polka for Y in round 0 that a missed, then a locks on X in round 1.
  h.feed(timeout('propose', 0), prevote('b', 0, 'Y'), prevote('c', 0, 'Y'), prevote('d', 0, 'Y'));
  h.feed(precommit('b', 0, null), precommit('c', 0, null), timeout('precommit', 0));
  h.feed(proposal(1, 'X'), prevote('b', 1, 'X'), prevote('c', 1, 'X'));
  assert.equal(h.state.lockedRound, 1);
  h.feed(precommit('b', 1, null), precommit('c', 1, null), timeout('precommit', 1));
  const actions = h.feed(proposal(2, 'Y', 0));
  assert.deepEqual(
    votesOf(actions, 'prevote').map((v) => [v.round, v.value]),
    [[2, null]],
  );
});

test('line 28: lockedRound > vr but lockedValue = v → prevote id(v)', () => {
  const h = new Harness();
  h.start();
  h.feed(timeout('propose', 0), prevote('b', 0, 'X'), prevote('c', 0, 'X'), prevote('d', 0, 'X'));
  h.feed(precommit('b', 0, null), precommit('c', 0, null), timeout('precommit', 0));
  h.feed(proposal(1, 'X'), prevote('b', 1, 'X'), prevote('c', 1, 'X'));
  h.feed(precommit('b', 1, null), precommit('c', 1, null), timeout('precommit', 1));
  const actions = h.feed(proposal(2, 'X', 0));
  assert.deepEqual(
    votesOf(actions, 'prevote').map((v) => v.value),
    ['X'],
  );
});

test('line 28: without 2f+1 prevotes for v in vr the rule waits (no prevote until the polka arrives)', () => {
  const h = new Harness();
  h.start();
  h.feed(timeout('propose', 0), prevote('b', 0, 'Y'));
  h.feed(precommit('b', 0, null), precommit('c', 0, null), timeout('precommit', 0));
  assert.deepEqual(votesOf(h.feed(proposal(1, 'Y', 0))), []);
  assert.equal(h.state.step, 'propose');
  const actions = h.feed(prevote('c', 0, 'Y'), prevote('d', 0, 'Y'));
  assert.deepEqual(
    votesOf(actions, 'prevote').map((v) => [v.round, v.value]),
    [[1, 'Y']],
  );
});

test('line 28: the test-only skipLockCheck switch really removes the lock condition', () => {
  const h = new Harness({ unsafe: { skipLockCheck: true } });
  h.start();
  lockOn(h, 0, 'X');
  h.feed(precommit('b', 0, null), precommit('c', 0, null), timeout('precommit', 0));
  assert.deepEqual(
    votesOf(h.feed(proposal(1, 'Y')), 'prevote').map((v) => v.value),
    ['Y'],
  );
});

test('a proposal whose vr is not below its round (vr = round) is not recorded, so no precommit follows', () => {
  const h = new Harness();
  h.start();
  const actions = h.feed(
    proposal(0, 'X', 0),
    prevote('b', 0, 'X'),
    prevote('c', 0, 'X'),
    prevote('d', 0, 'X'),
  );
  assert.equal(h.state.rounds[0]?.proposal ?? null, null);
  assert.deepEqual(votesOf(actions, 'precommit'), []);
});
