/**
 * Deadlines that run by themselves: computed from a process, checked at block boundaries
 * (beginBlock), each raising one warning when due soon and one when overdue.
 */
import type { HookContext } from '@djchain/runtime';
import { addDays, addMonths, chinaDate, type IsoDate } from '../common/dates.ts';
import { emitHook, memberEntity, orgEntity } from '../common/events.ts';
import { allKeys, getRecord, MODULE, storeOf } from '../common/stores.ts';
import { raiseWarning } from '../common/warnings.ts';
import { superiorCommittee } from '../org/store.ts';
import { processOrg } from './process.ts';
import { citeOf } from './rulesets.ts';
import { type Process, recruitmentKeys } from './store.ts';

export interface Deadline {
  readonly kind: string;
  readonly due: IsoDate;
  readonly cite: string;
}

const has = (p: Process, step: string) => p.steps[step] !== undefined && p.steps[step].data.passed !== false;

/** The open deadlines of a process (pure). */
export function deadlinesOf(p: Process): Deadline[] {
  const out: Deadline[] = [];
  const c = (rule: string) => citeOf(p.version, rule);
  const s = p.steps;
  const add = (kind: string, due: IsoDate, rule: string) => out.push({ kind, due, cite: c(rule) });
  if (p.phase === 'applicant' && !s.talk)
    add('talk', addMonths(s.apply!.on, p.params.talkWithinMonths), 'talk');
  if (p.phase === 'activist' && p.params.assessmentEveryMonths !== null && s.nameActivist) {
    const last = [s.nameActivist.on, ...p.assessments].sort().at(-1)!;
    add('assessment', addMonths(last, p.params.assessmentEveryMonths), 'assessment');
  }
  if (p.phase === 'candidate') {
    const within = p.params.meetingAfterPreReviewMonths;
    if (within !== null && has(p, 'preReview') && !has(p, 'admissionVote'))
      add('branchMeeting', addMonths(s.preReview!.on, within), 'meetingAfterPreReview');
    if (has(p, 'admissionVote') && !s.approveAdmission)
      add('approval', addMonths(s.admissionVote!.on, p.params.approvalWithinMonths), 'approval');
  }
  if (p.phase === 'probationary') {
    if (p.params.oathWithinMonths !== null && !s.takeOath && s.approveAdmission)
      add('oath', addMonths(s.approveAdmission.on, p.params.oathWithinMonths), 'oath');
    if (!has(p, 'conversionVote') && p.probationEnd !== null) add('conversion', p.probationEnd, 'probation');
    if (has(p, 'conversionVote') && !s.approveConversion)
      add('conversionApproval', addMonths(s.conversionVote!.on, p.params.approvalWithinMonths), 'approval');
  }
  return out;
}

export type WarningLevel = 'dueSoon' | 'overdue';

function warningLevel(d: Deadline, today: IsoDate, dueSoonDays: number): WarningLevel | null {
  if (today > d.due) return 'overdue';
  if (today >= addDays(d.due, -dueSoonDays)) return 'dueSoon';
  return null;
}

/** beginBlock: once per China calendar day, warn about each deadline due soon or overdue (once each). */
export function checkDeadlines(ctx: HookContext): void {
  const today = chinaDate(ctx.time);
  if (ctx.store.get(recruitmentKeys.lastCheck) === today) return;
  ctx.store.set(recruitmentKeys.lastCheck, today);
  for (const key of allKeys(ctx.store, recruitmentKeys.processPrefix)) {
    const p = getRecord<Process>(ctx.store, key);
    if (!p) continue;
    for (const d of deadlinesOf(p)) {
      const level = warningLevel(d, today, p.params.dueSoonDays);
      if (level === null) continue;
      const mark = recruitmentKeys.warned(p.member, d.kind, d.due, level);
      if (ctx.store.has(mark)) continue;
      ctx.store.set(mark, today);
      emitHook(ctx, 'recruitment.DeadlineWarning', [memberEntity(p.member), orgEntity(processOrg(ctx, p))], {
        member: p.member,
        kind: d.kind,
        due: d.due,
        level,
        cite: d.cite,
      });
      raiseDeadline(ctx, p, d, level);
    }
  }
}

/** The act that meets each deadline, and whether the superior 党委 (not the branch) owes it. */
export const DEADLINE_ACTS: {
  readonly [kind: string]: { readonly act: string; readonly superior: boolean };
} = {
  talk: { act: 'recruitment.talk', superior: false },
  assessment: { act: 'recruitment.recordAssessment', superior: false },
  branchMeeting: { act: 'recruitment.admissionVote', superior: false },
  approval: { act: 'recruitment.approveAdmission', superior: true },
  oath: { act: 'recruitment.takeOath', superior: false },
  conversion: { act: 'recruitment.conversionVote', superior: false },
  conversionApproval: { act: 'recruitment.approveConversion', superior: true },
};

function raiseDeadline(ctx: HookContext, p: Process, d: Deadline, level: WarningLevel): void {
  const branch = processOrg(ctx, p);
  const spec = DEADLINE_ACTS[d.kind]!;
  const owner = spec.superior
    ? (superiorCommittee(storeOf(ctx, MODULE.recruitment, MODULE.org), branch)?.id ?? branch)
    : branch;
  raiseWarning(ctx, {
    kind: 'recruitment.deadline',
    subject: `${p.member}:${d.kind}:${d.due}`,
    level,
    org: owner,
    posts: ['书记', '组织委员'],
    member: p.member,
    due: d.due,
    cite: d.cite,
    resolves: [spec.act],
    data: { member: p.member, deadline: d.kind, due: d.due },
  });
}
