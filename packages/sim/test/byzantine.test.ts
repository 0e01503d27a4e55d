import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Behaviour, makeScenario, runScenario, runSeed } from '@djchain/sim';
import { plainScenario, withByzantine } from './helpers.ts';

const EQUIVOCATORS: Behaviour[] = ['equivocatingVoter', 'twin', 'equivocatingProposer', 'amnesiacProposer'];

for (const behaviour of EQUIVOCATORS) {
  test(`Byzantine ${behaviour}: evidence names it (and only it), correct nodes agree and reach the target`, () => {
    // Twins broadcast both versions to everyone; a lone equivocator's pair meets only through
    // re-gossip, which a lossy first second sets off.
    const net = behaviour === 'twin' ? {} : { faultEnd: 1000, dropP: 0.3 };
    const s = withByzantine(plainScenario([1, 1, 1, 1], { targetHeight: 8, seed: 11, ...net }), 3, behaviour);
    const r = runScenario(s);
    assert.equal(r.ok, true, r.violation?.message);
    assert.deepEqual(r.evidenceAgainst, ['v3']);
    assert.ok(r.minCorrectHeight >= 8);
  });
}

for (const behaviour of ['invalidProposer', 'silent', 'timeDragger'] as Behaviour[]) {
  test(`Byzantine ${behaviour} with the most power under 1/3: safety, liveness and BFT time hold`, () => {
    const s = withByzantine(plainScenario([3, 3, 3, 4], { targetHeight: 8, seed: 12 }), 3, behaviour);
    const r = runScenario(s);
    assert.equal(r.ok, true, r.violation?.message);
    assert.deepEqual(r.evidenceAgainst, []);
  });
}

test('over the CI seeds, runs with equivocators produce evidence, and never against a correct validator', () => {
  let withEquivocators = 0;
  let withEvidence = 0;
  for (let seed = 0; seed < 120; seed++) {
    const s = makeScenario(seed);
    const equivocators = s.validators.filter((v) =>
      ['equivocatingVoter', 'twin', 'amnesiacProposer'].includes(v.behaviour),
    );
    if (equivocators.length === 0) continue;
    withEquivocators++;
    const r = runSeed(seed);
    assert.equal(r.ok, true, `seed ${seed}: ${r.violation?.message}`);
    const byzantine = new Set(s.validators.filter((v) => v.behaviour !== 'correct').map((v) => v.id));
    for (const id of r.evidenceAgainst) assert.ok(byzantine.has(id), `seed ${seed}: evidence against ${id}`);
    if (r.evidenceAgainst.length > 0) withEvidence++;
  }
  assert.ok(withEquivocators >= 20);
  assert.ok(
    withEvidence >= withEquivocators * 0.8,
    `${withEvidence} of ${withEquivocators} runs had evidence`,
  );
});
