/**
 * The invariants have teeth: each deliberately broken variant of the real code (mutants.ts) is
 * caught on a recorded seed on which the real code holds every invariant. Seeds were picked from
 * `npm run sim -- --mutants` (every behaviour in the pool).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BYZANTINE_BEHAVIOURS, MUTANTS, runSeed, type ViolationCode } from '@djchain/sim';

const opts = { scenario: { behaviours: BYZANTINE_BEHAVIOURS }, timeOnlyEvidence: true };

const CASES: ReadonlyArray<{ mutant: string; seed: number; code: ViolationCode; todo?: string }> = [
  { mutant: 'no-lock-check', seed: 0, code: 'LOCK' },
  { mutant: 'certificate-not-verified', seed: 6, code: 'CERTIFICATE' },
  { mutant: 're-sign-after-restart', seed: 2, code: 'DOUBLE_SIGN' },
  { mutant: 'no-proposer-check', seed: 8, code: 'PROPOSER' },
  // The node's own commit-time check (Application.commit) stops it: FATAL rather than a stored bad certificate.
  { mutant: 'validator-counted-twice', seed: 20, code: 'FATAL' },
  { mutant: 'time-only-equivocation-ignored', seed: 20, code: 'EVIDENCE_MISSED' },
];

const baselines = new Map<number, Awaited<ReturnType<typeof runSeed>>>();

for (const c of CASES) {
  test(`mutant ${c.mutant} is caught (${c.code}) on seed ${c.seed}, where the real code holds`, {
    todo: c.todo,
  }, async () => {
    const mutant = MUTANTS.find((m) => m.name === c.mutant);
    assert.ok(mutant, c.mutant);
    let base = baselines.get(c.seed);
    if (base === undefined) {
      base = await runSeed(c.seed, opts);
      baselines.set(c.seed, base);
    }
    assert.equal(
      base.ok,
      true,
      `real code on seed ${c.seed}: ${base.violation?.code} ${base.violation?.message}`,
    );
    const r = await runSeed(c.seed, { ...opts, unsafe: mutant.unsafe });
    assert.equal(r.violation?.code, c.code, r.violation?.message ?? 'not caught');
  });
}

test('every mutant has a case', () => {
  assert.deepEqual(MUTANTS.map((m) => m.name).sort(), CASES.map((c) => c.mutant).sort());
});
