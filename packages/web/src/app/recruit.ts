/** Reading a recruitment process for the board and the workbench: next step, deadline levels. */
import {
  addDaysIso,
  type Chain,
  type Deadline,
  type ProcessInfo,
  type RuleSet,
  type StepDef,
} from './chain.ts';

import type { MessageKey } from './i18n.ts';

export const PHASES = ['applicant', 'activist', 'candidate', 'probationary'] as const;

export const PHASE_LABEL: Record<string, MessageKey> = {
  applicant: 'stageApplicant',
  activist: 'stageActivist',
  candidate: 'stageCandidate',
  probationary: 'stageProbationary',
  full: 'stageFull',
};

/** The action that meets each kind of deadline (recruitment/deadlines.ts). */
export const DEADLINE_ACTION: Record<string, string> = {
  talk: 'talk',
  assessment: 'recordAssessment',
  branchMeeting: 'admissionVote',
  approval: 'approveAdmission',
  oath: 'takeOath',
  conversion: 'conversionVote',
  conversionApproval: 'approveConversion',
};

export type Level = 'overdue' | 'dueSoon' | 'later';

export function levelOf(d: Deadline, today: string, dueSoonDays: number): Level {
  if (today > d.due) return 'overdue';
  if (today >= addDaysIso(d.due, -dueSoonDays)) return 'dueSoon';
  return 'later';
}

/** The first chart step not recorded yet (an assessment counts once). */
export function nextStep(p: ProcessInfo, rules: RuleSet | undefined): StepDef | undefined {
  if (!rules || p.phase === 'full' || p.phase === 'cancelled' || p.phase === 'notApproved') return undefined;
  return rules.steps.find((s) => p.steps[s.action] === undefined);
}

export function stepOf(rules: RuleSet | undefined, action: string): StepDef | undefined {
  return rules?.steps.find((s) => s.action === action);
}

export interface CaseRow {
  readonly member: string;
  readonly branch: string;
  readonly process: ProcessInfo;
  readonly rules: RuleSet | undefined;
  readonly next: StepDef | undefined;
  readonly deadlines: ReadonlyArray<Deadline & { level: Level; action: string }>;
}

/** The branches a post looks after: the branch itself, or every 党支部 under a 党委 / 党总支. */
export async function branchesOf(chain: Chain, org: string): Promise<string[]> {
  const tree = await chain.orgTree(org);
  return tree.filter((o) => o.kind === '党支部').map((o) => o.id);
}

/** Every recruitment case in the branches, with its next step and deadlines. */
export async function casesOf(chain: Chain, branches: readonly string[], today: string): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  for (const branch of branches) {
    const ids = await chain.candidatesOf(branch);
    const procs = await Promise.all(ids.map((id) => chain.process(id)));
    for (const p of procs) {
      if (!p || p.branch !== branch) continue;
      const rules = await chain.ruleSet(p.version);
      const soon = typeof p.params.dueSoonDays === 'number' ? p.params.dueSoonDays : 7;
      rows.push({
        member: p.member,
        branch,
        process: p,
        rules,
        next: nextStep(p, rules),
        deadlines: p.deadlines.map((d) => ({
          ...d,
          level: levelOf(d, today, soon),
          action: DEADLINE_ACTION[d.kind] ?? 'talk',
        })),
      });
    }
  }
  return rows;
}
