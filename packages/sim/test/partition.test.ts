import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScenario, Simulation } from '@djchain/sim';
import { plainScenario } from './helpers.ts';

const AT = 150;
const HEAL = 20_000;

test('partition of 2 of 4: the chain halts without forking, and resumes after the heal', () => {
  const s = plainScenario([1, 1, 1, 1], {
    targetHeight: 8,
    faultEnd: HEAL,
    faults: [{ kind: 'partition', at: AT, until: HEAL, groups: [0, 0, 1, 1] }],
  });
  const r = runScenario(s);
  assert.equal(r.ok, true, r.violation?.message);
  // Messages already in flight when the partition began may finish one height (delays < 40 ms).
  const during = r.decisionTimes.filter((d) => d.atMs > AT + 100 && d.atMs < HEAL);
  assert.deepEqual(during, [], 'no decision while neither side holds more than 2/3 of the power');
  const before = Math.max(0, ...r.decisionTimes.filter((d) => d.atMs <= AT + 100).map((d) => d.height));
  assert.ok(before < 8, 'the partition began before the target height');
  assert.ok(
    r.decisionTimes.some((d) => d.atMs >= HEAL && d.height === 8),
    'progress after the heal',
  );
  assert.ok(r.maxStallAfterHealMs < 60_000);
});

test('partition of 1 of 4: the other 3 keep deciding; the isolated node catches up after the heal', () => {
  const s = plainScenario([1, 1, 1, 1], {
    targetHeight: 30,
    faultEnd: 3000,
    faults: [{ kind: 'partition', at: AT, until: 3000, groups: [0, 0, 0, 1] }],
  });
  const sim = new Simulation(s);
  const r = sim.run();
  assert.equal(r.ok, true, r.violation?.message);
  assert.ok(r.decisionTimes.some((d) => d.node === 0 && d.atMs > AT + 100 && d.atMs < 3000));
  assert.equal(
    r.decisionTimes.some((d) => d.node === 3 && d.atMs > AT + 100 && d.atMs < 3000),
    false,
  );
  const roots = sim.nodes.map((n) => n.chain[29]?.root);
  assert.equal(new Set(roots).size, 1);
});
