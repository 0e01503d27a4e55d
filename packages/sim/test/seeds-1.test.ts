import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSeedsPass } from './seeds.ts';

// CI seeds, split across files so the test runner's two workers share them.
test('seeds 300–599: every invariant holds after every step, every run reaches its target height', () => {
  const { heights } = assertSeedsPass(300, 300);
  assert.ok(heights >= 300 * 4, 'each seed decides at least 4 heights');
});
