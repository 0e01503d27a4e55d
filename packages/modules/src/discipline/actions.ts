/**
 * Discipline actions (《中国共产党纪律处分条例》): the branch meeting decides a sanction, the superior
 * 党委 approves it (effective from approval), a 留党察看 ends in restoration or expulsion.
 */
import type { ReadContext } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { addMonths, chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { currentOrg, memberStatus } from '../member/status.ts';
import { storesFor, type Target } from '../permissions/authorize.ts';
import { DisciplineErrors as E } from './errors.ts';
import {
  disciplineKeys,
  getSanction,
  SANCTION_KINDS,
  type SanctionKind,
  type SanctionRecord,
} from './store.ts';

const M = MODULE.discipline;

interface Decide {
  id: string;
  member: string;
  kind: SanctionKind;
  months?: number;
  resolution: string;
}

/** 纪律处分条例第八条、第十二条; 党章第四十条: decided by the branch meeting, approved by the 党委. */
export const decideSanction = defineAction<Decide>(M, E, {
  description: "Record the branch meeting's decision on a sanction (awaiting the superior's approval).",
  shape: {
    id: 'id',
    member: 'id',
    kind: { type: 'text', oneOf: SANCTION_KINDS },
    months: { type: 'int', optional: true, min: 0, max: 120 },
    resolution: 'id',
  },
  permission: [{ posts: ['书记', '纪检委员'], of: 'org' }],
  target(ctx, p) {
    const org = currentOrg(storesFor(ctx, M), p.member);
    return org === null ? null : { org, member: p.member };
  },
  verify(ctx, p) {
    if (getSanction(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const st = memberStatus(storesFor(ctx, M), p.member, chinaDate(ctx.time));
    if (st === null || (st.status !== '正式党员' && st.status !== '预备党员'))
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
      resolution: p.resolution,
    });
  },
});

function sanctionTarget(ctx: ReadContext, id: string): Target | null {
  const s = getSanction(ctx.store, id);
  return s ? { org: s.org, member: s.member } : null;
}

/** The superior 党委 approves or rejects; an approved sanction takes effect on the approval date. */
export const approveSanction = defineAction<{ id: string; approved: boolean }>(M, E, {
  description: 'The superior 党委 approves (effective that day) or rejects a decided sanction.',
  shape: { id: 'id', approved: 'bool' },
  permission: [{ posts: ['书记', '纪检委员'], of: 'superiorCommittee' }],
  target: (ctx, p) => sanctionTarget(ctx, p.id),
  verify: (ctx, p) =>
    getSanction(ctx.store, p.id)!.status === 'decided' ? okResult : failure(E.NOT_PENDING),
  execute(ctx, p) {
    const s = getSanction(ctx.store, p.id)!;
    const on = chinaDate(ctx.time);
    const next: SanctionRecord = p.approved
      ? {
          ...s,
          status: 'approved',
          effectiveFrom: on,
          observationEnds: s.kind === '留党察看' ? addMonths(on, s.months ?? 12) : null,
        }
      : { ...s, status: 'rejected' };
    ctx.store.set(disciplineKeys.sanction(p.id), asValue(next));
    if (next.observationEnds !== null) ctx.store.set(disciplineKeys.open(p.id), next.observationEnds);
    emitAct(
      ctx,
      M,
      p.approved ? 'discipline.SanctionApproved' : 'discipline.SanctionRejected',
      [memberEntity(s.member), orgEntity(s.org)],
      {
        sanction: s.id,
        member: s.member,
        kind: s.kind,
        effectiveFrom: next.effectiveFrom,
        observationEnds: next.observationEnds,
      },
    );
  },
});

/** 纪律处分条例第十二条: at the end of 留党察看, rights restored if reformed, else expulsion. */
export const concludeObservation = defineAction<{
  id: string;
  outcome: 'restored' | 'expelled';
  resolution: string;
}>(M, E, {
  description: '留党察看 concluded (branch decision, approved by the superior): rights restored or expelled.',
  shape: { id: 'id', outcome: { type: 'text', oneOf: ['restored', 'expelled'] }, resolution: 'id' },
  permission: [{ posts: ['书记', '纪检委员'], of: 'superiorCommittee' }],
  target: (ctx, p) => sanctionTarget(ctx, p.id),
  verify(ctx, p) {
    const s = getSanction(ctx.store, p.id)!;
    if (s.kind !== '留党察看' || s.status !== 'approved') return failure(E.NOT_OBSERVATION);
    const on = chinaDate(ctx.time);
    // Expulsion may come during the period (no reform, or a new offence); restoration only at its end.
    if (p.outcome === 'restored' && on < s.observationEnds!)
      return failure(E.OBSERVATION_NOT_ENDED, { observationEnds: s.observationEnds });
    return okResult;
  },
  execute(ctx, p) {
    const s = getSanction(ctx.store, p.id)!;
    const on = chinaDate(ctx.time);
    ctx.store.set(
      disciplineKeys.sanction(p.id),
      asValue({ ...s, status: 'concluded', conclusion: { on, outcome: p.outcome } } satisfies SanctionRecord),
    );
    ctx.store.delete(disciplineKeys.open(p.id));
    emitAct(ctx, M, 'discipline.ObservationConcluded', [memberEntity(s.member), orgEntity(s.org)], {
      sanction: s.id,
      member: s.member,
      outcome: p.outcome,
      resolution: p.resolution,
      ...(p.outcome === 'expelled' ? { status: '出党', exitReason: '开除' } : {}),
    });
  },
});
