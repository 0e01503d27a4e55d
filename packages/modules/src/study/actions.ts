/**
 * Individual study (个人自学): the member reports it with their own key (or the branch clerk enters it
 * for them, marked), the branch confirms or rejects it; only confirmed hours count. Hours from attended
 * 党课 and 主题党日 need no report: they come from the meeting records (progress.ts).
 */
import type { ReadContext } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { addYears, chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { currentOrg, memberStatus } from '../member/status.ts';
import { actorOf, storesFor, type Target } from '../permissions/authorize.ts';
import { StudyErrors as E } from './errors.ts';
import { studyRulesFor } from './rules.ts';
import { getStudy, type StudyRecord, studyKeys } from './store.ts';

const M = MODULE.study;

interface Report {
  id: string;
  member: string;
  on: string;
  topic: string;
  days?: number;
  halfDays?: number;
  hours?: number;
  ref?: string;
}

const hoursOf = (p: Report) => {
  const r = studyRulesFor(Number(p.on.slice(0, 4)));
  return (p.days ?? 0) * r.hoursPerDay + (p.halfDays ?? 0) * r.hoursPerHalfDay + (p.hours ?? 0);
};

const memberTarget = (ctx: ReadContext, member: string): Target | null => {
  const org = currentOrg(storesFor(ctx, M), member);
  return org === null ? null : { org, member };
};

export const report = defineAction<Report>(M, E, {
  description:
    'A member reports individual study (days = 8 学时, half days = 4, or hours) for the branch to confirm.',
  shape: {
    id: 'id',
    member: 'id',
    on: 'date',
    topic: { type: 'text', kind: 'purpose' },
    days: { type: 'int', optional: true, min: 0, max: 7 },
    halfDays: { type: 'int', optional: true, min: 0, max: 14 },
    hours: { type: 'int', optional: true, min: 0, max: 56 },
    ref: { type: 'hash', optional: true },
  },
  check(p) {
    const h = hoursOf(p);
    return h > 0 && h <= studyRulesFor(Number(p.on.slice(0, 4))).maxHoursPerRecord
      ? okResult
      : failure(E.BAD_HOURS, { hours: h });
  },
  permission: [{ of: 'self' }, { of: 'clerkEntry' }],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify(ctx, p) {
    if (getStudy(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const today = chinaDate(ctx.time);
    if (p.on > today || p.on < `${addYears(today, -1).slice(0, 4)}-01-01`)
      return failure(E.BAD_DATE, { on: p.on });
    const st = memberStatus(storesFor(ctx, M), p.member, p.on);
    if (st === null || (st.status !== '正式党员' && st.status !== '预备党员')) return failure(E.NOT_A_MEMBER);
    return okResult;
  },
  execute(ctx, p) {
    const { onBehalfOf } = actorOf(ctx, M);
    const rec: StudyRecord = {
      id: p.id,
      member: p.member,
      org: memberTarget(ctx, p.member)!.org,
      on: p.on,
      topic: p.topic,
      hours: hoursOf(p),
      ref: p.ref ?? null,
      status: 'reported',
      reportedOn: chinaDate(ctx.time),
      via: onBehalfOf === null ? 'self' : 'clerk',
      decidedBy: null,
    };
    ctx.store.set(studyKeys.record(p.id), asValue(rec));
    ctx.store.set(studyKeys.ofMember(p.member, Number(p.on.slice(0, 4)), p.id), true);
    ctx.store.set(studyKeys.pending(rec.org, p.id), true);
    emitAct(ctx, M, 'study.Reported', [memberEntity(p.member), orgEntity(rec.org)], {
      study: p.id,
      member: p.member,
      on: p.on,
      hours: rec.hours,
      via: rec.via,
    });
  },
});

export const confirm = defineAction<{ id: string; accepted: boolean }>(M, E, {
  description:
    "The branch confirms (or rejects) a member's reported individual study; only confirmed hours count. A committee member's own study is confirmed by another member of the committee or by the 党委 above.",
  shape: { id: 'id', accepted: 'bool' },
  permission: [
    { posts: ['书记', '组织委员', '宣传委员'], of: 'org' },
    // The 党委 above: a branch whose only committee member is the 书记 has nobody else to confirm.
    { posts: ['书记', '组织委员', '宣传委员'], of: 'superiorCommittee' },
  ],
  target(ctx, p) {
    const r = getStudy(ctx.store, p.id);
    return r ? { org: r.org, member: r.member } : null;
  },
  verify(ctx, p) {
    const r = getStudy(ctx.store, p.id)!;
    if (r.status !== 'reported') return failure(E.NOT_REPORTED);
    // An attested record is attested by someone else: a 书记 does not confirm their own hours.
    if (actorOf(ctx, M).by === r.member) return failure(E.SELF_CONFIRM, { member: r.member });
    return okResult;
  },
  execute(ctx, p) {
    const r = getStudy(ctx.store, p.id)!;
    const { by } = actorOf(ctx, M);
    const status = p.accepted ? 'confirmed' : 'rejected';
    ctx.store.set(studyKeys.record(p.id), asValue({ ...r, status, decidedBy: by } satisfies StudyRecord));
    ctx.store.delete(studyKeys.pending(r.org, p.id));
    emitAct(
      ctx,
      M,
      p.accepted ? 'study.Confirmed' : 'study.Rejected',
      [memberEntity(r.member), orgEntity(r.org)],
      {
        study: p.id,
        member: r.member,
        hours: r.hours,
      },
    );
  },
});
