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

const BAD = DuesErrors.BAD_PARAMS;
const YEAR = { type: 'int', optional: true, min: 1949, max: 2200 } as const;
const thisYear = (ctx: ReadContext) => Number(monthNow(ctx).slice(0, 4));

export const duesQueries: { readonly [name: string]: QueryDef } = {
  amount: defineQuery<{ group: DuesGroup; base?: number; month?: YearMonth }>(BAD, {
    description: 'The monthly amount (fen) for a group and base (fen) under the rule in force for a month.',
    shape: {
      group: { type: 'text', oneOf: DUES_GROUPS },
      base: { type: 'int', optional: true },
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
  notice: defineQuery<{ id: string }>(BAD, {
    description: 'A published yearly collection notice.',
    shape: { id: 'id' },
    run: (ctx, p) => getRecord<Value>(ctx.store, duesKeys.notice(p.id)) ?? null,
  }),
};
