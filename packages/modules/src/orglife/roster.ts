/**
 * Who is expected at a meeting, derived from the chain's roster and statuses on the day (never typed
 * in): the branch's members (full and probationary) for the branch-wide kinds, its committee for the
 * 支部委员会, a group's assigned members for the 党小组会, the two people of a 谈心谈话.
 */
import type { ReadContext, ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { allKeys, MODULE, storeOf } from '../common/stores.ts';
import { memberSanctions } from '../discipline/carried.ts';
import { deriveRights } from '../member/rights.ts';
import { currentOrg, memberStatus } from '../member/status.ts';
import { memberKeys } from '../member/store.ts';
import { getOrg, postsInOrg } from '../org/store.ts';
import { activePosts, type Stores, storesFor } from '../permissions/authorize.ts';
import { COMMITTEE_POSTS } from '../permissions/rules.ts';
import { getProcess } from '../recruitment/store.ts';
import type { MeetingKind, OrgLifeRules } from './rules.ts';
import { lifeKeys } from './store.ts';

export const M = MODULE.orglife;

export const lifeStores = (ctx: ReadContext): Stores & { life: ReadStore } => ({
  ...storesFor(ctx, M),
  life: storeOf(ctx, M, MODULE.orglife),
});

export function isMemberOn(stores: Stores, id: string, on: IsoDate): boolean {
  const st = memberStatus(stores, id, on);
  return st !== null && (st.status === '正式党员' || st.status === '预备党员');
}

/** Members (full or probationary) whose membership the branch holds on a date, sorted. */
export function branchMembers(stores: Stores, branch: string, on: IsoDate): string[] {
  const out: string[] = [];
  for (const key of allKeys(stores.member, memberKeys.prefix, 200_000)) {
    const id = key.slice(memberKeys.prefix.length);
    if (currentOrg(stores, id) === branch && isMemberOn(stores, id, on)) out.push(id);
  }
  return out;
}

/** Every branch's members (full or probationary) on a date, walking the roster once (the month close). */
export function rosterOn(stores: Stores, on: IsoDate): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of allKeys(stores.member, memberKeys.prefix, 200_000)) {
    const id = key.slice(memberKeys.prefix.length);
    const org = currentOrg(stores, id);
    if (org === null || !isMemberOn(stores, id, on)) continue;
    const list = out.get(org) ?? [];
    list.push(id);
    out.set(org, list);
  }
  return out;
}

/** Holders of committee posts of an organization on a date (active: not lapsed), sorted. */
export function committeeOf(stores: Stores, org: string, on: IsoDate): string[] {
  const ids = new Set<string>();
  for (const p of postsInOrg(stores.org, org)) {
    if (!COMMITTEE_POSTS.includes(p.post)) continue;
    if (activePosts(stores, p.member, org, on).includes(p.post)) ids.add(p.member);
  }
  return [...ids].sort();
}

/**
 * Whether a branch owes its monthly 支部委员会 on a day: only a branch with a committee (at least
 * `committeeMin` committee posts held; RULES.md §3: fewer than 7 full members elect a secretary only).
 * The month close warns and the `obligations` query shows by this one rule.
 */
export function owesCommitteeMeeting(stores: Stores, rules: OrgLifeRules, org: string, on: IsoDate): boolean {
  return committeeOf(stores, org, on).length >= rules.committeeMin;
}

/** The 党小组 a member is assigned to: by orglife.assignGroup, else by recruitment step 19. */
export function groupOf(stores: Stores & { life: ReadStore }, member: string): string | null {
  const g = stores.life.get(lifeKeys.group(member));
  if (typeof g === 'string') return g;
  const step = getProcess(stores.recruitment, member)?.steps.assignGroup?.data.group;
  return typeof step === 'string' ? step : null;
}

/** Expected attendees of a meeting of `kind` held by `org` on `on`; `pair` for a 谈心谈话. */
export function expectedAt(
  stores: Stores & { life: ReadStore },
  org: string,
  kind: MeetingKind,
  on: IsoDate,
  pair: readonly string[] | null,
): string[] {
  if (kind === '谈心谈话') return [...(pair ?? [])].sort();
  if (kind === '支部委员会') return committeeOf(stores, org, on);
  if (kind === '党小组会') {
    const branch = getOrg(stores.org, org)?.parent ?? null;
    if (branch === null) return [];
    return branchMembers(stores, branch, on).filter((m) => groupOf(stores, m) === org);
  }
  return branchMembers(stores, org, on);
}

/**
 * Whether one member belongs at a meeting of `kind` held by `org` on `on` — the test `expectedAt`
 * applies to everyone, for one person (a held record checks its lines with it: no roster walk).
 */
export function belongsAt(
  stores: Stores & { life: ReadStore },
  org: string,
  kind: MeetingKind,
  on: IsoDate,
  pair: readonly string[] | null,
  member: string,
): boolean {
  if (kind === '谈心谈话') return (pair ?? []).includes(member);
  if (kind === '支部委员会')
    return activePosts(stores, member, org, on).some((p) => COMMITTEE_POSTS.includes(p));
  const branch = kind === '党小组会' ? (getOrg(stores.org, org)?.parent ?? null) : org;
  if (branch === null || currentOrg(stores, member) !== branch || !isMemberOn(stores, member, on))
    return false;
  return kind !== '党小组会' || groupOf(stores, member) === org;
}

/** Of `members`, those with a vote on the day (full, not under 留党察看: 党章第七条, 条例第四十条). */
export function votersAmong(stores: Stores, members: readonly string[], on: IsoDate): string[] {
  return members.filter((id) => {
    const st = memberStatus(stores, id, on);
    return st !== null && deriveRights(st, memberSanctions(stores, id), on).vote;
  });
}
