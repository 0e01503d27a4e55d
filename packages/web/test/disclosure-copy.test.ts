/**
 * The web app may not import the modules (scripts/check-layers.ts), so `src/app/disclosure.ts` keeps
 * its own copy of the disclosure scopes, kinds and record fields. This test keeps the copy equal to
 * the modules': a kind, scope or field added on chain and missing on the page fails here.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type DisclosureItem as ChainItem, DISCLOSURE_KINDS, DISCLOSURE_SCOPES } from '@djchain/modules';
import {
  DISCLOSURE_KINDS as WEB_KINDS,
  DISCLOSURE_SCOPES as WEB_SCOPES,
  type DisclosureItem as WebItem,
} from '../src/app/disclosure.ts';

it("the web copy of the disclosure scopes and kinds is the modules' list, in order", () => {
  assert.deepEqual([...WEB_SCOPES], [...DISCLOSURE_SCOPES]);
  assert.deepEqual([...WEB_KINDS], [...DISCLOSURE_KINDS]);
  assert.equal(WEB_KINDS.length, 7);
});

it('the web copy of the item record has exactly the fields of the chain record', () => {
  // Compile time: each record type is assignable to the other (tsc fails on a field added to one).
  const fromChain = (c: ChainItem): WebItem => c;
  const fromWeb = (w: WebItem): Omit<ChainItem, 'kind'> => w;
  const sample: ChainItem = {
    id: 'x',
    org: 'b1',
    kind: '通知公告',
    scope: 'public',
    from: '2026-01-05',
    until: null,
    content: null,
    corrects: null,
    withdraws: null,
    reason: null,
    meeting: null,
    source: null,
    by: 'm-1',
    on: '2026-01-05',
    height: 3,
  };
  assert.deepEqual(Object.keys(fromWeb(fromChain(sample))).sort(), Object.keys(sample).sort());
});
