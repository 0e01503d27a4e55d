import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSeeds } from './helpers.ts';

// CI seeds of the real node: 300 (issue 9), split across four files so the two workers share them
// (seeds-0 … seeds-3, 75 each). `npm run sim -- --seeds N --from F` runs more.
test('seeds 150–224: every invariant holds after every step, every run reaches its target height', async () => {
  const { failures, heights, txs } = await runSeeds(150, 75);
  assert.deepEqual(failures, [], failures.join('\n'));
  assert.ok(heights >= 75 * 5, 'each seed commits at least 5 heights');
  assert.ok(txs > 75, 'clients get transactions committed');
});
