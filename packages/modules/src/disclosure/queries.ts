/** Read-only queries of the disclosure module: what is in force for a range of readers, an item with its versions. */
import type { Value } from '@djchain/crypto';
import type { ReadContext } from '@djchain/runtime';
import { memberMayRead } from '../attachment/readers.ts';
import type { AttachmentRecord } from '../attachment/store.ts';
import { chinaDate, type IsoDate } from '../common/dates.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { storesFor } from '../permissions/authorize.ts';
import { DisclosureErrors as E } from './errors.ts';
import { inForce, itemSeen } from './rules.ts';
import {
  DISCLOSURE_SCOPES,
  type DisclosureItem,
  type DisclosureScope,
  disclosureKeys,
  getItem,
  getSuccessor,
  MAX_CHAIN,
  MAX_ITEMS,
} from './store.ts';

function allItems(ctx: ReadContext): DisclosureItem[] {
  const out: DisclosureItem[] = [];
  for (const key of ctx.store.keys(disclosureKeys.itemPrefix, MAX_ITEMS))
    out.push(ctx.store.get(key) as unknown as DisclosureItem);
  return out;
}

/** Newest first (by first day in force, then id): what a notice board shows on top. */
const newestFirst = (a: DisclosureItem, b: DisclosureItem) =>
  a.from === b.from ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.from < b.from ? 1 : -1;

/** Every version of an item's chain, first publication first (bounded by MAX_CHAIN). */
export function versionsOf(ctx: ReadContext, id: string): DisclosureItem[] {
  let first = getItem(ctx.store, id);
  for (let i = 0; first && i < MAX_CHAIN; i++) {
    const prev = first.corrects ?? first.withdraws;
    if (prev === null) break;
    first = getItem(ctx.store, prev);
  }
  const out: DisclosureItem[] = [];
  let cur = first;
  for (let i = 0; cur && i < MAX_CHAIN; i++) {
    out.push(cur);
    const next = getSuccessor(ctx.store, cur.id);
    cur = next ? getItem(ctx.store, next.id) : undefined;
  }
  return out;
}

export const disclosureQueries = {
  inForce: defineQuery<{ scope: DisclosureScope; org?: string; on?: IsoDate }>(E.BAD_PARAMS, {
    description:
      'Items in force on a day (default today) for the readers of a scope: public (residents), community (every Party member), org (the Party members of one organization).',
    shape: {
      scope: { type: 'text', oneOf: DISCLOSURE_SCOPES },
      org: { type: 'id', optional: true },
      on: { type: 'date', optional: true },
    },
    run(ctx, p) {
      const on = p.on ?? chinaDate(ctx.time);
      const stores = storesFor(ctx, MODULE.disclosure);
      const items = allItems(ctx).filter(
        (i) => itemSeen(stores, i, p.scope, p.org ?? null) && inForce(i, getSuccessor(ctx.store, i.id), on),
      );
      return asValue({ on, items: items.sort(newestFirst) });
    },
  }),
  item: defineQuery<{ id: string }>(E.BAD_PARAMS, {
    description:
      'An item with every version of its chain (first publication, corrections, withdrawal) and the link that replaced it, if any (null when no such item).',
    shape: { id: 'id' },
    run(ctx, p) {
      const item = getItem(ctx.store, p.id);
      if (!item) return null;
      return asValue({
        item,
        successor: getSuccessor(ctx.store, p.id) ?? null,
        versions: versionsOf(ctx, p.id),
      });
    },
  }),
  readers: defineQuery<{ member: string; scope: DisclosureScope; org?: string }>(E.BAD_PARAMS, {
    description:
      "Whether a member is among the readers of a range: any item of that scope (of that organization, for org) — the attachments' reader rule, so an item and its content are read by the same people.",
    shape: {
      member: 'id',
      scope: { type: 'text', oneOf: DISCLOSURE_SCOPES },
      org: { type: 'id', optional: true },
    },
    run(ctx, p) {
      const stores = storesFor(ctx, MODULE.disclosure);
      if (p.scope === 'org' && p.org === undefined) return false;
      const range = { scope: p.scope, org: p.org ?? '', members: [] } as unknown as AttachmentRecord;
      return memberMayRead(stores, range, p.member, chinaDate(ctx.time));
    },
  }),
  ofOrg: defineQuery<{ org: string }>(E.BAD_PARAMS, {
    description:
      "Every item an organization recorded, replaced ones included, each with its successor link (the committee's register).",
    shape: { org: 'id' },
    run(ctx, p) {
      const items = allItems(ctx)
        .filter((i) => i.org === p.org)
        .sort(newestFirst)
        .map((item) => ({ item, successor: getSuccessor(ctx.store, item.id) ?? null }));
      return items as unknown as Value;
    },
  }),
};
