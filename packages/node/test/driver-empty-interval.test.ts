/**
 * The empty-block interval can change while a node waits (ConsensusDriver.setEmptyBlockInterval):
 * the demo's replay node makes blocks at once while its clock is driven and slowly on the wall
 * clock. The wait under way is timed again from the last commit, not left at the old interval.
 * Timers are the test's own: what the driver schedules is read, nothing waits on the wall clock.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { kvModule } from '@djchain/testkit/kv';
import { openNode, type Timers } from '../src/index.ts';
import { genesisFor, keyOf, SLOW_TIMEOUTS, tempDir, waitForCommit } from './helpers.ts';

test('a wait for an empty block is timed again when the interval changes', async (t) => {
  const suite = getSuite('intl');
  const key = keyOf(suite, 0);
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(++next, { fn, ms });
      return next;
    },
    clearTimeout: (h) => {
      pending.delete(h as number);
    },
    setImmediate: (fn) => {
      setImmediate(fn);
    },
  };
  const node = openNode(
    {
      dataDir: join(tempDir(t), 'n'),
      genesis: genesisFor(suite, [key]),
      modules: [kvModule],
      driver: { emptyBlockIntervalMs: 60_000, timeouts: SLOW_TIMEOUTS },
    },
    // A clock standing still: every delay below is the interval itself.
    { key, timers, now: () => 1_000_000 },
  );
  t.after(() => node.close());
  const waits = () => [...pending.values()].map((p) => p.ms);
  assert.deepEqual(waits(), [60_000], 'waiting a minute for the first block');

  node.driver.setEmptyBlockInterval(30);
  assert.deepEqual(waits(), [30], 'the minute-long wait is replaced by one of 30 ms');

  const committed = waitForCommit(node, (e) => e.executed.block.header.height === 1, 1);
  [...pending.values()][0]!.fn();
  assert.equal((await committed).executed.block.header.height, 1);
  assert.throws(() => node.driver.setEmptyBlockInterval(-1), { code: 'NODE_BAD_CONFIG' });
});
