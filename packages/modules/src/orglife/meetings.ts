/**
 * A meeting's life: planned (date, agenda, expected attendees from the roster) → held (attendance,
 * minutes by hash, quorum) → confirmed (every member present confirmed their line, with their own
 * key or through a clerk, marked as such). A correction is a new record linked to the one it
 * corrects; nothing is rewritten.
 */
import { defineAction } from '../common/action.ts';
import { addDays, minDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue } from '../common/stores.ts';
import { getOrg } from '../org/store.ts';
import { actorOf } from '../permissions/authorize.ts';
import { memberTarget, orgTarget, periodOf, RECORDERS, todayOf } from './common.ts';
import { OrgLifeErrors as E } from './errors.ts';
import {
  checkHeld,
  HELD_SHAPE,
  type HeldParams,
  heldSummary,
  oncePerPeriod,
  themeDayCheck,
  unindexHeld,
  writeHeld,
} from './held.ts';
import { belongsAt, expectedAt, lifeStores, M } from './roster.ts';
import {
  MEETING_KINDS,
  MEETING_LENGTHS,
  type MeetingKind,
  type MeetingLength,
  orgLifeRules,
} from './rules.ts';
import { type Confirmation, getConfirmation, getMeeting, lifeKeys, type Meeting } from './store.ts';

interface Plan {
  id: string;
  org: string;
  kind: MeetingKind;
  date: string;
  agenda?: string;
  length?: MeetingLength;
  pair?: string[];
  offDayReason?: string;
}

export const plan = defineAction<Plan>(M, E, {
  description:
    'Plan a meeting (三会一课, 主题党日, 组织生活会, 民主评议党员, 谈心谈话): date, agenda hash; the expected attendees come from the roster.',
  shape: {
    id: 'id',
    org: 'id',
    kind: { type: 'text', oneOf: MEETING_KINDS },
    date: 'date',
    agenda: { type: 'hash', optional: true },
    length: { type: 'text', optional: true, oneOf: MEETING_LENGTHS },
    pair: { type: 'ids', optional: true, max: 2 },
    offDayReason: { type: 'text', optional: true, kind: 'reason' },
  },
  check: (p) =>
    (p.kind === '谈心谈话') === (p.pair !== undefined && p.pair.length === 2 && p.pair[0] !== p.pair[1])
      ? okResult
      : failure(E.BAD_PAIR),
  permission: [RECORDERS],
  target: (ctx, p) => orgTarget(ctx, p.org),
  verify(ctx, p) {
    if (getMeeting(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const stores = lifeStores(ctx);
    const org = getOrg(stores.org, p.org)!;
    if (org.kind !== orgLifeRules().kinds[p.kind].heldBy)
      return failure(E.WRONG_ORG_KIND, { kind: org.kind });
    const today = todayOf(ctx);
    if (p.date < org.createdOn || p.date > addDays(today, 366)) return failure(E.BAD_DATE, { date: p.date });
    if (p.kind === '主题党日') {
      const r = themeDayCheck(ctx, p.org, p.date, p.offDayReason);
      if (!r.ok) return r;
    }
    const once = oncePerPeriod(ctx, { org: p.org, kind: p.kind, id: p.id }, p.date);
    if (!once.ok) return once;
    if (p.pair !== undefined) {
      // 条例第十九条: a committee member talks with each member; the pair is [committee member, member].
      const on = minDate(p.date, today);
      const [a, b] = p.pair as [string, string];
      const inBranch = (id: string) => belongsAt(stores, p.org, '支部党员大会', on, null, id);
      if (!belongsAt(stores, p.org, '支部委员会', on, null, a) || !inBranch(a) || !inBranch(b))
        return failure(E.BAD_PAIR, { pair: p.pair });
    }
    return okResult;
  },
  execute(ctx, p) {
    const stores = lifeStores(ctx);
    const today = todayOf(ctx);
    const on = minDate(p.date, today);
    const rec: Meeting = {
      id: p.id,
      org: p.org,
      kind: p.kind,
      date: p.date,
      agenda: p.agenda ?? null,
      length: p.length ?? '半天',
      pair: p.pair ?? null,
      expected: expectedAt(stores, p.org, p.kind, on, p.pair ?? null),
      status: 'planned',
      held: null,
      corrects: null,
      correctedBy: null,
      plannedOn: today,
    };
    ctx.store.set(lifeKeys.meeting(p.id), asValue(rec));
    ctx.store.set(lifeKeys.ofOrg(p.org, p.date, p.id), true);
    emitAct(ctx, M, 'orglife.MeetingPlanned', [orgEntity(p.org)], {
      meeting: p.id,
      org: p.org,
      kind: p.kind,
      date: p.date,
      agenda: rec.agenda,
      expected: rec.expected.length,
    });
  },
});

/** Who recorded what is in the record; the event names the meeting and the counts. */
function emitHeld(ctx: Parameters<typeof plan.execute>[0], type: string, m: Meeting, extra = {}) {
  const held = m.held!;
  const warned = ctx.store.get(
    lifeKeys.warned(m.org, m.kind, periodOf(orgLifeRules().kinds[m.kind].every, held.on)),
  );
  emitAct(ctx, M, type, [orgEntity(m.org), ...held.attendance.map((l) => memberEntity(l.member))], {
    meeting: m.id,
    org: m.org,
    kind: m.kind,
    ...heldSummary(held),
    // A late record answers the warning its period raised.
    answersWarning: held.late && warned !== undefined,
    ...extra,
  });
}

export const hold = defineAction<HeldParams & { meeting: string }>(M, E, {
  description:
    "Record a planned meeting as held: each expected attendee present, excused (with reason) or absent; the minutes' hash and reader scope.",
  shape: { meeting: 'id', ...HELD_SHAPE },
  permission: [RECORDERS],
  target(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting);
    return m ? { org: m.org } : null;
  },
  verify(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting)!;
    if (m.status !== 'planned') return failure(E.NOT_PLANNED, { status: m.status });
    const r = checkHeld(ctx, m, p);
    return r.ok ? okResult : r;
  },
  execute(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting)!;
    const held = checkHeld(ctx, m, p);
    if (!held.ok) return;
    emitHeld(ctx, 'orglife.MeetingHeld', writeHeld(ctx, m, held.value));
  },
});

export const cancel = defineAction<{ meeting: string; reason: string }>(M, E, {
  description: 'Cancel a planned meeting, with the reason.',
  shape: { meeting: 'id', reason: { type: 'text', kind: 'reason' } },
  permission: [RECORDERS],
  target(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting);
    return m ? { org: m.org } : null;
  },
  verify: (ctx, p) =>
    getMeeting(ctx.store, p.meeting)!.status === 'planned' ? okResult : failure(E.NOT_PLANNED),
  execute(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting)!;
    ctx.store.set(lifeKeys.meeting(m.id), asValue({ ...m, status: 'cancelled' } satisfies Meeting));
    emitAct(ctx, M, 'orglife.MeetingCancelled', [orgEntity(m.org)], {
      meeting: m.id,
      org: m.org,
      kind: m.kind,
      reason: p.reason,
    });
  },
});

const current = (m: Meeting | undefined) =>
  m !== undefined && (m.status === 'held' || m.status === 'confirmed');

/** A correction: a new record linked to the one it corrects (which stays, marked superseded). */
export const correct = defineAction<HeldParams & { id: string; of: string; reason: string }>(M, E, {
  description:
    'Correct a held record with a new linked record (attendance, date, minutes); the old one stays, superseded. Unchanged lines keep their confirmations.',
  shape: { id: 'id', of: 'id', reason: { type: 'text', kind: 'reason' }, ...HELD_SHAPE },
  permission: [{ posts: ['书记', '组织委员', '党小组长'], of: 'org' }],
  target(ctx, p) {
    const m = getMeeting(ctx.store, p.of);
    return m ? { org: m.org } : null;
  },
  verify(ctx, p) {
    if (getMeeting(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const old = getMeeting(ctx.store, p.of)!;
    if (!current(old)) return failure(E.NOT_HELD, { status: old.status });
    const r = checkHeld(ctx, { ...old, id: p.id, corrects: old.id }, p);
    return r.ok ? okResult : r;
  },
  execute(ctx, p) {
    const old = getMeeting(ctx.store, p.of)!;
    unindexHeld(ctx, old);
    ctx.store.set(
      lifeKeys.meeting(old.id),
      asValue({ ...old, status: 'superseded', correctedBy: p.id } satisfies Meeting),
    );
    const base: Meeting = {
      ...old,
      id: p.id,
      corrects: old.id,
      correctedBy: null,
      status: 'held',
      held: null,
    };
    const held = checkHeld(ctx, base, p);
    if (!held.ok) return;
    // A line that did not change keeps its confirmation; a changed one is confirmed again.
    for (const l of held.value.attendance) {
      const before = old.held!.attendance.find((x) => x.member === l.member);
      const c = getConfirmation(ctx.store, old.id, l.member);
      if (c !== undefined && before?.status === l.status)
        ctx.store.set(lifeKeys.confirmation(p.id, l.member), asValue(c));
    }
    ctx.store.set(lifeKeys.ofOrg(old.org, old.date, p.id), true);
    emitHeld(ctx, 'orglife.MeetingCorrected', writeHeld(ctx, base, held.value), {
      corrects: old.id,
      reason: p.reason,
    });
  },
});

/** A member confirms their own line with their key; a clerk of their branch may record it for them. */
export const confirmAttendance = defineAction<{ meeting: string; member: string }>(M, E, {
  description:
    'Confirm one attendee’s line of a held meeting: the member with their own key, or a 党务工作者 on their behalf (marked).',
  shape: { meeting: 'id', member: 'id' },
  permission: [{ of: 'self' }, { of: 'clerkEntry' }],
  target: (ctx, p) => (getMeeting(ctx.store, p.meeting) ? memberTarget(ctx, p.member) : null),
  verify(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting)!;
    if (!current(m)) return failure(E.NOT_HELD, { status: m.status });
    if (!m.held!.attendance.some((l) => l.member === p.member)) return failure(E.NOT_EXPECTED);
    if (getConfirmation(ctx.store, p.meeting, p.member)) return failure(E.ALREADY_CONFIRMED);
    return okResult;
  },
  execute(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting)!;
    const { by, onBehalfOf } = actorOf(ctx, M);
    const c: Confirmation = { via: onBehalfOf === null ? 'self' : 'clerk', by: by ?? '', on: todayOf(ctx) };
    ctx.store.set(lifeKeys.confirmation(m.id, p.member), asValue(c));
    const line = m.held!.attendance.find((l) => l.member === p.member)!;
    emitAct(ctx, M, 'orglife.AttendanceConfirmed', [memberEntity(p.member), orgEntity(m.org)], {
      meeting: m.id,
      member: p.member,
      status: line.status,
      via: c.via,
    });
    const present = m.held!.attendance.filter((l) => l.status === 'present');
    if (
      m.status === 'held' &&
      present.every((l) => getConfirmation(ctx.store, m.id, l.member) !== undefined)
    ) {
      ctx.store.set(lifeKeys.meeting(m.id), asValue({ ...m, status: 'confirmed' } satisfies Meeting));
      emitAct(ctx, M, 'orglife.MeetingConfirmed', [orgEntity(m.org)], { meeting: m.id, org: m.org });
    }
  },
});
