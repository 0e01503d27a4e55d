/** The dues module's queries: what a member owes and paid, a branch's register, books and arrears. */
import type { Value } from '@djchain/crypto';
import type { QueryDef, ReadContext } from '@djchain/runtime';
import { addMonth, monthRange, type YearMonth } from '../common/months.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, getRecord, MODULE, storeOf } from '../common/stores.ts';
import { currentOrg } from '../member/status.ts';
import { memberKeys } from '../member/store.ts';
import { duesStores, monthNow, todayOf } from './actions-common.ts';
import { DuesErrors } from './errors.ts';
import { monthDues, unpaidRun } from './ledger.ts';
import { DUES_GROUPS, type DuesGroup, duesRuleFor, monthlyDues } from './rates.ts';
import {
  assessmentsOf,
  duesKeys,
  getArrangement,
  getBooks,
  getLapseCase,
  getPayment,
  getRelief,
  getRemittance,
  held,
  type Payment,
} from './store.ts';

function paymentsOf(ctx: ReadContext, member: string): Payment[] {
  const prefix = duesKeys.paymentsOfPrefix(member);
  return ctx.store
    .keys(prefix, 10_000)
    .map((k) => getPayment(ctx.store, k.slice(prefix.length)))
    .filter((x): x is Payment => x !== undefined);
}

/** A member's months from `from` to `to`, their payments, reliefs, arrears and any open case. */
function account(ctx: ReadContext, member: string, from: YearMonth, to: YearMonth) {
  const stores = duesStores(ctx);
  const assessments = assessmentsOf(ctx.store, member);
  const months = monthRange(from, to, 60).map((m) => monthDues(stores, member, assessments, m, todayOf(ctx)));
  const reliefPrefix = duesKeys.reliefsOfPrefix(member);
  return {
    member,
    org: currentOrg(stores, member),
    assessments,
    arrangement: getArrangement(ctx.store, member) ?? null,
    months,
    payments: paymentsOf(ctx, member),
    reliefs: ctx.store
      .keys(reliefPrefix, 1000)
      .map((k) => getRelief(ctx.store, k.slice(reliefPrefix.length))!),
    /** Consecutive unpaid months up to the last closed month. */
    arrears: unpaidRun(stores, member, assessments, addMonth(monthNow(ctx), -1), todayOf(ctx), 24),
    lapseCase: getLapseCase(ctx.store, member) ?? null,
  };
}

/** Members whose membership is held by `org` (walks the roster: a query, not a transaction). */
function membersOf(ctx: ReadContext, org: string): string[] {
  const stores = duesStores(ctx);
  const members = storeOf(ctx, MODULE.dues, MODULE.member);
  return members
    .keys(memberKeys.prefix, 200_000)
    .map((k) => k.slice(memberKeys.prefix.length))
    .filter((id) => currentOrg(stores, id) === org);
}

/**
 * The books month by month, from the records themselves: a confirmed payment counts in the month it
 * was recorded (`on`), a remittance sent in the month it was sent, one received in the month it was
 * acknowledged; corrected, rejected and unconfirmed payments count nowhere. Held at a month's end is
 * everything collected and received up to then less everything remitted, so each month shows
 * collected + received = remitted + (held − held before), and the year's last held is the books'.
 */
function ledger(ctx: ReadContext, org: string, year: number) {
  const payPrefix = duesKeys.paymentsToPrefix(org);
  const payments = ctx.store
    .keys(payPrefix, 1_000_000)
    .map((k) => getPayment(ctx.store, k.slice(payPrefix.length))!)
    .filter((x) => x.status === 'confirmed');
  const remPrefix = duesKeys.remittancesOfPrefix(org);
  const remittances = ctx.store
    .keys(remPrefix, 100_000)
    .map((k) => getRemittance(ctx.store, k.slice(remPrefix.length))!);
  const first = `${year}-01`;
  const last = `${year}-12`;
  const months = monthRange(first, last, 12).map((month) => ({
    month,
    collected: 0,
    received: 0,
    remitted: 0,
    held: 0,
    payments: [] as string[],
    remittances: [] as string[],
  }));
  let opening = 0;
  const add = (
    date: string | null,
    fen: number,
    field: 'collected' | 'received' | 'remitted',
    id: string,
  ) => {
    if (date === null) return;
    const m = date.slice(0, 7);
    const sign = field === 'remitted' ? -1 : 1;
    if (m < first) opening += sign * fen;
    const row = months.find((r) => r.month === m);
    if (row === undefined) return;
    row[field] += fen;
    (field === 'collected' ? row.payments : row.remittances).push(id);
  };
  for (const x of payments) add(x.on, x.fen, 'collected', x.id);
  for (const r of remittances) {
    if (r.org === org) add(r.on, r.fen, 'remitted', r.id);
    else if (r.status === 'acknowledged') add(r.acknowledgedOn, r.fen, 'received', r.id);
  }
  let held = opening;
  for (const row of months) {
    held += row.collected + row.received - row.remitted;
    row.held = held;
  }
  const inYear = (d: string | null) => d?.startsWith(`${year}-`);
  return {
    org,
    year,
    openingHeld: opening,
    months,
    payments: payments.filter((x) => inYear(x.on)),
    remittances: remittances.filter((r) => inYear(r.on) || inYear(r.acknowledgedOn)),
  };
}

const BAD = DuesErrors.BAD_PARAMS;
const YEAR = { type: 'int', optional: true, min: 1949, max: 2200 } as const;
const thisYear = (ctx: ReadContext) => Number(monthNow(ctx).slice(0, 4));

export const duesQueries: { readonly [name: string]: QueryDef } = {
  amount: defineQuery<{ group: DuesGroup; base?: number; month?: YearMonth }>(BAD, {
    description: 'The monthly amount (fen) for a group and base (fen) under the rule in force for a month.',
    shape: {
      group: { type: 'text', oneOf: DUES_GROUPS },
      base: { type: 'int', optional: true, min: 0 },
      month: { type: 'month', optional: true },
    },
    run: (ctx, p) => asValue(monthlyDues(duesRuleFor(p.month ?? monthNow(ctx)), p.group, p.base ?? null)),
  }),
  account: defineQuery<{ member: string; year?: number }>(BAD, {
    description: "A member's dues for a year: assessments, each month, payments, reliefs, arrears, case.",
    shape: { member: 'id', year: YEAR },
    run(ctx, p) {
      const y = p.year ?? thisYear(ctx);
      return asValue(account(ctx, p.member, `${y}-01`, `${y}-12`));
    },
  }),
  register: defineQuery<{ org: string; month?: YearMonth }>(BAD, {
    description: "An organization's monthly register: every member it holds and the month's state.",
    shape: { org: 'id', month: { type: 'month', optional: true } },
    run(ctx, p) {
      const month = p.month ?? monthNow(ctx);
      const stores = duesStores(ctx);
      const rows = membersOf(ctx, p.org).map((member) => ({
        member,
        ...monthDues(stores, member, assessmentsOf(ctx.store, member), month, todayOf(ctx)),
      }));
      return asValue({ org: p.org, month, rows: rows.filter((r) => r.state !== 'notMember') });
    },
  }),
  arrears: defineQuery<{ org: string }>(BAD, {
    description:
      "An organization's members with unpaid months up to the last closed month, and six-month cases.",
    shape: { org: 'id' },
    run(ctx, p) {
      const stores = duesStores(ctx);
      const last = addMonth(monthNow(ctx), -1);
      const rows = membersOf(ctx, p.org)
        .map((member) => ({
          member,
          months: unpaidRun(stores, member, assessmentsOf(ctx.store, member), last, todayOf(ctx), 24),
          lapseCase: getLapseCase(ctx.store, member) ?? null,
        }))
        .filter((r) => r.months.length > 0 || r.lapseCase !== null);
      return asValue({ org: p.org, closedMonth: last, rows });
    },
  }),
  books: defineQuery<{ org: string; year?: number }>(BAD, {
    description:
      "An organization's dues books (a year's or in all): collected, received, remitted, held, remittances.",
    shape: { org: 'id', year: YEAR },
    run(ctx, p) {
      const books = getBooks(ctx.store, p.org, p.year);
      const prefix = duesKeys.remittancesOfPrefix(p.org);
      const remittances = ctx.store
        .keys(prefix, 10_000)
        .map((k) => getRemittance(ctx.store, k.slice(prefix.length))!);
      return asValue({
        org: p.org,
        year: p.year ?? null,
        ...books,
        held: held(getBooks(ctx.store, p.org)),
        remittances,
      });
    },
  }),
  statement: defineQuery<{ member: string; year?: number }>(BAD, {
    description:
      "A member's annual statement (default: last year): owed and paid per month, payments, totals.",
    shape: { member: 'id', year: YEAR },
    run(ctx, p) {
      const y = p.year ?? thisYear(ctx) - 1;
      const a = account(ctx, p.member, `${y}-01`, `${y}-12`);
      const owed = a.months.reduce(
        (s, m) => s + (m.state === 'notMember' || m.state === 'waived' ? 0 : m.fen),
        0,
      );
      const paid = a.payments
        .filter((x) => x.status === 'confirmed' && x.months.some((m) => m.startsWith(`${y}-`)))
        .reduce((s, x) => s + x.fen, 0);
      return asValue({
        member: a.member,
        year: y,
        months: a.months,
        payments: a.payments,
        owedFen: owed,
        paidFen: paid,
      });
    },
  }),
  ledger: defineQuery<{ org: string; year?: number }>(BAD, {
    description:
      "An organization's books month by month for a year (collected, received, remitted, held at the month's end) with the records behind each figure.",
    shape: { org: 'id', year: YEAR },
    run: (ctx, p) => asValue(ledger(ctx, p.org, p.year ?? thisYear(ctx))),
  }),
  notice: defineQuery<{ id: string }>(BAD, {
    description: 'A published yearly collection notice.',
    shape: { id: 'id' },
    run: (ctx, p) => getRecord<Value>(ctx.store, duesKeys.notice(p.id)) ?? null,
  }),
};
