import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSeeds } from './helpers.ts';

// CI seeds of the real node, split across files so the test runner's two workers share them.
test('seeds 150–299: every invariant holds after every step, every run reaches its target height', () => {
  const { failures, heights, txs } = runSeeds(150, 150);
  assert.deepEqual(failures, [], failures.join('\n'));
  assert.ok(heights >= 150 * 5, 'each seed commits at least 5 heights');
  assert.ok(txs > 150, 'clients get transactions committed');
});
