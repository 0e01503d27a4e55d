/** Stage 3: publicity, 发展对象, filing, introducers, political review, training. */
import { workingPeriodEnd } from '../common/calendar.ts';
import { addMonths, type IsoDate } from '../common/dates.ts';
import { okResult } from '../common/errors.ts';
import { RecruitmentErrors as E } from './errors.ts';
import { fail, stepAction } from './process.ts';
import { publicityItem } from './publicity.ts';
import { introducerEligible } from './stage1-2.ts';

type Base = { member: string; ref?: string };

/** Full periods of `every` months from `start` up to `on` (each half year under 2026 第十一条). */
function periodsElapsed(start: IsoDate, on: IsoDate, every: number): number {
  let k = 0;
  while (k < 1000 && addMonths(start, (k + 1) * every) <= on) k++;
  return k;
}

/** Publicity before naming the 发展对象 (2026 第十三条 [verify]): N working days, holiday-aware. */
export const startPublicity = stepAction<Base>({
  action: 'startPublicity',
  description: 'Part of step 7: publicize the proposed 发展对象 (the period counts working days).',
  shape: {},
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  requires: ['nameActivist', 'fileActivist', 'assignContacts'],
  phases: ['activist'],
  effect(_ctx, proc, _p, on) {
    const end = workingPeriodEnd(on, proc.params.publicityWorkingDays);
    return { data: { ends: end.date, provisional: end.provisional } };
  },
  publicity: publicityItem('发展对象公示', 'startPublicity'),
});

/** Step 7 确定发展对象 — 细则第十三条: after at least 1 year as activist; publicity completed. */
export const nameCandidate = stepAction<Base>({
  action: 'nameCandidate',
  description: 'Step 7: the branch committee names the activist a 发展对象.',
  shape: {},
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  requires: ['startPublicity'],
  phases: ['activist'],
  rules(_ctx, proc, _p, on) {
    const named = proc.steps.nameActivist!.on;
    const earliest = addMonths(named, proc.params.activistMinMonths);
    if (on < earliest) return fail(proc.version, E.ACTIVIST_TOO_RECENT, { earliest });
    const pub = proc.steps.startPublicity!.data;
    if (on <= (pub.ends as string))
      return fail(proc.version, E.PUBLICITY_INCOMPLETE, {
        ends: pub.ends ?? null,
        provisional: pub.provisional ?? null,
      });
    const every = proc.params.assessmentEveryMonths;
    if (every !== null) {
      const required = periodsElapsed(named, on, every);
      const have = proc.assessments.filter((d) => d >= named).length;
      if (have < required) return fail(proc.version, E.ASSESSMENT_MISSING, { required, have });
    }
    return okResult;
  },
  effect: () => ({ patch: { phase: 'candidate' } }),
});

/** Step 8 报上级党委备案. */
export const fileCandidate = stepAction<Base>({
  action: 'fileCandidate',
  description: 'Step 8: the superior 党委 records the 发展对象 as filed.',
  shape: {},
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  requires: ['nameCandidate'],
  phases: ['candidate'],
});

/** Step 9 确定入党介绍人 — 党章第五条: two full members, not under 留党察看. */
export const setIntroducers = stepAction<Base & { introducers: string[] }>({
  action: 'setIntroducers',
  description: 'Step 9: two full members become the introducers (入党介绍人).',
  shape: { introducers: { type: 'ids', max: 10 } },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  requires: ['nameCandidate'],
  phases: ['candidate'],
  rules(ctx, proc, p, on) {
    const unique = [...new Set(p.introducers)];
    if (unique.length !== 2 || p.introducers.length !== 2)
      return fail(proc.version, E.INTRODUCER_COUNT, { count: p.introducers.length });
    for (const i of unique) {
      if (i === proc.member || !introducerEligible(ctx, i, on))
        return fail(proc.version, E.INTRODUCER_INELIGIBLE, { member: i });
    }
    return okResult;
  },
  effect: (_ctx, _proc, p) => ({ patch: { introducers: [...p.introducers].sort() } }),
});

/** Step 10 政治审查 — 细则第十六条: mandatory; failing blocks admission. */
export const politicalReview = stepAction<Base & { passed: boolean }>({
  action: 'politicalReview',
  description: 'Step 10: political review, with its result.',
  shape: { passed: 'bool' },
  permission: [
    { posts: ['书记', '组织委员'], of: 'org' },
    { posts: ['组织委员'], of: 'superiorCommittee' },
  ],
  requires: ['nameCandidate'],
  phases: ['candidate'],
  // A review past its local validity blocks the committee review (POLITICAL_REVIEW_EXPIRED): the way
  // past is a new review, recordable once the old one has expired and until the committee reviews.
  redo(proc, on) {
    const valid = proc.params.politicalReviewValidMonths;
    const reviewed = proc.steps.politicalReview?.on;
    return (
      valid !== null &&
      reviewed !== undefined &&
      proc.steps.committeeReview === undefined &&
      on > addMonths(reviewed, valid)
    );
  },
});

/** Step 11 集中培训 — 细则第十七条: ≥ 3 days or ≥ 24 学时. */
export const recordTraining = stepAction<Base & { days?: number; hours?: number }>({
  action: 'recordTraining',
  description: 'Step 11: concentrated training organized by the 党委 (days or class hours).',
  shape: {
    days: { type: 'int', optional: true, min: 0, max: 365 },
    hours: { type: 'int', optional: true, min: 0, max: 2000 },
  },
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  requires: ['nameActivist'],
  phases: ['activist', 'candidate'],
  rules(_ctx, proc, p) {
    const days = p.days ?? 0;
    const hours = p.hours ?? 0;
    if (days < proc.params.trainingMinDays && hours < proc.params.trainingMinHours)
      return fail(proc.version, E.TRAINING_INSUFFICIENT, {
        days,
        hours,
        minDays: proc.params.trainingMinDays,
        minHours: proc.params.trainingMinHours,
      });
    return okResult;
  },
});
