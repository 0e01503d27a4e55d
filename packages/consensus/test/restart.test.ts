import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardSign, type PersistRecord } from '@djchain/consensus';
import { H, Harness, precommit, prevote, proposal, timeout, VALIDATORS, votesOf } from './helpers.ts';

function lastRecord(h: Harness): PersistRecord {
  const records = h.log.filter((a) => a.kind === 'persist');
  const last = records[records.length - 1];
  assert.ok(last && last.kind === 'persist');
  return last.record;
}

test('WAL contract: every step that signs puts one persist action before its first broadcast', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'), prevote('b', 0, 'X'), prevote('c', 0, 'X'), timeout('propose', 0));
  let persistedSigned = 0;
  for (const a of h.log) {
    if (a.kind === 'persist') persistedSigned = a.record.signed.length;
    if (a.kind === 'broadcastVote') {
      const signedVotes = h.log.filter((x) => x.kind === 'broadcastVote').indexOf(a) + 1;
      assert.ok(persistedSigned >= signedVotes, 'a vote left before the record holding it was persisted');
    }
  }
});

test('restart: the persisted record restores locks, round and step, and re-sends the same votes', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'), prevote('b', 0, 'X'), prevote('c', 0, 'X'));
  h.feed(precommit('b', 0, null), precommit('c', 0, null), timeout('precommit', 0));
  h.feed(proposal(1, 'Y'));
  const record = lastRecord(h);
  assert.equal(record.lockedValue, 'X');
  assert.equal(record.round, 1);

  const r = new Harness();
  const actions = r.start({ resume: record });
  assert.equal(r.state.round, 1);
  assert.equal(r.state.step, 'prevote');
  assert.equal(r.state.lockedValue, 'X');
  assert.equal(r.state.lockedRound, 0);
  assert.equal(r.state.validValue, 'X');
  // The round-1 prevote (nil: locked on X) is sent again, identical.
  assert.deepEqual(
    votesOf(actions).map((v) => [v.type, v.round, v.value]),
    [['prevote', 1, null]],
  );
});

test('restart: a restarted validator refuses to sign a vote conflicting with one it signed before the crash', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X')); // prevote X in round 0
  const record = lastRecord(h);
  // After the restart a (Byzantine) proposer shows it Y for round 0 first: it must not prevote Y.
  const r = new Harness();
  r.start({ resume: { ...record, step: 'propose' } });
  const actions = r.feed(proposal(0, 'Y'));
  assert.deepEqual(votesOf(actions), []);
  const refused = actions.find((a) => a.kind === 'signRefused');
  assert.ok(refused && refused.kind === 'signRefused');
  assert.equal(refused.reason, 'CONSENSUS_SIGN_CONFLICT');
  // Its own earlier prevote for X still counts in its tally: no amnesia of what it signed.
  assert.equal(r.state.rounds[0]?.prevotes.a?.value, 'X');
});

test('restart: the precommit timestamp is repeated exactly (same bytes to re-sign)', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'), prevote('b', 0, 'X'), prevote('c', 0, 'X'));
  const sent = votesOf(h.log, 'precommit')[0];
  const r = new Harness({}, { isValid: () => true, getValue: () => 'v', now: () => 99_999 });
  const actions = r.start({ resume: lastRecord(h) });
  assert.deepEqual(votesOf(actions, 'precommit'), [sent]);
});

test('signer guard: never signs below the last-signed (height, round, step)', () => {
  const vote = (round: number, type: 'prevote' | 'precommit') => ({
    kind: 'vote' as const,
    vote: { type, height: H, round, value: null, validator: 'a' },
  });
  const last = { height: H, round: 2, step: 2 as const };
  assert.deepEqual(guardSign(last, [], vote(1, 'precommit')), {
    ok: false,
    reason: 'CONSENSUS_SIGN_REGRESSION',
  });
  assert.deepEqual(guardSign(last, [], vote(2, 'prevote')), {
    ok: false,
    reason: 'CONSENSUS_SIGN_REGRESSION',
  });
  assert.equal(guardSign(last, [], vote(3, 'prevote')).ok, true);
  // The last-signed position itself, with its message not at hand: never signed a second time.
  assert.deepEqual(guardSign(last, [], vote(2, 'precommit')), {
    ok: false,
    reason: 'CONSENSUS_SIGN_REGRESSION',
  });
});

test('restart into a new height: a record of an older height is ignored (fresh StartRound(0))', () => {
  const h = new Harness();
  h.start();
  h.feed(proposal(0, 'X'));
  const r = new Harness();
  r.feed({ kind: 'start', height: H + 1, validators: VALIDATORS, prevBlockTime: 0, resume: lastRecord(h) });
  assert.equal(r.state.height, H + 1);
  assert.equal(r.state.round, 0);
  assert.equal(r.state.lockedValue, null);
});

test('restart in a deep round: every own signed message is back in the tally (issue 9, fault 7)', () => {
  // a signs nil votes in rounds 0–2, then proposes and prevotes in round 3 (proposer(1, 3) = a).
  const h = new Harness();
  h.start();
  for (const r of [0, 1, 2]) h.feed(timeout('propose', r), timeout('prevote', r), timeout('precommit', r));
  assert.equal(h.state.round, 3);
  h.feed(prevote('b', 3, 'new-1-3'), prevote('c', 3, 'new-1-3')); // a precommits new-1-3
  const record = lastRecord(h);
  assert.equal(record.round, 3);
  assert.equal(record.signed.length, 9);

  const r = new Harness();
  const actions = r.start({ resume: record });
  // Before the fix the replay ran with round 0 and the future-round bound (2 rounds per validator)
  // dropped a's own round-3 messages: its proposal, prevote and precommit were not in its tally.
  assert.equal(r.state.rounds[3]?.proposal?.proposer, 'a');
  assert.equal(r.state.rounds[3]?.prevotes.a?.value, 'new-1-3');
  assert.equal(r.state.rounds[3]?.precommits.a?.value, 'new-1-3');
  for (const round of [0, 1, 2]) {
    assert.equal(r.state.rounds[round]?.prevotes.a?.value, null);
    assert.equal(r.state.rounds[round]?.precommits.a?.value, null);
  }
  // With b and c's precommits it decides at once: its own precommit counts towards the commit.
  assert.deepEqual(
    votesOf(actions, 'precommit').map((v) => [v.round, v.value]),
    [[3, 'new-1-3']],
  );
  const decided = r.feed(precommit('b', 3, 'new-1-3'), precommit('c', 3, 'new-1-3'));
  const decide = decided.find((a) => a.kind === 'decide');
  assert.ok(decide && decide.kind === 'decide');
  assert.deepEqual(
    decide.commit.map((v) => v.validator),
    ['a', 'b', 'c'],
  );
});

test("restart: the record keeps the polka behind the lock (others' prevotes too), counted again after the restart (sim seed 70)", () => {
  const h = new Harness();
  h.start();
  // b proposes X in round 0; b and c prevote X, a too: 3 of 4, a locks X (line 36).
  h.feed(proposal(0, 'X'), prevote('b', 0, 'X'), prevote('c', 0, 'X'));
  const record = lastRecord(h);
  assert.equal(record.lockedValue, 'X');
  assert.deepEqual(
    (record.polka ?? []).map((v) => [v.validator, v.type, v.round, v.value]),
    [
      ['a', 'prevote', 0, 'X'],
      ['b', 'prevote', 0, 'X'],
      ['c', 'prevote', 0, 'X'],
    ],
  );
  // Restarted: b's and c's prevotes are in the tally again, so re-gossip hands them on.
  const r = new Harness();
  r.start({ resume: record });
  assert.deepEqual(Object.keys(r.state.rounds[0]?.prevotes ?? {}).sort(), ['a', 'b', 'c']);
  // Without a polka in the record (one written before it existed) only its own vote is back.
  const old = new Harness();
  const { polka: _polka, ...withoutPolka } = record;
  old.start({ resume: withoutPolka });
  assert.deepEqual(Object.keys(old.state.rounds[0]?.prevotes ?? {}), ['a']);
});
