/**
 * A member's request for a correction of their credit (issue 18): the member names the record behind
 * a point they dispute, with a reason; their branch's 书记 or 组织委员 answers, accepting or refusing
 * (a refusal states why). A recorded request and answer — people decide. The credit stays derived
 * from the records: an accepted request edits no point by itself (the record behind it is corrected
 * in its own module, if at all); `insight.credit` shows requests and answers beside the entry.
 */
import type { ReadContext, ReadStore } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import type { IsoDate } from '../common/dates.ts';
import { chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, getRecord, MODULE, SEP } from '../common/stores.ts';
import { currentOrg } from '../member/status.ts';
import { lifeKeys } from '../orglife/store.ts';
import { storesFor } from '../permissions/authorize.ts';
import { creditOf } from './credit.ts';
import { InsightErrors as E } from './errors.ts';
import { insightKeys } from './store.ts';

const M = MODULE.insight;
export const MIN_CORRECTION_REASON = 4;

export interface CorrectionRecord {
  readonly id: string;
  readonly member: string;
  /** The member's organization when filed: it answers. */
  readonly org: string;
  readonly year: number;
  /** The record behind the disputed point, as `insight.credit` names it. */
  readonly record: string;
  readonly reason: string;
  readonly filedOn: IsoDate;
  readonly status: 'open' | 'accepted' | 'refused';
  readonly answeredOn: IsoDate | null;
  readonly answer: string | null;
  /** Asked about a point the member says is MISSING (a meeting line without one), not a given one. */
  readonly missing?: true;
}

export const correctionKeys = {
  correction: (id: string) => `c${SEP}${id}`,
  /** An open request, under the organization that answers it (removed when answered). */
  openOf: (org: string) => `co${SEP}${org}${SEP}`,
  ofMember: (member: string, year: number) => `cm${SEP}${member}${SEP}${year}${SEP}`,
  ofMemberPrefix: (member: string) => `cm${SEP}${member}${SEP}`,
};

export const getCorrection = (s: ReadStore, id: string) =>
  getRecord<CorrectionRecord>(s, correctionKeys.correction(id));

/** A member's requests (of a year, or all), by year then id; bounded. */
export function correctionsOf(s: ReadStore, member: string, year?: number): CorrectionRecord[] {
  const prefix =
    year === undefined ? correctionKeys.ofMemberPrefix(member) : correctionKeys.ofMember(member, year);
  return s
    .keys(prefix, 10_000)
    .map((k) => getCorrection(s, k.slice(k.lastIndexOf(SEP) + 1)))
    .filter((c): c is CorrectionRecord => c !== undefined);
}

/**
 * An organization's open requests, by id: a bounded scan of every request (they are few — one per
 * disputed point — and no ordering by member or score is made).
 */
export function openCorrectionsOf(s: ReadStore, org: string): CorrectionRecord[] {
  const prefix = correctionKeys.openOf(org);
  return s
    .keys(prefix, 10_000)
    .map((k) => getCorrection(s, k.slice(prefix.length)))
    .filter((c): c is CorrectionRecord => c !== undefined);
}

const closedOf = (ctx: ReadContext, year: number) =>
  (ctx.store.get(insightKeys.closed) as string | undefined) ?? `${year - 1}-12`;

/**
 * Whether `member` has a line at meeting `record` (`orglife.meeting/<id>`) held in `year` — the
 * record a missing point of organizational life can be asked about (marked absent, or present but
 * not yet confirmed: then the member's own confirmation is the quicker way, and the branch says so).
 */
function hasMeetingLine(ctx: ReadContext, member: string, year: number, record: string): boolean {
  const m = /^orglife\.meeting\/(.+)$/.exec(record);
  if (m === null) return false;
  const life = ctx.readStore(MODULE.orglife);
  const prefix = lifeKeys.attendedPrefix(member, String(year));
  return life.keys(prefix, 10_000).some((k) => k.slice(k.lastIndexOf(SEP) + 1) === m[1]);
}

export const requestCreditCorrection = defineAction<{
  id: string;
  member: string;
  year: number;
  record: string;
  reason: string;
  missing?: boolean;
}>(M, E, {
  description:
    'A member asks their branch to correct a point of their credit, naming the record behind it and why — or, with `missing`, a point they say is missing (a meeting of the year they have a line at).',
  shape: {
    id: 'id',
    member: 'id',
    year: { type: 'int', min: 1949, max: 2200 },
    record: { type: 'text', max: 200 },
    reason: { type: 'text', kind: 'reason' },
    missing: { type: 'bool', optional: true },
  },
  permission: [{ of: 'self' }],
  target(ctx, p) {
    const org = currentOrg(storesFor(ctx, M), p.member);
    return org === null ? null : { org, member: p.member };
  },
  verify(ctx, p) {
    if (getCorrection(ctx.store, p.id) !== undefined) return failure(E.EXISTS);
    if (p.reason.trim().length < MIN_CORRECTION_REASON) return failure(E.REASON_REQUIRED);
    // One open request per record: the branch answers it before the member asks again.
    const waiting = correctionsOf(ctx.store, p.member, p.year).find(
      (c) => c.record === p.record && c.status === 'open',
    );
    if (waiting !== undefined) return failure(E.ALREADY_OPEN, { record: p.record, id: waiting.id });
    const credit = creditOf(ctx, p.member, p.year, closedOf(ctx, p.year));
    const credited = credit.entries.some((e) => e.record === p.record);
    if (p.missing === true) {
      if (credited) return failure(E.ALREADY_CREDITED, { record: p.record });
      if (!hasMeetingLine(ctx, p.member, p.year, p.record))
        return failure(E.NOT_A_MISSING_RECORD, { record: p.record });
      return okResult;
    }
    if (!credited) return failure(E.NOT_A_CREDIT_RECORD, { record: p.record });
    return okResult;
  },
  execute(ctx, p) {
    const org = currentOrg(storesFor(ctx, M), p.member)!;
    const c: CorrectionRecord = {
      id: p.id,
      member: p.member,
      org,
      year: p.year,
      record: p.record,
      reason: p.reason,
      filedOn: chinaDate(ctx.time),
      status: 'open',
      answeredOn: null,
      answer: null,
      ...(p.missing === true ? { missing: true as const } : {}),
    };
    ctx.store.set(correctionKeys.correction(p.id), asValue(c));
    ctx.store.set(`${correctionKeys.ofMember(p.member, p.year)}${p.id}`, true);
    ctx.store.set(`${correctionKeys.openOf(org)}${p.id}`, true);
    emitAct(ctx, M, 'insight.CreditCorrectionRequested', [memberEntity(p.member), orgEntity(org)], {
      correction: p.id,
      member: p.member,
      year: p.year,
      record: p.record,
      ...(p.missing === true ? { missing: true } : {}),
    });
  },
});

export const answerCreditCorrection = defineAction<{ id: string; accepted: boolean; reason?: string }>(M, E, {
  description:
    "The member's branch (书记 or 组织委员) answers a credit correction request: accepted, or refused with a reason. The credit itself is not edited.",
  shape: { id: 'id', accepted: 'bool', reason: { type: 'text', kind: 'reason', optional: true } },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  target(ctx, p) {
    const c = getCorrection(ctx.store, p.id);
    return c === undefined ? null : { org: c.org, member: c.member };
  },
  verify(ctx, p) {
    if (getCorrection(ctx.store, p.id)!.status !== 'open') return failure(E.ALREADY_ANSWERED);
    if (!p.accepted && (p.reason?.trim().length ?? 0) < MIN_CORRECTION_REASON)
      return failure(E.REASON_REQUIRED);
    return okResult;
  },
  execute(ctx, p) {
    const old = getCorrection(ctx.store, p.id)!;
    const c: CorrectionRecord = {
      ...old,
      status: p.accepted ? 'accepted' : 'refused',
      answeredOn: chinaDate(ctx.time),
      answer: p.reason ?? null,
    };
    ctx.store.set(correctionKeys.correction(p.id), asValue(c));
    ctx.store.delete(`${correctionKeys.openOf(c.org)}${p.id}`);
    emitAct(ctx, M, 'insight.CreditCorrectionAnswered', [memberEntity(c.member), orgEntity(c.org)], {
      correction: c.id,
      accepted: p.accepted,
      ...(p.reason === undefined ? {} : { reason: p.reason }),
    });
  },
});
