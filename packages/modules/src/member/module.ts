/** The member module: registry, derived status and rights, keys, profile commitments and read traces. */

import type { Value } from '@djchain/crypto';
import type { HookContext, ModuleDef, ReadContext } from '@djchain/runtime';
import { chinaDate, isIsoDate } from '../common/dates.ts';
import { emitHook, memberEntity, orgEntity } from '../common/events.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { memberSanctions } from '../discipline/carried.ts';
import { storesFor } from '../permissions/authorize.ts';
import {
  importMember,
  recordProfileRead,
  register,
  removeMember,
  restore,
  suspend,
  updateProfile,
} from './actions.ts';
import { commitAge, confirmAgeCorrection } from './age-commit.ts';
import { MemberErrors } from './errors.ts';
import { approveKeyRecovery, requestKeyRecovery, rotateKey } from './keys.ts';
import { deriveRights } from './rights.ts';
import { currentOrg, memberStatus } from './status.ts';
import { getMember, type MemberRecord, memberIdByAddress, memberKeys } from './store.ts';
import { admitTransfer } from './transfer-in.ts';

/** Status and rights of a member on a date (derived, never stored). */
function memberView(ctx: ReadContext, id: string, on: string): Value {
  const stores = storesFor(ctx, MODULE.member);
  const m = getMember(stores.member, id);
  const status = memberStatus(stores, id, on);
  if (!m || !status) return null;
  return asValue({
    id,
    org: currentOrg(stores, id),
    address: m.address,
    profileCommitment: m.profileCommitment,
    profileRef: m.profileRef,
    ageCommitment: m.ageCommitment ?? null,
    ...(m.ageCorrection ? { ageCorrection: m.ageCorrection } : {}),
    // A pending key recovery (new address, requester, date): the approver checks it before approving.
    ...(m.recovery ? { recovery: m.recovery } : {}),
    ...status,
    rights: deriveRights(status, memberSanctions(stores, id), on),
  });
}

/** Genesis section of the member module (see README). */
export interface MemberGenesis {
  readonly members?: readonly {
    id: string;
    org: string;
    address: string;
    status?: '正式党员' | '预备党员';
    since?: string;
    probationEnd?: string;
    /** Age commitment (age.ts) of a person registered at genesis who may apply later. */
    ageCommitment?: string;
    /**
     * The sealed profile's salted commitment and reference (profile.ts), as `member.importMember`
     * takes them: given together or not at all (the roster-complete check needs both).
     */
    profileCommitment?: string;
    profileRef?: string;
  }[];
}

export const memberModule: ModuleDef = {
  name: MODULE.member,
  // The Party-affairs signers: members (applicants included) whose key is bound to their record.
  knowsSigner: (ctx, address) => memberIdByAddress(ctx.store, address) !== undefined,
  actions: {
    register,
    importMember,
    admitTransfer,
    rotateKey,
    requestKeyRecovery,
    approveKeyRecovery,
    updateProfile,
    commitAge,
    confirmAgeCorrection,
    recordProfileRead,
    suspend,
    restore,
    removeMember,
  },
  queries: {
    member: defineQuery<{ id: string; on?: string }>(MemberErrors.BAD_PARAMS, {
      description: 'A member with derived status and rights on a date (default: the chain’s China date).',
      shape: { id: 'id', on: { type: 'date', optional: true } },
      run: (ctx, p) => memberView(ctx, p.id, p.on ?? chinaDate(ctx.time)),
    }),
    byAddress: defineQuery<{ address: string }>(MemberErrors.BAD_PARAMS, {
      description: 'The member id registered to a key address.',
      shape: { address: 'id' },
      run: (ctx, p) => memberIdByAddress(ctx.store, p.address) ?? null,
    }),
  },
  genesis(ctx: HookContext, config: Value) {
    const g = (config ?? {}) as unknown as MemberGenesis;
    for (const m of g.members ?? []) {
      const since = m.since ?? '';
      const profiled = typeof m.profileCommitment === 'string' && typeof m.profileRef === 'string';
      const rec: MemberRecord = {
        id: m.id,
        org: m.org,
        registeredOn: isIsoDate(since) ? since : chinaDate(ctx.time),
        address: m.address,
        profileCommitment: profiled ? m.profileCommitment! : null,
        profileRef: profiled ? m.profileRef! : null,
        ageCommitment: typeof m.ageCommitment === 'string' ? m.ageCommitment : null,
        imported:
          m.status && isIsoDate(since)
            ? { status: m.status, since, probationEnd: m.probationEnd ?? null }
            : null,
        suspended: null,
        exit: null,
        recovery: null,
      };
      ctx.store.set(memberKeys.member(m.id), asValue(rec));
      ctx.store.set(memberKeys.address(m.address), m.id);
      emitHook(
        ctx,
        rec.imported ? 'member.Imported' : 'member.Registered',
        [memberEntity(m.id), orgEntity(m.org)],
        {
          member: m.id,
          org: m.org,
          status: rec.imported?.status ?? null,
          since: rec.imported?.since ?? null,
          genesis: true,
        },
      );
    }
  },
};
