/**
 * `src/app/resident.ts` takes the matter statuses and the vote choices from @djchain/modules/lists.
 * This test keeps them equal to the modules': a drift fails here, not at the service centre's
 * counter. (The commitment of the clerk's check is no longer computed in the browser: the
 * sealed-data service computes it, packages/cli/test/sealed-declarations.test.ts.)
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { VOTE_CHOICES as CHAIN_CHOICES, MATTER_STATUSES as CHAIN_STATUSES } from '@djchain/modules';
import { VOTE_CHOICES as WEB_CHOICES, MATTER_STATUSES as WEB_STATUSES } from '../src/app/resident.ts';

it("the web copies of the matter statuses and vote choices are the modules' lists, in order", () => {
  assert.deepEqual([...WEB_STATUSES], [...CHAIN_STATUSES]);
  assert.deepEqual([...WEB_CHOICES], ['赞成', '反对', '弃权']);
  assert.deepEqual([...WEB_CHOICES], [...CHAIN_CHOICES]);
});
