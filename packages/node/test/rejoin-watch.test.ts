/**
 * The watch after a signer-state reset (src/consensus/rejoin-watch.ts): when enough validators are
 * heard, and which height's whole the floor then covers. Expectations worked out by hand from the
 * rule: heard power ≥ 2/3 of the total (or every other validator), then Q = the highest height
 * that validators with more than 1/3 of the power have reached, the floor at Q + 1.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeValidatorSet } from '@djchain/consensus';
import { watchFloorHeight } from '../src/consensus/rejoin-watch.ts';

const set = (powers: Record<string, number>) =>
  makeValidatorSet(Object.entries(powers).map(([id, power]) => ({ id, power })));
const claims = (c: Record<string, number>) => new Map(Object.entries(c));

test('four equal validators: two others heard is too few; the third decides; Q is the second-highest', () => {
  const four = set({ a: 1, b: 1, c: 1, d: 1 });
  assert.equal(watchFloorHeight(claims({ b: 7, c: 7 }), four, 'a'), null);
  // Heard 3 of 4 (≥ 2/3); more than 1/3 (two validators) are at 7 or above: the floor is at 8.
  assert.equal(watchFloorHeight(claims({ b: 7, c: 7, d: 5 }), four, 'a'), 8);
  // One validator ahead is not enough for Q: b at 9 alone, c at 7 → Q = 7.
  assert.equal(watchFloorHeight(claims({ b: 9, c: 7, d: 5 }), four, 'a'), 8);
});

test('a Byzantine claim of a far height does not stop the node for good', () => {
  const four = set({ a: 1, b: 1, c: 1, d: 1 });
  assert.equal(watchFloorHeight(claims({ b: 1_000_000, c: 7, d: 7 }), four, 'a'), 8);
});

test('its own claims and those of non-validators count for nothing', () => {
  const four = set({ a: 1, b: 1, c: 1, d: 1 });
  assert.equal(watchFloorHeight(claims({ a: 50, x: 100, b: 7 }), four, 'a'), null);
  assert.equal(watchFloorHeight(claims({ a: 50, x: 100, b: 7, c: 6, d: 6 }), four, 'a'), 7);
});

test('unequal powers 1,3,3,3,3 (total 13): heard 7 is too few, 10 is enough; Q where power passes 13/3', () => {
  const five = set({ v0: 1, v1: 3, v2: 3, v3: 3, v4: 3 });
  assert.equal(watchFloorHeight(claims({ v0: 2, v1: 4, v4: 4 }), five, 'v3'), null);
  // v1 and v4 (6 > 13/3) are at 4: Q = 4, whatever the lagging v0 (2) and v2 (3) say.
  assert.equal(watchFloorHeight(claims({ v0: 2, v1: 4, v4: 4, v2: 3 }), five, 'v3'), 5);
  // v0 alone far ahead (power 1) does not move Q.
  assert.equal(watchFloorHeight(claims({ v0: 40, v1: 4, v4: 4, v2: 3 }), five, 'v3'), 5);
});

test('when the others hold less than 2/3, all of them are needed, and their highest height counts', () => {
  const heavy = set({ self: 5, b: 1, c: 1 });
  assert.equal(watchFloorHeight(claims({ b: 3 }), heavy, 'self'), null);
  assert.equal(watchFloorHeight(claims({ b: 3, c: 4 }), heavy, 'self'), 5);
  // A chain of one validator: nobody to hear; the watch ends at once and adds nothing (height 1).
  assert.equal(watchFloorHeight(claims({}), set({ self: 1 }), 'self'), 1);
});

test('exactly 1/3 of the power is not more than 1/3: three equal validators', () => {
  const three = set({ a: 1, b: 1, c: 1 });
  // c alone at 7 holds 1/3 exactly; with b (5) it is 2/3: Q = 5.
  assert.equal(watchFloorHeight(claims({ b: 5, c: 7 }), three, 'a'), 6);
});
