/**
 * What a meeting decides, recorded by the people entitled: a 党员大会's resolutions (quorum and
 * majority checked: yes > ½ of the expected voting members, written opinions counted), the 民主评议党员
 * ratings on each member's dossier with the member's own self-assessment, the handling of a 不合格
 * rating, and the 支部大会's decision on a six-month case. The chain records; people decide.
 */
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { lapseDecisionAction } from '../common/lapse.ts';
import { asValue } from '../common/stores.ts';
import { checkBallot } from '../recruitment/vote.ts';
import { DECIDERS, memberTarget, todayOf } from './common.ts';
import { OrgLifeErrors as E } from './errors.ts';
import { M } from './roster.ts';
import { HANDLINGS, RATINGS, type Rating } from './rules.ts';
import {
  type Appraisal,
  getAppraisal,
  getHandling,
  getMeeting,
  type HandlingCase,
  lifeKeys,
  type Resolution,
} from './store.ts';

const COUNT = { type: 'int', min: 0, max: 10_000 } as const;

interface Resolve {
  meeting: string;
  id: string;
  subject: string;
  yes: number;
  no: number;
  abstain: number;
  writtenYes?: number;
  writtenNo?: number;
}

export const recordResolution = defineAction<Resolve>(M, E, {
  description:
    "Record a 支部党员大会's vote on a motion: counts checked against the voters present and expected (yes > ½ of expected passes).",
  shape: {
    meeting: 'id',
    id: 'id',
    subject: { type: 'text', kind: 'purpose' },
    yes: COUNT,
    no: COUNT,
    abstain: COUNT,
    writtenYes: { ...COUNT, optional: true },
    writtenNo: { ...COUNT, optional: true },
  },
  permission: [{ posts: ['书记'], of: 'org' }],
  target(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting);
    return m ? { org: m.org } : null;
  },
  verify(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting)!;
    if (m.kind !== '支部党员大会') return failure(E.NOT_A_GENERAL_MEETING, { kind: m.kind });
    if (m.held === null || (m.status !== 'held' && m.status !== 'confirmed')) return failure(E.NOT_HELD);
    if (ctx.store.get(lifeKeys.resolution(m.id, p.id)) !== undefined) return failure(E.EXISTS, { id: p.id });
    const b = ballot(m.held, p);
    if (!b.valid) {
      return b.problem === 'quorum'
        ? failure(E.NO_QUORUM, { expected: b.expected, present: b.present })
        : failure(E.BAD_COUNTS, { expected: b.expected, present: b.present });
    }
    return okResult;
  },
  execute(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting)!;
    const b = ballot(m.held!, p);
    const rec: Resolution = {
      id: p.id,
      meeting: m.id,
      subject: p.subject,
      expected: b.expected,
      present: b.present,
      yes: p.yes,
      no: p.no,
      abstain: p.abstain,
      writtenYes: p.writtenYes ?? 0,
      writtenNo: p.writtenNo ?? 0,
      passed: b.valid && b.passed,
      on: todayOf(ctx),
    };
    ctx.store.set(lifeKeys.resolution(m.id, p.id), asValue(rec));
    emitAct(ctx, M, 'orglife.ResolutionRecorded', [orgEntity(m.org)], { ...rec });
  },
});

/** 条例第十二条 (as 细则第二十、二十一条): quorum over the voters expected, yes over the same. */
function ballot(held: NonNullable<ReturnType<typeof getMeeting>>['held'] & object, p: Resolve) {
  const present = held.attendance.filter(
    (l) => l.status === 'present' && held.voters.includes(l.member),
  ).length;
  const expected = held.voters.length;
  const r = checkBallot({
    expected,
    present,
    yes: p.yes,
    no: p.no,
    abstain: p.abstain,
    writtenYes: p.writtenYes ?? 0,
    writtenNo: p.writtenNo ?? 0,
  });
  return { ...r, expected, present };
}

function appraisalOf(
  ctx: Parameters<typeof recordResolution.execute>[0],
  member: string,
  year: number,
): Appraisal {
  return (
    getAppraisal(ctx.store, member, year) ?? {
      member,
      year,
      selfAssessment: null,
      rating: null,
      meeting: null,
    }
  );
}

export const selfAssess = defineAction<{ member: string; year: number; document: string }>(M, E, {
  description:
    "A member's self-assessment for the year's 民主评议党员 (the document's hash; the text stays off chain).",
  shape: { member: 'id', year: { type: 'int', min: 2000, max: 2200 }, document: 'hash' },
  permission: [{ of: 'self' }, { of: 'clerkEntry' }],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify: () => okResult,
  execute(ctx, p) {
    const a = appraisalOf(ctx, p.member, p.year);
    ctx.store.set(
      lifeKeys.appraisal(p.member, p.year),
      asValue({ ...a, selfAssessment: p.document } satisfies Appraisal),
    );
    emitAct(ctx, M, 'orglife.SelfAssessed', [memberEntity(p.member)], {
      member: p.member,
      year: p.year,
      document: p.document,
    });
  },
});

type Rate = { meeting: string } & { [R in Rating]?: string[] };

export const rate = defineAction<Rate>(M, E, {
  description:
    "Record the 民主评议党员 meeting's rating of each member (优秀/合格/基本合格/不合格) on their dossier; 不合格 opens a handling case.",
  shape: {
    meeting: 'id',
    ...Object.fromEntries(RATINGS.map((r) => [r, { type: 'ids', optional: true }] as const)),
  },
  permission: [DECIDERS],
  target(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting);
    return m ? { org: m.org } : null;
  },
  verify(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting)!;
    if (m.kind !== '民主评议党员' || m.held === null || (m.status !== 'held' && m.status !== 'confirmed'))
      return failure(E.NOT_APPRAISAL, { kind: m.kind, status: m.status });
    const rated = RATINGS.flatMap((r) => p[r] ?? []).sort();
    const expected = m.held.attendance.map((l) => l.member);
    if (rated.length !== expected.length || rated.some((x, i) => x !== expected[i]))
      return failure(E.NOT_APPRAISAL, { expected: expected.length, rated: rated.length });
    const year = Number(m.held.on.slice(0, 4));
    const already = rated.find((x) => getAppraisal(ctx.store, x, year)?.rating != null);
    if (already !== undefined) return failure(E.ALREADY_RATED, { member: already, year });
    return okResult;
  },
  execute(ctx, p) {
    const m = getMeeting(ctx.store, p.meeting)!;
    const year = Number(m.held!.on.slice(0, 4));
    const on = todayOf(ctx);
    for (const rating of RATINGS) {
      for (const member of p[rating] ?? []) {
        const a = appraisalOf(ctx, member, year);
        ctx.store.set(
          lifeKeys.appraisal(member, year),
          asValue({ ...a, rating, meeting: m.id } satisfies Appraisal),
        );
        emitAct(ctx, M, 'orglife.Rated', [memberEntity(member), orgEntity(m.org)], {
          member,
          year,
          rating,
          meeting: m.id,
        });
        if (rating !== '不合格') continue;
        const c: HandlingCase = { member, org: m.org, year, openedOn: on, status: 'open', decision: null };
        ctx.store.set(lifeKeys.handling(member, year), asValue(c));
        emitAct(ctx, M, 'orglife.HandlingOpened', [memberEntity(member), orgEntity(m.org)], {
          member,
          year,
          options: [...HANDLINGS],
          cite: E.NO_OPEN_HANDLING.cite,
        });
      }
    }
  },
});

interface CorrectRating {
  member: string;
  year: number;
  rating: Rating;
  reason: string;
  resolution: string;
}

/**
 * A rating is corrected by the branch as a new linked record (the appraisal keeps every correction
 * with its reason and resolution): 不合格 → another rating withdraws an undecided handling case; a
 * correction to 不合格 opens one. Under a handling already decided the rating stays: people revisit
 * that decision first.
 */
export const correctRating = defineAction<CorrectRating>(M, E, {
  description:
    "Correct a member's 民主评议 rating of a year (a new linked record with the reason and the resolution); 不合格 opens or withdraws the handling case.",
  shape: {
    member: 'id',
    year: { type: 'int', min: 2000, max: 2200 },
    rating: { type: 'text', oneOf: RATINGS },
    reason: { type: 'text', kind: 'reason' },
    resolution: 'id',
  },
  permission: [DECIDERS],
  target(ctx, p) {
    const a = getAppraisal(ctx.store, p.member, p.year);
    const m = a?.meeting ? getMeeting(ctx.store, a.meeting) : undefined;
    return m ? { org: m.org, member: p.member } : memberTarget(ctx, p.member);
  },
  verify(ctx, p) {
    const a = getAppraisal(ctx.store, p.member, p.year);
    if (!a || a.rating === null) return failure(E.NOT_RATED, { member: p.member, year: p.year });
    if (a.rating === p.rating) return failure(E.SAME_RATING, { rating: p.rating });
    if (p.reason.trim().length < 4) return failure(E.CORRECTION_REASON);
    if (getHandling(ctx.store, p.member, p.year)?.status === 'decided')
      return failure(E.HANDLING_DECIDED, { member: p.member, year: p.year });
    return okResult;
  },
  execute(ctx, p) {
    const a = getAppraisal(ctx.store, p.member, p.year)!;
    const on = todayOf(ctx);
    const from = a.rating!;
    const org = getMeeting(ctx.store, a.meeting!)!.org;
    const correction = { from, to: p.rating, on, reason: p.reason, resolution: p.resolution };
    ctx.store.set(
      lifeKeys.appraisal(p.member, p.year),
      asValue({
        ...a,
        rating: p.rating,
        corrections: [...(a.corrections ?? []), correction],
      } satisfies Appraisal),
    );
    emitAct(ctx, M, 'orglife.RatingCorrected', [memberEntity(p.member), orgEntity(org)], {
      member: p.member,
      year: p.year,
      ...correction,
    });
    const c = getHandling(ctx.store, p.member, p.year);
    if (from === '不合格' && c?.status === 'open') {
      ctx.store.set(
        lifeKeys.handling(p.member, p.year),
        asValue({ ...c, status: 'withdrawn' } satisfies HandlingCase),
      );
      emitAct(ctx, M, 'orglife.HandlingWithdrawn', [memberEntity(p.member), orgEntity(c.org)], {
        member: p.member,
        year: p.year,
        resolution: p.resolution,
      });
    }
    if (p.rating === '不合格') {
      const opened: HandlingCase = {
        member: p.member,
        org,
        year: p.year,
        openedOn: on,
        status: 'open',
        decision: null,
      };
      ctx.store.set(lifeKeys.handling(p.member, p.year), asValue(opened));
      emitAct(ctx, M, 'orglife.HandlingOpened', [memberEntity(p.member), orgEntity(org)], {
        member: p.member,
        year: p.year,
        options: [...HANDLINGS],
        cite: E.NO_OPEN_HANDLING.cite,
      });
    }
  },
});

export const decideHandling = defineAction<{
  member: string;
  year: number;
  outcome: (typeof HANDLINGS)[number];
  resolution: string;
}>(M, E, {
  description:
    'Record how the branch handles a member rated 不合格: 限期改正, 劝退 or 除名 (people decide; 除名 goes on to the superior).',
  shape: {
    member: 'id',
    year: { type: 'int', min: 2000, max: 2200 },
    outcome: { type: 'text', oneOf: HANDLINGS },
    resolution: 'id',
  },
  permission: [DECIDERS],
  target(ctx, p) {
    const c = getHandling(ctx.store, p.member, p.year);
    return c ? { org: c.org, member: p.member } : memberTarget(ctx, p.member);
  },
  verify: (ctx, p) =>
    getHandling(ctx.store, p.member, p.year)?.status === 'open' ? okResult : failure(E.NO_OPEN_HANDLING),
  execute(ctx, p) {
    const c = getHandling(ctx.store, p.member, p.year)!;
    const decision = { outcome: p.outcome, on: todayOf(ctx), resolution: p.resolution };
    ctx.store.set(
      lifeKeys.handling(p.member, p.year),
      asValue({ ...c, status: 'decided', decision } satisfies HandlingCase),
    );
    emitAct(ctx, M, 'orglife.HandlingDecided', [memberEntity(p.member), orgEntity(c.org)], {
      member: p.member,
      year: p.year,
      outcome: p.outcome,
      resolution: p.resolution,
    });
  },
});

/** 党章第九条: the 支部大会's decision on six months without organizational life (common/lapse.ts). */
export const decideLapseCase = lapseDecisionAction(M, E, {
  description:
    "Record the branch meeting's decision on six months without organizational life (除名 then goes to the superior).",
  key: lifeKeys.lapseCase,
  eventType: 'orglife.LapseCaseDecided',
  memberTarget,
});
