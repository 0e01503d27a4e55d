/** Reading a recruitment process for the board and the workbench: next step, deadline levels. */
import {
  addDaysIso,
  type Chain,
  type Deadline,
  type OrgSummary,
  type ProcessInfo,
  type RuleSet,
  type StepDef,
} from './chain.ts';

import { isMessageKey, type MessageKey, type Translate } from './i18n.ts';

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

/** The words for a kind of deadline (the `dk_*` labels); a kind without any stays its id. */
export function deadlineKind(t: Translate, kind: string): string {
  const key = `dk_${kind}`;
  return isMessageKey(key) ? t(key) : kind;
}

export type Level = 'overdue' | 'dueSoon' | 'later';

export function levelOf(d: Deadline, today: string, dueSoonDays: number): Level {
  if (today > d.due) return 'overdue';
  if (today >= addDaysIso(d.due, -dueSoonDays)) return 'dueSoon';
  return 'later';
}

/** Where a step's record is kept in the process (steps 6 and 21 share an action, not a record). */
export const recordKey = (s: StepDef): string => s.record ?? s.action;

/** The step's record, if recorded. */
export const recordOf = (p: ProcessInfo, s: StepDef) => p.steps[recordKey(s)];

/** The first chart step not recorded yet (an assessment counts once). */
export function nextStep(p: ProcessInfo, rules: RuleSet | undefined): StepDef | undefined {
  if (!rules || p.phase === 'full' || p.phase === 'cancelled' || p.phase === 'notApproved') return undefined;
  return rules.steps.find((s) => recordOf(p, s) === undefined);
}

/** The chart step an action records; with the phase, the one of that phase (assessment: 6, or 21 on probation). */
export function stepOf(rules: RuleSet | undefined, action: string, phase?: string): StepDef | undefined {
  const all = rules?.steps.filter((s) => s.action === action) ?? [];
  if (all.length > 1 && phase !== undefined)
    return all.find((s) => (s.stage === 5) === (phase === 'probationary'));
  return all[0];
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

/** Rows of the processes read: next step and deadline levels (today in China). */
export async function caseRows(
  chain: Chain,
  procs: readonly ProcessInfo[],
  today: string,
  branches?: ReadonlySet<string>,
): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  for (const p of procs) {
    if (branches && !branches.has(p.branch)) continue;
    const rules = await chain.ruleSet(p.version);
    const soon = typeof p.params.dueSoonDays === 'number' ? p.params.dueSoonDays : 7;
    rows.push({
      member: p.member,
      branch: p.branch,
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
  return rows.sort((a, b) => a.branch.localeCompare(b.branch) || a.member.localeCompare(b.member));
}

/**
 * Every recruitment case under `root` (its branches and those below), with the organizations:
 * one request to the node (GET /v1/orgs/:org/cases) and the rule sets (cached), whatever the
 * number of cases.
 */
export async function casesUnder(
  chain: Chain,
  root: string,
  today: string,
): Promise<{ orgs: OrgSummary[]; rows: CaseRow[] }> {
  const { orgs, cases } = await chain.orgCases(root);
  return { orgs, rows: await caseRows(chain, cases, today) };
}

/** The nearest 党委 above `org` in a subtree read (null at the top or when it lies outside). */
export function superiorIn(orgs: readonly OrgSummary[], org: string): string | null {
  const byId = new Map(orgs.map((o) => [o.id, o] as const));
  let cur = byId.get(org);
  for (let depth = 0; cur && depth < 32; depth++) {
    if (cur.parent === null) return null;
    const parent = byId.get(cur.parent);
    if (!parent) return null;
    if (parent.kind === '党委') return parent.id;
    cur = parent;
  }
  return null;
}

/** Every recruitment case in the branches, with its next step and deadlines (one request per branch's history). */
export async function casesOf(chain: Chain, branches: readonly string[], today: string): Promise<CaseRow[]> {
  const procs: ProcessInfo[] = [];
  for (const branch of branches) {
    const ids = await chain.candidatesOf(branch);
    for (const p of await Promise.all(ids.map((id) => chain.process(id)))) if (p) procs.push(p);
  }
  return caseRows(chain, procs, today, new Set(branches));
}
