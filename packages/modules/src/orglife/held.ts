/**
 * Checking and writing a held record (also used by corrections): attendance covers exactly the
 * expected attendees, the quorum the regulation sets is computed, the per-kind facts (lecturer,
 * superior's representative, fixed 主题党日 day) are checked, and a record of a month already closed
 * is kept and flagged late — never refused for being late.
 */
import type { Value } from '@djchain/crypto';
import type { ActionContext, ReadContext, Result } from '@djchain/runtime';
import { getAttachment } from '../attachment/store.ts';
import { failure, okResult } from '../common/errors.ts';
import { monthOf } from '../common/months.ts';
import { asValue, MODULE, storeOf } from '../common/stores.ts';
import { getMember } from '../member/store.ts';
import { getOrg } from '../org/store.ts';
import { activePosts, actorOf } from '../permissions/authorize.ts';
import { monthNow, periodOf, todayOf } from './common.ts';
import { OrgLifeErrors as E } from './errors.ts';
import { belongsAt, committeeOf, lifeStores, M, votersAmong } from './roster.ts';
import {
  hoursOf,
  MINUTES_ATTACHMENT_SCOPE,
  MINUTES_SCOPES,
  type MinutesScope,
  orgLifeRules,
} from './rules.ts';
import {
  type AttendanceLine,
  type AttendanceStatus,
  getCalendar,
  getConfirmation,
  type Held,
  heldIn,
  lifeKeys,
  type Meeting,
} from './store.ts';

export interface HeldParams {
  heldOn: string;
  present: string[];
  excused?: string[];
  absent?: string[];
  /** Excused member → reason (请假事由). */
  reasons?: { [member: string]: Value };
  minutes?: string;
  minutesScope?: MinutesScope;
  lecturer?: string;
  superiorRep?: string;
  offDayReason?: string;
}

export const HELD_SHAPE = {
  heldOn: 'date',
  present: 'ids',
  excused: { type: 'ids', optional: true },
  absent: { type: 'ids', optional: true },
  reasons: { type: 'record', optional: true },
  minutes: { type: 'hash', optional: true },
  minutesScope: { type: 'text', optional: true, oneOf: MINUTES_SCOPES },
  lecturer: { type: 'id', optional: true },
  superiorRep: { type: 'id', optional: true },
  offDayReason: { type: 'text', optional: true, kind: 'reason' },
} as const;

/** The branch's fixed 主题党日 day: another day needs a reason. */
export function themeDayCheck(
  ctx: ReadContext,
  org: string,
  day: string,
  reason: string | undefined,
): Result {
  const cal = getCalendar(ctx.store, org);
  if (cal === undefined) return failure(E.NO_CALENDAR, { org });
  if (Number(day.slice(8, 10)) !== cal.themeDay && reason === undefined)
    return failure(E.OFF_THEME_DAY, { themeDay: cal.themeDay, day });
  return okResult;
}

/**
 * The minutes must be a registered attachment of the meeting's organization whose scope is the one
 * the minutes scope maps to (`MINUTES_ATTACHMENT_SCOPE`); without a stated minutes scope it is read
 * from the attachment. Returns the minutes scope to record.
 */
export function checkMinutes(
  ctx: ReadContext,
  m: Pick<Meeting, 'org'>,
  p: Pick<HeldParams, 'minutes' | 'minutesScope' | 'heldOn'>,
): Result<MinutesScope | null> {
  if (p.minutes === undefined)
    return p.minutesScope === undefined
      ? { ok: true, value: null }
      : failure(E.MINUTES_SCOPE, { scope: p.minutesScope });
  const a = getAttachment(storeOf(ctx, M, MODULE.attachment), p.minutes);
  if (a === undefined) return failure(E.MINUTES_NOT_REGISTERED, { hash: p.minutes });
  const scope = p.minutesScope ?? MINUTES_SCOPES.find((s) => MINUTES_ATTACHMENT_SCOPE[s] === a.scope);
  const fits =
    scope !== undefined &&
    a.org === m.org &&
    MINUTES_ATTACHMENT_SCOPE[scope] === a.scope &&
    (scope !== 'committee' ||
      a.members.every((x) => committeeOf(lifeStores(ctx), m.org, p.heldOn).includes(x)));
  return fits
    ? { ok: true, value: scope }
    : failure(E.MINUTES_SCOPE, { scope: scope ?? null, attachmentScope: a.scope, attachmentOrg: a.org });
}

/** Another current record of the same once-per-period kind (主题党日 a month, 民主评议党员 a year). */
export function oncePerPeriod(
  ctx: ReadContext,
  m: Pick<Meeting, 'org' | 'kind' | 'id'> & { corrects?: string | null },
  day: string,
): Result {
  const every = m.kind === '主题党日' ? 'month' : m.kind === '民主评议党员' ? 'year' : null;
  if (every === null) return okResult;
  const other = heldIn(ctx.store, m.org, m.kind, periodOf(every, day)).filter(
    (id) => id !== m.id && id !== m.corrects,
  );
  return other.length === 0
    ? okResult
    : failure(E.ONCE_PER_PERIOD, { meeting: other[0]!, kind: m.kind }, orgLifeRules().kinds[m.kind].cite);
}

function lines(p: HeldParams): AttendanceLine[] | null {
  const out: AttendanceLine[] = [];
  const reasons = p.reasons ?? {};
  const add = (ids: readonly string[] | undefined, status: AttendanceStatus) => {
    for (const member of ids ?? []) {
      const r = reasons[member];
      out.push({ member, status, reason: status === 'excused' && typeof r === 'string' ? r : null });
    }
  };
  add(p.present, 'present');
  add(p.excused, 'excused');
  add(p.absent, 'absent');
  // Every excused member has a short reason, and reasons name only excused members.
  for (const [member, r] of Object.entries(reasons)) {
    if (typeof r !== 'string' || r.length === 0 || r.length > 100) return null;
    if (!(p.excused ?? []).includes(member)) return null;
  }
  if (out.some((l) => l.status === 'excused' && l.reason === null)) return null;
  return out.sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
}

/** Validates a held record for meeting `m`; returns the record to write. */
export function checkHeld(ctx: ActionContext, m: Meeting, p: HeldParams): Result<Held> {
  const today = todayOf(ctx);
  const stores = lifeStores(ctx);
  const org = getOrg(stores.org, m.org)!;
  if (p.heldOn > today || p.heldOn < org.createdOn) return failure(E.BAD_DATE, { heldOn: p.heldOn });
  if (m.kind === '主题党日') {
    const r = themeDayCheck(ctx, m.org, p.heldOn, p.offDayReason);
    if (!r.ok) return r;
  }
  const once = oncePerPeriod(ctx, m, p.heldOn);
  if (!once.ok) return once;
  const minutes = checkMinutes(ctx, m, p);
  if (!minutes.ok) return minutes;
  // The lines: each member once, each belonging at the meeting on the day, and every member expected
  // when it was planned who still belongs there listed (one who joined since may be listed too).
  // PERF: checked member by member against the plan's list, not by walking the roster again.
  const att = lines(p);
  const listed = new Set(att?.map((l) => l.member) ?? []);
  const belongs = (id: string) => belongsAt(stores, m.org, m.kind, p.heldOn, m.pair, id);
  if (
    att === null ||
    listed.size !== att.length ||
    att.some((l) => !belongs(l.member)) ||
    m.expected.some((id) => !listed.has(id) && belongs(id))
  )
    return failure(E.BAD_ATTENDANCE, { expected: m.expected.length });
  const expected = att.map((l) => l.member);
  if (m.kind === '党课' && (p.lecturer === undefined || !getMember(stores.member, p.lecturer)))
    return failure(E.NO_LECTURER);
  if (m.kind === '组织生活会' && !isSuperiorRep(ctx, m.org, p.superiorRep, p.heldOn))
    return failure(E.NO_SUPERIOR_REP);
  const present = att.filter((l) => l.status === 'present').map((l) => l.member);
  let voters: string[] = [];
  let quorate: boolean | null = null;
  if (m.kind === '支部党员大会') {
    // 条例第十二条: valid with more than half of the members with a vote present.
    voters = votersAmong(stores, expected, p.heldOn);
    const presentVoters = voters.filter((v) => present.includes(v)).length;
    quorate = presentVoters * 2 > voters.length;
  } else if (m.kind === '支部委员会') {
    quorate = present.length * 2 > expected.length;
  }
  const { by } = actorOf(ctx, M);
  return {
    ok: true,
    value: {
      on: p.heldOn,
      attendance: att,
      voters,
      quorate,
      minutes:
        p.minutes === undefined || minutes.value === null ? null : { hash: p.minutes, scope: minutes.value },
      lecturer: p.lecturer ?? null,
      superiorRep: m.kind === '组织生活会' ? (p.superiorRep ?? null) : null,
      offDayReason: p.offDayReason ?? null,
      recordedOn: today,
      late: monthNow(ctx) > monthOf(p.heldOn),
      by: by ?? '',
    },
  };
}

/** A post holder of an organization above the branch on the day. */
function isSuperiorRep(ctx: ReadContext, org: string, rep: string | undefined, on: string): boolean {
  if (rep === undefined) return false;
  const stores = lifeStores(ctx);
  let cur = getOrg(stores.org, org)?.parent ?? null;
  for (let depth = 0; cur !== null && depth < 32; depth++) {
    if (activePosts(stores, rep, cur, on).length > 0) return true;
    cur = getOrg(stores.org, cur)?.parent ?? null;
  }
  return false;
}

/** Writes the held record and its indexes; confirmations carried over are already written. */
export function writeHeld(ctx: ActionContext, m: Meeting, held: Held): Meeting {
  const present = held.attendance.filter((l) => l.status === 'present');
  const allConfirmed = present.every((l) => getConfirmation(ctx.store, m.id, l.member) !== undefined);
  const rec: Meeting = {
    ...m,
    expected: held.attendance.map((l) => l.member),
    status: present.length > 0 && allConfirmed ? 'confirmed' : 'held',
    held,
  };
  ctx.store.set(lifeKeys.meeting(m.id), asValue(rec));
  ctx.store.set(lifeKeys.held(m.org, m.kind, held.on, m.id), true);
  const hours = hoursOf(orgLifeRules(), m.length);
  for (const l of held.attendance)
    ctx.store.set(
      lifeKeys.attended(l.member, held.on, m.id),
      asValue({ status: l.status, kind: m.kind, hours }),
    );
  return rec;
}

/** Removes a record's indexes (it was corrected by a new record). */
export function unindexHeld(ctx: ActionContext, m: Meeting): void {
  if (m.held === null) return;
  ctx.store.delete(lifeKeys.held(m.org, m.kind, m.held.on, m.id));
  for (const l of m.held.attendance) ctx.store.delete(lifeKeys.attended(l.member, m.held.on, m.id));
}

/** The counts an event carries (ids stay in the record). */
export function heldSummary(held: Held): { [k: string]: Value } {
  const count = (s: AttendanceStatus) => held.attendance.filter((l) => l.status === s).length;
  return {
    heldOn: held.on,
    expected: held.attendance.length,
    present: count('present'),
    excused: count('excused'),
    absent: count('absent'),
    voters: held.voters.length,
    quorate: held.quorate,
    late: held.late,
    minutes: held.minutes?.hash ?? null,
    minutesScope: held.minutes?.scope ?? null,
  };
}
