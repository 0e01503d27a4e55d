/**
 * The study pace (issue 18): 《中国共产党党员教育管理工作条例》第二十条's yearly hours (32 学时, 56 for
 * cadres; rules.ts, RULES.md §5) spread evenly over the year, so by a month's end a member owes
 * target × months / 12 — compared in twelfths (hours × 12 < target × months: behind), integers only,
 * nothing rounded.
 *
 * The 条例 gives a yearly amount and says nothing of a member who joins in the year. The index's rule
 * sets with `studyProRata` (`2026-v4`) read it as owed for the whole months of membership only: a
 * member admitted (党章第七条: from the branch meeting's vote) or registered on this chain (an import,
 * a transfer from another chain) during the year owes the months from the first one they belong to
 * from its 1st — joined on 1 July: July to December, half the year; on 1 January: all of it; on any
 * later day of a month (its last day too): from the next month. A partial month is never owed, so a
 * member is never behind on the day they join. A transfer between branches of this chain changes
 * nothing: the member's hours follow them.
 */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getMember } from '../member/store.ts';
import { getProcess } from '../recruitment/store.ts';

/** Behind the pace: hours × 12 below target × months owed. */
export const behindPace = (hours: number, target: number, months: number): boolean =>
  hours * 12 < target * months;

/**
 * The months of `year` up to `month` (1–12) a member who belongs from `from` owes study for: every one
 * when `from` is before the year; else from `from`'s month when it is that month's 1st, otherwise
 * from the next month; 0 when that is after `month`.
 */
export function paceMonths(year: number, month: number, from: IsoDate): number {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  // Months counted from year 0: the first whole month of membership, and the year's January.
  const first = y * 12 + (m - 1) + (d === 1 ? 0 : 1);
  const start = Math.max(first, year * 12);
  return Math.max(0, year * 12 + month - start);
}

/**
 * The day this chain counts a member's study from: the branch meeting's admission vote of their
 * recruitment process (党章第七条), else their registration (genesis, import, transfer from another
 * chain); null for an unknown member.
 */
export function studyCountedFrom(
  stores: { readonly member: ReadStore; readonly recruitment: ReadStore },
  member: string,
): IsoDate | null {
  const vote = getProcess(stores.recruitment, member)?.steps.admissionVote?.on;
  return vote ?? getMember(stores.member, member)?.registeredOn ?? null;
}
