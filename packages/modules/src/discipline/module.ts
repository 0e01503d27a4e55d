/** The discipline module: the five sanctions, their approval, and the end of 留党察看. */
import type { HookContext, ModuleDef } from '@djchain/runtime';
import { cite, DOC } from '../common/cites.ts';
import { chinaDate } from '../common/dates.ts';
import { emitHook, memberEntity, orgEntity } from '../common/events.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { approveSanction, concludeObservation, decideSanction } from './actions.ts';
import { sanctionEffects } from './effects.ts';
import { DisciplineErrors } from './errors.ts';
import { disciplineKeys, getSanction, sanctionsOf } from './store.ts';

export const disciplineModule: ModuleDef = {
  name: MODULE.discipline,
  actions: { decideSanction, approveSanction, concludeObservation },
  queries: {
    sanctions: defineQuery<{ member: string }>(DisciplineErrors.BAD_PARAMS, {
      description: "A member's sanction cases.",
      shape: { member: 'id' },
      run: (ctx, p) => asValue(sanctionsOf(ctx.store, p.member)),
    }),
    effects: defineQuery<{ member: string; on?: string }>(DisciplineErrors.BAD_PARAMS, {
      description: "Effects of a member's sanctions on a date (default: the chain's China date).",
      shape: { member: 'id', on: { type: 'date', optional: true } },
      run: (ctx, p) =>
        asValue(sanctionEffects(sanctionsOf(ctx.store, p.member), p.on ?? chinaDate(ctx.time))),
    }),
  },
  /** A 留党察看 whose period has ended raises one warning: the branch must conclude it (第十二条). */
  beginBlock(ctx: HookContext) {
    const today = chinaDate(ctx.time);
    for (const key of ctx.store.keys(disciplineKeys.openPrefix, 1000)) {
      const ends = ctx.store.get(key);
      if (typeof ends !== 'string' || ends > today) continue;
      const id = key.slice(disciplineKeys.openPrefix.length);
      const s = getSanction(ctx.store, id);
      ctx.store.delete(key);
      if (!s) continue;
      emitHook(ctx, 'discipline.ObservationEnded', [memberEntity(s.member), orgEntity(s.org)], {
        sanction: id,
        member: s.member,
        observationEnds: ends,
        cite: cite(DOC.discipline, 12),
      });
    }
  },
};
