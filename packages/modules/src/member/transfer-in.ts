/**
 * 组织关系转接 from another chain (issue 19), the receiving side: the receiving branch admits a
 * member the sending chain released to it, proving the release and the member's history head
 * against a header of the sending chain anchored here (transfer/crosschain.ts). The member is
 * registered here as an imported member with the standing the release carries, and the first event
 * of the new history, `member.TransferredIn`, names the old history's head — so the whole life
 * stays one verifiable chain of records across both chains.
 */
import { toHex } from '@djchain/crypto';
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { carriedKeys } from '../discipline/carried.ts';
import type { SanctionRecord } from '../discipline/store.ts';
import { getOrg } from '../org/store.ts';
import { storesFor } from '../permissions/authorize.ts';
import { admittedKeys, checkDossier, type Dossier, VIA_SHAPE, viaComplete } from '../transfer/crosschain.ts';
import { addressFree, save, today } from './actions.ts';
import { MemberErrors as E } from './errors.ts';
import { getMember, memberKeys } from './store.ts';

const M = MODULE.member;

const DOSSIER_ERRORS = {
  NOT_ANCHORED: E.TRANSFER_NOT_ANCHORED,
  DOSSIER_MISMATCH: E.TRANSFER_DOSSIER_MISMATCH,
  NOT_RELEASED: E.TRANSFER_NOT_RELEASED,
  EXPIRED: E.TRANSFER_RELEASE_EXPIRED,
};

/** A carried sanction's id here: the new member's id and the sender's id (ids are unique per chain). */
const carriedId = (member: string, id: string) => `${member}:${id}`;

interface AdmitTransfer extends Dossier {
  /** The member's id and key on this chain, and the receiving branch. */
  readonly id: string;
  readonly address: string;
  readonly org: string;
}

export const admitTransfer = defineAction<AdmitTransfer>(M, E, {
  description:
    "Admit a member released by another chain (组织关系转入), the release and the member's history proved against a header of that chain anchored here, or (via) anchored on a chain anchored here.",
  shape: {
    id: 'id',
    address: 'id',
    org: 'id',
    fromChain: 'id',
    transfer: 'id',
    height: { type: 'int', min: 1 },
    transferValue: { type: 'bytes', max: 16_384 },
    transferProof: { type: 'bytes', max: 16_384 },
    historyValue: { type: 'bytes', max: 1024 },
    historyProof: { type: 'bytes', max: 16_384 },
    ...VIA_SHAPE,
  },
  check: (p) =>
    viaComplete(p)
      ? okResult
      : failure(E.BAD_PARAMS, { field: 'via', reason: 'via, viaHeight and path go together' }),
  permission: [{ posts: ['书记', '组织委员', '党务工作者'], of: 'org' }],
  target: (ctx, p) => (getOrg(storesFor(ctx, M).org, p.org) ? { org: p.org } : null),
  verify(ctx, p) {
    if (ctx.store.has(admittedKeys.transfer(p.fromChain, p.transfer)))
      return failure(E.TRANSFER_REPLAYED, { chain: p.fromChain, transfer: p.transfer });
    if (getOrg(storesFor(ctx, M).org, p.org)?.kind !== '党支部')
      return failure(E.ORG_NOT_BRANCH, { org: p.org });
    const proved = checkDossier(ctx, DOSSIER_ERRORS, p, p.org);
    if (!proved.ok) return proved;
    const from = proved.value.release.member;
    if (ctx.store.has(admittedKeys.member(p.fromChain, from)))
      return failure(E.TRANSFER_SECOND_ADMISSION, { chain: p.fromChain, member: from });
    if (getMember(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    // Each carried sanction gets an id actions can name (parse.ts: at most 64 characters).
    for (const s of proved.value.release.carried?.sanctions ?? [])
      if (carriedId(p.id, s.id).length > 64) return failure(E.ID_TOO_LONG, { id: carriedId(p.id, s.id) });
    if (!addressFree(ctx, p.address)) return failure(E.ADDRESS_IN_USE);
    return okResult;
  },
  execute(ctx, p) {
    const proved = checkDossier(ctx, DOSSIER_ERRORS, p, p.org);
    if (!proved.ok) return;
    const { release, anchor, head, count } = proved.value;
    const carried = release.carried!;
    save(ctx, {
      id: p.id,
      org: p.org,
      registeredOn: today(ctx),
      address: p.address,
      profileCommitment: null,
      profileRef: null,
      ageCommitment: null,
      imported: { status: carried.status, since: carried.since, probationEnd: carried.probationEnd },
      suspended: null,
      exit: null,
      recovery: null,
    });
    ctx.store.set(memberKeys.address(p.address), p.id);
    // The sender's sanctions stay in force here, under this member's id and this branch.
    const sanctions: SanctionRecord[] = (carried.sanctions ?? []).map((s) => ({
      ...s,
      id: carriedId(p.id, s.id),
      member: p.id,
      org: p.org,
      carriedFrom: { chain: p.fromChain, transfer: p.transfer, id: s.id, org: s.org },
    }));
    if (sanctions.length > 0) {
      ctx.store.set(carriedKeys.sanctions(p.id), asValue(sanctions));
      ctx.store.set(carriedKeys.at(ctx.height, p.id), true);
    }
    ctx.store.set(admittedKeys.transfer(p.fromChain, p.transfer), p.id);
    ctx.store.set(admittedKeys.member(p.fromChain, release.member), p.id);
    emitAct(ctx, M, 'member.TransferredIn', [memberEntity(p.id), orgEntity(p.org)], {
      member: p.id,
      org: p.org,
      status: carried.status,
      since: carried.since,
      // The link to the old history: where it stood on the sending chain, proved at an anchored header.
      fromChain: p.fromChain,
      fromMember: release.member,
      fromOrg: release.from,
      transfer: p.transfer,
      fromHeight: anchor.height,
      fromHeader: anchor.hash,
      fromHead: toHex(head),
      fromCount: count,
      sanctions: sanctions.map((s) => s.id),
    });
  },
});
