/**
 * Seeds that once broke an invariant of the real node, replayed by name (the seed runs cover them
 * too, but a named test says which defect came back).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failureLine, makeScenario, runSeed } from '@djchain/sim';

test('seed 70: an amnesiac victim locked on a polka only it saw, crashed and restarted — the chain goes on', () => {
  // powers [1,3,1,2], v3 amnesiac: the victim (power 3) must re-gossip the prevotes of its polka
  // after the restart (node/test/driver-polka-restart.test.ts); without them LIVENESS at height 0.
  const scenario = makeScenario(70);
  assert.ok(scenario.validators.some((v) => v.behaviour === 'amnesiac'));
  const r = runSeed(70);
  assert.ok(r.ok, failureLine(r, scenario));
  assert.ok(r.minCorrectHeight >= scenario.targetHeight);
});
