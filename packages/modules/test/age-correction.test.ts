/**
 * Issue 10: one clerk could replace a member's age commitment at any time, so an under-18 applicant
 * passed. A replacement is now only proposed; the branch secretary (the superior 党委 when the
 * secretary proposed) confirms it, and the member's history shows both acts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from '@djchain/crypto';
import { Chain, type Step } from './harness.ts';

const REAL = '2010-01-01'; // 14 in 2024: too young to apply
const FAKE = '2000-01-01';
const commitment = (born: string) => ({ $ageCommitment: { seed: 'p9', born } });
const proof = (born: string, on: string) => ({ $ageProof: { seed: 'p9', born, on } });

function code(chain: Chain, s: Step): string {
  const r = chain.step(s).receipt;
  return r.status === 'ok' ? 'ok' : (r.error?.code ?? 'failed');
}

function setup(): Chain {
  const chain = new Chain();
  const r = chain.step({
    at: '2024-03-01',
    by: 'b1.clerk',
    do: 'member.register',
    params: { id: 'p9', org: 'b1', address: '@p9', ageCommitment: commitment(REAL) },
  });
  assert.equal(r.receipt.status, 'ok');
  return chain;
}

const apply = (at: string): Step => ({
  at,
  by: 'p9',
  do: 'recruitment.apply',
  params: { member: 'p9', branch: 'b1', ageProof: proof(FAKE, at) },
});

describe('replacing an age commitment takes two people', () => {
  it('a clerk alone cannot make an under-18 applicant pass; the secretary confirms, both are on record', () => {
    const chain = setup();
    const propose = (by: string, at: string) =>
      code(chain, { at, by, do: 'member.commitAge', params: { member: 'p9', commitment: commitment(FAKE) } });
    const confirm = (by: string, at: string) =>
      code(chain, {
        at,
        by,
        do: 'member.confirmAgeCorrection',
        params: { member: 'p9', commitment: commitment(FAKE) },
      });
    const results = [
      propose('b1.clerk', '2024-03-02'),
      code(chain, apply('2024-03-03')), // still the registered commitment
      confirm('b1.clerk', '2024-03-04'), // the proposer, a clerk: confirming is the secretary's
      confirm('b1.org', '2024-03-05'), // a 组织委员 is no second party here
      code(chain, {
        at: '2024-03-06',
        by: 'b1.sec',
        do: 'member.confirmAgeCorrection',
        params: { member: 'p9', commitment: commitment('1999-01-01') },
      }), // only the commitment proposed
      confirm('b1.sec', '2024-03-07'),
      code(chain, apply('2024-03-08')),
    ];
    assert.deepEqual(results, [
      'ok',
      'RECRUITMENT_TOO_YOUNG',
      'MEMBER_NOT_PERMITTED',
      'MEMBER_NOT_PERMITTED',
      'MEMBER_NO_AGE_CORRECTION',
      'ok',
      'ok',
    ]);
    const acts = chain
      .events('member:p9')
      .filter((e) => e.type.startsWith('member.Age'))
      .map((e) => {
        const d = e.data as { [k: string]: Value };
        return { type: e.type, by: d.by, proposedBy: d.proposedBy ?? null, replaced: d.replaced ?? null };
      });
    assert.deepEqual(acts, [
      { type: 'member.AgeCorrectionProposed', by: 'b1.clerk', proposedBy: null, replaced: null },
      { type: 'member.AgeCommitted', by: 'b1.sec', proposedBy: 'b1.clerk', replaced: true },
    ]);
  });

  it('when the secretary proposes, the superior 党委 confirms', () => {
    const chain = setup();
    const step = (by: string, at: string, action: string) =>
      code(chain, { at, by, do: `member.${action}`, params: { member: 'p9', commitment: commitment(FAKE) } });
    assert.deepEqual(
      [
        step('b1.sec', '2024-03-02', 'commitAge'),
        step('b1.sec', '2024-03-03', 'confirmAgeCorrection'),
        step('c.org', '2024-03-04', 'confirmAgeCorrection'),
      ],
      ['ok', 'MEMBER_AGE_SAME_PARTY', 'ok'],
    );
  });

  it('the first commitment of a member without one is recorded at once (registration trust)', () => {
    const chain = new Chain();
    chain.step({
      at: '2024-03-01',
      by: 'b1.clerk',
      do: 'member.register',
      params: { id: 'p8', org: 'b1', address: '@p8' },
    });
    const r = chain.step({
      at: '2024-03-02',
      by: 'b1.clerk',
      do: 'member.commitAge',
      params: { member: 'p8', commitment: 'ab'.repeat(32) },
    });
    assert.deepEqual(
      r.events.map((e) => [e.type, (e.data as { replaced?: boolean }).replaced]),
      [['member.AgeCommitted', false]],
    );
    assert.equal(chain.member('p8').ageCommitment, 'ab'.repeat(32));
  });
});
