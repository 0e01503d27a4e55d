/**
 * `src/app/orglife.ts` takes the meeting kinds from @djchain/modules/lists (the data-only path the
 * web app may import). This test checks that the page's list is the modules' rule set, in order.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MEETING_KINDS as CHAIN_KINDS } from '@djchain/modules';
import { MEETING_KINDS as WEB_KINDS } from '../src/app/orglife.ts';

it("the web copy of the meeting kinds is the modules' list, in order", () => {
  assert.deepEqual([...WEB_KINDS], [...CHAIN_KINDS]);
  assert.equal(WEB_KINDS.length, 8);
});
