/** Pure rule pieces: ballots, local-rule tightening, sanction effects, rights, profile sealing. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allSuites } from '@djchain/crypto';
import {
  checkBallot,
  checkProfile,
  deriveRights,
  openProfile,
  type Profile,
  RULESET_2014,
  RULESET_2026,
  sanctionEffects,
  sealProfile,
} from '../src/index.ts';
import { isTightening, tighten } from '../src/recruitment/params.ts';

const ballot = (expected: number, present: number, yes: number, writtenYes = 0) =>
  checkBallot({ expected, present, yes, no: present - yes, abstain: 0, writtenYes, writtenNo: 0 });

describe('ballots (细则第二十条、第二十一条)', () => {
  it('quorum needs more than half of the expected voters present', () => {
    assert.deepEqual(ballot(10, 5, 5), { valid: false, problem: 'quorum' });
    assert.equal(ballot(10, 6, 6).valid, true);
    assert.equal(ballot(9, 5, 5).valid, true);
  });
  it('yes needs more than half of the expected voters, written opinions counted', () => {
    assert.deepEqual(ballot(10, 8, 5), { valid: true, passed: false, yesTotal: 5 });
    assert.deepEqual(ballot(10, 8, 6), { valid: true, passed: true, yesTotal: 6 });
    assert.deepEqual(ballot(10, 6, 4, 2), { valid: true, passed: true, yesTotal: 6 });
  });
  it('counts beyond attendance are invalid', () => {
    assert.deepEqual(ballot(10, 11, 6), { valid: false, problem: 'counts' });
    assert.deepEqual(ballot(10, 9, 9, 2), { valid: false, problem: 'counts' });
  });
});

describe('local rules only tighten', () => {
  it('raise minimums, lower deadlines, never touch fixed values', () => {
    assert.equal(isTightening('activistMinMonths', 12, 18), true);
    assert.equal(isTightening('activistMinMonths', 12, 6), false);
    assert.equal(isTightening('talkWithinMonths', 1, 2), false);
    assert.equal(isTightening('politicalReviewValidMonths', null, 12), true);
    assert.equal(isTightening('minAge', 18, 19), false);
    const p = tighten(RULESET_2014.params, [
      { activistMinMonths: 18 },
      { activistMinMonths: 15, talkWithinMonths: 0 },
    ]);
    assert.equal(p.activistMinMonths, 18);
    assert.equal(p.talkWithinMonths, 0);
  });
  it('the 2026 version differs from 2014 only where the revision does', () => {
    assert.equal(RULESET_2014.steps.length, 25);
    assert.equal(RULESET_2026.params.assessmentEveryMonths, 6);
    assert.equal(RULESET_2014.params.assessmentEveryMonths, null);
    assert.equal(RULESET_2026.params.oathWithinMonths, 1);
    assert.notEqual(RULESET_2026.cites.approval, RULESET_2014.cites.approval);
  });
});

describe('sanction effects on rights (纪律处分条例)', () => {
  const base = {
    id: 's',
    member: 'm',
    months: 12,
    decidedOn: '2024-01-01',
    org: 'b1',
    status: 'approved' as const,
    effectiveFrom: '2024-01-10',
    observationEnds: '2025-01-10',
    conclusion: null,
  };
  const full = {
    status: '正式党员' as const,
    exitReason: null,
    partyAgeFrom: '2010-01-01',
    probationEnd: null,
  };
  it('留党察看 removes voting and introducer rights while in force, from its effective date', () => {
    const s = [{ ...base, kind: '留党察看' as const }];
    assert.equal(deriveRights(full, s, '2024-01-09').vote, true);
    assert.equal(deriveRights(full, s, '2024-01-10').vote, false);
    assert.equal(deriveRights(full, s, '2024-01-10').introducer, false);
    assert.equal(sanctionEffects(s, '2024-06-01').underObservation, true);
  });
  it('警告 keeps rights and bars promotion for a year', () => {
    const s = [{ ...base, kind: '警告' as const, months: null, observationEnds: null }];
    const r = deriveRights(full, s, '2024-06-01');
    assert.equal(r.vote, true);
    assert.equal(r.noPromotionUntil, '2025-01-10');
    assert.equal(deriveRights(full, s, '2025-01-10').noPromotionUntil, null);
  });
  it('a probationary member has no vote and cannot introduce (党章第七条)', () => {
    const r = deriveRights({ ...full, status: '预备党员' }, [], '2024-06-01');
    assert.deepEqual(
      [r.vote, r.elect, r.beElected, r.introducer, r.holdPosts],
      [false, false, false, false, true],
    );
  });
});

describe('personal profile: sealed off chain, committed on chain', () => {
  const profile: Profile = {
    name: '张三',
    gender: '男',
    birthDate: '1980-05-01',
    idNumber: '110101198005010000',
    phone: '13800000000',
    address: '东风社区1号楼',
    education: '本科',
    occupation: '教师',
    incomeBase: 600000,
  };
  for (const suite of allSuites) {
    it(`seals, opens and checks the commitment (${suite.id}/${suite.impl})`, () => {
      const key = new Uint8Array(suite.aeadKeyLength).fill(7);
      const nonce = new Uint8Array(12).fill(1);
      const salt = new Uint8Array(16).fill(9);
      const { sealed, commitment } = sealProfile(suite, key, nonce, 'm-1', salt, profile);
      assert.match(commitment, /^[0-9a-f]{64}$/);
      const opened = openProfile(suite, key, nonce, 'm-1', sealed);
      assert.deepEqual(opened?.profile, profile);
      assert.equal(checkProfile(suite, commitment, opened!.salt, opened!.profile), true);
      assert.equal(checkProfile(suite, commitment, salt, { ...profile, phone: '13900000000' }), false);
      // Bound to the member: the same bytes do not open as another member's profile.
      assert.equal(openProfile(suite, key, nonce, 'm-2', sealed), null);
      // Erasure: without the key nothing opens, and the commitment on chain is unchanged.
      assert.equal(openProfile(suite, new Uint8Array(suite.aeadKeyLength), nonce, 'm-1', sealed), null);
    });
  }
});
