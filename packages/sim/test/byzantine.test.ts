/** Each Byzantine behaviour alone against three correct validators: every invariant holds. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BYZANTINE_BEHAVIOURS, runScenario } from '@djchain/sim';
import { plainScenario, withByzantine } from './helpers.ts';

// Whose conflicting votes always meet at some correct node in this scenario (a time-only pair may
// not; EVIDENCE_MISSED still checks every pair a node accepted).
const EQUIVOCATING = new Set(['equivocator', 'amnesiac', 'twin', 'flooder']);

for (const behaviour of BYZANTINE_BEHAVIOURS) {
  test(`Byzantine ${behaviour}: the correct nodes agree, reach the target and hold every invariant`, async () => {
    // A lossy first seconds: rounds fail, re-gossip runs, conflicting messages meet.
    const s = withByzantine(
      plainScenario([1, 1, 1, 1], {
        seed: 21,
        targetHeight: 9,
        faultEnd: 3000,
        dropP: 0.15,
        extraDelayMs: 100,
      }),
      3,
      behaviour,
    );
    const r = await runScenario(s);
    assert.equal(r.ok, true, `${r.violation?.code}: ${r.violation?.message}`);
    assert.ok(r.minCorrectHeight >= 9);
    for (const id of r.evidenceAgainst)
      assert.equal(id, 'v3', 'evidence only against the Byzantine validator');
    if (EQUIVOCATING.has(behaviour))
      assert.deepEqual(r.evidenceAgainst, ['v3'], 'its equivocation became evidence');
  });
}
