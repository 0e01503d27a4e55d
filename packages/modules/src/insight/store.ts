/**
 * The index records: one per organization and period (`x/<org>/<period>`: a month YYYY-MM, a quarter
 * YYYY-Qn, a year YYYY), written once at the period's close; the version in force and its history.
 */
import type { ReadStore } from '@djchain/runtime';
import { getRecord, SEP } from '../common/stores.ts';
import type { IndexRules } from './rules.ts';

/** A member not accounted for, with what is missing and in which months (member-id order, no score). */
export interface MissingPerson {
  readonly member: string;
  readonly items: readonly ('dues' | 'orglife' | 'study' | 'contact' | 'roster' | 'transfer')[];
  readonly months: readonly string[];
}
/**
 * A member one check of 不漏人 (rule sets with it: contact, roster, transfer) finds missing, with the
 * months. For contact, `since` is the day contact was lost as the 停止党籍 records it (null: no sign of
 * contact in the rule set's months, nothing recorded yet). For transfer, `transfer` is the transfer
 * waiting past its deadline (the record) and `due` that deadline.
 */
export interface CheckMiss {
  readonly member: string;
  readonly months: readonly string[];
  readonly since?: string | null;
  readonly transfer?: string;
  readonly due?: string;
}
/** A required item not done: a meeting kind and period (the orglife warning), or the term (换届). */
export interface MissingItem {
  readonly org: string;
  readonly kind: string;
  readonly period: string;
  /** The warning raised for it, the record behind the figure. */
  readonly warning: string | null;
}
/** A broken link: an open warning of a process, transfer, case or term at the close. */
export interface BrokenLink {
  readonly warning: string;
  readonly kind: string;
  readonly member: string | null;
  readonly due: string;
}

export interface Component<T> {
  readonly score: number;
  readonly owed: number;
  readonly done: number;
  /** Complete up to LIST_MAX; `count` is always complete. */
  readonly missing: readonly T[];
  readonly count: number;
}

export interface IndexRecord {
  readonly org: string;
  readonly period: string;
  readonly every: 'month' | 'quarter' | 'year';
  readonly rules: string;
  readonly closedOn: string;
  readonly closedAt: number;
  /** The branches it covers (itself for a 党支部; every 党支部 below for a 党委 or 党总支). */
  readonly branches: readonly string[];
  readonly people: Component<MissingPerson>;
  readonly items: Component<MissingItem>;
  readonly links: Component<BrokenLink>;
  /**
   * Only with a rule set that judges them (`2026-v2`): 不漏人's contact and roster checks on their own,
   * each with its missing persons (they count in `people` as well); `transfer` from `2026-v3` on.
   */
  readonly checks?: {
    readonly contact: Component<CheckMiss>;
    readonly roster: Component<CheckMiss>;
    readonly transfer?: Component<CheckMiss>;
  };
  /** Rule sets judging transfers (`2026-v3` on): the deadline in days this period was judged by. */
  readonly transferDays?: number;
  readonly overall: number;
  readonly level: string;
}

export const LIST_MAX = 500;

export const insightKeys = {
  record: (org: string, period: string) => `x${SEP}${org}${SEP}${period}`,
  recordPrefix: (org: string) => `x${SEP}${org}${SEP}`,
  closed: 'closed',
  version: 'version',
  /** The values the rule set in force took from other modules when adopted: { version, transferDays }. */
  adoptedValues: 'inForce',
  adopted: (height: number) => `v${SEP}${String(height).padStart(12, '0')}`,
  adoptedPrefix: `v${SEP}`,
  /** A month's close spread over several blocks: the cursor (`Closing`), present only while it runs. */
  closing: 'closing',
  /** A branch's counts of the closing month (and quarter, year) once its batch is done; removed at the end. */
  closingDone: (branch: string) => `closing${SEP}done${SEP}${branch}`,
  closingDonePrefix: `closing${SEP}done${SEP}`,
  /** A branch still to count: its roster and suspended members, taken at the close's first block. */
  closingInput: (branch: string) => `closing${SEP}todo${SEP}${branch}`,
  closingInputPrefix: `closing${SEP}todo${SEP}`,
  /** The genesis override of the branches closed per block (absent: CLOSE_BRANCHES_PER_BLOCK). */
  closeBranches: 'closeBranches',
};

/**
 * The cursor of a month's close in progress: the month, the rule set it is judged with (fixed at its
 * first block, so a rule change adopted in between does not split a month), and how many of the
 * branches are done (each done branch has its counts under `closingPart`).
 */
export interface Closing {
  readonly month: string;
  readonly rules: IndexRules;
  readonly done: number;
  readonly total: number;
}

export function getIndex(store: ReadStore, org: string, period: string): IndexRecord | undefined {
  return getRecord<IndexRecord>(store, insightKeys.record(org, period));
}
