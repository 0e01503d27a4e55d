/**
 * Keys (docs/threat-model.md): a key changes only by its holder's signature (rotateKey, signed with
 * the current key — never on someone's behalf), or by a recovery of two different people of which
 * the approver holds 书记 or 组织委员 in an organization above every organization the member belongs
 * to or holds a post in. Nobody above the top 党委 is on chain, so its post holders' recoveries are
 * approved by the superior named in genesis (`org.superior`).
 */
import type { ActionContext, ReadContext } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity } from '../common/events.ts';
import { MODULE } from '../common/stores.ts';
import { isWithin, postsOfMember } from '../org/store.ts';
import { activePosts, actorOf, type Stores, storesFor } from '../permissions/authorize.ts';
import { addressFree, memberTarget, save, today } from './actions.ts';
import { MemberErrors as E } from './errors.ts';
import { currentOrg } from './status.ts';
import { getMember, type MemberRecord, memberKeys } from './store.ts';

const M = MODULE.member;

interface KeyChange {
  member: string;
  newAddress: string;
}

export const rotateKey = defineAction<KeyChange>(M, E, {
  description:
    'The member replaces their own key, signing with the current one (never by proxy); the old address is retired for good.',
  shape: { member: 'id', newAddress: 'id' },
  permission: [{ of: 'self' }],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify: (ctx, p) => (addressFree(ctx, p.newAddress) ? okResult : failure(E.ADDRESS_IN_USE)),
  execute(ctx, p) {
    // The event names the actor before the key changes.
    emitAct(ctx, M, 'member.KeyRotated', [memberEntity(p.member)], { member: p.member });
    replaceKey(ctx, getMember(ctx.store, p.member)!, p.newAddress);
  },
});

function replaceKey(ctx: ActionContext, m: MemberRecord, newAddress: string): void {
  ctx.store.delete(memberKeys.address(m.address));
  ctx.store.set(memberKeys.retired(m.address), m.id);
  ctx.store.set(memberKeys.address(newAddress), m.id);
  save(ctx, { ...m, address: newAddress, recovery: null });
}

export const requestKeyRecovery = defineAction<KeyChange>(M, E, {
  description:
    "First of two parties: the member's branch (or its superior 党委) asks to bind a lost key's member to a new key.",
  shape: { member: 'id', newAddress: 'id' },
  permission: [
    { posts: ['书记', '组织委员'], of: 'org' },
    { posts: ['书记', '组织委员'], of: 'superiorCommittee' },
  ],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify(ctx, p) {
    if (actorOf(ctx, M).by === p.member) return failure(E.RECOVERY_SELF);
    return addressFree(ctx, p.newAddress) ? okResult : failure(E.ADDRESS_IN_USE);
  },
  execute(ctx, p) {
    const m = getMember(ctx.store, p.member)!;
    const by = actorOf(ctx, M).by ?? '';
    save(ctx, { ...m, recovery: { newAddress: p.newAddress, requestedOn: today(ctx), by } });
    emitAct(ctx, M, 'member.KeyRecoveryRequested', [memberEntity(p.member)], { member: p.member });
  },
});

/** Organizations the member belongs to or holds a post in: a recovery's approver is above them all. */
function recoveryScope(stores: Stores, member: string): string[] {
  const orgs = new Set<string>();
  const home = currentOrg(stores, member);
  if (home !== null) orgs.add(home);
  for (const p of postsOfMember(stores.org, member)) orgs.add(p.org);
  return [...orgs].sort();
}

/** True when `approver` holds an active 书记/组织委员 post strictly above every organization of `scope`. */
function aboveAll(ctx: ReadContext, approver: string, scope: readonly string[]): boolean {
  const stores = storesFor(ctx, M);
  const on = today(ctx);
  return postsOfMember(stores.org, approver).some(
    (p) =>
      (p.post === '书记' || p.post === '组织委员') &&
      activePosts(stores, approver, p.org, on).includes(p.post) &&
      scope.every((o) => o !== p.org && isWithin(stores.org, o, p.org)),
  );
}

export const approveKeyRecovery = defineAction<{ member: string }>(M, E, {
  description:
    'Second party: the superior approves a pending key recovery (for the top committee: the superior named in genesis).',
  shape: { member: 'id' },
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }, { of: 'chainSuperior' }],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify(ctx, p) {
    const m = getMember(ctx.store, p.member)!;
    if (m.recovery === null) return failure(E.NO_RECOVERY);
    const { by } = actorOf(ctx, M);
    if (by === p.member) return failure(E.RECOVERY_SELF);
    if (by !== null && by === m.recovery.by) return failure(E.RECOVERY_SAME_PARTY);
    // The superior named in genesis signs with a key that is no member's (by === null).
    if (by !== null) {
      const scope = recoveryScope(storesFor(ctx, M), p.member);
      if (!aboveAll(ctx, by, scope)) return failure(E.RECOVERY_NEEDS_SUPERIOR, { scope });
    }
    return addressFree(ctx, m.recovery.newAddress) ? okResult : failure(E.ADDRESS_IN_USE);
  },
  execute(ctx, p) {
    const m = getMember(ctx.store, p.member)!;
    emitAct(ctx, M, 'member.KeyRecovered', [memberEntity(p.member)], {
      member: p.member,
      requestedBy: m.recovery!.by,
      genesisSuperior: actorOf(ctx, M).by === null,
    });
    replaceKey(ctx, m, m.recovery!.newAddress);
  },
});
