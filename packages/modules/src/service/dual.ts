/**
 * 双报到: organizations (机关, enterprises, schools) and in-service Party members register with the
 * community where they work or live, with their commitment. The centre records the registration
 * from the 报到 form (an attachment); the accounts that serve under it are members of this chain or
 * bound residents (a member from another chain gets a resident key here). Their hours count only
 * from completed, confirmed services (orders.ts), never from check-ins.
 */
import type { Result } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { orgEntity } from '../common/events.ts';
import { asValue } from '../common/stores.ts';
import { checkAccounts, checkCommunity, communityTarget, emitService, M, todayOf } from './common.ts';
import { ServiceErrors as E } from './errors.ts';
import { CENTRE } from './setup.ts';
import { getRegistration, type Registration, serviceKeys } from './store.ts';

export interface RegisterParams {
  id: string;
  org: string;
  kind: 'unit' | 'member';
  unit: string;
  accounts: string[];
  homeOrg: string;
  commitment: string;
  hoursPerYear: number;
  document: string;
}

export const register = defineAction<RegisterParams>(M, E, {
  description:
    'Records a 双报到 registration: a unit or an in-service member, the accounts that serve, their own organization (for statements), the commitment and the 报到 form.',
  shape: {
    id: 'id',
    org: 'id',
    kind: { type: 'text', oneOf: ['unit', 'member'] },
    unit: { type: 'text', kind: 'name' },
    accounts: { type: 'ids', max: 50 },
    homeOrg: 'id',
    commitment: { type: 'text', kind: 'reason' },
    hoursPerYear: { type: 'int', min: 0, max: 1000 },
    document: 'hash',
  },
  permission: [{ posts: CENTRE, of: 'org' }],
  target: (ctx, p) => communityTarget(ctx, p.org),
  check: (p): Result =>
    p.accounts.length >= 1 && (p.kind === 'unit' || p.accounts.length === 1)
      ? okResult
      : failure(E.BAD_PARAMS, {
          field: 'accounts',
          expected: 'one account for a member, one or more for a unit',
        }),
  verify(ctx, p): Result {
    const c = checkCommunity(ctx, p.org);
    if (!c.ok) return c;
    if (getRegistration(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const a = checkAccounts(ctx, p.accounts);
    if (!a.ok) return a;
    const taken = p.accounts.filter((x) => ctx.store.has(serviceKeys.registered(x)));
    return taken.length === 0 ? okResult : failure(E.REGISTERED, { accounts: taken });
  },
  execute(ctx, p) {
    const r: Registration = {
      id: p.id,
      org: p.org,
      kind: p.kind,
      unit: p.unit,
      accounts: [...new Set(p.accounts)].sort(),
      homeOrg: p.homeOrg,
      commitment: p.commitment,
      hoursPerYear: p.hoursPerYear,
      document: p.document,
      since: todayOf(ctx),
      ended: null,
    };
    ctx.store.set(serviceKeys.registration(p.id), asValue(r));
    for (const a of r.accounts) ctx.store.set(serviceKeys.registered(a), p.id);
    emitService(ctx, 'service.Registered', [`registration:${p.id}`, orgEntity(p.org), ...r.accounts], {
      registration: p.id,
      kind: p.kind,
      unit: p.unit,
      accounts: r.accounts,
      homeOrg: p.homeOrg,
      hoursPerYear: p.hoursPerYear,
      document: p.document,
    });
  },
});

export const endRegistration = defineAction<{ id: string; reason: string }>(M, E, {
  description: 'Ends a 双报到 registration (moved, unit withdrawn); its record and counted hours stay.',
  shape: { id: 'id', reason: { type: 'text', kind: 'reason' } },
  permission: [{ posts: CENTRE, of: 'org' }],
  target: (ctx, p) => {
    const r = getRegistration(ctx.store, p.id);
    return r ? { org: r.org } : null;
  },
  verify: (ctx, p) =>
    getRegistration(ctx.store, p.id)!.ended === null ? okResult : failure(E.ENDED, { registration: p.id }),
  execute(ctx, p) {
    const r = getRegistration(ctx.store, p.id)!;
    ctx.store.set(serviceKeys.registration(p.id), asValue({ ...r, ended: todayOf(ctx) }));
    for (const a of r.accounts) ctx.store.delete(serviceKeys.registered(a));
    emitService(ctx, 'service.RegistrationEnded', [`registration:${p.id}`, orgEntity(r.org)], {
      registration: p.id,
      reason: p.reason,
    });
  },
});
