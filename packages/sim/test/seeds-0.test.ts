import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSeeds } from './helpers.ts';

// CI seeds of the real node (200: the suite's time is capped by CI; `npm run sim` runs more), split
// across files so the test runner's two workers share them.
test('seeds 0–99: every invariant holds after every step, every run reaches its target height', () => {
  const { failures, heights, txs } = runSeeds(0, 100);
  assert.deepEqual(failures, [], failures.join('\n'));
  assert.ok(heights >= 100 * 5, 'each seed commits at least 5 heights');
  assert.ok(txs > 100, 'clients get transactions committed');
});
