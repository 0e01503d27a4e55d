/**
 * The import's age commitments: the one-block SHA-256 chain and the worker pool give exactly the
 * commitment @djchain/modules computes (the chain checks proofs against it), for both suites.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { ageCommitment, ageHashChain } from '@djchain/modules';
import { AgePool, fastAgeCommitment, sha256Chain } from '../src/commands/import-age.ts';

const seedOf = (i: number) => Uint8Array.from({ length: 32 }, (_, j) => (i * 31 + j * 7) & 0xff);
const intl = getSuite('intl');

test('sha256Chain is ageHashChain for the intl suite, step by step', () => {
  for (const n of [0, 1, 2, 3, 64, 1000]) {
    const x = seedOf(n);
    assert.deepEqual(sha256Chain(x, n), ageHashChain(intl, x, n), `n = ${n}`);
  }
});

test('fastAgeCommitment is ageCommitment (intl), including the range ends and 29 February', () => {
  const dates = ['1900-01-01', '1952-02-29', '1990-12-31', '2004-02-29', '2199-12-31'];
  dates.forEach((d, i) => {
    assert.equal(fastAgeCommitment(intl, seedOf(i), d), ageCommitment(intl, seedOf(i), d), d);
  });
  // Out of range: the same coded error as ageCommitment.
  assert.throws(() => fastAgeCommitment(intl, seedOf(0), '1899-12-31'), /AGE_DATE_OUT_OF_RANGE|birth date/);
});

test('the gm suite goes through ageCommitment itself', () => {
  const gm = getSuite('gm');
  assert.equal(fastAgeCommitment(gm, seedOf(1), '2190-06-01'), ageCommitment(gm, seedOf(1), '2190-06-01'));
});

test('the worker pool answers what ageCommitment computes, in any number of jobs', async () => {
  const pool = new AgePool(intl, 2);
  try {
    const dates = ['1960-03-04', '1985-07-01', '2001-11-30', '1999-02-28', '1975-05-05'];
    const got = await Promise.all(dates.map((d, i) => pool.commit(seedOf(i + 10), d)));
    assert.deepEqual(
      got,
      dates.map((d, i) => ageCommitment(intl, seedOf(i + 10), d)),
    );
  } finally {
    await pool.close();
  }
});
