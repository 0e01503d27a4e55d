/**
 * The import's age commitments: the worker pool gives exactly the commitment @djchain/modules
 * computes (the chain checks proofs against it; its one-block SHA-256 chain is tested there).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { ageCommitment } from '@djchain/modules';
import { AgePool } from '../src/commands/import-age.ts';

const seedOf = (i: number) => Uint8Array.from({ length: 32 }, (_, j) => (i * 31 + j * 7) & 0xff);
const intl = getSuite('intl');

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
