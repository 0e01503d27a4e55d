import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Simulation } from '@djchain/sim';
import { plainScenario } from './helpers.ts';

test('crash and restart from the WAL at 60 different moments: no double signing, the node catches up', () => {
  let resumedMidHeight = 0;
  for (let at = 3; at < 3000; at += 50) {
    const lines: string[] = [];
    const s = plainScenario([1, 1, 2, 1], {
      seed: at,
      targetHeight: 6,
      faultEnd: at + 700,
      extraDelayMs: 200,
      faults: [{ kind: 'crash', at, node: 2, restartAt: at + 700 }],
    });
    const sim = new Simulation(s, { trace: (line) => lines.push(line) });
    const r = sim.run();
    assert.equal(r.ok, true, `crash at ${at}: ${r.violation?.code} ${r.violation?.message}`);
    const restarted = sim.nodes[2]!;
    assert.ok(restarted.chain.length >= 6);
    assert.equal(restarted.chain[5]?.root, sim.nodes[0]!.chain[5]?.root);
    if (lines.some((l) => l.includes('n2 resume'))) resumedMidHeight++;
  }
  // Node 2 (power 2 of 5) is needed for every quorum: it often crashes with a vote signed at its height.
  assert.ok(
    resumedMidHeight >= 20,
    `only ${resumedMidHeight} restarts resumed from a record of their height`,
  );
});
