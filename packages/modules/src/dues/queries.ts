/** The dues module's queries: what a member owes and paid, a branch's register, books and arrears. */
import type { Value } from '@djchain/crypto';
import type { QueryDef, ReadContext } from '@djchain/runtime';
import { addMonth, isYearMonth, monthRange, type YearMonth } from '../common/months.ts';
import { asValue, getRecord, MODULE, storeOf } from '../common/stores.ts';
import { currentOrg } from '../member/status.ts';
import { memberKeys } from '../member/store.ts';
import { duesStores, monthNow, todayOf } from './actions-common.ts';
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

function param(p: Value, key: string): Value | undefined {
  return (p as { [k: string]: Value } | null)?.[key];
}
const text = (p: Value, key: string) => {
  const v = param(p, key);
  return typeof v === 'string' ? v : '';
};

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

export const duesQueries: { readonly [name: string]: QueryDef } = {
  amount: {
    description:
      'The monthly amount for a group and base (fen) under the rule in force for a month (params: group, base, month).',
    run(ctx, p) {
      const group = text(p, 'group');
      if (!DUES_GROUPS.includes(group as DuesGroup)) return { ok: false, code: 'DUES_BAD_PARAMS' };
      const base = param(p, 'base');
      const month = isYearMonth(text(p, 'month')) ? text(p, 'month') : monthNow(ctx);
      return asValue(
        monthlyDues(duesRuleFor(month), group as DuesGroup, typeof base === 'number' ? base : null),
      );
    },
  },
  account: {
    description:
      "A member's dues: assessments, each month of a year (params: member, year), payments, arrears, case.",
    run(ctx, p) {
      const year = param(p, 'year');
      const y =
        typeof year === 'number' && Number.isSafeInteger(year) ? year : Number(monthNow(ctx).slice(0, 4));
      return asValue(account(ctx, text(p, 'member'), `${y}-01`, `${y}-12`));
    },
  },
  register: {
    description:
      "An organization's monthly register: every member it holds and the month's state (params: org, month).",
    run(ctx, p) {
      const month = isYearMonth(text(p, 'month')) ? text(p, 'month') : monthNow(ctx);
      const stores = duesStores(ctx);
      const rows = membersOf(ctx, text(p, 'org')).map((member) => ({
        member,
        ...monthDues(stores, member, assessmentsOf(ctx.store, member), month, todayOf(ctx)),
      }));
      return asValue({ org: text(p, 'org'), month, rows: rows.filter((r) => r.state !== 'notMember') });
    },
  },
  arrears: {
    description:
      "An organization's members with unpaid months up to the last closed month, and six-month cases (params: org).",
    run(ctx, p) {
      const stores = duesStores(ctx);
      const last = addMonth(monthNow(ctx), -1);
      const rows = membersOf(ctx, text(p, 'org'))
        .map((member) => ({
          member,
          months: unpaidRun(stores, member, assessmentsOf(ctx.store, member), last, todayOf(ctx), 24),
          lapseCase: getLapseCase(ctx.store, member) ?? null,
        }))
        .filter((r) => r.months.length > 0 || r.lapseCase !== null);
      return asValue({ org: text(p, 'org'), closedMonth: last, rows });
    },
  },
  books: {
    description:
      "An organization's dues books: collected, received, remitted, held, and its remittances (params: org, year).",
    run(ctx, p) {
      const org = text(p, 'org');
      const year = param(p, 'year');
      const books = getBooks(ctx.store, org, typeof year === 'number' ? year : undefined);
      const prefix = duesKeys.remittancesOfPrefix(org);
      const remittances = ctx.store
        .keys(prefix, 10_000)
        .map((k) => getRemittance(ctx.store, k.slice(prefix.length))!);
      return asValue({
        org,
        year: typeof year === 'number' ? year : null,
        ...books,
        held: held(getBooks(ctx.store, org)),
        remittances,
      });
    },
  },
  statement: {
    description:
      "A member's annual statement: owed and paid per month, payments and totals (params: member, year).",
    run(ctx, p) {
      const year = param(p, 'year');
      const y =
        typeof year === 'number' && Number.isSafeInteger(year) ? year : Number(monthNow(ctx).slice(0, 4)) - 1;
      const a = account(ctx, text(p, 'member'), `${y}-01`, `${y}-12`);
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
  },
  notice: {
    description: 'A published yearly collection notice (params: id).',
    run: (ctx, p) => getRecord<Value>(ctx.store, duesKeys.notice(text(p, 'id'))) ?? null,
  },
};
