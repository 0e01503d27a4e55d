/** Terms of office and when 换届 is due (支部工作条例第九条), computed like the chain. */
import { parseIsoDate, shiftMonths } from '@djchain/ledger/dates';
import { addDaysIso } from './chain.ts';

/**
 * The term's end: start + years, clamped to the month's end (2024-02-29 + 1 = 2025-02-28) — the
 * chain's own arithmetic (`@djchain/ledger/dates`). A start that is no date is shown as it is.
 */
export function termEndOf(start: string, years: number): string {
  const parts = parseIsoDate(start);
  return parts === null ? start : shiftMonths(parts, 12 * years);
}

export type TermState = 'ok' | 'dueSoon' | 'overdue';

/**
 * Overdue once the end is reached (the chain's org.TermOverdue warning is raised that day); due soon
 * within 183 days, the time a 换届 takes to prepare (请示, 推荐, 选举).
 */
export function termState(end: string, today: string): TermState {
  if (end <= today) return 'overdue';
  return end <= addDaysIso(today, 183) ? 'dueSoon' : 'ok';
}
