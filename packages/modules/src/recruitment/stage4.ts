/** Stage 4: committee review, pre-review, 志愿书, branch meeting, superior talk, approval, filing. */
import type { ActionContext, Result } from '@djchain/runtime';
import { addMonths, type IsoDate } from '../common/dates.ts';
import { okResult } from '../common/errors.ts';
import { COMMITTEE_POSTS } from '../permissions/rules.ts';
import { RecruitmentErrors as E } from './errors.ts';
import { done, fail, processOrg, type StepEffect, stepAction } from './process.ts';
import { introducerEligible } from './stage1-2.ts';
import type { Process } from './store.ts';
import { checkBallot } from './vote.ts';
import { votersOf } from './voters.ts';

type Base = { member: string; ref?: string };

/** Vote counts of a branch meeting (secret ballot: counts only). */
export interface VoteParams extends Base {
  present: number;
  yes: number;
  no: number;
  abstain: number;
  writtenYes?: number;
  writtenNo?: number;
  /** Members left out of the expected count (illness, abroad ≥ 6 months…), with the superior's approval. */
  excused?: string[];
  excusedApproval?: string;
  /** How many candidates this single ballot covers: must be 1 (细则第二十一条). */
  candidates?: number;
}

export const voteShape = {
  present: { type: 'int', min: 0 },
  yes: { type: 'int', min: 0 },
  no: { type: 'int', min: 0 },
  abstain: { type: 'int', min: 0 },
  writtenYes: { type: 'int', min: 0, optional: true },
  writtenNo: { type: 'int', min: 0, optional: true },
  excused: { type: 'ids', optional: true },
  excusedApproval: { type: 'id', optional: true },
  candidates: { type: 'int', min: 1, optional: true },
} as const;

/** Checks a branch meeting's vote: one candidate, excusals, quorum, counts. Returns the tally. */
export function tally(
  ctx: ActionContext,
  proc: Process,
  p: VoteParams,
  on: IsoDate,
): Result<{ expected: number; passed: boolean; yesTotal: number }> {
  if ((p.candidates ?? 1) > 1) return fail(proc.version, E.ONE_AT_A_TIME, { candidates: p.candidates ?? 1 });
  const voters = votersOf(ctx, processOrg(ctx, proc), on);
  const excused = [...new Set(p.excused ?? [])];
  if (excused.length > 0 && (p.excusedApproval === undefined || excused.some((x) => !voters.includes(x))))
    return fail(proc.version, E.EXCUSED_INVALID, { excused });
  const expected = voters.length - excused.length;
  const r = checkBallot({
    expected,
    present: p.present,
    yes: p.yes,
    no: p.no,
    abstain: p.abstain,
    writtenYes: p.writtenYes ?? 0,
    writtenNo: p.writtenNo ?? 0,
  });
  if (!r.valid)
    return fail(proc.version, r.problem === 'quorum' ? E.QUORUM_NOT_MET : E.VOTE_COUNT_INVALID, {
      expected,
      present: p.present,
    });
  return { ok: true, value: { expected, passed: r.passed, yesTotal: r.yesTotal } };
}

/** A vote step's rules end here: refused as the tally refuses, else accepted. */
export function voteChecked(ctx: ActionContext, proc: Process, p: VoteParams, on: IsoDate): Result {
  const t = tally(ctx, proc, p, on);
  return t.ok ? okResult : t;
}

/** A vote step's effect: the counts recorded with the step (zeros where the tally refuses). */
export function voteEffect(ctx: ActionContext, proc: Process, p: VoteParams, on: IsoDate): StepEffect {
  const t = tally(ctx, proc, p, on);
  const v = t.ok ? t.value : { expected: 0, passed: false, yesTotal: 0 };
  return { data: { expected: v.expected, yesTotal: v.yesTotal, passed: v.passed } };
}

/** Step 12 支部委员会审查 — needs introducers, a passed political review (细则第十六条) and training (第十七条). */
export const committeeReview = stepAction<Base>({
  action: 'committeeReview',
  description: 'Step 12: the branch committee reviews the 发展对象.',
  shape: {},
  permission: [{ posts: ['书记'], of: 'org' }],
  requires: ['fileCandidate', 'setIntroducers'],
  phases: ['candidate'],
  rules(_ctx, proc, _p, on) {
    if (!done(proc, 'politicalReview')) return fail(proc.version, E.POLITICAL_REVIEW_MISSING);
    const valid = proc.params.politicalReviewValidMonths;
    const reviewed = proc.steps.politicalReview!.on;
    if (valid !== null && on > addMonths(reviewed, valid))
      return fail(proc.version, E.POLITICAL_REVIEW_EXPIRED, {
        reviewed,
        validUntil: addMonths(reviewed, valid),
      });
    if (!done(proc, 'recordTraining'))
      return fail(proc.version, E.TRAINING_INSUFFICIENT, { days: 0, hours: 0 });
    return okResult;
  },
});

/** Step 13 上级党委预审 — 细则第十九条. */
export const preReview = stepAction<Base & { passed: boolean }>({
  action: 'preReview',
  description: 'Step 13: the superior 党委 pre-reviews the 发展对象.',
  shape: { passed: 'bool' },
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  requires: ['committeeReview'],
  phases: ['candidate'],
  // A branch meeting not held in time after the pre-review is refused (MEETING_LATE): the way past is
  // a new pre-review, recordable once that window has lapsed and until the meeting is held.
  redo(proc, on) {
    const within = proc.params.meetingAfterPreReviewMonths;
    const reviewed = proc.steps.preReview?.on;
    return (
      within !== null &&
      reviewed !== undefined &&
      proc.steps.admissionVote === undefined &&
      on > addMonths(reviewed, within)
    );
  },
});

/** Step 14 填写入党志愿书 — issued only after a passed pre-review (细则第十九条). */
export const issueForm = stepAction<Base>({
  action: 'issueForm',
  description: 'Step 14: the 党委 issues the 入党志愿书 (only after a passed pre-review).',
  shape: {},
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  requires: ['committeeReview'],
  phases: ['candidate'],
  rules: (_ctx, proc) => (done(proc, 'preReview') ? okResult : fail(proc.version, E.PREREVIEW_REQUIRED)),
});

/** Step 15 支部大会讨论 — 细则第二十条、第二十一条. */
export const admissionVote = stepAction<VoteParams>({
  action: 'admissionVote',
  description: 'Step 15: the branch meeting votes on admission (quorum and threshold checked).',
  shape: voteShape,
  permission: [{ posts: ['书记'], of: 'org' }],
  requires: ['issueForm'],
  phases: ['candidate'],
  rules(ctx, proc, p, on) {
    const within = proc.params.meetingAfterPreReviewMonths;
    if (within !== null) {
      const due = addMonths(proc.steps.preReview!.on, within);
      if (on > due) return fail(proc.version, E.MEETING_LATE, { due });
    }
    for (const i of proc.introducers) {
      if (!introducerEligible(ctx, i, on)) return fail(proc.version, E.INTRODUCER_INELIGIBLE, { member: i });
    }
    return voteChecked(ctx, proc, p, on);
  },
  effect: voteEffect,
});

/** Step 16 上级党委派人谈话 — 党章第五条. */
export const superiorTalk = stepAction<Base>({
  action: 'superiorTalk',
  description: 'Step 16: a member of the superior 党委 talks with the candidate.',
  shape: {},
  permission: [{ posts: COMMITTEE_POSTS, of: 'superiorCommittee' }],
  requires: ['admissionVote'],
  phases: ['candidate'],
});

/** Step 17 上级党委审批 — within 3 months (6 in special cases) of the branch resolution. */
export const approveAdmission = stepAction<Base & { approved: boolean; special?: string }>({
  action: 'approveAdmission',
  description:
    'Step 17: the superior 党委 approves (or not) the admission; probation runs from the branch meeting.',
  shape: { approved: 'bool', special: { type: 'text', optional: true, kind: 'reason' } },
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  requires: ['admissionVote'],
  phases: ['candidate'],
  rules(_ctx, proc, p, on) {
    if (!done(proc, 'superiorTalk')) return fail(proc.version, E.SUPERIOR_TALK_MISSING);
    // The deadline binds an approval; a decision not to approve may always be recorded, so a case
    // past every limit is closed on the record instead of standing open for good.
    if (!p.approved) return okResult;
    const limit =
      p.special === undefined ? proc.params.approvalWithinMonths : proc.params.approvalSpecialMonths;
    const due = addMonths(proc.steps.admissionVote!.on, limit);
    if (on > due) return fail(proc.version, E.APPROVAL_OVERDUE, { due });
    return okResult;
  },
  effect(_ctx, proc, p, on): StepEffect {
    if (!p.approved) {
      const due = addMonths(proc.steps.admissionVote!.on, proc.params.approvalWithinMonths);
      return { patch: { phase: 'notApproved' }, data: { late: on > due } };
    }
    // 党章第七条: probation is one year from the day the branch meeting admitted.
    const probationEnd = addMonths(proc.steps.admissionVote!.on, proc.params.probationMonths);
    return { patch: { phase: 'probationary', probationEnd }, data: { probationEnd } };
  },
});

/** Step 18 再上一级党委组织部门备案. */
export const fileAdmission = stepAction<Base>({
  action: 'fileAdmission',
  description: 'Step 18: filing with the next-level organization department.',
  shape: {},
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  requires: ['approveAdmission'],
  phases: ['probationary', 'full'],
});
