/**
 * What the workbench and the supervision table derive from the processes as they are now: one
 * to-do per case, open warnings that close when their act lands and never show a deadline twice,
 * per-branch counts. The cases are written out by hand (steps and deadlines as the node answers).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrgSummary, ProcessInfo, RuleSet } from '../src/app/chain.ts';
import { caseRows, nextStep, stepOf } from '../src/app/recruit.ts';
import { branchSummaries, openWarnings, todoOf } from '../src/app/supervision.ts';

const step = (no: number, stage: number, action: string, name: string, record?: string) => ({
  no,
  stage,
  action,
  name,
  ...(record ? { record } : {}),
});
const RULES: RuleSet = {
  id: '2026',
  title: 'test',
  stages: ['1', '2', '3', '4', '5'],
  steps: [
    step(1, 1, 'apply', '递交入党申请书'),
    step(2, 1, 'talk', '党组织派人谈话'),
    step(6, 2, 'recordAssessment', '培养教育考察'),
    step(7, 3, 'nameCandidate', '确定发展对象'),
    step(20, 5, 'takeOath', '入党宣誓'),
    step(21, 5, 'recordAssessment', '继续教育考察', 'probationAssessment'),
    step(22, 5, 'applyConversion', '提出转正申请'),
    step(23, 5, 'conversionVote', '支部大会讨论'),
    step(24, 5, 'approveConversion', '上级党委审批'),
  ],
};
const chain = { ruleSet: async () => RULES } as never;
const rec = (on: string) => ({ on, by: 'x', onBehalfOf: null, data: {} });
const proc = (
  member: string,
  branch: string,
  phase: string,
  steps: string[],
  deadlines: ProcessInfo['deadlines'],
): ProcessInfo => ({
  member,
  branch,
  version: '2026',
  phase,
  steps: Object.fromEntries(steps.map((s) => [s, rec('2026-01-01')])),
  deadlines,
  missing: null,
  params: { dueSoonDays: 7 },
});
const TODAY = '2026-12-03';

describe('supervision derivation', () => {
  it('a probationary case with the conversion overdue is one to-do, at the step that leads there', async () => {
    const [c] = await caseRows(
      chain,
      [
        proc(
          'm-1',
          'b1',
          'probationary',
          ['apply', 'talk', 'recordAssessment', 'nameCandidate', 'takeOath'],
          [{ kind: 'conversion', due: '2026-11-01', cite: '党章第七条' }],
        ),
      ],
      TODAY,
    );
    // Step 21 is not done: its record is probationAssessment, not step 6's recordAssessment.
    assert.equal(nextStep(c!.process, RULES)?.no, 21);
    const todo = todoOf(c!);
    assert.deepEqual(
      { action: todo?.action, no: todo?.no, level: todo?.level, kind: todo?.kind, due: todo?.due },
      { action: 'recordAssessment', no: 21, level: 'overdue', kind: 'conversion', due: '2026-11-01' },
    );
  });

  it('an activist with a repeat assessment due is listed once, at step 6, not also at step 7', async () => {
    const [c] = await caseRows(
      chain,
      [
        proc(
          'm-2',
          'b1',
          'activist',
          ['apply', 'talk', 'recordAssessment'],
          [{ kind: 'assessment', due: '2026-12-06', cite: '细则第十一条' }],
        ),
      ],
      TODAY,
    );
    const todo = todoOf(c!);
    assert.equal(todo?.no, 6);
    assert.equal(todo?.level, 'dueSoon');
    assert.deepEqual(
      openWarnings([c!]).map((w) => `${w.member}:${w.kind}:${w.level}`),
      ['m-2:assessment:dueSoon'],
    );
  });

  it('after the conversion vote: no conversion warning, the approval deadline instead', async () => {
    const rows = await caseRows(
      chain,
      [
        // The node lists only the deadlines still open: the vote met "conversion".
        proc(
          'm-3',
          'b2',
          'probationary',
          [
            'apply',
            'talk',
            'recordAssessment',
            'nameCandidate',
            'takeOath',
            'probationAssessment',
            'applyConversion',
            'conversionVote',
          ],
          [{ kind: 'conversionApproval', due: '2026-12-08', cite: '细则第二十五条' }],
        ),
      ],
      TODAY,
    );
    assert.deepEqual(
      openWarnings(rows).map((w) => `${w.kind}:${w.level}`),
      ['conversionApproval:dueSoon'],
    );
    assert.equal(todoOf(rows[0]!)?.action, 'approveConversion');
  });

  it('a deadline far ahead is no warning; a case with nothing left is no to-do', async () => {
    const rows = await caseRows(
      chain,
      [
        proc('m-4', 'b2', 'applicant', ['apply'], [{ kind: 'talk', due: '2027-01-03', cite: '细则第七条' }]),
        proc('m-5', 'b2', 'full', ['apply'], []),
      ],
      TODAY,
    );
    assert.deepEqual(openWarnings(rows), []);
    assert.equal(todoOf(rows[0]!)?.level, 'waiting');
    assert.equal(todoOf(rows[0]!)?.no, 2);
    assert.equal(todoOf(rows[1]!), null);
  });

  it('counts each branch: open cases by stage, overdue, due soon', async () => {
    const rows = await caseRows(
      chain,
      [
        proc(
          'm-1',
          'b1',
          'probationary',
          ['apply', 'takeOath'],
          [{ kind: 'conversion', due: '2026-11-01', cite: 'c' }],
        ),
        proc(
          'm-2',
          'b1',
          'activist',
          ['apply', 'talk'],
          [{ kind: 'assessment', due: '2026-12-06', cite: 'c' }],
        ),
        proc('m-4', 'b2', 'applicant', ['apply'], [{ kind: 'talk', due: '2027-01-03', cite: 'c' }]),
        proc('m-5', 'b2', 'full', ['apply'], []),
      ],
      TODAY,
    );
    const orgs: OrgSummary[] = [
      { id: 'c1', name: '东风社区党委', kind: '党委', parent: null },
      { id: 'b1', name: '第一党支部', kind: '党支部', parent: 'c1' },
      { id: 'b2', name: '第二党支部', kind: '党支部', parent: 'c1' },
    ];
    assert.deepEqual(branchSummaries(orgs, rows), [
      {
        branch: 'b1',
        name: '第一党支部',
        byPhase: { applicant: 0, activist: 1, candidate: 0, probationary: 1 },
        open: 2,
        overdue: 1,
        dueSoon: 1,
      },
      {
        branch: 'b2',
        name: '第二党支部',
        byPhase: { applicant: 1, activist: 0, candidate: 0, probationary: 0 },
        open: 1,
        overdue: 0,
        dueSoon: 0,
      },
    ]);
  });

  it('stepOf picks the phase’s own step of a shared action', () => {
    assert.equal(stepOf(RULES, 'recordAssessment', 'activist')?.no, 6);
    assert.equal(stepOf(RULES, 'recordAssessment', 'probationary')?.no, 21);
  });
});
