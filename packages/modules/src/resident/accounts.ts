/**
 * Resident accounts (群众): a key made in the resident's browser, shown to the community's
 * service-centre clerk (党务工作者 of the community organization), bound after an in-person check of
 * which only a salted commitment comes on chain (commitment.ts). Unbinding and rebinding after a lost
 * key are recorded acts of the clerk; 居民代表 are designated and revoked by the community's 书记 or
 * 副书记 — a second person, so a clerk alone cannot make a voter.
 */
import type { ActionContext, ReadContext, Result } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { orgEntity } from '../common/events.ts';
import { asValue, MODULE, storeOf } from '../common/stores.ts';
import { memberKeys } from '../member/store.ts';
import { actorOf } from '../permissions/authorize.ts';
import type { OrgPost } from '../permissions/rules.ts';
import { checkCommunity, communityTarget, emitResidentAct, M, residentEntity, todayOf } from './common.ts';
import { ResidentErrors as E } from './errors.ts';
import { getResident, type ResidentRecord, residentKeys } from './store.ts';

const CLERK: readonly OrgPost[] = ['党务工作者'];
/**
 * The posts of the community organization that bind and rebind residents (and unbind them): the
 * sealed-data service asks `resident.binder` before it seals a check (packages/cli/src/sealed).
 */
export const BIND_POSTS = CLERK;
const LEADERS: readonly OrgPost[] = ['书记', '副书记'];
export const UNBIND_REASONS = ['迁出本社区', '本人申请', '身故', '其他'] as const;

/** Not a member's key (current or retired), not a resident's (current or retired). */
function keyFree(ctx: ActionContext, address: string): boolean {
  const members = storeOf(ctx, M, MODULE.member);
  return (
    !members.has(memberKeys.address(address)) &&
    !members.has(memberKeys.retired(address)) &&
    !ctx.store.has(residentKeys.address(address)) &&
    !ctx.store.has(residentKeys.retired(address))
  );
}

function residentTarget(ctx: ReadContext, id: string) {
  const r = getResident(ctx.store, id);
  return r ? { org: r.org } : null;
}

function bound(ctx: ActionContext, id: string): Result {
  return getResident(ctx.store, id)?.status === 'bound' ? okResult : failure(E.NOT_BOUND, { resident: id });
}

function put(ctx: ActionContext, r: ResidentRecord): void {
  ctx.store.set(residentKeys.resident(r.id), asValue(r));
}

export interface BindParams {
  id: string;
  org: string;
  address: string;
  commitment: string;
}

export const bind = defineAction<BindParams>(M, E, {
  description:
    "Binds a resident's key (made in their browser) after the clerk's in-person check; on chain only an opaque id, the key address and a salted commitment of the check.",
  shape: { id: 'id', org: 'id', address: 'id', commitment: 'hash' },
  permission: [{ posts: CLERK, of: 'org' }],
  target: (ctx, p) => communityTarget(ctx, p.org),
  verify(ctx, p) {
    const c = checkCommunity(ctx, p.org);
    if (!c.ok) return c;
    if (getResident(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    if (!keyFree(ctx, p.address)) return failure(E.KEY_IN_USE);
    return okResult;
  },
  execute(ctx, p) {
    put(ctx, {
      id: p.id,
      org: p.org,
      address: p.address,
      commitment: p.commitment,
      status: 'bound',
      boundOn: todayOf(ctx),
      by: actorOf(ctx, M).by,
      keys: 1,
      representative: null,
      unbound: null,
    });
    ctx.store.set(residentKeys.address(p.address), p.id);
    emitResidentAct(ctx, 'resident.Bound', [residentEntity(p.id), orgEntity(p.org)], {
      resident: p.id,
      org: p.org,
      address: p.address,
      commitment: p.commitment,
    });
  },
});

export const rebind = defineAction<{ resident: string; address: string; commitment: string }>(M, E, {
  description:
    "Binds a new key for a resident who lost theirs, after a new in-person check; the old key is retired for good and a representative's designation ends (the 书记 designates again).",
  shape: { resident: 'id', address: 'id', commitment: 'hash' },
  permission: [{ posts: CLERK, of: 'org' }],
  target: (ctx, p) => residentTarget(ctx, p.resident),
  verify(ctx, p) {
    const b = bound(ctx, p.resident);
    if (!b.ok) return b;
    return keyFree(ctx, p.address) ? okResult : failure(E.KEY_IN_USE);
  },
  execute(ctx, p) {
    const r = getResident(ctx.store, p.resident)!;
    ctx.store.delete(residentKeys.address(r.address));
    ctx.store.set(residentKeys.retired(r.address), r.id);
    ctx.store.set(residentKeys.address(p.address), r.id);
    // A representative's vote is the person's: a clerk who could move it to a key of their own
    // would hold a vote. The designation ends with the old key; the 书记 re-designates.
    put(ctx, {
      ...r,
      address: p.address,
      commitment: p.commitment,
      boundOn: todayOf(ctx),
      by: actorOf(ctx, M).by,
      keys: r.keys + 1,
      representative: null,
    });
    emitResidentAct(ctx, 'resident.Rebound', [residentEntity(r.id), orgEntity(r.org)], {
      resident: r.id,
      address: p.address,
      retired: r.address,
      commitment: p.commitment,
      representativeEnded: r.representative !== null,
    });
  },
});

export const unbind = defineAction<{ resident: string; reason: string }>(M, E, {
  description:
    'Unbinds a resident account (moved away, at their request, deceased): the key is retired; the record and its history stay.',
  shape: { resident: 'id', reason: { type: 'text', oneOf: UNBIND_REASONS } },
  permission: [{ posts: CLERK, of: 'org' }],
  target: (ctx, p) => residentTarget(ctx, p.resident),
  verify: (ctx, p) => bound(ctx, p.resident),
  execute(ctx, p) {
    const r = getResident(ctx.store, p.resident)!;
    ctx.store.delete(residentKeys.address(r.address));
    ctx.store.set(residentKeys.retired(r.address), r.id);
    put(ctx, {
      ...r,
      status: 'unbound',
      representative: null,
      unbound: { on: todayOf(ctx), reason: p.reason },
    });
    emitResidentAct(ctx, 'resident.Unbound', [residentEntity(r.id), orgEntity(r.org)], {
      resident: r.id,
      reason: p.reason,
      representativeEnded: r.representative !== null,
    });
  },
});

export const designate = defineAction<{ resident: string; resolution: string }>(M, E, {
  description:
    'Designates a bound resident 居民代表 by a recorded act naming the record of their election (resolution id or document hash).',
  shape: { resident: 'id', resolution: { type: 'text', kind: 'name', max: 64 } },
  permission: [{ posts: LEADERS, of: 'org' }],
  target: (ctx, p) => residentTarget(ctx, p.resident),
  verify(ctx, p) {
    const b = bound(ctx, p.resident);
    if (!b.ok) return b;
    return getResident(ctx.store, p.resident)!.representative === null
      ? okResult
      : failure(E.ALREADY_REPRESENTATIVE, { resident: p.resident });
  },
  execute(ctx, p) {
    const r = getResident(ctx.store, p.resident)!;
    put(ctx, {
      ...r,
      representative: { since: todayOf(ctx), resolution: p.resolution, by: actorOf(ctx, M).by },
    });
    emitResidentAct(ctx, 'resident.RepresentativeDesignated', [residentEntity(r.id), orgEntity(r.org)], {
      resident: r.id,
      resolution: p.resolution,
    });
  },
});

export const revoke = defineAction<{ resident: string; reason: string }>(M, E, {
  description:
    "Ends a resident's designation as 居民代表 by a recorded act (term ended, resigned, recalled).",
  shape: { resident: 'id', reason: { type: 'text', kind: 'reason' } },
  permission: [{ posts: LEADERS, of: 'org' }],
  target: (ctx, p) => residentTarget(ctx, p.resident),
  verify(ctx, p) {
    const r = getResident(ctx.store, p.resident);
    return r?.representative ? okResult : failure(E.NOT_REPRESENTATIVE, { resident: p.resident });
  },
  execute(ctx, p) {
    const r = getResident(ctx.store, p.resident)!;
    put(ctx, { ...r, representative: null });
    emitResidentAct(ctx, 'resident.RepresentativeRevoked', [residentEntity(r.id), orgEntity(r.org)], {
      resident: r.id,
      reason: p.reason,
    });
  },
});
