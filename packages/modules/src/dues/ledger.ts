/**
 * A member's dues month by month, derived from the records (never stored, so it cannot drift):
 * whether the member owed that month, how much, and whether it is paid, waived or unpaid.
 */
import type { ReadStore } from '@djchain/runtime';
import { type IsoDate, minDate } from '../common/dates.ts';
import { addMonth, lastDay, type YearMonth } from '../common/months.ts';
import { type MemberStores, memberStatus } from '../member/status.ts';
import { type Assessment, assessmentFor, duesKeys, getPayment, getRelief } from './store.ts';

export type MonthState =
  /** Not a Party member (full or probationary) that month: nothing owed. */
  | 'notMember'
  /** A member, but no amount assessed for the month: the branch must assess (not the member's arrear). */
  | 'unassessed'
  /** Waived by an approved relief. */
  | 'waived'
  | 'paid'
  /** The member reported a payment the branch has not yet confirmed. */
  | 'reported'
  | 'unpaid';

export interface MonthDues {
  readonly month: YearMonth;
  readonly state: MonthState;
  /** Amount owed for the month (after relief), fen. */
  readonly fen: number;
  readonly payment: string | null;
  readonly relief: string | null;
}

/** The stores the ledger reads: the dues store and what member status needs. */
export interface DuesStores extends MemberStores {
  readonly dues: ReadStore;
}

/** Dues of one month, `today` bounding a month not yet over. */
export function monthDues(
  stores: DuesStores,
  member: string,
  assessments: readonly Assessment[],
  month: YearMonth,
  today: IsoDate,
): MonthDues {
  const base = { month, payment: null, relief: null };
  const st = memberStatus(stores, member, minDate(lastDay(month), today));
  if (st === null || (st.status !== '正式党员' && st.status !== '预备党员'))
    return { ...base, state: 'notMember', fen: 0 };
  const paidBy = stores.dues.get(duesKeys.paid(member, month));
  if (typeof paidBy === 'string') {
    const p = getPayment(stores.dues, paidBy);
    const fen = assessmentFor(assessments, month)?.fen ?? 0;
    return { ...base, state: p?.status === 'reported' ? 'reported' : 'paid', fen, payment: paidBy };
  }
  const a = assessmentFor(assessments, month);
  if (a === undefined) return { ...base, state: 'unassessed', fen: 0 };
  const reliefId = stores.dues.get(duesKeys.relievedMonth(member, month));
  if (typeof reliefId === 'string') {
    const r = getRelief(stores.dues, reliefId);
    if (r?.status === 'approved') {
      if (r.fen === 0) return { ...base, state: 'waived', fen: 0, relief: reliefId };
      return { ...base, state: 'unpaid', fen: Math.min(r.fen, a.fen), relief: reliefId };
    }
  }
  return { ...base, state: a.fen === 0 ? 'waived' : 'unpaid', fen: a.fen };
}

/**
 * Consecutive unpaid months ending at `month` (counting back, at most `max`), oldest first. A month
 * that is paid, reported, waived, unassessed or before membership ends the run.
 */
export function unpaidRun(
  stores: DuesStores,
  member: string,
  assessments: readonly Assessment[],
  month: YearMonth,
  today: IsoDate,
  max: number,
): YearMonth[] {
  const run: YearMonth[] = [];
  for (let m = month; run.length < max; m = addMonth(m, -1)) {
    if (monthDues(stores, member, assessments, m, today).state !== 'unpaid') break;
    run.unshift(m);
  }
  return run;
}
