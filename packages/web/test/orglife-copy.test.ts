/**
 * The web app may not import the modules (scripts/check-layers.ts), so `src/app/orglife.ts` keeps its
 * own list of meeting kinds. This test keeps the copy equal to the modules' rule set, in order: a kind
 * added on chain and missing on the page (or renamed) fails here, not in front of a secretary.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MEETING_KINDS as CHAIN_KINDS } from '@djchain/modules';
import { MEETING_KINDS as WEB_KINDS } from '../src/app/orglife.ts';

it("the web copy of the meeting kinds is the modules' list, in order", () => {
  assert.deepEqual([...WEB_KINDS], [...CHAIN_KINDS]);
  assert.equal(WEB_KINDS.length, 8);
});
