/**
 * 组织关系转接 inside the chain: the member (or the sending branch) requests, the receiving branch
 * accepts or refuses with a stated reason. Until acceptance the sender holds the membership and stays
 * responsible (currentOrg does not move), so meetings, votes and dues stay with it.
 */
import type { ActionContext, ReadContext } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { currentOrg, memberStatus } from '../member/status.ts';
import { getOrg } from '../org/store.ts';
import { storesFor, type Target } from '../permissions/authorize.ts';
import { TransferErrors as E } from './errors.ts';
import { frozenBy, getTransfer, pendingTransfer, type TransferRecord, transferKeys } from './store.ts';

const M = MODULE.transfer;

/** Reasons of at least this many characters count as stated (a single character is not a reason). */
const MIN_REASON_LENGTH = 4;

function pendingTarget(ctx: ReadContext, id: string, side: 'from' | 'to'): Target | null {
  const t = getTransfer(ctx.store, id);
  return t ? { org: t[side], member: t.member } : null;
}

function save(ctx: ActionContext, t: TransferRecord): void {
  ctx.store.set(transferKeys.transfer(t.id), asValue(t));
}

interface Request {
  id: string;
  member: string;
  to: string;
  reason: string;
}

export const requestTransfer = defineAction<Request>(M, E, {
  description: 'Request the transfer of a membership to another branch of the chain (self or the branch).',
  shape: { id: 'id', member: 'id', to: 'id', reason: { type: 'text', kind: 'reason' } },
  permission: [{ of: 'self' }, { posts: ['书记', '组织委员', '党务工作者'], of: 'org' }],
  target(ctx, p) {
    const org = currentOrg(storesFor(ctx, M), p.member);
    return org === null ? null : { org, member: p.member };
  },
  verify(ctx, p) {
    const stores = storesFor(ctx, M);
    if (getTransfer(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const st = memberStatus(stores, p.member, chinaDate(ctx.time));
    if (st === null || (st.status !== '正式党员' && st.status !== '预备党员'))
      return failure(E.NOT_A_MEMBER, { status: st?.status ?? null });
    if (getOrg(stores.org, p.to)?.kind !== '党支部') return failure(E.NOT_A_BRANCH, { to: p.to });
    if (currentOrg(stores, p.member) === p.to) return failure(E.SAME_ORG);
    if (pendingTransfer(ctx.store, p.member)) return failure(E.PENDING);
    if (frozenBy(ctx.store, p.member)) return failure(E.FROZEN);
    return okResult;
  },
  execute(ctx, p) {
    const from = currentOrg(storesFor(ctx, M), p.member)!;
    const t: TransferRecord = {
      id: p.id,
      member: p.member,
      from,
      to: p.to,
      requestedOn: chinaDate(ctx.time),
      status: 'pending',
      decidedOn: null,
      reason: null,
    };
    save(ctx, t);
    ctx.store.set(transferKeys.pending(p.member), p.id);
    emitAct(ctx, M, 'transfer.Requested', [memberEntity(p.member), orgEntity(from), orgEntity(p.to)], {
      transfer: p.id,
      member: p.member,
      from,
      to: p.to,
      reason: p.reason,
    });
  },
});

export const acceptTransfer = defineAction<{ id: string }>(M, E, {
  description: 'The receiving branch accepts: the membership moves and the sender is discharged.',
  shape: { id: 'id' },
  permission: [{ posts: ['书记', '组织委员', '党务工作者'], of: 'org' }],
  target: (ctx, p) => pendingTarget(ctx, p.id, 'to'),
  verify: (ctx, p) =>
    getTransfer(ctx.store, p.id)!.status === 'pending' ? okResult : failure(E.NOT_PENDING),
  execute(ctx, p) {
    const t = getTransfer(ctx.store, p.id)!;
    save(ctx, { ...t, status: 'accepted', decidedOn: chinaDate(ctx.time) });
    ctx.store.delete(transferKeys.pending(t.member));
    ctx.store.set(transferKeys.current(t.member), t.to);
    emitAct(ctx, M, 'transfer.Accepted', [memberEntity(t.member), orgEntity(t.from), orgEntity(t.to)], {
      transfer: t.id,
      member: t.member,
      from: t.from,
      to: t.to,
    });
  },
});

export const refuseTransfer = defineAction<{ id: string; reason?: string }>(M, E, {
  description: 'The receiving branch refuses, stating its reason (no refusal without one).',
  shape: { id: 'id', reason: { type: 'text', optional: true, kind: 'reason' } },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  target: (ctx, p) => pendingTarget(ctx, p.id, 'to'),
  verify(ctx, p) {
    if (getTransfer(ctx.store, p.id)!.status !== 'pending') return failure(E.NOT_PENDING);
    if ((p.reason?.trim().length ?? 0) < MIN_REASON_LENGTH) return failure(E.REASON_REQUIRED);
    return okResult;
  },
  execute(ctx, p) {
    const t = getTransfer(ctx.store, p.id)!;
    save(ctx, { ...t, status: 'refused', decidedOn: chinaDate(ctx.time), reason: p.reason! });
    ctx.store.delete(transferKeys.pending(t.member));
    emitAct(ctx, M, 'transfer.Refused', [memberEntity(t.member), orgEntity(t.from), orgEntity(t.to)], {
      transfer: t.id,
      member: t.member,
      reason: p.reason!,
    });
  },
});

export const withdrawTransfer = defineAction<{ id: string }>(M, E, {
  description:
    'The member or the sending branch withdraws a pending request (a release to another chain is reclaimed instead, after it expires).',
  shape: { id: 'id' },
  permission: [{ of: 'self' }, { posts: ['书记', '组织委员', '党务工作者'], of: 'org' }],
  target: (ctx, p) => pendingTarget(ctx, p.id, 'from'),
  verify(ctx, p) {
    const status = getTransfer(ctx.store, p.id)!.status;
    // The receiving chain may already have admitted a release: withdrawing it could leave the
    // member on two chains (reclaimRelease, after expiry and with proof, is the way back).
    if (status === 'released') return failure(E.RELEASE_FINAL);
    return status === 'pending' ? okResult : failure(E.NOT_PENDING);
  },
  execute(ctx, p) {
    const t = getTransfer(ctx.store, p.id)!;
    save(ctx, { ...t, status: 'withdrawn', decidedOn: chinaDate(ctx.time) });
    ctx.store.delete(transferKeys.pending(t.member));
    emitAct(ctx, M, 'transfer.Withdrawn', [memberEntity(t.member), orgEntity(t.from), orgEntity(t.to)], {
      transfer: t.id,
      member: t.member,
    });
  },
});
