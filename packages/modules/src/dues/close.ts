/**
 * The month close (block-start hook, deterministic): when a block's China date is in a new month,
 * each month not yet closed is closed in order. For every member with an assessment it computes the
 * run of consecutive unpaid months ending there: at 3 the member and the branch are warned (once per
 * run); at 6 without an approved reason a 自行脱党 case opens for the 支部大会 (党章第九条; 规定第十三条).
 * Each organization gets the month's totals. The chain never removes anyone: people decide.
 * A large chain's month closes over several blocks, `CLOSE_MEMBERS_PER_BLOCK` members each; the
 * totals, and the month marked closed, come in the last (the operation index waits for that mark).
 */
import type { HookContext } from '@djchain/runtime';
import { cite, DOC } from '../common/cites.ts';
import { closeBudget, setCloseBudget } from '../common/close-budget.ts';
import { emitHook, memberEntity, orgEntity } from '../common/events.ts';
import { openLapseCase } from '../common/lapse.ts';
import { addMonth, lastDay, type YearMonth } from '../common/months.ts';
import { asValue, getRecord, SEP } from '../common/stores.ts';
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
/**
 * Members judged per block of a month close (issue 20): a community of a few hundred closes its
 * month in one block as it always did; the 10,000 members of a large 党委 close over 10 blocks of
 * about 250 ms each (bench/dues.ts) instead of one of 2.5 s that stalls a consensus round. It
 * changes no figure, only which block writes it — but that is consensus: a chain's genesis may set
 * another (`dues.closeMembers`, 1–200,000), fixed for its life and the same on every validator.
 */
export const CLOSE_MEMBERS_PER_BLOCK = 1_000;

interface OrgTotals {
  members: number;
  paid: number;
  unpaid: number;
  dueFen: number;
  paidFen: number;
}

/**
 * A close in progress over several blocks: the month, the members still to judge in chunks of at
 * most `perBlock` (`closing/<i>`, taken in one walk of the accounts when the close began, so that a
 * member is judged exactly once whatever happens meanwhile), the next chunk, and the totals so far.
 */
interface Closing {
  readonly month: YearMonth;
  readonly chunks: number;
  readonly next: number;
  readonly totals: { readonly [org: string]: OrgTotals };
}

const pad6 = (i: number) => String(i).padStart(6, '0');
const chunkKey = (i: number) => `${duesKeys.closing}${SEP}${pad6(i)}`;

/** `dues.closeMembers` of the genesis section: members judged per block of a close, 1–200,000. */
export function duesGenesis(ctx: HookContext, config: unknown): void {
  setCloseBudget(ctx, config, {
    module: 'dues',
    field: 'closeMembers',
    key: duesKeys.closeMembers,
    max: MAX_ACCOUNTS,
  });
}

export function closeMonths(ctx: HookContext): void {
  const previous = addMonth(monthNow(ctx), -1);
  let closed = ctx.store.get(duesKeys.closed);
  if (typeof closed !== 'string') {
    // A new chain starts its books with the month it was born in: nothing before it is judged.
    ctx.store.set(duesKeys.closed, previous);
    return;
  }
  const perBlock = closeBudget(ctx.store, duesKeys.closeMembers, CLOSE_MEMBERS_PER_BLOCK);
  let budget = perBlock;
  for (let i = 0; i < MAX_MONTHS_PER_BLOCK && budget > 0; i++) {
    let closing = getRecord<Closing>(ctx.store, duesKeys.closing) ?? null;
    if (closing === null) {
      if (closed >= previous) return;
      const month = addMonth(closed, 1);
      const members = accounts(ctx);
      if (members.length <= budget) {
        // The whole month in this block: its accounts as just walked, no chunk stored.
        const totals = new Map<string, OrgTotals>();
        judgeMembers(ctx, month, members, totals);
        budget -= members.length;
        finish(ctx, month, totals);
        closed = month;
        continue;
      }
      closing = begin(ctx, month, members, perBlock);
    }
    const totals = new Map(Object.entries(closing.totals).map(([o, t]) => [o, { ...t }]));
    let next = closing.next;
    while (budget > 0 && next < closing.chunks) {
      const chunk = takeChunk(ctx, next);
      judgeMembers(ctx, closing.month, chunk, totals);
      budget -= chunk.length;
      next++;
    }
    if (next < closing.chunks) {
      ctx.store.set(duesKeys.closing, asValue({ ...closing, next, totals: Object.fromEntries(totals) }));
      return;
    }
    finish(ctx, closing.month, totals);
    closed = closing.month;
  }
}

/** Every member with an assessment, in key order (the walk the close has always made). */
function accounts(ctx: HookContext): string[] {
  return ctx.store
    .keys(duesKeys.accountPrefix, MAX_ACCOUNTS)
    .map((key) => key.slice(duesKeys.accountPrefix.length));
}

/** Starts a close over several blocks: the members in chunks, and the record of progress. */
function begin(ctx: HookContext, month: YearMonth, members: readonly string[], perBlock: number): Closing {
  const chunks = Math.ceil(members.length / perBlock);
  for (let i = 0; i < chunks; i++)
    ctx.store.set(chunkKey(i), members.slice(i * perBlock, (i + 1) * perBlock) as string[]);
  const closing: Closing = { month, chunks, next: 0, totals: {} };
  ctx.store.set(duesKeys.closing, asValue(closing));
  return closing;
}

function takeChunk(ctx: HookContext, i: number): readonly string[] {
  const v = ctx.store.get(chunkKey(i));
  ctx.store.delete(chunkKey(i));
  return Array.isArray(v) ? (v as string[]) : [];
}

/** The month's totals per organization, then the month marked closed (the close's last block). */
function finish(ctx: HookContext, month: YearMonth, totals: Map<string, OrgTotals>): void {
  // Organizations in byte order: the events of a block are the same on every node.
  for (const org of [...totals.keys()].sort()) {
    emitHook(ctx, 'dues.MonthClosed', [orgEntity(org)], { org, month, ...totals.get(org)! });
  }
  ctx.store.delete(duesKeys.closing);
  ctx.store.set(duesKeys.closed, month);
}

function judgeMembers(
  ctx: HookContext,
  month: YearMonth,
  members: readonly string[],
  totals: Map<string, OrgTotals>,
): void {
  const stores = duesStores(ctx);
  const rule = duesRuleFor(month);
  const today = todayOf(ctx);
  for (const member of members) {
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
