/**
 * Steps 6 (培养教育考察) and 21 (继续教育考察) share the action recordAssessment: each record must
 * stay its own step — a probationary member's assessment is step 21 and leaves step 6's record as it
 * was; one made of a 发展对象 is no chart step at all (never "step 6" dated after step 7).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain } from './harness.ts';
import { runPath } from './paths.ts';

type Proc = { steps: { [k: string]: { on: string } }; assessments: string[] };
const stepsOf = (chain: Chain) =>
  chain
    .events('member:cand')
    .filter(
      (e) =>
        e.type === 'recruitment.StepRecorded' && (e.data as { action: string }).action === 'recordAssessment',
    )
    .map((e) => (e.data as { step: number | null }).step);

describe('assessment records (steps 6 and 21)', () => {
  it("a probationary member's assessment is step 21 and leaves step 6's record alone", () => {
    const chain = new Chain();
    runPath(chain, 'standard', 'probationAssessment');
    const p = chain.query('recruitment', 'process', { member: 'cand' }) as unknown as Proc;
    // Step 6: the activist's last assessment (2025-03-20), before step 7 (2025-04-10).
    assert.equal(p.steps.recordAssessment?.on, '2025-03-20');
    assert.equal(p.steps.nameCandidate?.on, '2025-04-10');
    // Step 21: its own record.
    assert.equal(p.steps.probationAssessment?.on, '2025-12-01');
    assert.deepEqual(stepsOf(chain), [6, 6, 21]);
  });

  it('an assessment of a 发展对象 is no chart step and does not move step 6', () => {
    const chain = new Chain();
    runPath(chain, 'standard', 'setIntroducers');
    const r = chain.step({
      at: '2025-04-16',
      by: 'b1.m1',
      do: 'recruitment.recordAssessment',
      params: { member: 'cand', ref: 'doc-c' },
    });
    assert.equal(r.receipt.status, 'ok');
    const p = chain.query('recruitment', 'process', { member: 'cand' }) as unknown as Proc;
    assert.equal(p.steps.recordAssessment?.on, '2025-03-20');
    assert.equal(p.steps.candidateAssessment?.on, '2025-04-16');
    assert.equal(p.steps.probationAssessment, undefined);
    assert.deepEqual(p.assessments, ['2024-10-10', '2025-03-20', '2025-04-16']);
    assert.deepEqual(stepsOf(chain), [6, 6, null]);
  });

  it('the rule set names the record of step 21', () => {
    const chain = new Chain();
    const sets = chain.query('recruitment', 'ruleSets', {}) as unknown as {
      versions:
        | Array<{ id: string; steps: Array<{ no: number; record?: string }> }>
        | Record<string, { steps: Array<{ no: number; record?: string }> }>;
    };
    const list = Array.isArray(sets.versions) ? sets.versions : Object.values(sets.versions);
    for (const v of list) assert.equal(v.steps.find((s) => s.no === 21)?.record, 'probationAssessment');
  });
});
