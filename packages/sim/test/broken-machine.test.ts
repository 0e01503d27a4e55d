import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSeed } from '@djchain/sim';

// The checker has teeth: a machine without the lock condition (lines 23 and 29) forks, and the
// agreement invariant catches it on some seed of the hostile profile within a bounded search.
test('a machine with skipLockCheck is caught by the agreement invariant within 1000 hostile seeds', () => {
  const hostile = { scenario: { hostileP: 1 } };
  let caught: ReturnType<typeof runSeed> | null = null;
  for (let seed = 0; seed < 1000 && caught === null; seed++) {
    const r = runSeed(seed, { ...hostile, unsafe: { skipLockCheck: true } });
    if (!r.ok) caught = r;
  }
  assert.ok(caught !== null, 'no seed out of 1000 caught the broken machine');
  assert.equal(caught.violation?.code, 'AGREEMENT');
  // The same seed with the correct machine passes: the fork is the missing lock check's doing.
  assert.equal(runSeed(caught.seed, hostile).ok, true);
});
