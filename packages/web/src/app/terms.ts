/** Terms of office and when 换届 is due (支部工作条例第九条), computed like the chain. */
import { addDaysIso } from './chain.ts';

/** The term's end: start + years, clamped to the month's end like the chain (2024-02-29 + 1 = 2025-02-28). */
export function termEndOf(start: string, years: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const ny = y + years;
  const last = new Date(Date.UTC(ny, m, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
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
