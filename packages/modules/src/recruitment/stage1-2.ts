/** Stages 1–2: application, talk, activist, filing, contact persons, assessment; materials. */
import { defineAction } from '../common/action.ts';
import { addMonths } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { chainSuite } from '../common/suite.ts';
import { memberSanctions } from '../discipline/carried.ts';
import { rejoinAllowedFrom, sanctionEffects } from '../discipline/effects.ts';
import { verifyAgeProof } from '../member/age.ts';
import { deriveRights } from '../member/rights.ts';
import { memberStatus } from '../member/status.ts';
import { getMember } from '../member/store.ts';
import { getOrg } from '../org/store.ts';
import { actorOf, storesFor } from '../permissions/authorize.ts';
import { RecruitmentErrors as E } from './errors.ts';
import { activeVersion, effectiveParams } from './local.ts';
import { ALL_MATERIALS } from './materials.ts';
import { ACTIVE_PHASES, ASSESSMENT_RECORD, fail, M, saveProcess, stepAction, today } from './process.ts';
import { getProcess, type Process, recruitmentKeys } from './store.ts';

interface Apply {
  member: string;
  branch: string;
  /**
   * H^(k−m)(seed): shows against the member's age commitment that the applicant was born on or
   * before the cutoff of the application date, and nothing more (member/age.ts, README: age proof).
   */
  ageProof: Uint8Array;
  /**
   * The date the proof was made for (default: the application date). 18 on an earlier day implies
   * 18 on the application day, so a proof made before midnight still holds in a block after it.
   */
  ageProofDate?: string;
  ref?: string;
}

/** Step 1 递交入党申请书. 党章第一条: 18 full years on the application date. */
export const apply = defineAction<Apply>(M, E, {
  // The application is the person's own consent: signed with their own key, never by proxy.
  description: 'Step 1: the person applies to a branch, signing with their own key.',
  shape: {
    member: 'id',
    branch: 'id',
    ageProof: { type: 'bytes', length: 32 },
    ageProofDate: { type: 'date', optional: true },
    ref: { type: 'id', optional: true },
  },
  permission: [{ of: 'self' }],
  target: (ctx, p) => (getOrg(storesFor(ctx, M).org, p.branch) ? { org: p.branch, member: p.member } : null),
  verify(ctx, p) {
    const stores = storesFor(ctx, M);
    const on = today(ctx);
    const version = activeVersion(ctx.store);
    const member = getMember(stores.member, p.member);
    if (!member) return fail(version, E.NOT_REGISTERED);
    if (getOrg(stores.org, p.branch)?.kind !== '党支部')
      return fail(version, E.NOT_A_BRANCH, { branch: p.branch });
    const expelledOn = sanctionEffects(memberSanctions(stores, p.member), on).expelledOn;
    if (expelledOn !== null && on < rejoinAllowedFrom(expelledOn))
      return fail(version, E.REJOIN_BANNED, { eligibleOn: rejoinAllowedFrom(expelledOn) });
    const existing = getProcess(ctx.store, p.member);
    const status = memberStatus(stores, p.member, on)!;
    const inProcess = existing !== undefined && ACTIVE_PHASES.includes(existing.phase);
    if (
      inProcess ||
      status.status === '正式党员' ||
      status.status === '预备党员' ||
      status.status === '停止党籍'
    )
      return fail(version, E.ALREADY_MEMBER, { status: status.status });
    // Last, being the one costly check (up to ~110k hashes, member/age.ts).
    return checkAge(ctx, version, member.ageCommitment ?? null, p, on);
  },
  execute(ctx, p) {
    const on = today(ctx);
    const version = activeVersion(ctx.store);
    const old = getProcess(ctx.store, p.member);
    if (old) {
      const seq = ctx.store.keys(recruitmentKeys.pastPrefix(p.member)).length;
      ctx.store.set(recruitmentKeys.past(p.member, seq), ctx.store.get(recruitmentKeys.process(p.member))!);
    }
    const actor = actorOf(ctx, M);
    const by = actor.by ?? p.member;
    const onBehalfOf = actor.onBehalfOf;
    const proc: Process = {
      member: p.member,
      branch: p.branch,
      version,
      params: effectiveParams(ctx, version, p.branch),
      phase: 'applicant',
      steps: { apply: { on, by, onBehalfOf, data: p.ref ? { ref: p.ref } : {} } },
      contacts: [],
      introducers: [],
      assessments: [],
      materials: p.ref ? { 入党申请书: p.ref } : {},
      probationEnd: null,
      extended: false,
      partyAgeFrom: null,
    };
    saveProcess(ctx, proc);
    emitAct(ctx, M, 'recruitment.StepRecorded', [memberEntity(p.member), orgEntity(p.branch)], {
      member: p.member,
      version,
      step: 1,
      action: 'apply',
      phase: 'applicant',
      status: '入党申请人',
      data: {},
    });
  },
});

/**
 * 党章第一条: 18 full years on the application date, shown by the age proof against the commitment
 * the registering clerk put on chain. Details name the claim, never a date of birth: the chain does not
 * know it.
 */
function checkAge(
  ctx: Parameters<typeof storesFor>[0],
  version: string,
  commitment: string | null,
  p: Apply,
  on: string,
) {
  if (commitment === null) return fail(version, E.NO_AGE_COMMITMENT);
  const minAge = effectiveParams(ctx, version, p.branch).minAge;
  const proofDate = p.ageProofDate ?? on;
  if (proofDate > on) return fail(version, E.AGE_PROOF_DATE, { ageProofDate: proofDate, on });
  if (!verifyAgeProof(chainSuite(ctx), commitment, p.ageProof, proofDate, minAge))
    return fail(version, E.TOO_YOUNG, { minAge, on: proofDate });
  return okResult;
}

/** Step 2 党组织派人谈话 — 细则第七条: within 1 month of the application. */
export const talk = stepAction<{ member: string; ref?: string; lateReason?: string }>({
  action: 'talk',
  description: 'Step 2: a committee member talks with the applicant (within 1 month).',
  shape: { lateReason: { type: 'text', optional: true, kind: 'reason' } },
  permission: [{ posts: ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'], of: 'org' }],
  requires: ['apply'],
  phases: ['applicant'],
  rules(_ctx, proc, p, on) {
    const due = addMonths(proc.steps.apply!.on, proc.params.talkWithinMonths);
    if (on > due && p.lateReason === undefined) return fail(proc.version, E.TALK_LATE, { due });
    return okResult;
  },
  effect: (_ctx, proc, _p, on) => ({
    data: { late: on > addMonths(proc.steps.apply!.on, proc.params.talkWithinMonths) },
  }),
});

/** Step 3 确定入党积极分子 — 细则第八条: by the 支委会, from 党员推荐 or 群团组织推优. */
export const nameActivist = stepAction<{ member: string; ref?: string; source: string }>({
  action: 'nameActivist',
  description: 'Step 3: the branch committee names the applicant an activist (入党积极分子).',
  shape: { source: { type: 'text', oneOf: ['党员推荐', '群团组织推优'] } },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  requires: ['talk'],
  phases: ['applicant'],
  rules(_ctx, proc, _p, on) {
    const earliest = addMonths(proc.steps.apply!.on, proc.params.applyToActivistMinMonths);
    if (on < earliest) return fail(proc.version, E.TOO_EARLY, { earliest });
    return okResult;
  },
  effect: () => ({ patch: { phase: 'activist' } }),
});

/** Step 4 上级党委备案. */
export const fileActivist = stepAction<{ member: string; ref?: string }>({
  action: 'fileActivist',
  description: 'Step 4: the superior 党委 records the activist as filed (备案).',
  shape: {},
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  requires: ['nameActivist'],
  phases: ['activist'],
});

/** Step 5 指定培养联系人 — 细则第九条: one or two full members. */
export const assignContacts = stepAction<{ member: string; ref?: string; contacts: string[] }>({
  action: 'assignContacts',
  description: 'Step 5: the branch assigns one or two full members as contact persons (培养联系人).',
  shape: { contacts: { type: 'ids', max: 10 } },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  requires: ['nameActivist'],
  phases: ['activist', 'candidate'],
  repeatable: true,
  rules(ctx, proc, p, on) {
    const unique = [...new Set(p.contacts)];
    if (unique.length < 1 || unique.length > proc.params.maxContacts || unique.length !== p.contacts.length)
      return fail(proc.version, E.CONTACT_COUNT, { count: p.contacts.length });
    const stores = storesFor(ctx, M);
    for (const c of unique) {
      const st = memberStatus(stores, c, on);
      if (c === proc.member || st?.status !== '正式党员')
        return fail(proc.version, E.CONTACT_INELIGIBLE, { member: c });
    }
    return okResult;
  },
  effect: (_ctx, _proc, p) => ({ patch: { contacts: [...p.contacts].sort() } }),
});

/** Steps 6 / 21 培养教育考察 — assessments (every half year under 2026 第十一条). */
export const recordAssessment = stepAction<{ member: string; ref?: string }>({
  action: 'recordAssessment',
  description: 'Steps 6 and 21: an assessment of the activist / probationary member.',
  shape: {},
  permission: [{ of: 'contact' }, { posts: ['书记', '组织委员'], of: 'org' }],
  requires: ['nameActivist'],
  phases: ['activist', 'candidate', 'probationary'],
  repeatable: true,
  // Each phase's assessment has its own record (ASSESSMENT_RECORD): step 21 never overwrites step 6.
  effect: (_ctx, proc, _p, on) => ({
    patch: { assessments: [...proc.assessments, on] },
    recordAs: ASSESSMENT_RECORD[proc.phase] ?? 'recordAssessment',
  }),
});

/** Files a material (思想汇报 and others not produced by a step) by reference. */
export const addMaterial = stepAction<{ member: string; ref?: string; kind: string }>({
  action: 'addMaterial',
  description: 'File a material (e.g. 思想汇报) by reference (hash of the document kept off-chain).',
  shape: { kind: { type: 'text', oneOf: ALL_MATERIALS } },
  // A paper report handed to the clerk is data entry: filed for the candidate, marked onBehalfOf.
  permission: [
    { of: 'self' },
    { of: 'clerkEntry' },
    { posts: ['书记', '组织委员', '党务工作者'], of: 'org' },
  ],
  check: (p) =>
    p.ref === undefined ? failure(E.BAD_PARAMS, { field: 'ref', expected: 'a value' }) : okResult,
  requires: ['apply'],
  phases: ['applicant', 'activist', 'candidate', 'probationary', 'full'],
  repeatable: true,
  effect: (_ctx, proc, p) => ({ patch: { materials: { ...proc.materials, [p.kind]: p.ref! } } }),
});

/** Whether a member may serve as introducer or contact today. */
export function introducerEligible(
  ctx: Parameters<typeof storesFor>[0],
  member: string,
  on: string,
): boolean {
  const stores = storesFor(ctx, M);
  const st = memberStatus(stores, member, on);
  return st !== null && deriveRights(st, memberSanctions(stores, member), on).introducer;
}
