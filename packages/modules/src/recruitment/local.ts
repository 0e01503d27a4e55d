/**
 * Local rules (地方规定): a 党委 may tighten national parameters for the organizations below it;
 * never loosen. And the national version new processes start under (a governed choice).
 */
import type { Value } from '@djchain/crypto';
import type { ReadContext, ReadStore } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, orgEntity } from '../common/events.ts';
import { getRecord, MODULE } from '../common/stores.ts';
import { getOrg } from '../org/store.ts';
import { storesFor } from '../permissions/authorize.ts';
import { RecruitmentErrors as E } from './errors.ts';
import { isTightening, type ParamName, type RecruitmentParams, tighten, tightening } from './params.ts';
import { RULESETS, ruleSet } from './rulesets.ts';
import { recruitmentKeys } from './store.ts';

const M = MODULE.recruitment;

export type LocalRules = { readonly [name: string]: number | null };

/** The version new applications start under (default: 2014 until a 党委 adopts another). */
export function activeVersion(store: ReadStore): string {
  const v = store.get(recruitmentKeys.activeVersion);
  return typeof v === 'string' ? v : '2014';
}

/** Local rules from the root down to `org` (outermost first). */
function localRulesFor(ctx: ReadContext, org: string): LocalRules[] {
  const orgs = storesFor(ctx, M).org;
  const chain: string[] = [];
  let cur = getOrg(orgs, org);
  for (let depth = 0; cur && depth < 32; depth++) {
    chain.unshift(cur.id);
    cur = cur.parent === null ? undefined : getOrg(orgs, cur.parent);
  }
  return chain
    .map((id) => getRecord<LocalRules>(ctx.store, recruitmentKeys.local(id)))
    .filter((r) => r !== undefined);
}

/** The parameters a new process in `branch` runs under: national version tightened by local rules. */
export function effectiveParams(ctx: ReadContext, version: string, branch: string): RecruitmentParams {
  return tighten(ruleSet(version).params, localRulesFor(ctx, branch));
}

interface SetLocalRules {
  org: string;
  rules: { readonly [name: string]: Value };
  resolution: string;
}

export const setLocalRules = defineAction<SetLocalRules>(M, E, {
  description:
    'A 党委 sets local recruitment rules for its organizations; each may only tighten every national version.',
  shape: { org: 'id', rules: 'record', resolution: 'id' },
  permission: [{ posts: ['书记'], of: 'org' }],
  target: (ctx, p) => (getOrg(storesFor(ctx, M).org, p.org) ? { org: p.org } : null),
  verify(ctx, p) {
    if (getOrg(storesFor(ctx, M).org, p.org)?.kind !== '党委') return failure(E.NOT_A_COMMITTEE);
    for (const name of Object.keys(p.rules).sort()) {
      const v = p.rules[name];
      if (!(name in tightening)) return failure(E.LOCAL_RULE_UNKNOWN, { param: name });
      if (v !== null && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0))
        return failure(E.BAD_PARAMS, { field: name, expected: 'a non-negative integer or null' });
      for (const id of Object.keys(RULESETS).sort()) {
        const national = ruleSet(id).params[name as ParamName];
        if (!isTightening(name as ParamName, national, v as number | null))
          return failure(E.LOCAL_RULE_LOOSENS, { param: name, version: id, national, local: v ?? null });
      }
    }
    return okResult;
  },
  execute(ctx, p) {
    ctx.store.set(recruitmentKeys.local(p.org), p.rules);
    emitAct(ctx, M, 'recruitment.LocalRulesSet', [orgEntity(p.org)], {
      org: p.org,
      rules: p.rules,
      resolution: p.resolution,
    });
  },
});

export const adoptVersion = defineAction<{ org: string; version: string; resolution: string }>(M, E, {
  description:
    'The top 党委 of the chain adopts a published national version for new applications; running processes keep theirs.',
  shape: { org: 'id', version: 'text', resolution: 'id' },
  permission: [{ posts: ['书记'], of: 'org' }],
  target: (ctx, p) => (getOrg(storesFor(ctx, M).org, p.org) ? { org: p.org } : null),
  verify(ctx, p) {
    const org = getOrg(storesFor(ctx, M).org, p.org)!;
    if (org.kind !== '党委' || org.parent !== null) return failure(E.NOT_A_COMMITTEE);
    if (!(p.version in RULESETS)) return failure(E.UNKNOWN_VERSION, { version: p.version });
    return okResult;
  },
  execute(ctx, p) {
    ctx.store.set(recruitmentKeys.activeVersion, p.version);
    emitAct(ctx, M, 'recruitment.VersionAdopted', [orgEntity(p.org)], {
      version: p.version,
      resolution: p.resolution,
    });
  },
});
