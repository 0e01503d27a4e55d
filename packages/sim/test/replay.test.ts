import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeScenario, runSeed } from '@djchain/sim';

test('replay: the same seed gives the identical trace hash twice, with or without a trace listener', async () => {
  for (const seed of [3, 12]) {
    const lines: string[] = [];
    const a = await runSeed(seed, { trace: (line) => lines.push(line) });
    const b = await runSeed(seed);
    assert.equal(a.traceHash, b.traceHash, `seed ${seed}`);
    assert.equal(a.events, b.events);
    assert.ok(lines.length > 100, 'the trace lists the events');
    assert.ok(
      lines.some((l) => / commit h\d+ /.test(l)),
      'the trace shows the real nodes committing',
    );
  }
});

test('replay: different seeds give different scenarios and traces', async () => {
  const hashes = new Set<string>();
  for (const seed of [1, 2, 3]) hashes.add((await runSeed(seed)).traceHash);
  assert.equal(hashes.size, 3);
  assert.notDeepEqual(makeScenario(1), makeScenario(2));
  assert.deepEqual(makeScenario(9), makeScenario(9));
});
