/**
 * The month close (block-start hook, deterministic): the first block of a month closes the months not
 * yet closed (at most 3 per block). For every branch whose calendar is set (from its `from` month):
 * each obligation of the closed month — and of the quarter or year it ends — that has no current
 * held record becomes `orglife.ObligationMissed` for the branch, its parent and its 党委, naming the
 * article. A member of such a branch absent from organizational life for six consecutive months
 * without leave opens the 自行脱党 case of 党章第九条 (common/lapse.ts, as for dues). People decide.
 * A chain with many branches closes a month over several blocks, `CLOSE_BRANCHES_PER_BLOCK` a block
 * (each branch judged on its calendar and roster as they were when the close began); the month is
 * marked closed in the last, and the next month's close waits for it.
 */
import type { HookContext, ReadContext, ReadStore } from '@djchain/runtime';
import { closeBudget, setCloseBudget } from '../common/close-budget.ts';
import { emitHook, orgEntity } from '../common/events.ts';
import { openLapseCase } from '../common/lapse.ts';
import { addMonth, lastDay, type YearMonth } from '../common/months.ts';
import { asValue, getRecord } from '../common/stores.ts';
import { raiseWarning } from '../common/warnings.ts';
import { childrenOf, getOrg } from '../org/store.ts';
import { activePosts } from '../permissions/authorize.ts';
import { monthNow, periodOf, todayOf, warnedOrgs } from './common.ts';
import { committeeOf, groupOf, lifeStores, owesCommitteeMeeting, rosterOn } from './roster.ts';
import { type MeetingKind, type OrgLifeRules, orgLifeRules } from './rules.ts';
import { type AttendanceEntry, type Calendar, getMeeting, heldIn, lifeKeys, type Meeting } from './store.ts';

const MAX_MONTHS_PER_BLOCK = 3;
const MAX_BRANCHES = 10_000;
/** Pairs named in one 谈心谈话 warning (the count is complete; the list is a sample). */
const MAX_PAIRS_LISTED = 20;
/**
 * Branches judged per block of a month close (issue 20), as the operation index's close counts them
 * (insight/close.ts): a community of a few branches closes its month in one block as it always did;
 * the 200 branches of a 10,000-member 党委 close over 10 blocks instead of stalling one. Consensus (it
 * decides which block writes which warning): a chain's genesis may set another
 * (`orglife.closeBranches`, 1–10,000), fixed for its life.
 */
export const CLOSE_BRANCHES_PER_BLOCK = 20;

/** A branch still to judge in a close in progress: its calendar and roster as the close began. */
interface Todo {
  readonly cal: Calendar;
  readonly members: readonly string[];
}

/** `orglife.closeBranches` of the genesis section. */
export function orgLifeGenesis(ctx: HookContext, config: unknown): void {
  setCloseBudget(ctx, config, {
    module: 'orglife',
    field: 'closeBranches',
    key: lifeKeys.closeBranches,
    max: MAX_BRANCHES,
  });
}

export function closeLifeMonths(ctx: HookContext): void {
  const previous = addMonth(monthNow(ctx), -1);
  let closed = ctx.store.get(lifeKeys.closed);
  if (typeof closed !== 'string') {
    // A new chain judges from the month it was born in (and each branch from its calendar's month).
    ctx.store.set(lifeKeys.closed, previous);
    return;
  }
  let budget = closeBudget(ctx.store, lifeKeys.closeBranches, CLOSE_BRANCHES_PER_BLOCK);
  for (let i = 0; i < MAX_MONTHS_PER_BLOCK && budget > 0; i++) {
    let month = ctx.store.get(lifeKeys.closing);
    if (typeof month !== 'string') {
      if (closed >= previous) return;
      month = addMonth(closed, 1);
      const calendars = ctx.store
        .keys(lifeKeys.calendarPrefix, MAX_BRANCHES)
        .map((key) => getRecord<Calendar>(ctx.store, key)!)
        .filter((cal) => cal.from <= month! && getOrg(lifeStores(ctx).org, cal.org) !== undefined);
      // PERF: the roster is walked once per closed month, not once per branch.
      const roster = calendars.length > 0 ? rosterOn(lifeStores(ctx), lastDay(month)) : new Map();
      if (calendars.length <= budget) {
        for (const cal of calendars) closeBranch(ctx, cal, month, roster.get(cal.org) ?? []);
        budget -= calendars.length;
        ctx.store.set(lifeKeys.closed, month);
        closed = month;
        continue;
      }
      // Over several blocks: every branch's calendar and roster now, judged a batch a block.
      for (const cal of calendars)
        ctx.store.set(lifeKeys.closingTodo(cal.org), asValue({ cal, members: roster.get(cal.org) ?? [] }));
      ctx.store.set(lifeKeys.closing, month);
    }
    for (const key of ctx.store.keys(lifeKeys.closingTodoPrefix, budget)) {
      const todo = getRecord<Todo>(ctx.store, key)!;
      ctx.store.delete(key);
      closeBranch(ctx, todo.cal, month, todo.members);
      budget--;
    }
    if (ctx.store.keys(lifeKeys.closingTodoPrefix, 1).length > 0) return;
    ctx.store.delete(lifeKeys.closing);
    ctx.store.set(lifeKeys.closed, month);
    closed = month;
  }
}

/** Held (not superseded) records of a kind in a period: a month, a quarter (YYYY-Qn) or a year. */
export function currentHeld(
  ctx: { readonly store: ReadStore },
  org: string,
  kind: MeetingKind,
  period: string,
): Meeting[] {
  const months = period.length === 4 ? [period] : period.includes('Q') ? quarterMonths(period) : [period];
  return months
    .flatMap((m) => heldIn(ctx.store, org, kind, m))
    .map((id) => getMeeting(ctx.store, id)!)
    .filter((m) => m.held !== null);
}

function quarterMonths(q: string): string[] {
  const y = q.slice(0, 4);
  const first = (Number(q.slice(6)) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${y}-${String(first + i).padStart(2, '0')}`);
}

function missed(
  ctx: HookContext,
  rules: OrgLifeRules,
  org: string,
  kind: MeetingKind,
  period: string,
  extra: { [k: string]: string | number | string[] } = {},
): void {
  ctx.store.set(lifeKeys.warned(org, kind, period), true);
  emitHook(ctx, 'orglife.ObligationMissed', warnedOrgs(ctx, org).map(orgEntity), {
    org,
    kind,
    period,
    superiors: warnedOrgs(ctx, org).filter((o) => o !== org),
    cite: rules.kinds[kind].cite,
    ...extra,
  });
  raiseWarning(ctx, {
    kind: 'orglife.missed',
    subject: `${org}:${kind}:${period}`,
    level: 'overdue',
    org,
    posts: kind === '党小组会' ? ['党小组长'] : ['书记', '组织委员'],
    member: null,
    due: periodEnd(period),
    cite: rules.kinds[kind].cite,
    resolves: ['orglife.hold'],
    data: { org, meeting: kind, period, ...(extra.pairs === undefined ? {} : { pairs: extra.pairs }) },
  });
}

/** The last day of a month (YYYY-MM), a quarter (YYYY-Qn) or a year (YYYY). */
export function periodEnd(period: string): string {
  if (period.length === 4) return `${period}-12-31`;
  return lastDay(period.includes('Q') ? quarterMonths(period)[2]! : period);
}

function closeBranch(ctx: HookContext, cal: Calendar, month: YearMonth, members: readonly string[]): void {
  const rules = orgLifeRules();
  const stores = lifeStores(ctx);
  const org = cal.org;
  const end = lastDay(month);
  // Monthly: 主题党日; 支部委员会 where the branch has a committee; 党小组会 of each group with members.
  if (currentHeld(ctx, org, '主题党日', month).length === 0) missed(ctx, rules, org, '主题党日', month);
  if (
    owesCommitteeMeeting(stores, rules, org, end) &&
    currentHeld(ctx, org, '支部委员会', month).length === 0
  )
    missed(ctx, rules, org, '支部委员会', month);
  for (const group of childrenOf(stores.org, org)) {
    if (getOrg(stores.org, group)?.kind !== '党小组') continue;
    if (!members.some((m) => groupOf(stores, m) === group)) continue;
    if (currentHeld(ctx, group, '党小组会', month).length === 0) missed(ctx, rules, group, '党小组会', month);
  }
  // Quarterly: a 党员大会 with its quorum, when the whole quarter was judged.
  const q = periodOf('quarter', end);
  if (Number(month.slice(5)) % 3 === 0 && quarterMonths(q)[0]! >= cal.from) {
    if (!currentHeld(ctx, org, '支部党员大会', q).some((m) => m.held!.quorate === true))
      missed(ctx, rules, org, '支部党员大会', q);
  }
  // Yearly, when the whole year was judged.
  const year = month.slice(0, 4);
  if (month.endsWith('-12') && `${year}-01` >= cal.from) closeYear(ctx, rules, org, year, end, members);
  judgeAbsences(ctx, rules, org, month, members);
}

function closeYear(
  ctx: HookContext,
  rules: OrgLifeRules,
  org: string,
  year: string,
  end: string,
  members: readonly string[],
): void {
  const stores = lifeStores(ctx);
  if (!lectureHeld(ctx, rules, org, year)) missed(ctx, rules, org, '党课', year, { required: 'secretary' });
  for (const kind of ['组织生活会', '民主评议党员'] as const)
    if (currentHeld(ctx, org, kind, year).length === 0) missed(ctx, rules, org, kind, year);
  // 谈心谈话: each committee member with each other member of the branch, once a year.
  const talked = new Set(
    currentHeld(ctx, org, '谈心谈话', year).map((m) => [...(m.pair ?? [])].sort().join('|')),
  );
  const committee = committeeOf(stores, org, end);
  const open: string[] = [];
  for (const c of committee)
    for (const m of members)
      if (m !== c && !talked.has([c, m].sort().join('|')) && !(committee.includes(m) && m < c))
        open.push(`${c}|${m}`);
  if (committee.length > 0 && open.length > 0)
    missed(ctx, rules, org, '谈心谈话', year, {
      missingPairs: open.length,
      pairs: open.slice(0, MAX_PAIRS_LISTED),
    });
}

/** The year's 党课 was given (by the branch's 书记 where the rules ask it: 第十六条). */
export function lectureHeld(ctx: ReadContext, rules: OrgLifeRules, org: string, year: string): boolean {
  const lectures = currentHeld(ctx, org, '党课', year);
  const stores = lifeStores(ctx);
  const bySecretary = lectures.some(
    (m) =>
      m.held!.lecturer !== null && activePosts(stores, m.held!.lecturer, org, m.held!.on).includes('书记'),
  );
  return rules.secretaryLectures ? bySecretary : lectures.length > 0;
}

export type MonthLife = 'attended' | 'excused' | 'absent' | 'none';

/** A member's month: attended any meeting, or was away only with leave, or absent, or had none. */
export function monthLife(ctx: { readonly store: ReadStore }, member: string, month: YearMonth): MonthLife {
  const prefix = lifeKeys.attendedPrefix(member, month);
  const lines = ctx.store.keys(prefix, 1000).map((k) => getRecord<AttendanceEntry>(ctx.store, k)!);
  if (lines.length === 0) return 'none';
  if (lines.some((l) => l.status === 'present')) return 'attended';
  return lines.some((l) => l.status === 'absent') ? 'absent' : 'excused';
}

/**
 * 党章第九条: six consecutive months without organizational life and without good reason. A month
 * counts when the member was expected at a meeting, attended none and missed one without leave; a
 * month with no meeting for them ends the run (the branch is warned for that, not the member).
 */
function judgeAbsences(
  ctx: HookContext,
  rules: OrgLifeRules,
  org: string,
  month: YearMonth,
  members: readonly string[],
) {
  for (const member of members) {
    const run: YearMonth[] = [];
    for (let m = month; run.length < rules.absenceMonths; m = addMonth(m, -1)) {
      if (monthLife(ctx, member, m) !== 'absent') break;
      run.unshift(m);
    }
    if (run.length < rules.absenceMonths) continue;
    openLapseCase(
      ctx,
      lifeKeys.lapseCase(member),
      'orglife.LapseCaseOpened',
      { member, org, openedOn: todayOf(ctx), months: run },
      '不参加组织生活',
    );
  }
}
