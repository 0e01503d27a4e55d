/**
 * The warning centre's and the operation index's records as the web app reads them: the kinds and
 * levels from @djchain/modules/lists (the one data-only path of the modules the app may import:
 * scripts/check-layers.ts), the record shapes the modules' own (a type-only import, erased: no
 * module code enters the bundle).
 */
import type { CheckMiss, IndexRecord, WarningRecord } from '@djchain/modules';
import { WARNING_KINDS, WARNING_LEVELS } from '@djchain/modules/lists';

export type { CheckMiss, IndexRecord, WarningRecord };
export { WARNING_KINDS, WARNING_LEVELS };
export type WarningKind = (typeof WARNING_KINDS)[number];
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/** A close spread over several blocks, in progress: its month and the branches counted of all. */
export interface IndexClosing {
  readonly month: string;
  readonly done: number;
  readonly total: number;
}
/** `insight.period` while the period's close runs: no figures yet (never half a record). */
export interface IndexPending {
  readonly org: string;
  readonly period: string;
  readonly closing: IndexClosing;
}
export const isPending = (r: IndexRecord | IndexPending): r is IndexPending => 'closing' in r;
export interface IndexRow {
  readonly period: string;
  readonly rules: string;
  readonly overall: number;
  readonly level: string;
  readonly people: number;
  readonly items: number;
  readonly links: number;
  readonly missing: { readonly people: number; readonly items: number; readonly links: number };
}

export const COMPONENTS = ['people', 'items', 'links'] as const;
export type ComponentName = (typeof COMPONENTS)[number];
/** 不漏人's checks a record may hold, in the order shown. */
export const CHECKS = ['contact', 'roster', 'transfer'] as const;
export type CheckName = (typeof CHECKS)[number];
/** One check's figures and the members it finds missing. */
type CheckPart = NonNullable<IndexRecord['checks']>['contact'];

/** The checks a record holds, in order (none under `2026` and `2026-strict`). */
export function checksOf(rec: IndexRecord): { name: CheckName; part: CheckPart }[] {
  const c = rec.checks;
  if (!c) return [];
  return CHECKS.flatMap((name) => {
    const part = c[name];
    return part ? [{ name, part }] : [];
  });
}

/** Permille as a percentage with one decimal, integer arithmetic: 666 → "66.6". */
export const percent = (permille: number) => `${Math.floor(permille / 10)}.${permille % 10}`;

/** Where a warning is answered: the page of the act that closes it. */
export function warningLink(w: Pick<WarningRecord, 'kind' | 'member' | 'data'>): string | null {
  const d = w.data as { [k: string]: string };
  switch (w.kind) {
    case 'recruitment.deadline':
      return `#/recruitment/${w.member}`;
    case 'dues.arrears':
    case 'dues.lapse':
      return '#/dues';
    case 'orglife.missed':
    case 'orglife.lapse':
      return d.org ? `#/orglife/branch/${d.org}` : '#/orglife';
    case 'org.term':
      return '#/manage/terms';
    case 'transfer.unanswered':
    case 'discipline.observation':
      return '#/discipline';
    case 'declaration.answer':
      return '#/requests';
    case 'declaration.review':
      return '#/declarations';
    case 'study.pace':
      return '#/study';
    default:
      return null;
  }
}
