import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  H,
  Harness,
  kinds,
  lockOn,
  PROPOSER,
  precommit,
  prevote,
  proposal,
  timeout,
  timeoutsOf,
} from './helpers.ts';

test('lines 11–21 StartRound: a non-proposer enters propose and schedules timeoutPropose(0)', () => {
  const h = new Harness();
  const actions = h.start();
  assert.equal(PROPOSER(0), 'b');
  assert.equal(h.state.step, 'propose');
  assert.equal(h.state.round, 0);
  assert.deepEqual(timeoutsOf(actions), [
    { kind: 'scheduleTimeout', step: 'propose', height: H, round: 0, durationMs: 3000 },
  ]);
  assert.equal(actions.filter((a) => a.kind === 'broadcastProposal').length, 0);
});

test('lines 14–19 StartRound: the proposer with no validValue proposes getValue() with vr = −1', () => {
  const h = new Harness({ self: 'b' });
  const actions = h.start();
  const proposals = actions.filter((a) => a.kind === 'broadcastProposal');
  assert.deepEqual(proposals, [
    {
      kind: 'broadcastProposal',
      proposal: { height: H, round: 0, value: 'new-1-0', validRound: -1, proposer: 'b' },
    },
  ]);
  // Its own proposal is delivered to itself at once (line 22 fires): it prevotes.
  assert.equal(h.state.step, 'prevote');
  assert.ok(kinds(actions).indexOf('persist') < kinds(actions).indexOf('broadcastProposal'));
});

test('lines 15–16 StartRound: a proposer with a validValue re-proposes it with its validRound', () => {
  // a is the proposer of round 3; make it lock (and set validValue) on X in round 1.
  const h = new Harness();
  h.start();
  lockOn(h, 1, 'X');
  assert.equal(h.state.validValue, 'X');
  h.feed(precommit('b', 1, null), precommit('c', 1, null), timeout('precommit', 1));
  const actions = h.feed(timeout('propose', 2), timeout('precommit', 2));
  assert.equal(h.state.round, 3);
  assert.equal(PROPOSER(3), 'a');
  const sent = actions.find((a) => a.kind === 'broadcastProposal');
  assert.deepEqual(sent, {
    kind: 'broadcastProposal',
    proposal: { height: H, round: 3, value: 'X', validRound: 1, proposer: 'a' },
  });
});

test('timeouts grow per round: timeoutPropose(r) = base + r × delta', () => {
  const h = new Harness();
  h.start();
  h.feed(timeout('propose', 0), prevote('b', 0, null), prevote('c', 0, null));
  const actions = h.feed(precommit('b', 0, null), precommit('c', 0, null), timeout('precommit', 0));
  const proposeTimeouts = timeoutsOf(actions).filter((t) => t.step === 'propose');
  assert.deepEqual(
    proposeTimeouts.map((t) => [t.round, t.durationMs]),
    [[1, 3500]],
  );
});

test('a proposal from a validator that is not proposer(h, r) is ignored', () => {
  const h = new Harness();
  h.start();
  const actions = h.feed(proposal(0, 'X', -1, 'c'));
  assert.equal(h.state.step, 'propose');
  assert.deepEqual(kinds(actions), []);
});
