/**
 * Wires the declarative permissions to chain state: who the signer is (member id by key address),
 * which posts they hold where (active, not lapsed by a sanction), and their relation to the target.
 */
import { validatorIndex, validatorSetFromValue } from '@djchain/ledger';
import type { ActionContext, ReadContext } from '@djchain/runtime';
import { chinaDate, type IsoDate } from '../common/dates.ts';
import { MODULE, storeOf } from '../common/stores.ts';
import { memberSanctions } from '../discipline/carried.ts';
import { sanctionEffects } from '../discipline/effects.ts';
import { disciplineCommission } from '../discipline/store.ts';
import { memberStatus } from '../member/status.ts';
import { memberIdByAddress } from '../member/store.ts';
import { postRank } from '../org/rank.ts';
import { chainSuperior, getOrg, postsOfMember, superiorCommittee } from '../org/store.ts';
import { getProcess } from '../recruitment/store.ts';
import { residentStanding } from '../resident/standing.ts';
import type { ActorFacts, OrgPost, Permission } from './rules.ts';

/** What an action is about: the organization it acts in and, when there is one, the member. */
export interface Target {
  readonly org: string;
  readonly member?: string;
}

/** An action's target: an organization (and member), or 'chain' for one about the chain itself (evidence). */
export type ActionTarget = Target | 'chain';

/** The key is a validator's of the current set (`sys/validators`). */
export function isValidatorKey(ctx: ReadContext, key: Uint8Array): boolean {
  const raw = ctx.readStore('sys').get('validators');
  return raw !== undefined && validatorIndex(validatorSetFromValue(raw), key) >= 0;
}

export function storesFor(ctx: ReadContext, self: string) {
  return {
    org: storeOf(ctx, self, MODULE.org),
    member: storeOf(ctx, self, MODULE.member),
    recruitment: storeOf(ctx, self, MODULE.recruitment),
    discipline: storeOf(ctx, self, MODULE.discipline),
    transfer: storeOf(ctx, self, MODULE.transfer),
  };
}
export type Stores = ReturnType<typeof storesFor>;

/** Posts a member holds in an organization on a date, dropping those lapsed by status or sanction. */
export function activePosts(stores: Stores, member: string, org: string, on: IsoDate): OrgPost[] {
  const status = memberStatus(stores, member, on);
  if (!status || (status.status !== '正式党员' && status.status !== '预备党员')) return [];
  const effects = sanctionEffects(memberSanctions(stores, member), on);
  if (effects.underObservation) return [];
  return postsOfMember(stores.org, member)
    .filter((p) => p.org === org && p.since <= on)
    .filter((p) => effects.postsLapsedOn === null || p.since > effects.postsLapsedOn)
    .map((p) => p.post)
    .sort();
}

/** Highest rank (org/rank.ts) of the posts a member actively holds on a date; 0 when none. */
export function heldRank(stores: Stores, member: string, on: IsoDate): number {
  let rank = 0;
  const orgs = new Set(postsOfMember(stores.org, member).map((p) => p.org));
  for (const org of orgs) {
    const kind = getOrg(stores.org, org)?.kind;
    if (kind === undefined) continue;
    for (const post of activePosts(stores, member, org, on)) rank = Math.max(rank, postRank(kind, post));
  }
  return rank;
}

/** The signer as a member (by key address) and the member they act for, if a clerk acts on behalf. */
export function actorOf(ctx: ActionContext, self: string): { by: string | null; onBehalfOf: string | null } {
  const members = storeOf(ctx, self, MODULE.member);
  const by = memberIdByAddress(members, ctx.signerAddress) ?? null;
  const onBehalfOf =
    ctx.onBehalfOf !== undefined
      ? (memberIdByAddress(members, ctx.onBehalfOf) ?? `address:${ctx.onBehalfOf}`)
      : null;
  return { by, onBehalfOf };
}

/** What the chain knows about the signer for `permission` on `target`. */
export function actorFacts(
  ctx: ActionContext,
  self: string,
  target: ActionTarget,
  permission: Permission,
): ActorFacts {
  const stores = storesFor(ctx, self);
  const today = chinaDate(ctx.time);
  const { by, onBehalfOf } = actorOf(ctx, self);
  const isChainSuperior = chainSuperior(stores.org)?.address === ctx.signerAddress;
  const isCommission = disciplineCommission(stores.discipline)?.address === ctx.signerAddress;
  // Decoding the validator set costs; only the permissions that name validators pay it.
  const isValidatorNode = permission.some((r) => r.of === 'validatorNode') && isValidatorKey(ctx, ctx.signer);
  // Residents are no members: their standing comes from the resident module's own records.
  const { isResident, isRepresentative } = residentStanding(
    storeOf(ctx, self, MODULE.resident),
    ctx.signerAddress,
  );
  if (by === null || target === 'chain') {
    return {
      postsInOrg: [],
      postsInSuperior: [],
      isSubject: false,
      clerkOnBehalf: false,
      isContact: false,
      isChainSuperior,
      isCommission,
      isValidatorNode,
      isResident,
      isRepresentative,
    };
  }
  const superior = superiorCommittee(stores.org, target.org);
  const postsInOrg = activePosts(stores, by, target.org, today);
  const subject = target.member;
  return {
    postsInOrg,
    postsInSuperior: superior ? activePosts(stores, by, superior.id, today) : [],
    isSubject: subject !== undefined && by === subject && onBehalfOf === null,
    clerkOnBehalf: subject !== undefined && onBehalfOf === subject && postsInOrg.includes('党务工作者'),
    isContact:
      subject !== undefined && (getProcess(stores.recruitment, subject)?.contacts.includes(by) ?? false),
    isChainSuperior,
    isCommission,
    isValidatorNode,
    isResident,
    isRepresentative,
  };
}
