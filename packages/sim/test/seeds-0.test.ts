import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSeeds } from './helpers.ts';

// CI seeds of the real node (100: the suite's time is capped by CI — issue 9 asks for 300, which
// `npm run sim -- --seeds 300` runs; CI does not yet), split across files so the two workers share them.
test('seeds 0–49: every invariant holds after every step, every run reaches its target height', async () => {
  const { failures, heights, txs } = await runSeeds(0, 50);
  assert.deepEqual(failures, [], failures.join('\n'));
  assert.ok(heights >= 50 * 5, 'each seed commits at least 5 heights');
  assert.ok(txs > 50, 'clients get transactions committed');
});
