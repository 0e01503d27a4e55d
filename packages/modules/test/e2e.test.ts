/** One member from application to full membership through the real runtime Executor. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { readHead, replayHead } from '@djchain/runtime';
import { testCommitment, testProof } from './age-fixture.ts';
import { Chain, type Step } from './harness.ts';
import { runPath } from './paths.ts';
import paths from './vectors/paths.json' with { type: 'json' };

describe('recruitment end to end', () => {
  it('takes a person from application to full membership, every step on the member history', () => {
    const chain = new Chain();
    for (const s of paths.standard as unknown as (Step & { label: string })[]) {
      const r = chain.step(s);
      assert.equal(r.receipt.status, 'ok', `${s.label}: ${JSON.stringify(r.receipt.error)}`);
    }
    const view = chain.member('cand');
    assert.equal(view.status, '正式党员');
    assert.equal(view.partyAgeFrom, '2026-05-20');
    assert.equal(view.rights.vote, true);
    assert.equal(view.rights.introducer, true);
    const events = chain.events('member:cand');
    const steps = events
      .filter((e) => e.type === 'recruitment.StepRecorded')
      .map((e) => (e.data as { step: number | null }).step)
      .filter((n) => n !== null);
    assert.deepEqual(
      [...new Set(steps)].sort((a, b) => a - b),
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    assert.deepEqual(replayHead(chain.suite, events), readHead(chain.state, 'member:cand').head);
  });

  it("checks the age proof with the chain's own suite (gm: SM3), not another one", () => {
    const chain = new Chain(getSuite('gm'));
    runPath(chain, 'standard', 'apply');
    assert.equal(chain.member('cand').status, '入党申请人');
    const intl = getSuite('intl');
    const born = '1995-01-01';
    const register = chain.step({
      at: '2024-03-05',
      by: 'b1.clerk',
      do: 'member.register',
      params: { id: 'p2', org: 'b1', address: '@p2', ageCommitment: testCommitment(intl, 'p2', born) },
    });
    assert.equal(register.receipt.status, 'ok');
    const proof = testProof(intl, { seed: 'p2', born, on: '2024-03-06' });
    const r = chain.step({
      at: '2024-03-06',
      by: 'p2',
      do: 'recruitment.apply',
      params: { member: 'p2', branch: 'b1', ageProof: proof },
    });
    assert.equal(r.receipt.error?.code, 'RECRUITMENT_TOO_YOUNG');
  });
});
