/**
 * 《中国共产党纪律处分条例》第十二条: "对于受到留党察看处分一年的党员，期满后仍不符合恢复党员权利条件的，
 * 应当延长一年留党察看期限。留党察看期限最长不得超过二年。" A one-year 留党察看 that ends without the
 * conditions for restoration is extended by one year (never past two years in total), decided by the
 * branch and approved by the superior 党委 like its conclusion.
 */
import { defineAction } from '../common/action.ts';
import { addMonths, chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { sanctionTarget } from './actions.ts';
import { DisciplineErrors as E } from './errors.ts';
import { disciplineKeys, getSanction, type SanctionRecord } from './store.ts';

/** 留党察看 lasts at most this many months, extension included (第十二条; 党章第四十一条). */
export const OBSERVATION_MAX_MONTHS = 24;

export const extendObservation = defineAction<{ id: string; resolution: string }>(MODULE.discipline, E, {
  description:
    '留党察看 of one year extended by one year at its end (conditions for restoration not met); never past two years in total.',
  shape: { id: 'id', resolution: 'id' },
  permission: [{ posts: ['书记', '纪检委员'], of: 'superiorCommittee' }],
  target: (ctx, p) => sanctionTarget(ctx, p.id),
  verify(ctx, p) {
    const s = getSanction(ctx.store, p.id)!;
    if (s.kind !== '留党察看' || s.status !== 'approved') return failure(E.NOT_OBSERVATION);
    if ((s.months ?? 12) + 12 > OBSERVATION_MAX_MONTHS)
      return failure(E.OBSERVATION_MAX, { months: s.months, maxMonths: OBSERVATION_MAX_MONTHS });
    // "期满后": the extension answers the end of the first year, not before it.
    if (chinaDate(ctx.time) < s.observationEnds!)
      return failure(E.OBSERVATION_NOT_ENDED, { observationEnds: s.observationEnds });
    return okResult;
  },
  execute(ctx, p) {
    const s = getSanction(ctx.store, p.id)!;
    const on = chinaDate(ctx.time);
    const months = (s.months ?? 12) + 12;
    // Counted from the original effective date: one year + one year, the same day two years later.
    const next: SanctionRecord = {
      ...s,
      months,
      observationEnds: addMonths(s.effectiveFrom!, months),
      extendedOn: on,
    };
    ctx.store.set(disciplineKeys.sanction(p.id), asValue(next));
    ctx.store.set(disciplineKeys.open(p.id), next.observationEnds!);
    emitAct(
      ctx,
      MODULE.discipline,
      'discipline.ObservationExtended',
      [memberEntity(s.member), orgEntity(s.org)],
      {
        sanction: s.id,
        member: s.member,
        months,
        observationEnds: next.observationEnds,
        resolution: p.resolution,
      },
    );
  },
});
