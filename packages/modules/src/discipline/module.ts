/** The discipline module: the five sanctions, their approval, and the end of 留党察看. */

import type { Value } from '@djchain/crypto';
import type { HookContext, ModuleDef, ReadContext } from '@djchain/runtime';
import { cite, DOC } from '../common/cites.ts';
import { chinaDate } from '../common/dates.ts';
import { ModuleError } from '../common/errors.ts';
import { emitHook, memberEntity, orgEntity } from '../common/events.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { raiseWarning } from '../common/warnings.ts';
import { approveSanction, concludeObservation, decideSanction } from './actions.ts';
import { memberSanctions, takeCarried } from './carried.ts';
import { approveByCommission } from './commission.ts';
import { sanctionEffects } from './effects.ts';
import { DisciplineErrors } from './errors.ts';
import { extendObservation } from './observation.ts';
import { disciplineCommission, disciplineKeys, getSanction } from './store.ts';

/** The discipline and member stores: a member's sanctions include those a transfer carried in. */
const both = (ctx: ReadContext) => ({ discipline: ctx.store, member: ctx.readStore(MODULE.member) });

/** Genesis section of the discipline module (README "Genesis"). */
export interface DisciplineGenesis {
  /** The county-level discipline commission: it alone approves expulsions (党章第四十二条). */
  readonly commission?: { readonly name: string; readonly address: string };
}

export const disciplineModule: ModuleDef = {
  name: MODULE.discipline,
  // Admission: the commission named in genesis signs with a key no member record holds.
  knowsSigner: (ctx, address) => disciplineCommission(ctx.store)?.address === address,
  actions: {
    decideSanction,
    approveSanction,
    approveByCommission,
    concludeObservation,
    extendObservation,
  },
  queries: {
    commission: defineQuery<Record<string, never>>(DisciplineErrors.BAD_PARAMS, {
      description: 'The discipline commission named in genesis (name, key address), or null.',
      shape: {},
      run: (ctx) => (disciplineCommission(ctx.store) as unknown as Value) ?? null,
    }),
    sanctions: defineQuery<{ member: string }>(DisciplineErrors.BAD_PARAMS, {
      description: "A member's sanction cases.",
      shape: { member: 'id' },
      run: (ctx, p) => asValue(memberSanctions(both(ctx), p.member)),
    }),
    effects: defineQuery<{ member: string; on?: string }>(DisciplineErrors.BAD_PARAMS, {
      description: "Effects of a member's sanctions on a date (default: the chain's China date).",
      shape: { member: 'id', on: { type: 'date', optional: true } },
      run: (ctx, p) =>
        asValue(sanctionEffects(memberSanctions(both(ctx), p.member), p.on ?? chinaDate(ctx.time))),
    }),
  },
  genesis(ctx: HookContext, config: Value) {
    const c = ((config ?? {}) as unknown as DisciplineGenesis).commission;
    if (c === undefined) return;
    if (typeof c.name !== 'string' || typeof c.address !== 'string' || !/^[0-9a-f]{40}$/.test(c.address))
      throw new ModuleError(
        'MODULES_BAD_GENESIS',
        'discipline genesis: commission needs a name and a key address (40 hex)',
      );
    ctx.store.set(disciplineKeys.commission, asValue({ name: c.name, address: c.address }));
    emitHook(ctx, 'discipline.CommissionNamed', [], { body: c.name, address: c.address, genesis: true });
  },
  /** A 留党察看 whose period has ended raises one warning: the branch must conclude it (第十二条). */
  beginBlock(ctx: HookContext) {
    takeCarried(ctx, ctx.readStore(MODULE.member));
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
      raiseWarning(ctx, {
        kind: 'discipline.observation',
        subject: `${id}:${ends}`,
        level: 'overdue',
        org: s.org,
        posts: ['书记', '纪检委员'],
        member: s.member,
        due: ends,
        cite: cite(DOC.discipline, 12),
        resolves: ['discipline.concludeObservation', 'discipline.extendObservation'],
        data: { sanction: id, observationEnds: ends },
      });
    }
  },
};
