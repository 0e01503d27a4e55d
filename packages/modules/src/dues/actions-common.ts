/** What the dues actions share: targets, month lists, and the books. */
import type { ActionContext, ReadContext } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { addMonth, isYearMonth, monthOf, type YearMonth } from '../common/months.ts';
import { asValue, MODULE, storeOf } from '../common/stores.ts';
import { currentOrg } from '../member/status.ts';
import { storesFor, type Target } from '../permissions/authorize.ts';
import type { DuesStores } from './ledger.ts';
import { type Books, duesKeys, getBooks } from './store.ts';

export const M = MODULE.dues;

export function duesStores(ctx: ReadContext): DuesStores {
  return { ...storesFor(ctx, M), dues: storeOf(ctx, M, MODULE.dues) };
}

export const todayOf = (ctx: ReadContext) => chinaDate(ctx.time);
export const monthNow = (ctx: ReadContext): YearMonth => monthOf(todayOf(ctx));

/** The member's organization (the one holding the membership) as the action's target. */
export function memberTarget(ctx: ReadContext, member: string): Target | null {
  const org = currentOrg(storesFor(ctx, M), member);
  return org === null ? null : { org, member };
}

/** Months are distinct 'YYYY-MM' values. */
export function validMonths(months: readonly string[]): boolean {
  return months.length > 0 && months.every(isYearMonth) && new Set(months).size === months.length;
}

/** The last month of the quarter `ym` is in. */
export function quarterEnd(ym: YearMonth): YearMonth {
  const m = Number(ym.slice(5, 7));
  return addMonth(ym, (3 - (m % 3)) % 3);
}

/** Adds to an organization's books, in total and for the year. */
export function addToBooks(ctx: ActionContext, org: string, year: number, delta: Partial<Books>): void {
  for (const [key, books] of [
    [duesKeys.books(org), getBooks(ctx.store, org)],
    [duesKeys.booksYear(org, year), getBooks(ctx.store, org, year)],
  ] as const) {
    ctx.store.set(
      key,
      asValue({
        collected: books.collected + (delta.collected ?? 0),
        received: books.received + (delta.received ?? 0),
        remitted: books.remitted + (delta.remitted ?? 0),
      } satisfies Books),
    );
  }
}

export const yearOf = (date: string) => Number(date.slice(0, 4));
