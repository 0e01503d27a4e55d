/** Stage 5: group, oath, conversion (or extension, or cancellation), archive. */
import { workingPeriodEnd } from '../common/calendar.ts';
import { addMonths } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { getOrg } from '../org/store.ts';
import { storesFor } from '../permissions/authorize.ts';
import { RecruitmentErrors as E } from './errors.ts';
import { missingMaterials } from './materials.ts';
import { done, fail, M, processOrg, type StepEffect, stepAction } from './process.ts';
import { publicityItem } from './publicity.ts';
import { citeOf } from './rulesets.ts';
import { type VoteParams, voteChecked, voteEffect, voteShape } from './stage4.ts';
import type { Process } from './store.ts';

type Base = { member: string; ref?: string };

/** Step 19 编入党支部和党小组. */
export const assignGroup = stepAction<Base & { group: string }>({
  action: 'assignGroup',
  description: 'Step 19: the probationary member joins a 党小组 of the branch.',
  shape: { group: 'id' },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  requires: ['approveAdmission'],
  phases: ['probationary'],
  rules(ctx, proc, p) {
    const g = getOrg(storesFor(ctx, M).org, p.group);
    if (g?.kind !== '党小组' || g.parent !== processOrg(ctx, proc))
      return fail(proc.version, E.GROUP_NOT_IN_BRANCH, { group: p.group });
    return okResult;
  },
});

/** Step 20 入党宣誓 — 党章第六条; within 1 month of approval under 2026 第二十九条 [verify]. */
export const takeOath = stepAction<Base & { lateReason?: string }>({
  action: 'takeOath',
  description: 'Step 20: the oath before the Party flag.',
  shape: { lateReason: { type: 'text', optional: true, kind: 'reason' } },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  requires: ['approveAdmission'],
  phases: ['probationary'],
  rules(_ctx, proc, p, on) {
    const within = proc.params.oathWithinMonths;
    if (within === null) return okResult;
    const due = addMonths(proc.steps.approveAdmission!.on, within);
    return on > due && p.lateReason === undefined ? fail(proc.version, E.OATH_LATE, { due }) : okResult;
  },
});

/** Step 22 提出转正申请 — 细则第三十三条: the member's written application. */
export const applyConversion = stepAction<Base>({
  action: 'applyConversion',
  // The member's own written application (consent): signed with their own key, never by proxy.
  description: 'Step 22: the probationary member applies for conversion, signing with their own key.',
  shape: {},
  permission: [{ of: 'self' }],
  requires: ['approveAdmission'],
  phases: ['probationary'],
});

/**
 * Part of step 23: the conversion publicized to members and residents before the branch meeting
 * (细则第三十三条 asks their opinions; the period is local practice [verify]: the rule set's
 * `conversionPublicityWorkingDays`, else the 发展对象 publicity's length).
 */
export const startConversionPublicity = stepAction<Base>({
  action: 'startConversionPublicity',
  description: 'Part of step 23: publicize the proposed conversion (the period counts working days).',
  shape: {},
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  requires: ['applyConversion'],
  phases: ['probationary'],
  effect(_ctx, proc, _p, on) {
    const days = proc.params.conversionPublicityWorkingDays ?? proc.params.publicityWorkingDays;
    const end = workingPeriodEnd(on, days);
    return { data: { ends: end.date, provisional: end.provisional } };
  },
  publicity: publicityItem('转正公示', 'startConversionPublicity'),
});

/** A conversion publicity the rule set requires, or one started anyway, must have run out before the meeting. */
function conversionPublicityDone(proc: Process, on: string) {
  const pub = proc.steps.startConversionPublicity;
  if (pub === undefined && proc.params.conversionPublicityWorkingDays !== null)
    return fail(proc.version, E.OUT_OF_ORDER, { missing: 'startConversionPublicity', step: 23 });
  if (pub !== undefined && on <= (pub.data.ends as string))
    return failure(
      E.PUBLICITY_INCOMPLETE,
      { ends: pub.data.ends ?? null, provisional: pub.data.provisional ?? null },
      citeOf(proc.version, 'conversion'),
    );
  return okResult;
}

interface ConversionVote extends VoteParams {
  decision: 'convert' | 'extend' | 'cancel';
  extendMonths?: number;
}

/** Step 23 支部大会讨论转正 — same quorum and threshold as admission (细则第三十三条); 党章第七条. */
export const conversionVote = stepAction<ConversionVote>({
  action: 'conversionVote',
  description: 'Step 23: the branch meeting votes to convert, extend (once, 6–12 months) or cancel.',
  shape: {
    ...voteShape,
    decision: { type: 'text', oneOf: ['convert', 'extend', 'cancel'] },
    extendMonths: { type: 'int', optional: true },
  },
  permission: [{ posts: ['书记'], of: 'org' }],
  requires: ['approveAdmission'],
  phases: ['probationary'],
  rules(ctx, proc, p, on) {
    // Cancellation may be proposed by the branch at any time; conversion and extension answer the application.
    if (p.decision !== 'cancel' && !done(proc, 'applyConversion'))
      return fail(proc.version, E.OUT_OF_ORDER, { missing: 'applyConversion', step: 22 });
    if (p.decision !== 'cancel' && on < proc.probationEnd!)
      return fail(proc.version, E.PROBATION_NOT_ENDED, { probationEnd: proc.probationEnd });
    if (p.decision !== 'cancel') {
      const pub = conversionPublicityDone(proc, on);
      if (!pub.ok) return pub;
    }
    if (p.decision === 'extend') {
      if (proc.extended) return fail(proc.version, E.EXTENSION_ONCE);
      const m = p.extendMonths ?? 0;
      if (m < proc.params.extensionMinMonths || m > proc.params.extensionMaxMonths)
        return fail(proc.version, E.EXTENSION_RANGE, { months: m });
    }
    return voteChecked(ctx, proc, p, on);
  },
  effect: voteEffect,
});

function withoutRound(proc: Process): Process['steps'] {
  const {
    applyConversion: _a,
    startConversionPublicity: _p,
    conversionVote: _v,
    approveConversion: _c,
    ...rest
  } = proc.steps;
  return rest;
}

/** Step 24 上级党委审批 — within 3 months; conversion dates Party age from the end of probation. */
export const approveConversion = stepAction<Base & { approved: boolean }>({
  action: 'approveConversion',
  description: 'Step 24: the superior 党委 approves the branch decision (convert, extend or cancel).',
  shape: { approved: 'bool' },
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  requires: ['conversionVote'],
  phases: ['probationary'],
  rules(_ctx, proc, p, on) {
    // Not approving files the round away (the branch votes again): recordable past the deadline, so
    // an overdue round does not block the member for good.
    if (!p.approved) return okResult;
    const due = addMonths(proc.steps.conversionVote!.on, proc.params.approvalWithinMonths);
    return on > due ? fail(proc.version, E.APPROVAL_OVERDUE, { due }) : okResult;
  },
  effect(_ctx, proc, p, on): StepEffect {
    const vote = proc.steps.conversionVote!;
    const decision = vote.data.decision as string;
    if (!p.approved) return { patch: { steps: withoutRound(proc) }, recordAs: `conversionNotApproved:${on}` };
    if (decision === 'convert')
      return { patch: { phase: 'full', partyAgeFrom: proc.probationEnd }, data: { decision } };
    if (decision === 'cancel') return { patch: { phase: 'cancelled' }, data: { decision } };
    const months = vote.data.extendMonths as number;
    const probationEnd = addMonths(proc.probationEnd!, months);
    return {
      patch: { probationEnd, extended: true, steps: { ...withoutRound(proc), extensionVote: vote } },
      data: { decision, probationEnd },
      recordAs: 'extensionApproved',
    };
  },
});

/** Step 25 材料归档 — 细则第三十七条: the dossier must be complete. */
export const archive = stepAction<Base>({
  action: 'archive',
  description: 'Step 25: archive the dossier (refused while any material is missing).',
  shape: {},
  permission: [{ posts: ['书记', '组织委员', '党务工作者'], of: 'org' }],
  requires: ['approveConversion'],
  phases: ['full'],
  rules(_ctx, proc) {
    const missing = missingMaterials(proc.materials);
    if (Object.keys(missing).length > 0) return fail(proc.version, E.ARCHIVE_INCOMPLETE, { missing });
    return okResult;
  },
});
