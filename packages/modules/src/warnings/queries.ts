/**
 * Reading the register: an organization's open warnings (with those of the organizations below it
 * for a superior), a member's own (about them, and owed by the posts they hold), one by id. Lists
 * are in due-date order; nothing here ranks people.
 */
import type { Value } from '@djchain/crypto';
import type { ReadContext } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { childrenOf, getOrg, postsOfMember } from '../org/store.ts';
import { activePosts, storesFor } from '../permissions/authorize.ts';
import { WarningsErrors as E } from './errors.ts';
import { getWarning, openIds, type WarningRecord, warningKeys } from './store.ts';

const MAX_LIST = 10_000;
const MAX_ORGS = 1_000;

/** The organization and every one below it, parents before children, children in byte order. */
export function subtreeOf(ctx: ReadContext, org: string): string[] {
  const orgs = ctx.readStore(MODULE.org);
  const out: string[] = [];
  const queue = [org];
  while (queue.length > 0 && out.length < MAX_ORGS) {
    const o = queue.shift()!;
    out.push(o);
    queue.push(...childrenOf(orgs, o));
  }
  return out;
}

const byDue = (a: WarningRecord, b: WarningRecord) =>
  a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function openOf(ctx: ReadContext, org: string): WarningRecord[] {
  return openIds(ctx.store, warningKeys.openOfOrgPrefix(org), MAX_LIST).map(
    (id) => getWarning(ctx.store, id)!,
  );
}

export const warningsQueries = {
  open: defineQuery<{ org: string; subtree?: boolean }>(E.BAD_PARAMS, {
    description:
      "An organization's open warnings in due-date order; with subtree, also those of every organization below it.",
    shape: { org: 'id', subtree: { type: 'bool', optional: true } },
    run(ctx, p) {
      if (getOrg(ctx.readStore(MODULE.org), p.org) === undefined) return [];
      const orgs = p.subtree === true ? subtreeOf(ctx, p.org) : [p.org];
      return asValue(orgs.flatMap((o) => openOf(ctx, o)).sort(byDue));
    },
  }),
  mine: defineQuery<{ member: string }>(E.BAD_PARAMS, {
    description:
      "A member's own open warnings: those about them and those owed by a post they hold today, in due-date order.",
    shape: { member: 'id' },
    run(ctx, p) {
      const about = openIds(ctx.store, warningKeys.openOfMemberPrefix(p.member), MAX_LIST).map(
        (id) => getWarning(ctx.store, id)!,
      );
      const today = chinaDate(ctx.time);
      const stores = storesFor(ctx, MODULE.warnings);
      const owed: WarningRecord[] = [];
      const orgs = [...new Set(postsOfMember(stores.org, p.member).map((x) => x.org))].sort();
      for (const org of orgs) {
        const posts: string[] = activePosts(stores, p.member, org, today);
        if (posts.length === 0) continue;
        for (const w of openOf(ctx, org)) if (w.posts.some((x) => posts.includes(x))) owed.push(w);
      }
      const seen = new Set<string>();
      const all = [...about, ...owed].filter((w) => !seen.has(w.id) && seen.add(w.id) !== undefined);
      return asValue(all.sort(byDue));
    },
  }),
  warning: defineQuery<{ id: string }>(E.BAD_PARAMS, {
    description: 'One warning by id, open or closed (with the act that closed it).',
    shape: { id: { type: 'text', max: 200 } },
    run: (ctx, p): Value => (getWarning(ctx.store, p.id) as unknown as Value) ?? null,
  }),
};
