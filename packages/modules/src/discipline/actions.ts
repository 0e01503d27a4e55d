/**
 * Discipline actions (《中国共产党纪律处分条例》; 党章第四十二条): the branch meeting decides a sanction,
 * the superior 党委 approves it (effective from approval) — or, for an expulsion or a case reserved for
 * it, refers it to the county-level discipline commission named in genesis, which alone approves it
 * (commission.ts). A 留党察看 ends in restoration (or is extended: observation.ts); an expulsion is
 * always a 开除党籍 sanction of its own, approved by the commission.
 */
import type { ActionContext, ReadContext } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { addMonths, chinaDate, type IsoDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { currentOrg, memberStatus } from '../member/status.ts';
import { heldRank, storesFor, type Target } from '../permissions/authorize.ts';
import { DisciplineErrors as E } from './errors.ts';
import {
  disciplineKeys,
  getSanction,
  SANCTION_KINDS,
  type SanctionKind,
  type SanctionRecord,
  sanctionsOf,
} from './store.ts';

const M = MODULE.discipline;

interface Decide {
  id: string;
  member: string;
  kind: SanctionKind;
  months?: number;
  resolution: string;
  /** The case is important or complex: approval goes to the discipline commission (党章第四十二条). */
  reserved?: boolean;
}

/** Whether only the discipline commission approves this case: every expulsion, and reserved cases. */
export function reservedForCommission(s: SanctionRecord): boolean {
  return s.kind === '开除党籍' || s.reserved === true;
}

/** 纪律处分条例第八条、第十二条; 党章第四十二条: decided by the branch meeting, approved above it. */
export const decideSanction = defineAction<Decide>(M, E, {
  description:
    "Record the branch meeting's decision on a sanction of a full member (awaiting approval; 开除党籍 and reserved cases by the discipline commission).",
  shape: {
    id: 'id',
    member: 'id',
    kind: { type: 'text', oneOf: SANCTION_KINDS },
    months: { type: 'int', optional: true, min: 0, max: 120 },
    resolution: 'id',
    reserved: { type: 'bool', optional: true },
  },
  permission: [{ posts: ['书记', '纪检委员'], of: 'org' }],
  target(ctx, p) {
    const org = currentOrg(storesFor(ctx, M), p.member);
    return org === null ? null : { org, member: p.member };
  },
  verify(ctx, p) {
    if (getSanction(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const st = memberStatus(storesFor(ctx, M), p.member, chinaDate(ctx.time));
    // 条例第三十六条: a probationary member is criticised, has probation extended or loses it — the
    // five sanctions are for full members (recruitment.probationDiscipline).
    if (st?.status === '预备党员')
      return failure(E.PROBATIONARY, {
        status: st.status,
        outcomes: ['批评教育', '延长预备期', '取消预备党员资格'],
        action: 'recruitment.probationDiscipline',
      });
    if (st === null || st.status !== '正式党员')
      return failure(E.NOT_A_MEMBER, { status: st?.status ?? null });
    const observation = p.kind === '留党察看';
    if (observation ? p.months !== 12 && p.months !== 24 : p.months !== undefined)
      return failure(E.BAD_DURATION, { kind: p.kind, months: p.months ?? null });
    return okResult;
  },
  execute(ctx, p) {
    const org = currentOrg(storesFor(ctx, M), p.member)!;
    const rec: SanctionRecord = {
      id: p.id,
      member: p.member,
      kind: p.kind,
      months: p.months ?? null,
      decidedOn: chinaDate(ctx.time),
      org,
      status: 'decided',
      reserved: p.kind === '开除党籍' || p.reserved === true,
      effectiveFrom: null,
      observationEnds: null,
      conclusion: null,
    };
    ctx.store.set(disciplineKeys.sanction(p.id), asValue(rec));
    ctx.store.set(disciplineKeys.byMember(p.member, p.id), true);
    emitAct(ctx, M, 'discipline.SanctionDecided', [memberEntity(p.member), orgEntity(org)], {
      sanction: p.id,
      member: p.member,
      kind: p.kind,
      months: rec.months,
      reserved: rec.reserved === true,
      resolution: p.resolution,
    });
  },
});

export function sanctionTarget(ctx: ReadContext, id: string): Target | null {
  const s = getSanction(ctx.store, id);
  return s ? { org: s.org, member: s.member } : null;
}

/**
 * The sanction takes effect on `on`: the posts held that day are its "原任职务" (formerRank, for the
 * bars of 第十条至第十二条); a 留党察看 opens its period; an expulsion closes any open 留党察看.
 */
export function makeEffective(ctx: ActionContext, s: SanctionRecord, on: IsoDate): SanctionRecord {
  const next: SanctionRecord = {
    ...s,
    status: 'approved',
    effectiveFrom: on,
    formerRank: heldRank(storesFor(ctx, M), s.member, on),
    observationEnds: s.kind === '留党察看' ? addMonths(on, s.months ?? 12) : null,
  };
  ctx.store.set(disciplineKeys.sanction(s.id), asValue(next));
  if (next.observationEnds !== null) ctx.store.set(disciplineKeys.open(s.id), next.observationEnds);
  if (s.kind === '开除党籍') {
    for (const o of sanctionsOf(ctx.store, s.member)) {
      if (o.kind !== '留党察看' || o.status !== 'approved') continue;
      const closed: SanctionRecord = { ...o, status: 'concluded', conclusion: { on, outcome: 'expelled' } };
      ctx.store.set(disciplineKeys.sanction(o.id), asValue(closed));
      ctx.store.delete(disciplineKeys.open(o.id));
    }
  }
  return next;
}

export function emitDecision(ctx: ActionContext, type: string, s: SanctionRecord): void {
  emitAct(ctx, M, type, [memberEntity(s.member), orgEntity(s.org)], {
    sanction: s.id,
    member: s.member,
    kind: s.kind,
    effectiveFrom: s.effectiveFrom,
    observationEnds: s.observationEnds,
    ...(s.kind === '开除党籍' && s.status === 'approved' ? { status: '出党', exitReason: '开除' } : {}),
  });
}

/**
 * The superior 党委 approves (effective that day) or rejects. For an expulsion or a reserved case its
 * approval only refers the case to the discipline commission (status 'referred'), which decides it.
 */
export const approveSanction = defineAction<{ id: string; approved: boolean }>(M, E, {
  description:
    'The superior 党委 approves (effective that day) or rejects a decided sanction; 开除党籍 and reserved cases it refers to the discipline commission.',
  shape: { id: 'id', approved: 'bool' },
  permission: [{ posts: ['书记', '纪检委员'], of: 'superiorCommittee' }],
  target: (ctx, p) => sanctionTarget(ctx, p.id),
  verify: (ctx, p) =>
    getSanction(ctx.store, p.id)!.status === 'decided' ? okResult : failure(E.NOT_PENDING),
  execute(ctx, p) {
    const s = getSanction(ctx.store, p.id)!;
    const on = chinaDate(ctx.time);
    if (!p.approved) {
      const next: SanctionRecord = { ...s, status: 'rejected' };
      ctx.store.set(disciplineKeys.sanction(p.id), asValue(next));
      emitDecision(ctx, 'discipline.SanctionRejected', next);
    } else if (reservedForCommission(s)) {
      const next: SanctionRecord = { ...s, status: 'referred' };
      ctx.store.set(disciplineKeys.sanction(p.id), asValue(next));
      emitDecision(ctx, 'discipline.SanctionReferred', next);
    } else emitDecision(ctx, 'discipline.SanctionApproved', makeEffective(ctx, s, on));
  },
});

/** 纪律处分条例第十二条: at the end of 留党察看 rights are restored (expulsion is a 开除党籍 case). */
export const concludeObservation = defineAction<{
  id: string;
  outcome: 'restored' | 'expelled';
  resolution: string;
}>(M, E, {
  description:
    '留党察看 concluded at its end (branch decision, approved by the superior): rights restored. Expulsion is decided as a 开除党籍 sanction.',
  shape: { id: 'id', outcome: { type: 'text', oneOf: ['restored', 'expelled'] }, resolution: 'id' },
  permission: [{ posts: ['书记', '纪检委员'], of: 'superiorCommittee' }],
  target: (ctx, p) => sanctionTarget(ctx, p.id),
  verify(ctx, p) {
    const s = getSanction(ctx.store, p.id)!;
    if (s.kind !== '留党察看' || s.status !== 'approved') return failure(E.NOT_OBSERVATION);
    // 党章第四十二条: expelling goes to the county-level commission, never the 党委 alone.
    if (p.outcome === 'expelled')
      return failure(E.EXPULSION_BY_COMMISSION, { use: 'decideSanction 开除党籍' });
    const on = chinaDate(ctx.time);
    if (on < s.observationEnds!)
      return failure(E.OBSERVATION_NOT_ENDED, { observationEnds: s.observationEnds });
    return okResult;
  },
  execute(ctx, p) {
    const s = getSanction(ctx.store, p.id)!;
    const on = chinaDate(ctx.time);
    ctx.store.set(
      disciplineKeys.sanction(p.id),
      asValue({
        ...s,
        status: 'concluded',
        conclusion: { on, outcome: 'restored' },
      } satisfies SanctionRecord),
    );
    ctx.store.delete(disciplineKeys.open(p.id));
    emitAct(ctx, M, 'discipline.ObservationConcluded', [memberEntity(s.member), orgEntity(s.org)], {
      sanction: s.id,
      member: s.member,
      outcome: 'restored',
      resolution: p.resolution,
    });
  },
});
