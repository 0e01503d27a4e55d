import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bftTime,
  defaultMachineOptions,
  init,
  isOneThird,
  isQuorum,
  makeValidatorSet,
  proposer,
  type State,
  step,
  type Vote,
} from '@djchain/consensus';
import fc from 'fast-check';
import { Harness, makeEnv, precommit, prevote, proposal, VALIDATORS, votesOf } from './helpers.ts';

const pc = (validator: string, time: number): Vote => ({
  type: 'precommit',
  height: 1,
  round: 0,
  value: 'X',
  validator,
  time,
});

test('BFT time: the weighted median of the commit times', () => {
  const set = makeValidatorSet([
    { id: 'a', power: 1 },
    { id: 'b', power: 1 },
    { id: 'c', power: 1 },
    { id: 'd', power: 1 },
  ]);
  assert.equal(bftTime(set, [pc('a', 10), pc('b', 30), pc('c', 20)]), 20);
  // A heavy validator pulls the median to its time.
  const heavy = makeValidatorSet([
    { id: 'a', power: 5 },
    { id: 'b', power: 1 },
    { id: 'c', power: 1 },
  ]);
  assert.equal(bftTime(heavy, [pc('a', 100), pc('b', 1), pc('c', 2)]), 100);
  // All four: the earliest time by which half of the commit's power (2 of 4) has voted.
  assert.equal(bftTime(set, [pc('d', 40), pc('b', 20), pc('a', 10), pc('c', 30)]), 20);
  // Less than half of the power is not a commit; repeated voters count once.
  assert.equal(bftTime(set, [pc('a', 10), pc('a', 30)]), null);
});

test('BFT time: faulty validators (< 1/3 of power) cannot move it outside the correct voters’ times', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 3, maxLength: 3 }),
      fc.integer({ min: -1_000_000_000, max: 2_000_000_000 }),
      (correct, evil) => {
        const set = makeValidatorSet(['a', 'b', 'c', 'd'].map((id) => ({ id, power: 1 })));
        const t = bftTime(set, [
          pc('a', correct[0]!),
          pc('b', correct[1]!),
          pc('c', correct[2]!),
          pc('d', evil),
        ]);
        return t !== null && t >= Math.min(...correct) && t <= Math.max(...correct);
      },
    ),
  );
});

test('own precommit time is the env clock, kept above the previous block time', () => {
  const h = new Harness({}, makeEnv(undefined, 100));
  h.start({ prevBlockTime: 500 });
  h.feed(proposal(0, 'X'), prevote('b', 0, 'X'), prevote('c', 0, 'X'));
  assert.equal(votesOf(h.log, 'precommit')[0]?.time, 501);
});

test('weighted thresholds: 2f+1 is more than 2/3 of power, f+1 more than 1/3', () => {
  const set = makeValidatorSet([
    { id: 'a', power: 3 },
    { id: 'b', power: 1 },
    { id: 'c', power: 1 },
    { id: 'd', power: 1 },
  ]);
  assert.equal(isQuorum(set, 4), false); // 4/6 = 2/3 exactly
  assert.equal(isQuorum(set, 5), true);
  assert.equal(isOneThird(set, 2), false);
  assert.equal(isOneThird(set, 3), true);
});

test('weighted voting: a validator with more than 1/3 of power alone triggers the round skip (line 55)', () => {
  const validators = [
    { id: 'a', power: 1 },
    { id: 'b', power: 1 },
    { id: 'c', power: 1 },
    { id: 'd', power: 2 },
  ];
  const h = new Harness();
  h.feed({ kind: 'start', height: 1, validators, prevBlockTime: 0 });
  h.feed(prevote('d', 4, null));
  assert.equal(h.state.round, 4);
});

test('proposer selection: deterministic, rotates over rounds, each validator in proportion to its power', () => {
  const set = makeValidatorSet([
    { id: 'c', power: 1 },
    { id: 'a', power: 5 },
    { id: 'b', power: 2 },
  ]);
  const counts: Record<string, number> = {};
  for (let h = 0; h < 800; h++) counts[proposer(set, h, 0)] = (counts[proposer(set, h, 0)] ?? 0) + 1;
  assert.deepEqual(counts, { a: 500, b: 200, c: 100 });
  const perRound: Record<string, number> = {};
  for (let r = 0; r < 8; r++) perRound[proposer(set, 7, r)] = (perRound[proposer(set, 7, r)] ?? 0) + 1;
  assert.deepEqual(perRound, { a: 5, b: 2, c: 1 }); // the rounds of one height walk the same cycle
  const equal = makeValidatorSet(VALIDATORS);
  assert.deepEqual(
    [0, 1, 2, 3].map((r) => proposer(equal, 1, r)),
    ['b', 'c', 'd', 'a'],
  );
});

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

test('purity: step never mutates its input state, and equal inputs give equal outputs', () => {
  const env = makeEnv();
  let s: State = init({ ...defaultMachineOptions, self: 'a' });
  const inputs = [
    { kind: 'start' as const, height: 1, validators: VALIDATORS, prevBlockTime: 0 },
    proposal(0, 'X'),
    prevote('b', 0, 'X'),
    prevote('c', 0, 'X'),
    precommit('b', 0, 'X'),
    precommit('c', 0, 'X'),
  ];
  for (const input of inputs) {
    const frozen = deepFreeze(s);
    const r1 = step(frozen, input, env);
    const r2 = step(frozen, input, env);
    assert.deepEqual(r1, r2);
    s = r1.state;
  }
  assert.equal(s.status, 'decided');
});

test('BFT time: a small commit with faulty voters stamping the far future stays within correct times (regression: sim seed 332)', () => {
  // 7 validators, f = 2: a commit of 5 precommits, 2 of them faulty an hour ahead. Half of the whole
  // set's power (3.5) would reach into the faulty times; half of the commit's power (2.5) does not.
  const set = makeValidatorSet(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id, power: 1 })));
  const commit = [pc('a', 100), pc('b', 110), pc('c', 120), pc('f', 3_600_000), pc('g', 3_600_000)];
  const t = bftTime(set, commit);
  assert.ok(t !== null && t >= 100 && t <= 120, `got ${t}`);
  // The same with weights: a heavy faulty validator just under 1/3 of the power.
  const weighted = makeValidatorSet([
    { id: 'a', power: 3 },
    { id: 'b', power: 4 },
    { id: 'c', power: 3 },
    { id: 'z', power: 4 },
  ]);
  const t2 = bftTime(weighted, [pc('a', 10), pc('b', 20), pc('z', 9_999_999)]);
  assert.ok(t2 !== null && t2 <= 20, `got ${t2}`);
});

test('BFT time: votes of no more than 2/3 of the power are not a commit (null)', () => {
  const set = makeValidatorSet(['a', 'b', 'c'].map((id) => ({ id, power: 1 })));
  assert.equal(bftTime(set, [pc('a', 1), pc('b', 2)]), null);
  assert.equal(bftTime(set, [pc('a', 1), pc('b', 2), pc('c', 3)]), 2);
});

test('own precommit time is above the time the voted block carries (env.valueTime), so BFT time increases', () => {
  const env = {
    ...makeEnv(undefined, 100),
    valueTime: (_h: number, v: string) => (v === 'X' ? 7000 : undefined),
  };
  const h = new Harness({}, env);
  h.start({ prevBlockTime: 500 });
  h.feed(proposal(0, 'X'), prevote('b', 0, 'X'), prevote('c', 0, 'X'));
  assert.equal(votesOf(h.log, 'precommit')[0]?.time, 7001);
});
