/**
 * The age commitment (src/member/age.ts): the cutoff agrees with `ageOn` on every day, proofs exist
 * exactly for those old enough, and a proof holds only for its own claim and its own commitment.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allSuites, getSuite, taggedHash, toHex } from '@djchain/crypto';
import {
  AGE_CEILING,
  AGE_TAG,
  AgeError,
  addDays,
  ageCommitment,
  ageCutoff,
  ageDay,
  ageHashChain,
  ageOn,
  ageProof,
  openProfile,
  type Profile,
  sealProfile,
  verifyAgeProof,
} from '../src/index.ts';
import { testSeed } from './age-fixture.ts';

const intl = getSuite('intl');
const seed = testSeed('age-unit');
/** H^70795 of testSeed('age-unit') by taggedHash, one call of the suite's hash per step (2026-12-05). */
const KNOWN_COMMITMENT = {
  intl: '7a408eab4d29e57a0057f529973338f058c5d2734822ef169b709f4ea2466125',
  gm: 'b6b769c4c53501da9162ac8cedfc33b99cd6f86dbd9802d8943e63a2e616e7bd',
};

describe('age cutoff (党章第一条; month arithmetic clamps to the month end, RULES.md)', () => {
  it('b is minAge on D exactly when b ≤ ageCutoff(D), for every day of 2023–2029 and ages 0, 1, 4, 18', () => {
    let checked = 0;
    for (let on = '2023-01-01'; on <= '2029-12-31'; on = addDays(on, 1)) {
      for (const minAge of [0, 1, 4, 18]) {
        const cutoff = ageCutoff(on, minAge);
        for (let delta = -3; delta <= 3; delta++) {
          const b = addDays(cutoff, delta);
          assert.equal(ageOn(b, on) >= minAge, b <= cutoff, `born ${b}, ${minAge} on ${on}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 70_000);
  });

  it('29 Feb births turn 18 on 28 Feb of a common year', () => {
    assert.equal(ageCutoff('2026-02-28', 18), '2008-02-29');
    assert.equal(ageCutoff('2026-02-27', 18), '2008-02-27');
    assert.equal(ageCutoff('2026-03-01', 18), '2008-03-01');
    // In a leap application year 29 Feb is a day of its own, and 28 Feb 2006 the latest birth.
    assert.equal(ageCutoff('2024-02-29', 18), '2006-02-28');
  });

  it('day numbers count from 1900-01-01 (proleptic Gregorian)', () => {
    assert.equal(ageDay('1900-01-01'), 0);
    assert.equal(ageDay('1900-03-01'), 59); // 1900 is not a leap year
    assert.equal(ageDay('2000-03-01'), 36_584); // 2000 is
    assert.equal(AGE_CEILING, ageDay('2200-01-01'));
    assert.equal(AGE_CEILING, 300 * 365 + 73); // 73 leap days: 1904…2196 without 2100
  });
});

describe('age hash chain', () => {
  for (const suite of allSuites) {
    it(`one step is the suite's tagged hash under ${AGE_TAG} (${suite.id}/${suite.impl})`, () => {
      const x = testSeed('step');
      assert.deepEqual(ageHashChain(suite, x, 1), taggedHash(suite, AGE_TAG, x));
      assert.deepEqual(
        ageHashChain(suite, x, 3),
        taggedHash(suite, AGE_TAG, taggedHash(suite, AGE_TAG, taggedHash(suite, AGE_TAG, x))),
      );
      assert.deepEqual(ageHashChain(suite, x, 0), x);
    });
  }

  for (const id of ['intl', 'gm'] as const) {
    it(`the ${id} chain is the suite's hash applied n times, at every n up to 300 and beyond`, () => {
      // The reference: the suite's own hash through taggedHash, one call per step (node:crypto's
      // SHA-256 against the intl suite's one-block loop; SM3 through noble's frame for gm).
      const suite = getSuite(id);
      for (const start of [testSeed('chain-a'), new Uint8Array(32), new Uint8Array(32).fill(0xff)]) {
        let v = start;
        for (let n = 0; n <= 300; n++) {
          assert.deepEqual(ageHashChain(suite, start, n), v, `n = ${n}`);
          v = taggedHash(suite, AGE_TAG, v);
        }
        for (let n = 301; n < 5000; n++) v = taggedHash(suite, AGE_TAG, v);
        assert.deepEqual(ageHashChain(suite, start, 5000), v);
      }
    });
  }

  it("commitments known in advance (born 2006-03-04): the chain's bytes never move", () => {
    // Hand-recorded from the reference above, 2026-12-05; a change here invalidates every
    // commitment already on a chain.
    assert.equal(ageCommitment(intl, seed, '2006-03-04'), KNOWN_COMMITMENT.intl);
    assert.equal(ageCommitment(getSuite('gm'), seed, '2006-03-04'), KNOWN_COMMITMENT.gm);
  });

  it('node and browser implementations of a suite commit alike', () => {
    for (const id of ['intl', 'gm'] as const) {
      assert.equal(
        ageCommitment(getSuite(id, 'node'), seed, '2150-06-01'),
        ageCommitment(getSuite(id, 'browser'), seed, '2150-06-01'),
      );
    }
  });
});

describe('age commitment and proof', () => {
  const born = '2006-03-04';
  const c = ageCommitment(intl, seed, born);

  it('the 18th birthday proves 18 that day; the day before has no proof', () => {
    const p = ageProof(intl, seed, born, '2024-03-04', 18);
    assert.ok(p);
    assert.equal(verifyAgeProof(intl, c, p, '2024-03-04', 18), true);
    assert.equal(ageProof(intl, seed, born, '2024-03-03', 18), null);
  });

  it('a proof made for a later date does not hold for an earlier one, nor the reverse', () => {
    const later = ageProof(intl, seed, born, '2024-03-05', 18)!;
    assert.equal(verifyAgeProof(intl, c, later, '2024-03-05', 18), true);
    assert.equal(verifyAgeProof(intl, c, later, '2024-03-04', 18), false);
    const earlier = ageProof(intl, seed, born, '2024-03-04', 18)!;
    assert.equal(verifyAgeProof(intl, c, earlier, '2024-03-05', 18), false);
    // What a proof gives away: anyone may hash it on to weaker claims (later dates), never back.
    assert.deepEqual(ageHashChain(intl, earlier, 1), later);
  });

  it('a tampered proof, a wrong length, another seed or another commitment fail without throwing', () => {
    const p = ageProof(intl, seed, born, '2024-06-01', 18)!;
    for (let bit = 0; bit < 8; bit++) {
      const t = new Uint8Array(p);
      t[31 - bit] = t[31 - bit]! ^ (1 << bit);
      assert.equal(verifyAgeProof(intl, c, t, '2024-06-01', 18), false);
    }
    assert.equal(verifyAgeProof(intl, c, p.subarray(0, 31), '2024-06-01', 18), false);
    assert.equal(verifyAgeProof(intl, c, new Uint8Array([...p, 0]), '2024-06-01', 18), false);
    const other = ageProof(intl, testSeed('someone-else'), born, '2024-06-01', 18)!;
    assert.equal(verifyAgeProof(intl, c, other, '2024-06-01', 18), false);
    const otherC = ageCommitment(intl, testSeed('someone-else'), born);
    assert.equal(verifyAgeProof(intl, otherC, p, '2024-06-01', 18), false);
    assert.equal(verifyAgeProof(intl, c.toUpperCase(), p, '2024-06-01', 18), false);
    assert.equal(verifyAgeProof(intl, 'zz', p, '2024-06-01', 18), false);
    assert.equal(verifyAgeProof(intl, c, p, 'not-a-date', 18), false);
    assert.equal(verifyAgeProof(intl, c, p, '2024-06-01', -1), false);
    assert.equal(verifyAgeProof(intl, c, p, '2024-06-01', 1.5), false);
  });

  it('the same person proves 17 but not 19 on the 18th birthday', () => {
    const p17 = ageProof(intl, seed, born, '2024-03-04', 17)!;
    assert.equal(verifyAgeProof(intl, c, p17, '2024-03-04', 17), true);
    assert.equal(ageProof(intl, seed, born, '2024-03-04', 19), null);
  });

  it('the commitment binds the birth date: a neighbouring day commits differently', () => {
    assert.notEqual(ageCommitment(intl, seed, '2006-03-05'), c);
    assert.match(c, /^[0-9a-f]{64}$/);
    assert.notEqual(c, toHex(seed));
  });

  it('the range ends are bounded: born 1900-01-01 takes the longest chain, 2200-01-01 is refused', () => {
    const oldest = ageCommitment(intl, seed, '1900-01-01');
    assert.equal(toHex(ageHashChain(intl, seed, AGE_CEILING)), oldest);
    // A claim about a date before 1918 needs a birth before 1900: no commitment reaches it.
    assert.equal(ageProof(intl, seed, '1900-01-01', '1917-12-31', 18), null);
    assert.equal(verifyAgeProof(intl, oldest, seed, '1917-12-31', 18), false);
    assert.equal(verifyAgeProof(intl, oldest, seed, '1899-01-01', 0), false);
    const p = ageProof(intl, seed, '1900-01-01', '1918-01-01', 18)!;
    // Born exactly on the cutoff, the proof is the seed: indistinguishable from any other chain value, so
    // it still shows k ≥ m only.
    assert.deepEqual(p, seed);
    assert.equal(verifyAgeProof(intl, oldest, p, '1918-01-01', 18), true);
    const refuse = (f: () => unknown, code: string) =>
      assert.throws(f, (e: unknown) => e instanceof AgeError && e.code === code);
    refuse(() => ageCommitment(intl, seed, '2200-01-01'), 'AGE_DATE_OUT_OF_RANGE');
    refuse(() => ageCommitment(intl, seed, '1899-12-31'), 'AGE_DATE_OUT_OF_RANGE');
    refuse(() => ageCommitment(intl, seed, '2024-02-30'), 'AGE_DATE_OUT_OF_RANGE');
    refuse(() => ageCommitment(intl, seed.subarray(0, 16), born), 'AGE_BAD_SEED');
    refuse(() => ageProof(intl, seed, born, '2024-03-04', 151), 'AGE_BAD_MIN_AGE');
    refuse(() => ageProof(intl, seed, born, '2024-13-01', 18), 'AGE_DATE_OUT_OF_RANGE');
  });

  for (const suite of allSuites) {
    it(`commits, proves and verifies on ${suite.id}/${suite.impl}`, () => {
      // A birth in 2150 keeps the chain short (~18k hashes) for the slow implementations.
      const cc = ageCommitment(suite, seed, '2150-06-01');
      const p = ageProof(suite, seed, '2150-06-01', '2168-06-01', 18)!;
      assert.equal(verifyAgeProof(suite, cc, p, '2168-06-01', 18), true);
      assert.equal(verifyAgeProof(suite, cc, p, '2168-05-31', 18), false);
      assert.equal(ageProof(suite, seed, '2150-06-01', '2168-05-31', 18), null);
    });
  }

  it('an auditor entitled to the profile recomputes the commitment from the opened profile', () => {
    const suite = getSuite('gm');
    const profile: Profile = {
      name: '王五',
      gender: '男',
      birthDate: '2001-10-01',
      idNumber: '110101200110010011',
      phone: '13700000000',
      address: '东风社区5号楼',
      education: '大专',
      occupation: '快递员',
      incomeBase: 400000,
      ageSeed: seed,
    };
    const key = new Uint8Array(suite.aeadKeyLength).fill(1);
    const nonce = new Uint8Array(12).fill(2);
    const { sealed } = sealProfile(suite, key, nonce, 'm-9', new Uint8Array(16).fill(3), profile);
    const onChain = ageCommitment(suite, seed, '2001-10-01');
    const opened = openProfile(suite, key, nonce, 'm-9', sealed)!.profile;
    assert.equal(ageCommitment(suite, opened.ageSeed!, opened.birthDate), onChain);
    // A profile whose birth date was altered afterwards no longer matches the chain.
    assert.notEqual(ageCommitment(suite, opened.ageSeed!, '2001-09-30'), onChain);
  });
});
