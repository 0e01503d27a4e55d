/**
 * The register's block-start hook. First every open warning is checked against its resolver and
 * closed when the resolving act has been recorded (`warnings.Closed`, naming the act); then the
 * warnings the sources raised in this block's hooks (their `warnq/<height>/` entries — every source
 * module's name sorts before `warnings`, so their hooks ran first) are taken in: a new id opens a
 * record (`warnings.Raised`), a known open one with a new level is raised again (`escalated`).
 *
 * Which open warnings a block start checks: all of them at the first block start of each China date
 * (a full sweep: resolvers may read the date, and it catches up after a block whose hook failed),
 * and in the other blocks of the day every warning except those of MEMBER_BOUND kinds whose
 * member's history has not grown since the previous block start.
 */
import type { Value } from '@djchain/crypto';
import type { HookContext } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { emitHook, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, getRecord, MODULE, type ModuleName } from '../common/stores.ts';
import { type QueuedWarning, type WarningKind, warningQueue } from '../common/warnings.ts';
import { resolution } from './resolve.ts';
import { getWarning, openIds, type WarningRecord, warningKeys } from './store.ts';

/** The modules that raise warnings, in the order their queues are read. */
export const WARNING_SOURCES: readonly ModuleName[] = [
  MODULE.anchor,
  MODULE.declaration,
  MODULE.discipline,
  MODULE.dues,
  MODULE.insight,
  MODULE.org,
  MODULE.orglife,
  MODULE.recruitment,
  MODULE.transfer,
];
/**
 * Kinds whose resolver's answer can change within a day only through records about the warning's
 * member — its recruitment process, its dues assessments, payments and reliefs, its status (member
 * record, process, sanctions), its lapse case, its posts, its meeting attendance and study records.
 * Every act or hook that writes one of those records emits an event naming the member (the member's
 * history, DESIGN §5): a meeting record or correction names every member on its attendance list (one
 * a correction drops loses hours, which can keep a warning open, never close one), a committee
 * election every member whose committee post it ends. So within a day the answer can change only in a
 * block after one that added to that history. Study pace also reads the index's latest closed quarter,
 * which within its year only raises the hours owed, and the date. Kinds reading records others write
 * without naming the member (a superior's lecture, org terms, anchors, declarations …) are checked at
 * every block start. PERF: the dues bench's idle block after a 10,000-member month close re-resolved
 * 3,000 open arrears warnings in every block (358 ms), and then 10,010 study pace warnings (each
 * member's year of attendance and study read again).
 */
export const MEMBER_BOUND: ReadonlySet<WarningKind> = new Set<WarningKind>([
  'recruitment.deadline',
  'dues.arrears',
  'dues.lapse',
  'orglife.lapse',
  'study.pace',
]);
/** Open warnings checked per block at most (a community has far fewer). */
const MAX_OPEN = 100_000;
/** Warnings one source raises in one block at most. */
const MAX_RAISED = 100_000;

const entitiesOf = (w: { org: string; member: string | null }) =>
  w.member === null ? [orgEntity(w.org)] : [orgEntity(w.org), memberEntity(w.member)];

/**
 * `everyWarning`: check every open warning at every block start, the member-bound ones too — the
 * reference behaviour the chain's must equal (warningsModuleCheckingAll; not on any chain).
 */
export function runRegister(ctx: HookContext, opts: { readonly everyWarning?: boolean } = {}): void {
  closeResolved(ctx, opts.everyWarning === true);
  for (const source of WARNING_SOURCES) {
    const queue = ctx.readStore(source);
    const prefix = warningQueue.prefix(ctx.height);
    for (const key of queue.keys(prefix, MAX_RAISED)) take(ctx, getRecord<QueuedWarning>(queue, key)!);
  }
}

function closeResolved(ctx: HookContext, everyWarning: boolean): void {
  const today = chinaDate(ctx.time);
  const newDay = ctx.store.get(warningKeys.swept) !== today;
  if (newDay) ctx.store.set(warningKeys.swept, today);
  const full = newDay || everyWarning;
  for (const id of openIds(ctx.store, warningKeys.openPrefix, MAX_OPEN)) {
    if (!full && unchanged(ctx, ctx.store.get(warningKeys.open(id)))) continue;
    const w = getWarning(ctx.store, id)!;
    const act = resolution(ctx, w);
    if (act === null) continue;
    unindex(ctx, w);
    const closed: WarningRecord = {
      ...w,
      status: 'closed',
      closedOn: today,
      closedAt: ctx.height,
      closedBy: act,
    };
    ctx.store.set(warningKeys.record(id), asValue(closed));
    emitHook(ctx, 'warnings.Closed', entitiesOf(w), { id, kind: w.kind, org: w.org, closedBy: act });
  }
}

/**
 * The value of a warning's `a/<id>` entry: its member when its kind is MEMBER_BOUND, so that the
 * block starts between two sweeps skip it without decoding its record (PERF: the decode was 44% of
 * the dues bench's idle block, 76 of 174 ms at 3,000 open warnings); `true` otherwise.
 */
const openEntry = (w: QueuedWarning): string | true =>
  MEMBER_BOUND.has(w.kind) && w.member !== null ? w.member : true;

/**
 * A member-bound warning (its `a/<id>` entry names its member) whose member has no event since the
 * previous block start (the last check): its answer is the one that check gave, null. A failed hook
 * of the previous block leaves such a warning waiting until the next full sweep (the next date).
 */
function unchanged(ctx: HookContext, entry: Value | undefined): boolean {
  return typeof entry === 'string' && ctx.lastEventAt(memberEntity(entry)) < ctx.height - 1;
}

function take(ctx: HookContext, q: QueuedWarning): void {
  const known = getWarning(ctx.store, q.id);
  if (known?.status === 'open' && known.level === q.level) return;
  const escalated = known?.status === 'open';
  if (known) unindex(ctx, known);
  const w: WarningRecord = { ...q, status: 'open', closedOn: null, closedAt: null, closedBy: null };
  ctx.store.set(warningKeys.record(q.id), asValue(w));
  ctx.store.set(warningKeys.open(q.id), openEntry(q));
  ctx.store.set(warningKeys.openOfOrg(q.org, q.id), true);
  if (q.member !== null) ctx.store.set(warningKeys.openOfMember(q.member, q.id), true);
  emitHook(ctx, 'warnings.Raised', entitiesOf(q), {
    id: q.id,
    kind: q.kind,
    level: q.level,
    org: q.org,
    member: q.member,
    due: q.due,
    cite: q.cite,
    resolves: [...q.resolves],
    escalated,
  });
}

function unindex(ctx: HookContext, w: WarningRecord): void {
  ctx.store.delete(warningKeys.open(w.id));
  ctx.store.delete(warningKeys.openOfOrg(w.org, w.id));
  if (w.member !== null) ctx.store.delete(warningKeys.openOfMember(w.member, w.id));
}
