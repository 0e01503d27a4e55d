/**
 * The orglife module's queries: a meeting with its confirmations and resolutions, an organization's
 * meetings and obligations by period, a member's own organizational life, and the superior's overview
 * of which branches are judged. Diagnostic only: no ranking, no scores.
 */
import type { QueryDef, ReadContext } from '@djchain/runtime';
import { minDate } from '../common/dates.ts';
import type { LapseCase } from '../common/lapse.ts';
import { lastDay } from '../common/months.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, getRecord, MODULE, storeOf } from '../common/stores.ts';
import { getOrg, isWithin, orgKeys } from '../org/store.ts';
import { monthNow, monthsOfPeriod, periodOf, todayOf } from './common.ts';
import { OrgLifeErrors } from './errors.ts';
import { lifeStores, M, owesCommitteeMeeting } from './roster.ts';
import { MEETING_KINDS, orgLifeRules } from './rules.ts';
import {
  type AttendanceEntry,
  type Calendar,
  getAppraisal,
  getCalendar,
  getConfirmation,
  getHandling,
  getMeeting,
  heldIn,
  lifeKeys,
  type Resolution,
} from './store.ts';

const BAD = OrgLifeErrors.BAD_PARAMS;
const YEAR = { type: 'int', optional: true, min: 1949, max: 2200 } as const;
const thisYear = (ctx: ReadContext) => Number(monthNow(ctx).slice(0, 4));

function meetingView(ctx: ReadContext, id: string) {
  const m = getMeeting(ctx.store, id);
  if (!m) return null;
  const prefix = lifeKeys.resolutionPrefix(id);
  return {
    ...m,
    confirmations: (m.held?.attendance ?? []).map((l) => ({
      member: l.member,
      ...(getConfirmation(ctx.store, id, l.member) ?? { via: null, by: null, on: null }),
    })),
    resolutions: ctx.store.keys(prefix, 1000).map((k) => getRecord<Resolution>(ctx.store, k)!),
  };
}

/** The periods of a year for a frequency, in order. */
function periodsOf(every: 'month' | 'quarter' | 'year', year: number): string[] {
  if (every === 'year') return [String(year)];
  if (every === 'quarter') return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

export const orgLifeQueries: { readonly [name: string]: QueryDef } = {
  meeting: defineQuery<{ id: string }>(BAD, {
    description:
      'A meeting: plan, held record, attendance with each confirmation (self or clerk), resolutions.',
    shape: { id: 'id' },
    run: (ctx, p) => (meetingView(ctx, p.id) === null ? null : asValue(meetingView(ctx, p.id)!)),
  }),
  meetings: defineQuery<{ org: string; year?: number }>(BAD, {
    description: "An organization's meetings of a year (by planned date), with their status.",
    shape: { org: 'id', year: YEAR },
    run(ctx, p) {
      const y = p.year ?? thisYear(ctx);
      const prefix = lifeKeys.ofOrgPrefix(p.org, String(y));
      const ids = ctx.store.keys(prefix, 10_000).map((k) => k.slice(k.lastIndexOf('/') + 1));
      return asValue({ org: p.org, year: y, meetings: ids.map((id) => getMeeting(ctx.store, id)!) });
    },
  }),
  obligations: defineQuery<{ org: string; year?: number }>(BAD, {
    description:
      "A branch's (or group's) obligations of a year by period: held, held late, missed (warned), due, closing, not judged, or not owed (a 支部委员会 where the branch has no committee).",
    shape: { org: 'id', year: YEAR },
    run(ctx, p) {
      const y = p.year ?? thisYear(ctx);
      const rules = orgLifeRules();
      const stores = lifeStores(ctx);
      const org = getOrg(stores.org, p.org);
      const cal: Calendar | undefined =
        org?.kind === '党小组' && org.parent !== null
          ? getCalendar(ctx.store, org.parent)
          : getCalendar(ctx.store, p.org);
      const today = todayOf(ctx);
      const rows = [];
      for (const kind of MEETING_KINDS) {
        const rule = rules.kinds[kind];
        if (org === undefined || rule.heldBy !== org.kind) continue;
        for (const period of periodsOf(rule.every, y)) {
          const months = monthsOfPeriod(period);
          const held = months.flatMap((m) => heldIn(ctx.store, p.org, kind, m));
          const warned = ctx.store.get(lifeKeys.warned(p.org, kind, period)) !== undefined;
          const end = lastDay(months[months.length - 1]!);
          const over = end < today;
          const judged = cal !== undefined && months[0]! >= cal.from;
          // The close's rule, on the period's last day (or today while it runs).
          const owed =
            kind !== '支部委员会' || owesCommitteeMeeting(stores, rules, p.org, minDate(end, today));
          const status = warned
            ? held.length > 0
              ? 'heldLate'
              : 'missed'
            : held.length > 0
              ? 'held'
              : !judged
                ? 'notJudged'
                : !owed
                  ? 'notOwed'
                  : over
                    ? 'closing'
                    : 'due';
          rows.push({ kind, period, every: rule.every, status, meetings: held, cite: rule.cite });
        }
      }
      return asValue({ org: p.org, year: y, calendar: cal ?? null, rules: rules.version, rows });
    },
  }),
  appraisal: defineQuery<{ meeting: string }>(BAD, {
    description:
      "A 民主评议党员 meeting's members with their year's self-assessment, rating and 不合格 handling (the rating page).",
    shape: { meeting: 'id' },
    run(ctx, p) {
      const m = getMeeting(ctx.store, p.meeting);
      if (!m) return null;
      const year = Number((m.held?.on ?? m.date).slice(0, 4));
      const members = m.held?.attendance.map((l) => l.member) ?? m.expected;
      return asValue({
        meeting: m.id,
        org: m.org,
        kind: m.kind,
        status: m.status,
        year,
        rows: members.map((member) => {
          const a = getAppraisal(ctx.store, member, year);
          return {
            member,
            selfAssessment: a?.selfAssessment ?? null,
            rating: a?.rating ?? null,
            handling: getHandling(ctx.store, member, year) ?? null,
            ...(a?.corrections ? { corrections: a.corrections } : {}),
          };
        }),
      });
    },
  }),
  member: defineQuery<{ member: string; year?: number }>(BAD, {
    description:
      "A member's own organizational life of a year: each meeting expected at, their line and its confirmation, the appraisal, open cases.",
    shape: { member: 'id', year: YEAR },
    run(ctx, p) {
      const y = p.year ?? thisYear(ctx);
      const prefix = lifeKeys.attendedPrefix(p.member, String(y));
      const lines = ctx.store.keys(prefix, 10_000).map((k) => {
        const id = k.slice(k.lastIndexOf('/') + 1);
        const e = getRecord<AttendanceEntry>(ctx.store, k)!;
        const m = getMeeting(ctx.store, id)!;
        return {
          meeting: id,
          org: m.org,
          kind: e.kind,
          heldOn: m.held?.on ?? null,
          status: e.status,
          confirmation: getConfirmation(ctx.store, id, p.member) ?? null,
        };
      });
      return asValue({
        member: p.member,
        year: y,
        meetings: lines,
        appraisal: getAppraisal(ctx.store, p.member, y) ?? null,
        handling: getHandling(ctx.store, p.member, y) ?? null,
        lapseCase: getRecord<LapseCase>(ctx.store, lifeKeys.lapseCase(p.member)) ?? null,
      });
    },
  }),
  overview: defineQuery<{ org: string }>(BAD, {
    description:
      'The branches at or below an organization and whether their obligations are judged (calendar set), with this month’s period.',
    shape: { org: 'id' },
    run(ctx, p) {
      const orgs = storeOf(ctx, M, MODULE.org);
      const prefix = orgKeys.org('');
      const branches = orgs
        .keys(prefix, 100_000)
        .map((k) => k.slice(prefix.length))
        .filter((id) => getOrg(orgs, id)?.kind === '党支部' && isWithin(orgs, id, p.org));
      return asValue({
        org: p.org,
        month: periodOf('month', todayOf(ctx)),
        branches: branches.map((id) => ({ org: id, calendar: getCalendar(ctx.store, id) ?? null })),
      });
    },
  }),
};
