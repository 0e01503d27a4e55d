/**
 * What a post sees of its cases, derived from the processes as they are now (never from the
 * history of warning events, which stay in the record after their act has landed):
 *
 * - one to-do per case: its most urgent open deadline's step, or — when that step lies beyond the
 *   case's next step (a conversion vote before the conversion application) — the next step, with
 *   the deadline's level; otherwise the next step. A case is never listed at two steps.
 * - open warnings: the deadlines due soon or overdue now, one per deadline (a deadline has one level
 *   at a time, never both), gone as soon as the step that meets it is recorded.
 * - per branch: open cases by stage, overdue and due-soon counts.
 */
import type { OrgSummary } from './chain.ts';
import { type CaseRow, PHASES, stepOf } from './recruit.ts';

export type TodoLevel = 'overdue' | 'dueSoon' | 'waiting';

export interface Todo {
  readonly member: string;
  readonly branch: string;
  readonly phase: string;
  readonly action: string;
  readonly no: number | null;
  readonly name: string;
  readonly level: TodoLevel;
  readonly due?: string;
  readonly cite?: string;
  /** The deadline's kind (talk, approval, conversion …) when a deadline drives the to-do. */
  readonly kind?: string;
}

export interface OpenWarning {
  readonly member: string;
  readonly branch: string;
  readonly kind: string;
  readonly level: 'overdue' | 'dueSoon';
  readonly due: string;
  readonly cite: string;
}

const URGENCY = { overdue: 0, dueSoon: 1, later: 2 } as const;

/** The open deadlines due soon or overdue, most urgent first. */
export function urgentOf(c: CaseRow): CaseRow['deadlines'][number][] {
  return c.deadlines
    .filter((d) => d.level !== 'later')
    .sort((a, b) => URGENCY[a.level] - URGENCY[b.level] || a.due.localeCompare(b.due));
}

/** The case's one to-do (null when nothing is left to do: a full member, an ended process). */
export function todoOf(c: CaseRow): Todo | null {
  const phase = c.process.phase;
  const base = { member: c.member, branch: c.branch, phase };
  const d = urgentOf(c)[0];
  if (d) {
    const step = stepOf(c.rules, d.action, phase);
    // The deadline's step comes after the next one: the way to it is the next step.
    const via = c.next && step && step.no > c.next.no ? c.next : step;
    return {
      ...base,
      action: via?.action ?? d.action,
      no: via?.no ?? null,
      name: via?.name ?? d.kind,
      level: d.level as 'overdue' | 'dueSoon',
      due: d.due,
      cite: d.cite,
      kind: d.kind,
    };
  }
  if (!c.next) return null;
  // Nothing urgent: the nearest deadline still shows when the case is due, as information.
  const later = [...c.deadlines].sort((a, b) => a.due.localeCompare(b.due))[0];
  return {
    ...base,
    action: c.next.action,
    no: c.next.no,
    name: c.next.name,
    level: 'waiting',
    ...(later ? { due: later.due, cite: later.cite, kind: later.kind } : {}),
  };
}

/** The warnings open now: one per deadline due soon or overdue. */
export function openWarnings(rows: readonly CaseRow[]): OpenWarning[] {
  const out: OpenWarning[] = [];
  for (const c of rows)
    for (const d of urgentOf(c))
      out.push({
        member: c.member,
        branch: c.branch,
        kind: d.kind,
        level: d.level as 'overdue' | 'dueSoon',
        due: d.due,
        cite: d.cite,
      });
  return out.sort((a, b) => URGENCY[a.level] - URGENCY[b.level] || a.due.localeCompare(b.due));
}

export interface BranchSummary {
  readonly branch: string;
  readonly name: string;
  /** Open cases by stage (applicant, activist, candidate, probationary). */
  readonly byPhase: Readonly<Record<string, number>>;
  readonly open: number;
  readonly overdue: number;
  readonly dueSoon: number;
}

/** One row per 党支部 of the subtree, in tree order, with its open cases and warnings. */
export function branchSummaries(orgs: readonly OrgSummary[], rows: readonly CaseRow[]): BranchSummary[] {
  const warnings = openWarnings(rows);
  return orgs
    .filter((o) => o.kind === '党支部')
    .map((o) => {
      const mine = rows.filter((c) => c.branch === o.id);
      const byPhase: Record<string, number> = {};
      for (const p of PHASES) byPhase[p] = mine.filter((c) => c.process.phase === p).length;
      const w = warnings.filter((x) => x.branch === o.id);
      return {
        branch: o.id,
        name: o.name,
        byPhase,
        open: PHASES.reduce((n, p) => n + byPhase[p]!, 0),
        overdue: w.filter((x) => x.level === 'overdue').length,
        dueSoon: w.filter((x) => x.level === 'dueSoon').length,
      };
    });
}
