/**
 * The month close (block-start hook, deterministic): when a block's China date is in a new month,
 * each month not yet closed is closed in order. For every member with an assessment it computes the
 * run of consecutive unpaid months ending there: at 3 the member and the branch are warned (once per
 * run); at 6 without an approved reason a 自行脱党 case opens for the 支部大会 (党章第九条; 规定第十三条).
 * Each organization gets the month's totals. The chain never removes anyone: people decide.
 */
import type { HookContext } from '@djchain/runtime';
import { cite, DOC } from '../common/cites.ts';
import { emitHook, memberEntity, orgEntity } from '../common/events.ts';
import { openLapseCase } from '../common/lapse.ts';
import { addMonth, lastDay, type YearMonth } from '../common/months.ts';
import { raiseWarning } from '../common/warnings.ts';
import { currentOrg } from '../member/status.ts';
import { duesStores, monthNow, todayOf } from './actions-common.ts';
import { type DuesStores, monthDues, unpaidRun } from './ledger.ts';
import { duesRuleFor } from './rates.ts';
import { assessmentsOf, duesKeys } from './store.ts';

/** Months closed in one block at most (a chain resumed after a long stop catches up over blocks). */
const MAX_MONTHS_PER_BLOCK = 3;
/** Accounts walked per month close: the bench measures 10,000. */
const MAX_ACCOUNTS = 200_000;

interface OrgTotals {
  members: number;
  paid: number;
  unpaid: number;
  dueFen: number;
  paidFen: number;
}

export function closeMonths(ctx: HookContext): void {
  const previous = addMonth(monthNow(ctx), -1);
  let closed = ctx.store.get(duesKeys.closed);
  if (typeof closed !== 'string') {
    // A new chain starts its books with the month it was born in: nothing before it is judged.
    ctx.store.set(duesKeys.closed, previous);
    return;
  }
  for (let i = 0; i < MAX_MONTHS_PER_BLOCK && closed < previous; i++) {
    const month = addMonth(closed, 1);
    closeMonth(ctx, month);
    ctx.store.set(duesKeys.closed, month);
    closed = month;
  }
}

function closeMonth(ctx: HookContext, month: YearMonth): void {
  const stores = duesStores(ctx);
  const rule = duesRuleFor(month);
  const today = todayOf(ctx);
  const totals = new Map<string, OrgTotals>();
  for (const key of ctx.store.keys(duesKeys.accountPrefix, MAX_ACCOUNTS)) {
    const member = key.slice(duesKeys.accountPrefix.length);
    const org = currentOrg(stores, member);
    if (org === null) continue;
    const assessments = assessmentsOf(ctx.store, member);
    const d = monthDues(stores, member, assessments, month, today);
    if (d.state === 'notMember') continue;
    const t = totals.get(org) ?? { members: 0, paid: 0, unpaid: 0, dueFen: 0, paidFen: 0 };
    t.members++;
    t.dueFen += d.fen;
    if (d.state === 'paid' || d.state === 'waived') {
      t.paid++;
      if (d.state === 'paid') t.paidFen += d.fen;
    } else if (d.state === 'unpaid') t.unpaid++;
    totals.set(org, t);
    if (d.state === 'unpaid')
      judgeRun(ctx, stores, member, org, assessments, month, rule.warnAfter, rule.lapseAfter);
  }
  // Organizations in byte order: the events of a block are the same on every node.
  for (const org of [...totals.keys()].sort()) {
    emitHook(ctx, 'dues.MonthClosed', [orgEntity(org)], { org, month, ...totals.get(org)! });
  }
}

function judgeRun(
  ctx: HookContext,
  stores: DuesStores,
  member: string,
  org: string,
  assessments: ReturnType<typeof assessmentsOf>,
  month: YearMonth,
  warnAfter: number,
  lapseAfter: number,
): void {
  const run = unpaidRun(stores, member, assessments, month, todayOf(ctx), lapseAfter);
  if (run.length < warnAfter) return;
  const start = run[0]!;
  const entities = [memberEntity(member), orgEntity(org)];
  if (ctx.store.get(duesKeys.warned(member, start)) === undefined) {
    ctx.store.set(duesKeys.warned(member, start), true);
    emitHook(ctx, 'dues.ArrearsWarning', entities, {
      member,
      org,
      months: run,
      cite: cite(DOC.dues, 13),
    });
    raiseWarning(ctx, {
      kind: 'dues.arrears',
      subject: `${member}:${start}`,
      level: 'overdue',
      org,
      posts: ['书记', '组织委员', '党务工作者'],
      member,
      // Paid by the end of the run's sixth month, or the 自行脱党 case opens (规定第十三条).
      due: lastDay(addMonth(start, lapseAfter - 1)),
      cite: cite(DOC.dues, 13),
      resolves: ['dues.recordPayment', 'dues.confirmPayment', 'dues.approveRelief'],
      data: { member, months: run },
    });
  }
  if (run.length < lapseAfter) return;
  openLapseCase(
    ctx,
    duesKeys.lapseCase(member),
    'dues.LapseCaseOpened',
    { member, org, openedOn: todayOf(ctx), months: run },
    '不交纳党费',
  );
}
