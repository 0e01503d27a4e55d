/**
 * `src/app/resident.ts` takes the matter statuses, the vote choices and the check's domain tag from
 * @djchain/modules/lists, and computes the commitment of the clerk's check in the browser. This test
 * keeps them equal to the modules': a drift fails here, not at the service centre's counter.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { getSuite } from '@djchain/crypto';
import {
  VOTE_CHOICES as CHAIN_CHOICES,
  MATTER_STATUSES as CHAIN_STATUSES,
  residentCheckCommitment as chainCommitment,
} from '@djchain/modules';
import {
  VOTE_CHOICES as WEB_CHOICES,
  MATTER_STATUSES as WEB_STATUSES,
  residentCheckCommitment as webCommitment,
} from '../src/app/resident.ts';

it("the web copies of the matter statuses and vote choices are the modules' lists, in order", () => {
  assert.deepEqual([...WEB_STATUSES], [...CHAIN_STATUSES]);
  assert.deepEqual([...WEB_CHOICES], ['赞成', '反对', '弃权']);
  assert.deepEqual([...WEB_CHOICES], [...CHAIN_CHOICES]);
});

it("the browser's commitment of the check is the modules' one, in both suites", () => {
  const check = {
    resident: 'res-1',
    address: 'ab'.repeat(20),
    checkedOn: '2026-12-03',
    check: '居民身份证，本人到场',
  };
  const salt = new Uint8Array(16).map((_, i) => i + 1);
  for (const id of ['intl', 'gm'] as const) {
    const web = webCommitment(getSuite(id, 'browser'), salt, check);
    assert.match(web ?? '', /^[0-9a-f]{64}$/);
    assert.equal(web, chainCommitment(getSuite(id), salt, check));
  }
  assert.equal(webCommitment(getSuite('intl'), new Uint8Array(15), check), null);
});
