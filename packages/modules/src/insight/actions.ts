/**
 * The governed change of the index's rule set: the top 党委's 书记 adopts a published version (as
 * `recruitment.adoptVersion` does for the 细则), citing the committee's resolution. Periods closed
 * from then on use it; records already closed keep the version they name.
 */
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, orgEntity } from '../common/events.ts';
import { MODULE } from '../common/stores.ts';
import { getOrg } from '../org/store.ts';
import { storesFor } from '../permissions/authorize.ts';
import { rulesInForce } from './close.ts';
import { InsightErrors as E } from './errors.ts';
import { INDEX_RULES } from './rules.ts';
import { insightKeys } from './store.ts';

const M = MODULE.insight;

export const adoptRules = defineAction<{ org: string; version: string; resolution: string }>(M, E, {
  description:
    'The top 党委 adopts a published rule set of the operation index (weights, thresholds) for the periods closed from now on.',
  shape: { org: 'id', version: 'text', resolution: 'id' },
  permission: [{ posts: ['书记'], of: 'org' }],
  target: (ctx, p) => (getOrg(storesFor(ctx, M).org, p.org) ? { org: p.org } : null),
  verify(ctx, p) {
    const org = getOrg(storesFor(ctx, M).org, p.org)!;
    if (org.kind !== '党委' || org.parent !== null) return failure(E.NOT_THE_TOP_COMMITTEE);
    if (!Object.hasOwn(INDEX_RULES, p.version)) return failure(E.UNKNOWN_VERSION, { version: p.version });
    if (rulesInForce(ctx.store).version === p.version) return failure(E.SAME_VERSION, { version: p.version });
    return okResult;
  },
  execute(ctx, p) {
    const from = rulesInForce(ctx.store).version;
    // The values the rule set takes from other modules, as they are today: the chain keeps them.
    const { transferDays } = INDEX_RULES[p.version]!;
    ctx.store.set(insightKeys.version, p.version);
    ctx.store.set(insightKeys.adoptedValues, { version: p.version, transferDays });
    ctx.store.set(insightKeys.adopted(ctx.height), {
      version: p.version,
      from,
      resolution: p.resolution,
      transferDays,
    });
    emitAct(ctx, M, 'insight.RulesAdopted', [orgEntity(p.org)], {
      version: p.version,
      from,
      resolution: p.resolution,
    });
  },
});
