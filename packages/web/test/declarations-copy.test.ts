/**
 * The web app may not import the modules (scripts/check-layers.ts), so `src/app/declarations.ts`
 * keeps its own copy of a personal declaration's record, its steps and a read-log entry. This test
 * keeps the copy equal: the steps at run time, the record shapes at type-check time (each
 * assignable to the other, so a field added, dropped or retyped on one side fails `tsc`).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  PERSONAL_STEPS as CHAIN_STEPS,
  type ReadEntry as ChainEntry,
  type PersonalRecord as ChainRecord,
} from '@djchain/modules';
import {
  PERSONAL_STEPS as WEB_STEPS,
  type ReadEntry as WebEntry,
  type PersonalRecord as WebRecord,
} from '../src/app/declarations.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const recordsAgree: Same<WebRecord, ChainRecord> = true;
const entriesAgree: Same<WebEntry, ChainEntry> = true;

it("the web copy of a declaration's steps is the modules' list, in order; the shapes agree", () => {
  assert.deepEqual([...WEB_STEPS], [...CHAIN_STEPS]);
  assert.equal(WEB_STEPS.length, 5);
  assert.ok(recordsAgree && entriesAgree);
});
