import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BYZANTINE_BEHAVIOURS, makeScenario } from '@djchain/sim';

test('scenarios span 4–6 validators, weighted powers, every behaviour and fault kind, Byzantine power under 1/3', () => {
  const sizes = new Set<number>();
  const kinds = new Set<string>();
  const behaviours = new Set<string>();
  let weighted = 0;
  for (let seed = 0; seed < 400; seed++) {
    const s = makeScenario(seed, { behaviours: BYZANTINE_BEHAVIOURS });
    sizes.add(s.validators.length);
    if (s.validators.some((v) => v.power !== 1)) weighted++;
    for (const f of s.faults) {
      kinds.add(
        f.kind === 'partition' && f.oneWay
          ? 'one-way partition'
          : f.kind === 'wipe'
            ? `wipe re-joined by ${f.rejoin}`
            : f.kind,
      );
      // Storage faults only on nodes counted as faulty (a wiped validator may sign anew).
      if (f.kind === 'wipe' || f.kind === 'restore') {
        assert.equal(s.validators[s.nodeValidator[f.node]!]!.behaviour, 'storage');
      }
      // Lost unsynced writes keep the fsync'd signer state: correct nodes suffer them.
      if (f.kind === 'crash' || f.kind === 'lose')
        assert.equal(s.validators[s.nodeValidator[f.node]!]!.behaviour, 'correct');
    }
    if (s.dropP > 0) kinds.add('drop');
    if (s.duplicateP > 0) kinds.add('duplicate');
    if (s.extraDelayMs > 0) kinds.add('delay');
    if (s.clockSkewMs.some((x) => x !== 0)) kinds.add('skew');
    assert.ok(s.clockSkewMs.every((x) => Math.abs(x) <= s.maxSkewMs));
    const total = s.validators.reduce((a, v) => a + v.power, 0);
    const byz = s.validators.filter((v) => v.behaviour !== 'correct');
    for (const v of byz) behaviours.add(v.behaviour);
    assert.ok(byz.reduce((a, v) => a + v.power, 0) * 3 < total, `seed ${seed}: Byzantine power under 1/3`);
  }
  assert.deepEqual([...sizes].sort(), [4, 5, 6]);
  assert.ok(weighted > 80);
  assert.deepEqual([...kinds].sort(), [
    'crash',
    'delay',
    'drop',
    'duplicate',
    'lose',
    'one-way partition',
    'partition',
    'pause',
    'restore',
    'skew',
    'wipe re-joined by blocks',
    'wipe re-joined by snapshot',
  ]);
  assert.deepEqual([...behaviours].sort(), [...BYZANTINE_BEHAVIOURS].sort());
});
