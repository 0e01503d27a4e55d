/**
 * 组织关系转接 to another chain (issue 19), the sending side: the member's branch releases the
 * membership to a branch of another chain. The record (with the standing it carries) is what the
 * receiving chain proves against an anchored header of this chain (crosschain.ts); from the
 * release on, the membership is frozen here — no further transfer, no second release — until the
 * branch withdraws the release (`withdrawTransfer`).
 */
import { defineAction } from '../common/action.ts';
import { addYears, chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { currentOrg, memberStatus } from '../member/status.ts';
import { storesFor } from '../permissions/authorize.ts';
import { TransferErrors as E } from './errors.ts';
import {
  type Carried,
  frozenBy,
  getTransfer,
  pendingTransfer,
  type TransferRecord,
  transferKeys,
} from './store.ts';

const M = MODULE.transfer;

interface ReleaseOut {
  id: string;
  member: string;
  toChain: string;
  to: string;
  reason: string;
}

export const releaseOut = defineAction<ReleaseOut>(M, E, {
  description:
    'Release a membership to a branch of another chain (组织关系转出): recorded for the receiving chain to prove, and frozen here.',
  shape: { id: 'id', member: 'id', toChain: 'id', to: 'id', reason: { type: 'text', kind: 'reason' } },
  // The sending organization issues the transfer (the 介绍信): its posts, not the member alone.
  permission: [{ posts: ['书记', '组织委员', '党务工作者'], of: 'org' }],
  target(ctx, p) {
    const org = currentOrg(storesFor(ctx, M), p.member);
    return org === null ? null : { org, member: p.member };
  },
  verify(ctx, p) {
    if (getTransfer(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    if (p.toChain === ctx.chainId) return failure(E.SAME_CHAIN);
    const st = memberStatus(storesFor(ctx, M), p.member, chinaDate(ctx.time));
    if (st === null || (st.status !== '正式党员' && st.status !== '预备党员'))
      return failure(E.NOT_A_MEMBER, { status: st?.status ?? null });
    if (pendingTransfer(ctx.store, p.member)) return failure(E.PENDING);
    if (frozenBy(ctx.store, p.member)) return failure(E.FROZEN);
    return okResult;
  },
  execute(ctx, p) {
    const stores = storesFor(ctx, M);
    const today = chinaDate(ctx.time);
    const st = memberStatus(stores, p.member, today)!;
    // A probationary member's probation is a year from admission (党章第七条); an extension moves
    // probationEnd, so this is the admission day only without one — the receiving chain records it
    // as the sender attests it.
    const carried: Carried =
      st.status === '正式党员'
        ? { status: '正式党员', since: st.partyAgeFrom ?? today, probationEnd: null }
        : {
            status: '预备党员',
            since: addYears(st.probationEnd ?? today, -1),
            probationEnd: st.probationEnd,
          };
    const from = currentOrg(stores, p.member)!;
    const t: TransferRecord = {
      id: p.id,
      member: p.member,
      from,
      to: p.to,
      requestedOn: today,
      status: 'released',
      decidedOn: today,
      reason: null,
      toChain: p.toChain,
      carried,
    };
    ctx.store.set(transferKeys.transfer(p.id), asValue(t));
    ctx.store.set(transferKeys.frozen(p.member), p.id);
    emitAct(ctx, M, 'transfer.ReleasedOut', [memberEntity(p.member), orgEntity(from)], {
      transfer: p.id,
      member: p.member,
      from,
      toChain: p.toChain,
      to: p.to,
      reason: p.reason,
    });
  },
});
