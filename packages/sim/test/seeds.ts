/** Runs a range of seeds and fails with every failure line (each names its seed and replay command). */
import assert from 'node:assert/strict';
import { failureLine, makeScenario, runSeed } from '@djchain/sim';

export function assertSeedsPass(from: number, count: number): { events: number; heights: number } {
  const failures: string[] = [];
  let events = 0;
  let heights = 0;
  for (let seed = from; seed < from + count; seed++) {
    const r = runSeed(seed);
    events += r.events;
    heights += r.minCorrectHeight;
    if (!r.ok) failures.push(failureLine(r, makeScenario(seed)));
  }
  assert.deepEqual(failures, [], failures.join('\n'));
  return { events, heights };
}
