/**
 * The import's pipeline against a real node: a roster of several batches (full members and future
 * applicants, whose age commitments come from the worker pool) imported in one run; a re-run with
 * the same profiles file skips everyone by lookup; a run with a NEW profiles file (same vault)
 * cannot look the ids up, is refused by the chain (MEMBER_EXISTS) and counts them as skipped.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { idCheckChar } from '@djchain/client/roster';
import { djchain } from '@djchain/testkit/process';
import { importArgs, queryMember, startTestChain, type TestChain, writeRoster } from './commands-node.ts';

let chain: TestChain;
before(async () => {
  chain = await startTestChain();
});
after(() => chain?.stop());

const ROWS = 1100;
const APPLICANTS = 60;

/** Row i: a unique ID number (birth date from i, sequence from i), valid dates for its category. */
function rowOf(i: number): Record<string, string> {
  const year = 1950 + (i % 45);
  const birth = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const male = i % 2 === 0;
  const seq = Math.floor(i / 2) % 500;
  const first17 = `110105${birth.replaceAll('-', '')}${String(seq * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  const common = {
    姓名: `党员${i}`,
    性别: male ? '男' : '女',
    出生日期: birth,
    身份证号: first17 + idCheckChar(first17),
  };
  if (i < APPLICANTS)
    // Future applicants, in the branch where the clerk holds a post (member.register needs it).
    return { ...common, 所在支部: '第一党支部', 人员类别: '入党申请人', 申请入党日期: `${year + 25}-03-01` };
  return {
    ...common,
    所在支部: i % 2 === 0 ? '第一党支部' : 'b2',
    人员类别: '正式党员',
    入党日期: `${year + 22}-07-01`,
    转正日期: `${year + 23}-07-01`,
  };
}

const args = (roster: string, profiles: string) => [...importArgs(chain, roster, profiles), '--lang', 'en'];

test('several batches in one run; re-runs skip everyone, by lookup or by the chain’s refusal', async () => {
  const rows = Array.from({ length: ROWS }, (_, i) => rowOf(i));
  assert.equal(new Set(rows.map((r) => r.身份证号)).size, ROWS);
  const roster = join(chain.root, 'big.xlsx');
  await writeRoster(roster, rows);
  const profiles = join(chain.root, 'profiles.jsonl');

  const first = djchain(args(roster, profiles));
  assert.equal(first.status, 0, first.stdout + first.stderr);
  assert.match(first.stdout, new RegExp(`${ROWS} rows, ${ROWS} imported, 0 already on chain`));
  const lines = readFileSync(profiles, 'utf8').trim().split('\n');
  assert.equal(lines.length, ROWS);
  // The applicants carry an age commitment (from the worker pool); a full member does not.
  const memberOf = (k: number) => (JSON.parse(lines[k]!) as { member: string; row: number }).member;
  const byRow = new Map(lines.map((l, k) => [(JSON.parse(l) as { row: number }).row, memberOf(k)]));
  const query = (id: string) => queryMember(chain, id);
  const applicant = query(byRow.get(2)!);
  assert.equal(applicant.status, 0, applicant.stderr);
  assert.match(applicant.stdout, /"ageCommitment": "[0-9a-f]{64}"/);
  const full = query(byRow.get(ROWS + 1)!);
  assert.match(full.stdout, /"ageCommitment": null/);

  const again = djchain(args(roster, profiles));
  assert.equal(again.status, 0, again.stdout + again.stderr);
  assert.match(again.stdout, new RegExp(`0 imported, ${ROWS} already on chain`));

  // Same vault, a new profiles file: no lookups; the chain refuses each existing id.
  const few = join(chain.root, 'few.xlsx');
  await writeRoster(few, rows.slice(APPLICANTS - 5, APPLICANTS + 5));
  const other = djchain(args(few, join(chain.root, 'other.jsonl')));
  assert.equal(other.status, 0, other.stdout + other.stderr);
  assert.match(other.stdout, /10 rows, 0 imported, 10 already on chain \(skipped\), 0 rows with errors/);
});
