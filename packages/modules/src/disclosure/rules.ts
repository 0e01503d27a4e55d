/**
 * The pure rules of disclosure: which attachment may carry an item's content, when an item is in
 * force, and who sees an item of a scope. The portal, the feed and the queries all ask these.
 */
import type { AttachmentRecord } from '../attachment/store.ts';
import type { IsoDate } from '../common/dates.ts';
import { isWithin } from '../org/store.ts';
import type { Stores } from '../permissions/authorize.ts';
import type { DisclosureItem, DisclosureScope, Successor } from './store.ts';

/**
 * Whether every reader of an item of `scope` held by `org` may read attachment `a`: the content must
 * reach at least the item's readers. public ← public; community ← public, community; org X ←
 * public, community, or an `org` attachment of X or of an organization above X. A `members`
 * attachment never carries an item (its readers are named people, not a range).
 */
export function contentFits(
  stores: Stores,
  a: AttachmentRecord,
  scope: DisclosureScope,
  org: string,
): boolean {
  if (a.scope === 'public') return true;
  if (scope === 'public') return false;
  if (a.scope === 'community') return true;
  if (scope === 'community') return false;
  return a.scope === 'org' && isWithin(stores.org, org, a.org);
}

/**
 * In force on day `on`: within [from, until] and not replaced on or before `on` (a correction or a
 * withdrawal takes effect the day it is recorded; a later one leaves earlier days as they were).
 */
export function inForce(item: DisclosureItem, successor: Successor | undefined, on: IsoDate): boolean {
  if (on < item.from) return false;
  if (item.until !== null && on > item.until) return false;
  return successor === undefined || successor.on > on;
}

/** The scopes a reader of `scope` sees: public ⊂ community ⊂ org (members of an organization are members of the community). */
export function scopesSeen(scope: DisclosureScope): readonly DisclosureScope[] {
  if (scope === 'public') return ['public'];
  if (scope === 'community') return ['public', 'community'];
  return ['public', 'community', 'org'];
}

/**
 * Whether an item is shown to the readers of `scope` (for `org`: the Party members of organization
 * `org`): public and community items to every member, an `org` item to the members of its
 * organization and of those below it.
 */
export function itemSeen(
  stores: Stores,
  item: DisclosureItem,
  scope: DisclosureScope,
  org: string | null,
): boolean {
  if (!scopesSeen(scope).includes(item.scope)) return false;
  if (item.scope !== 'org') return true;
  return org !== null && isWithin(stores.org, org, item.org);
}
