/** What the service module's actions share: the community, accounts, the signer's account, events. */
import type { Value } from '@djchain/crypto';
import type { ActionContext, ReadContext, Result } from '@djchain/runtime';
import { addDays, chinaDate, type IsoDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { MODULE, storeOf } from '../common/stores.ts';
import { getMember, memberIdByAddress } from '../member/store.ts';
import { getOrg } from '../org/store.ts';
import { actorOf } from '../permissions/authorize.ts';
import { getResident, residentIdByAddress } from '../resident/store.ts';
import { ServiceErrors as E } from './errors.ts';
import type { ServiceParams } from './params.ts';
import type { Account, Order, OrderStatus } from './store.ts';

export const M = MODULE.service;
export const todayOf = (ctx: ReadContext): IsoDate => chinaDate(ctx.time);

export const orderEntity = (id: string) => `order:${id}`;
export const gridEntity = (id: string) => `grid:${id}`;
export const accountEntity = (a: Account) => a;
export const residentEntity = (id: string) => `resident:${id}`;

export function communityTarget(ctx: ReadContext, org: string): { org: string } | null {
  return getOrg(storeOf(ctx, M, MODULE.org), org) ? { org } : null;
}

export function checkCommunity(ctx: ReadContext, org: string): Result {
  return getOrg(storeOf(ctx, M, MODULE.org), org)?.parent === null
    ? okResult
    : failure(E.NOT_COMMUNITY, { org });
}

export function residentBound(ctx: ReadContext, id: string): boolean {
  const r = getResident(storeOf(ctx, M, MODULE.resident), id);
  return r !== undefined && r.status === 'bound';
}

/** `member:<id>` of a member of this chain, or `resident:<id>` of a bound resident. */
export function accountExists(ctx: ReadContext, a: Account): boolean {
  if (a.startsWith('member:')) return getMember(storeOf(ctx, M, MODULE.member), a.slice(7)) !== undefined;
  if (a.startsWith('resident:')) return residentBound(ctx, a.slice(9));
  return false;
}

export function checkAccounts(ctx: ReadContext, accounts: readonly Account[]): Result {
  const missing = accounts.filter((a) => !accountExists(ctx, a));
  return missing.length === 0 ? okResult : failure(E.NO_ACCOUNT, { accounts: missing });
}

/** The signer as an account: their member id, else their bound resident id. */
export function signerAccount(ctx: ActionContext): Account | null {
  const m = memberIdByAddress(storeOf(ctx, M, MODULE.member), ctx.signerAddress);
  if (m !== undefined) return `member:${m}`;
  const residents = storeOf(ctx, M, MODULE.resident);
  const r = residentIdByAddress(residents, ctx.signerAddress);
  const rec = r === undefined ? undefined : getResident(residents, r);
  return rec !== undefined && rec.status === 'bound' && rec.address === ctx.signerAddress
    ? `resident:${r}`
    : null;
}

/** The member id of an account, for the permission target's subject ('self'). */
export const memberOf = (a: Account | null): string | undefined =>
  a?.startsWith('member:') ? a.slice(7) : undefined;

/** The day the current step of an order is due (null when no step is due). */
export function dueOf(o: Order, p: ServiceParams): IsoDate | null {
  const days: Partial<Record<OrderStatus, number>> = {
    ordered: p.dispatchWithinDays,
    dispatched: p.acceptWithinDays,
    accepted: p.doneWithinDays,
    done: p.confirmWithinDays,
  };
  const d = days[o.status];
  return d === undefined ? null : addDays(o.since, d);
}

/** An event of a signed act: `by` the signer's account. */
export function emitService(
  ctx: ActionContext,
  type: string,
  entities: readonly string[],
  data: { readonly [key: string]: Value },
): void {
  const by = signerAccount(ctx) ?? `member:${actorOf(ctx, M).by}`;
  ctx.emit({ type, entities: [...new Set(entities)].sort(), data: { ...data, by } });
}
