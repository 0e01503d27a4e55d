/**
 * A probationary member who breaks discipline (《中国共产党纪律处分条例》第三十六条): "情节较轻，可以保留
 * 预备党员资格的，党组织应当对其批评教育或者延长预备期；情节较重的，应当取消其预备党员资格。" The five
 * sanctions are refused for them (discipline.decideSanction → DISCIPLINE_PROBATIONARY); these three
 * outcomes act on the recruitment process instead:
 * - 批评教育: recorded in the process (and the member's history); dates unchanged; no approval needed —
 *   criticism and education is the branch's own measure;
 * - 延长预备期: decided by the branch meeting, approved by the superior 党委 (党章第七条); probation ends
 *   `months` (6–12) later, once only (the same single extension a conversion vote can give); an open
 *   conversion round is filed away (the member applies again at the new end);
 * - 取消预备党员资格: decided by the branch meeting, approved by the superior 党委; the process ends
 *   ('cancelled': status 出党, exit reason 取消预备党员资格).
 */
import { addMonths } from '../common/dates.ts';
import { okResult } from '../common/errors.ts';
import { RecruitmentErrors as E } from './errors.ts';
import { fail, type StepEffect, stepAction } from './process.ts';
import type { Process } from './store.ts';

export const PROBATION_OUTCOMES = ['批评教育', '延长预备期', '取消预备党员资格'] as const;
export type ProbationOutcome = (typeof PROBATION_OUTCOMES)[number];

interface Decide {
  member: string;
  ref?: string;
  /** The discipline case id (its record key in the process). */
  case: string;
  outcome: ProbationOutcome;
  months?: number;
  resolution: string;
}

const caseKey = (id: string) => `probationDiscipline:${id}`;

export const probationDiscipline = stepAction<Decide>({
  action: 'probationDiscipline',
  description:
    "A probationary member's breach of discipline (条例第三十六条): 批评教育, or the branch meeting's decision to extend probation or cancel probationary membership (awaiting the superior's approval).",
  shape: {
    case: 'id',
    outcome: { type: 'text', oneOf: PROBATION_OUTCOMES },
    months: { type: 'int', optional: true, min: 1, max: 24 },
    resolution: 'id',
  },
  permission: [{ posts: ['书记', '纪检委员'], of: 'org' }],
  requires: ['approveAdmission'],
  phases: ['probationary'],
  repeatable: true,
  rules(_ctx, proc, p) {
    if (proc.disciplinePending)
      return fail(proc.version, E.DISCIPLINE_PENDING, { case: proc.disciplinePending });
    if (proc.steps[caseKey(p.case)]) return fail(proc.version, E.STEP_DONE, { step: caseKey(p.case) });
    if (p.outcome !== '延长预备期')
      return p.months === undefined
        ? okResult
        : fail(proc.version, E.DISCIPLINE_MONTHS, { months: p.months });
    if (proc.extended) return fail(proc.version, E.EXTENSION_ONCE);
    const m = p.months ?? 0;
    if (m < proc.params.extensionMinMonths || m > proc.params.extensionMaxMonths)
      return fail(proc.version, E.EXTENSION_RANGE, { months: m });
    return okResult;
  },
  effect(_ctx, _proc, p) {
    const pending = p.outcome !== '批评教育';
    return {
      ...(pending ? { patch: { disciplinePending: p.case } } : {}),
      data: { status: pending ? 'decided' : 'recorded' },
      recordAs: caseKey(p.case),
    };
  },
});

function withoutRound(proc: Process): Process['steps'] {
  const { applyConversion: _a, conversionVote: _v, approveConversion: _c, ...rest } = proc.steps;
  return rest;
}

export const approveProbationDiscipline = stepAction<{ member: string; ref?: string; approved: boolean }>({
  action: 'approveProbationDiscipline',
  description:
    "The superior 党委 approves (or not) the branch's decision to extend probation or cancel probationary membership (党章第七条).",
  shape: { approved: 'bool' },
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  requires: ['approveAdmission'],
  phases: ['probationary'],
  repeatable: true,
  rules: (_ctx, proc) => (proc.disciplinePending ? okResult : fail(proc.version, E.NO_DISCIPLINE_PENDING)),
  effect(_ctx, proc, p, on): StepEffect {
    const id = proc.disciplinePending!;
    const decided = proc.steps[caseKey(id)]!;
    const outcome = decided.data.outcome as ProbationOutcome;
    const recordAs = `probationDisciplineApproval:${id}`;
    if (!p.approved) return { patch: { disciplinePending: null }, data: { case: id, outcome }, recordAs };
    if (outcome === '取消预备党员资格')
      return {
        patch: { phase: 'cancelled', disciplinePending: null },
        data: { case: id, outcome },
        recordAs,
      };
    const probationEnd = addMonths(proc.probationEnd!, decided.data.months as number);
    return {
      patch: { probationEnd, extended: true, disciplinePending: null, steps: withoutRound(proc) },
      data: { case: id, outcome, probationEnd, approvedOn: on },
      recordAs,
    };
  },
});
