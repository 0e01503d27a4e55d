/**
 * The issue 16 forms keep their own copies of module lists and records (`src/app/openness.ts`; the
 * web app may not import the modules): the kinds a committee publishes by hand, the request kinds
 * and outcomes, the committee posts and the request record. Equal to the modules' here.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  ANSWER_OUTCOMES,
  COMMITTEE_POSTS,
  PUBLISHED_KINDS,
  REQUEST_KINDS,
  type RequestRecord,
} from '@djchain/modules';
import * as web from '../src/app/openness.ts';

it("the forms' lists are the modules' (publish offers every hand-published kind but 撤回声明)", () => {
  assert.deepEqual([...web.HAND_KINDS], ['会议纪要', '工作公开', '通知公告']);
  assert.deepEqual(
    [...web.HAND_KINDS],
    PUBLISHED_KINDS.filter((k) => k !== '撤回声明'),
  );
  assert.deepEqual([...web.REQUEST_KINDS], [...REQUEST_KINDS]);
  assert.deepEqual([...web.ANSWER_OUTCOMES], [...ANSWER_OUTCOMES]);
  assert.deepEqual([...web.COMMITTEE_POSTS], [...COMMITTEE_POSTS]);
});

it("the page's request record has the chain record's fields", () => {
  // Compile time: each type is assignable to the other (tsc fails on a field added to one).
  const fromChain = (c: RequestRecord): web.RequestInfo => c;
  const fromWeb = (w: web.RequestInfo): RequestRecord => w;
  assert.equal(typeof fromChain, 'function');
  assert.equal(typeof fromWeb, 'function');
});
