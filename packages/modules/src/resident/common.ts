/** What the resident module's actions share: the community check, the acting resident, the write limit. */
import type { Value } from '@djchain/crypto';
import type { ActionContext, ReadContext, Result } from '@djchain/runtime';
import { chinaDate, type IsoDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { asValue, getRecord, MODULE } from '../common/stores.ts';
import { getOrg } from '../org/store.ts';
import { actorOf, storesFor } from '../permissions/authorize.ts';
import { ResidentErrors as E } from './errors.ts';
import { residentParams } from './params.ts';
import {
  getResident,
  type RateRecord,
  type ResidentRecord,
  residentIdByAddress,
  residentKeys,
} from './store.ts';

export const M = MODULE.resident;
export const todayOf = (ctx: ReadContext): IsoDate => chinaDate(ctx.time);

/** The community organization: one without a parent (the top of this chain). */
export function communityTarget(ctx: ReadContext, org: string): { org: string } | null {
  return getOrg(storesFor(ctx, M).org, org) ? { org } : null;
}

export function checkCommunity(ctx: ReadContext, org: string): Result {
  return getOrg(storesFor(ctx, M).org, org)?.parent === null ? okResult : failure(E.NOT_COMMUNITY, { org });
}

/** The bound resident who signs, or undefined. */
export function signingResident(ctx: ActionContext): ResidentRecord | undefined {
  const id = residentIdByAddress(ctx.store, ctx.signerAddress);
  const r = id === undefined ? undefined : getResident(ctx.store, id);
  return r !== undefined && r.status === 'bound' && r.address === ctx.signerAddress ? r : undefined;
}

/**
 * The per-account write limit (comments, votes): at most `writesPerBlock` in one block and
 * `writesPerDay` in one China day — a deterministic cap every node applies alike, on top of the
 * mempool's per-signer limits. Only accepted writes count (a refused one writes nothing).
 */
export function checkRate(ctx: ActionContext, resident: string): Result {
  const p = residentParams(ctx.store);
  const r = getRecord<RateRecord>(ctx.store, residentKeys.rate(resident));
  if (r === undefined) return okResult;
  const today = todayOf(ctx);
  if (r.height === ctx.height && r.inBlock >= p.writesPerBlock)
    return failure(E.RATE_LIMITED, { per: 'block', limit: p.writesPerBlock });
  if (r.day === today && r.inDay >= p.writesPerDay)
    return failure(E.RATE_LIMITED, { per: 'day', limit: p.writesPerDay });
  return okResult;
}

export function countWrite(ctx: ActionContext, resident: string): void {
  const r = getRecord<RateRecord>(ctx.store, residentKeys.rate(resident));
  const today = todayOf(ctx);
  const next: RateRecord = {
    day: today,
    inDay: r !== undefined && r.day === today ? r.inDay + 1 : 1,
    height: ctx.height,
    inBlock: r !== undefined && r.height === ctx.height ? r.inBlock + 1 : 1,
  };
  ctx.store.set(residentKeys.rate(resident), asValue(next));
}

export const residentEntity = (id: string) => `resident:${id}`;
export const matterEntity = (id: string) => `matter:${id}`;

/** An event of a signed act: `by` is the member who acted, `resident` the resident who did. */
export function emitResidentAct(
  ctx: ActionContext,
  type: string,
  entities: readonly string[],
  data: { readonly [key: string]: Value },
): void {
  const { by } = actorOf(ctx, M);
  const resident = residentIdByAddress(ctx.store, ctx.signerAddress) ?? null;
  ctx.emit({ type, entities: [...new Set(entities)].sort(), data: { ...data, by, resident } });
}
