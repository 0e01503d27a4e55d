import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  H,
  Harness,
  kinds,
  lockOn,
  precommit,
  prevote,
  proposal,
  timeout,
  timeoutsOf,
  votesOf,
} from './helpers.ts';

test('line 34: 2f+1 prevotes of any kind while step = prevote schedule timeoutPrevote, for the first time only', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X')); // a prevotes X
  const first = h.feed(prevote('b', 0, 'Y'), prevote('c', 0, null));
  assert.deepEqual(
    timeoutsOf(first).map((t) => [t.step, t.round, t.durationMs]),
    [['prevote', 0, 1000]],
  );
  const again = h.feed(prevote('d', 0, null));
  assert.deepEqual(timeoutsOf(again), []);
  assert.equal(h.state.step, 'prevote'); // no 2f+1 for one value or for nil: still waiting
});

test('line 34: 2f+1 prevotes do not schedule timeoutPrevote while step = propose', () => {
  const h = new Harness();
  h.start();
  const actions = h.feed(prevote('b', 0, 'Y'), prevote('c', 0, null), prevote('d', 0, null));
  assert.deepEqual(timeoutsOf(actions), []);
});

test('line 36: proposal and 2f+1 prevotes for v while step = prevote → lock, precommit id(v), validValue ← v', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'));
  const actions = h.feed(prevote('b', 0, 'X'), prevote('c', 0, 'X'));
  assert.deepEqual(
    votesOf(actions, 'precommit').map((v) => [v.round, v.value]),
    [[0, 'X']],
  );
  assert.equal(h.state.step, 'precommit');
  assert.equal(h.state.lockedValue, 'X');
  assert.equal(h.state.lockedRound, 0);
  assert.equal(h.state.validValue, 'X');
  assert.equal(h.state.validRound, 0);
  // WAL contract: the lock is persisted before the precommit leaves.
  const k = kinds(actions);
  assert.ok(k.indexOf('persist') < k.indexOf('broadcastVote'));
  const persisted = actions.find((a) => a.kind === 'persist');
  assert.equal(persisted?.kind === 'persist' && persisted.record.lockedValue, 'X');
});

test('line 36: when step = precommit (step > prevote) only validValue/validRound are updated, no lock, no precommit', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'), prevote('b', 0, null), prevote('c', 0, 'X'));
  h.feed(timeout('prevote', 0)); // precommit nil, step ← precommit
  assert.equal(h.state.step, 'precommit');
  const actions = h.feed(prevote('d', 0, 'X'));
  assert.deepEqual(votesOf(actions), []);
  assert.equal(h.state.lockedValue, null);
  assert.equal(h.state.lockedRound, -1);
  assert.equal(h.state.validValue, 'X');
  assert.equal(h.state.validRound, 0);
});

test('line 36: the rule fires for the first time only (a fourth prevote changes nothing)', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'), prevote('b', 0, 'X'), prevote('c', 0, 'X'));
  const actions = h.feed(prevote('d', 0, 'X'));
  assert.deepEqual(kinds(actions), []);
});

test('line 36: no lock on an invalid value even with 2f+1 prevotes for it', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'bad-X'));
  h.feed(prevote('b', 0, 'bad-X'), prevote('c', 0, 'bad-X'), prevote('d', 0, 'bad-X'));
  assert.equal(h.state.lockedValue, null);
  assert.equal(h.state.validValue, null);
  assert.deepEqual(votesOf(h.log, 'precommit'), []);
});

test('line 44: 2f+1 nil prevotes while step = prevote → precommit nil', () => {
  const h = new Harness();
  h.start();
  h.feed(timeout('propose', 0));
  const actions = h.feed(prevote('b', 0, null), prevote('c', 0, null));
  assert.deepEqual(
    votesOf(actions, 'precommit').map((v) => [v.round, v.value]),
    [[0, null]],
  );
  assert.equal(h.state.step, 'precommit');
  assert.equal(h.state.lockedRound, -1);
});

test('line 47: 2f+1 precommits of any kind schedule timeoutPrecommit, for the first time only', () => {
  const h = new Harness();
  h.start();
  const first = h.feed(precommit('b', 0, 'X'), precommit('c', 0, null), precommit('d', 0, 'Y'));
  assert.deepEqual(
    timeoutsOf(first).map((t) => [t.step, t.round]),
    [['precommit', 0]],
  );
  assert.equal(h.state.step, 'propose'); // line 47 has no step condition
  h.feed(timeout('propose', 0), prevote('b', 0, null), prevote('c', 0, null)); // a precommits nil
  assert.deepEqual(timeoutsOf(h.log).filter((t) => t.step === 'precommit').length, 1);
});

test('line 49: decide on the proposal and 2f+1 precommits for it, with the commit in the decide action', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'), prevote('b', 0, 'X'), prevote('c', 0, 'X'));
  const actions = h.feed(precommit('b', 0, 'X', 1500), precommit('c', 0, 'X', 1700));
  const decide = actions.find((a) => a.kind === 'decide');
  assert.ok(decide && decide.kind === 'decide');
  assert.equal(decide.height, H);
  assert.equal(decide.value, 'X');
  assert.equal(decide.round, 0);
  assert.deepEqual(
    decide.commit.map((v) => v.validator),
    ['a', 'b', 'c'],
  );
  assert.equal(h.state.status, 'decided');
  // Decided: further messages of the height change nothing.
  assert.deepEqual(h.feed(precommit('d', 0, 'X')), []);
});

test('line 49: decide on a proposal from an earlier round r with 2f+1 precommits of round r, while in a later round', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'), prevote('b', 0, 'X'), prevote('c', 0, 'X')); // a locks and precommits X in round 0
  h.feed(precommit('d', 0, null), timeout('precommit', 0), timeout('propose', 1));
  assert.equal(h.state.round, 1);
  assert.equal(h.state.status, 'running');
  // b's and c's precommits for X in round 0 were delayed and arrive now, in round 1.
  assert.equal(
    h.feed(precommit('b', 0, 'X')).some((a) => a.kind === 'decide'),
    false,
  ); // a, b: 2 of 4
  const late = h.feed(precommit('c', 0, 'X'));
  const decide = late.find((x) => x.kind === 'decide');
  assert.ok(decide && decide.kind === 'decide');
  assert.equal(decide.round, 0);
  assert.equal(decide.value, 'X');
});

test('line 49: a lagging validator decides from a commit of another round, the proposal arriving last', () => {
  const h = new Harness();
  h.start();
  h.feed(timeout('propose', 0), timeout('precommit', 0), timeout('propose', 1));
  const late = h.feed(precommit('b', 0, 'X'), precommit('c', 0, 'X'), precommit('d', 0, 'X'));
  assert.equal(
    late.some((x) => x.kind === 'decide'),
    false,
  );
  const decide = h.feed(proposal(0, 'X')).find((x) => x.kind === 'decide');
  assert.ok(decide && decide.kind === 'decide');
  assert.equal(decide.round, 0);
});

test('line 49: no decision on an invalid value, even with 2f+1 precommits for it', () => {
  const h = new Harness();
  h.start();
  const actions = h.feed(
    proposal(0, 'bad-X'),
    precommit('b', 0, 'bad-X'),
    precommit('c', 0, 'bad-X'),
    precommit('d', 0, 'bad-X'),
  );
  assert.equal(
    actions.some((a) => a.kind === 'decide'),
    false,
  );
  assert.equal(h.state.decision, null);
});

test('line 49: precommits without the proposal do not decide (the value must be known)', () => {
  const h = new Harness();
  h.start();
  const actions = h.feed(precommit('b', 0, 'X'), precommit('c', 0, 'X'), precommit('d', 0, 'X'));
  assert.equal(
    actions.some((a) => a.kind === 'decide'),
    false,
  );
});

test('line 55: f+1 messages of a higher round → StartRound(that round); f messages do not', () => {
  const h = new Harness();
  h.start();
  assert.equal(h.state.round, 0);
  h.feed(prevote('b', 5, null));
  assert.equal(h.state.round, 0); // power 1 of 4: not more than 1/3
  const actions = h.feed(precommit('c', 5, 'Z'));
  assert.equal(h.state.round, 5);
  assert.equal(h.state.step, 'propose');
  assert.deepEqual(
    timeoutsOf(actions).map((t) => [t.step, t.round, t.durationMs]),
    [['propose', 5, 5500]],
  );
});

test('line 55: a proposal counts as a message of its round', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(2, 'Z'));
  assert.equal(h.state.round, 0);
  h.feed(prevote('b', 2, null)); // proposer d and voter b: 2 of 4

  assert.equal(h.state.round, 2);
});

test('lines 57–60 OnTimeoutPropose: in step propose → prevote nil; stale timeouts are ignored', () => {
  const h = new Harness();
  h.start();
  assert.deepEqual(votesOf(h.feed(timeout('propose', 1))), []); // not our round
  const actions = h.feed(timeout('propose', 0));
  assert.deepEqual(
    votesOf(actions).map((v) => [v.type, v.value]),
    [['prevote', null]],
  );
  assert.equal(h.state.step, 'prevote');
  assert.deepEqual(votesOf(h.feed(timeout('propose', 0))), []); // step moved on
});

test('lines 61–64 OnTimeoutPrevote: in step prevote → precommit nil', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'));
  const actions = h.feed(timeout('prevote', 0));
  assert.deepEqual(
    votesOf(actions).map((v) => [v.type, v.value]),
    [['precommit', null]],
  );
  assert.equal(h.state.step, 'precommit');
  assert.deepEqual(votesOf(h.feed(timeout('prevote', 0))), []);
});

test('lines 65–67 OnTimeoutPrecommit: StartRound(round_p + 1) whatever the step; stale ones ignored', () => {
  const h = new Harness();
  h.start();
  h.feed(timeout('precommit', 0));
  assert.equal(h.state.round, 1);
  assert.equal(h.state.step, 'propose');
  h.feed(timeout('precommit', 0));
  assert.equal(h.state.round, 1);
});

test('a locked validator keeps its lock across rounds until a later polka (lines 36–41 and 28)', () => {
  const h = new Harness();
  h.start();
  lockOn(h, 0, 'X');
  h.feed(precommit('b', 0, null), precommit('c', 0, null), timeout('precommit', 0));
  h.feed(timeout('propose', 1));
  assert.equal(h.state.lockedValue, 'X');
  assert.equal(h.state.lockedRound, 0);
});

test('lines 49–54: after deciding, the next height starts at round 0 with lock and valid value reset', () => {
  const h = new Harness();
  h.start();
  h.feed(
    proposal(0, 'X'),
    prevote('b', 0, 'X'),
    prevote('c', 0, 'X'),
    precommit('b', 0, 'X'),
    precommit('c', 0, 'X'),
  );
  assert.equal(h.state.status, 'decided');
  assert.equal(h.state.lockedValue, 'X');
  h.feed({
    kind: 'start',
    height: H + 1,
    validators: [
      { id: 'a', power: 1 },
      { id: 'b', power: 1 },
      { id: 'c', power: 1 },
      { id: 'd', power: 1 },
    ],
    prevBlockTime: 2000,
  });
  assert.equal(h.state.height, H + 1);
  assert.equal(h.state.round, 0);
  assert.equal(h.state.step, 'propose');
  assert.equal(h.state.lockedValue, null);
  assert.equal(h.state.lockedRound, -1);
  assert.equal(h.state.validValue, null);
  assert.equal(h.state.validRound, -1);
  assert.equal(h.state.decision, null);
});
