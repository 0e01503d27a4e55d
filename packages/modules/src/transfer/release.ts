/**
 * 组织关系转接 to another chain (issue 19), the sending side: the member's branch releases the
 * membership to a branch of another chain. The record (with the standing it carries) is what the
 * receiving chain proves against an anchored header of this chain (crosschain.ts); from the
 * release on, the membership is frozen here — no further transfer, no second release. A release
 * is not withdrawn (the receiver may already have admitted); it is valid for `validDays` (介绍信
 * 有效期, 90 days unless the branch sets it), and after that the branch may reclaim it
 * (`reclaimRelease`) with a proof that the receiving chain never admitted it. The member's
 * sanctions travel with the release, and an open discipline case must be decided first.
 */
import { defineAction } from '../common/action.ts';
import { addDays, addYears, chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { sanctionsOf } from '../discipline/store.ts';
import { currentOrg, memberStatus } from '../member/status.ts';
import { storesFor } from '../permissions/authorize.ts';
import { provesNotAdmitted, VIA_SHAPE, viaComplete, viaOf } from './crosschain.ts';
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
  /** Days the release stays valid for the receiving chain (介绍信有效期); 90 when absent. */
  validDays?: number;
}

/** 组织关系介绍信 validity: no national rule (RULES.md §5, §8: about three months); a branch may set 1–183 days. */
export const DEFAULT_RELEASE_DAYS = 90;

export const releaseOut = defineAction<ReleaseOut>(M, E, {
  description:
    'Release a membership to a branch of another chain (组织关系转出): recorded for the receiving chain to prove, and frozen here.',
  shape: {
    id: 'id',
    member: 'id',
    toChain: 'id',
    to: 'id',
    reason: { type: 'text', kind: 'reason' },
    validDays: { type: 'int', min: 1, max: 183, optional: true },
  },
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
    const open = sanctionsOf(storesFor(ctx, M).discipline, p.member).find(
      (s) => s.status === 'decided' || s.status === 'referred',
    );
    if (open) return failure(E.CASE_OPEN, { sanction: open.id });
    return okResult;
  },
  execute(ctx, p) {
    const stores = storesFor(ctx, M);
    const today = chinaDate(ctx.time);
    const st = memberStatus(stores, p.member, today)!;
    // A probationary member's probation is a year from admission (党章第七条); an extension moves
    // probationEnd, so this is the admission day only without one — the receiving chain records it
    // as the sender attests it.
    // Every sanction in force or on record (approved, or 留党察看 concluded): the receiver keeps them.
    const sanctions = sanctionsOf(stores.discipline, p.member).filter(
      (s) => s.status === 'approved' || s.status === 'concluded',
    );
    const carried: Carried =
      st.status === '正式党员'
        ? { status: '正式党员', since: st.partyAgeFrom ?? today, probationEnd: null, sanctions }
        : {
            status: '预备党员',
            since: addYears(st.probationEnd ?? today, -1),
            probationEnd: st.probationEnd,
            sanctions,
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
      expiresOn: addDays(today, (p.validDays ?? DEFAULT_RELEASE_DAYS) - 1),
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
      expiresOn: t.expiresOn!,
      sanctions: sanctions.length,
    });
  },
});

interface ReclaimRelease {
  id: string;
  /** A height of the receiving chain anchored here, dated after the release's last valid day. */
  height: number;
  /** The receiving chain's state proof, at that height, that it holds no admission of this release. */
  proof: Uint8Array;
  /** When that header is anchored on a chain anchored here, not here itself (crosschain.ts `viaOf`). */
  via?: string;
  viaHeight?: number;
  path?: Uint8Array;
}

export const reclaimRelease = defineAction<ReclaimRelease>(M, E, {
  description:
    'Reclaim an expired release to another chain (收回转出): proved against an anchored header of the receiving chain that it never admitted the member; the membership is unfrozen here.',
  shape: { id: 'id', height: { type: 'int', min: 1 }, proof: { type: 'bytes', max: 16_384 }, ...VIA_SHAPE },
  check: (p) =>
    viaComplete(p)
      ? okResult
      : failure(E.BAD_PARAMS, { field: 'via', reason: 'via, viaHeight and path go together' }),
  permission: [{ posts: ['书记', '组织委员', '党务工作者'], of: 'org' }],
  target(ctx, p) {
    const t = getTransfer(ctx.store, p.id);
    return t ? { org: t.from, member: t.member } : null;
  },
  verify(ctx, p) {
    const t = getTransfer(ctx.store, p.id)!;
    if (t.status !== 'released' || t.toChain === undefined)
      return failure(E.NOT_RELEASED, { status: t.status });
    const proved = provesNotAdmitted(ctx, E, t, p.height, p.proof, viaOf(p));
    return proved.ok ? okResult : proved;
  },
  execute(ctx, p) {
    const t = getTransfer(ctx.store, p.id)!;
    const proved = provesNotAdmitted(ctx, E, t, p.height, p.proof, viaOf(p));
    if (!proved.ok) return;
    ctx.store.set(
      transferKeys.transfer(t.id),
      asValue({ ...t, status: 'reclaimed', decidedOn: chinaDate(ctx.time) }),
    );
    ctx.store.delete(transferKeys.frozen(t.member));
    emitAct(ctx, M, 'transfer.Reclaimed', [memberEntity(t.member), orgEntity(t.from)], {
      transfer: t.id,
      member: t.member,
      toChain: t.toChain!,
      expiresOn: t.expiresOn ?? null,
      // Where the receiver was shown without an admission.
      height: proved.value.height,
      header: proved.value.hash,
    });
  },
});
