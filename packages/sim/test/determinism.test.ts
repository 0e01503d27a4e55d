import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeScenario, runSeed } from '@djchain/sim';

test('replay: the same seed gives the identical trace hash twice, with or without a trace listener', () => {
  for (const seed of [7, 42, 1234]) {
    const lines: string[] = [];
    const a = runSeed(seed, { trace: (line) => lines.push(line) });
    const b = runSeed(seed);
    assert.equal(a.traceHash, b.traceHash, `seed ${seed}`);
    assert.equal(a.events, b.events);
    assert.ok(lines.length > 100, 'the trace lists the events');
  }
});

test('replay: different seeds give different scenarios and traces', () => {
  const hashes = new Set([1, 2, 3, 4, 5].map((seed) => runSeed(seed).traceHash));
  assert.equal(hashes.size, 5);
  assert.notDeepEqual(makeScenario(1), makeScenario(2));
  assert.deepEqual(makeScenario(9), makeScenario(9));
});

test('scenarios span 4–10 validators, weighted powers, Byzantine validators under 1/3 of power, and every fault kind', () => {
  const sizes = new Set<number>();
  const kinds = new Set<string>();
  const behaviours = new Set<string>();
  let weighted = 0;
  for (let seed = 0; seed < 300; seed++) {
    const s = makeScenario(seed);
    sizes.add(s.validators.length);
    if (s.validators.some((v) => v.power !== 1)) weighted++;
    for (const f of s.faults) kinds.add(f.kind);
    if (s.dropP > 0) kinds.add('drop');
    if (s.duplicateP > 0) kinds.add('duplicate');
    if (s.extraDelayMs > 0) kinds.add('delay');
    const total = s.validators.reduce((a, v) => a + v.power, 0);
    const byz = s.validators.filter((v) => v.behaviour !== 'correct');
    for (const v of byz) behaviours.add(v.behaviour);
    assert.ok(byz.reduce((a, v) => a + v.power, 0) * 3 < total, `seed ${seed}: Byzantine power under 1/3`);
  }
  assert.deepEqual(
    [...sizes].sort((a, b) => a - b),
    [4, 5, 6, 7, 8, 9, 10],
  );
  assert.ok(weighted > 50);
  assert.deepEqual([...kinds].sort(), ['crash', 'delay', 'drop', 'duplicate', 'partition', 'pause']);
  assert.deepEqual([...behaviours].sort(), [
    'amnesiacProposer',
    'equivocatingProposer',
    'equivocatingVoter',
    'invalidProposer',
    'silent',
    'timeDragger',
    'twin',
  ]);
});
