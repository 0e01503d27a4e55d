/**
 * Who may read an attachment, and which organizations' nodes keep its content — one pure rule the
 * node's API and its replication both ask (query `attachment.entitled`), so the download is
 * refused exactly where the record says.
 */
import type { IsoDate } from '../common/dates.ts';
import { currentOrg, memberStatus } from '../member/status.ts';
import { getOrg, isWithin } from '../org/store.ts';
import { activePosts, type Stores } from '../permissions/authorize.ts';
import type { AttachmentRecord } from './store.ts';

const isPartyMember = (stores: Stores, member: string, on: IsoDate): boolean => {
  const s = memberStatus(stores, member, on)?.status;
  return s === '正式党员' || s === '预备党员';
};

/** The organization and every one above it (bounded: the tree is at most 32 deep). */
function selfAndAbove(stores: Stores, org: string): string[] {
  const out: string[] = [];
  let cur = getOrg(stores.org, org);
  for (let depth = 0; cur && depth < 32; depth++) {
    out.push(cur.id);
    cur = cur.parent === null ? undefined : getOrg(stores.org, cur.parent);
  }
  return out;
}

/** Whether member `member` may read the attachment on `on` (a post in its org or above always may). */
export function memberMayRead(stores: Stores, a: AttachmentRecord, member: string, on: IsoDate): boolean {
  if (a.scope === 'public') return true;
  for (const org of selfAndAbove(stores, a.org))
    if (activePosts(stores, member, org, on).length > 0) return true;
  if (a.scope === 'members') return a.members.includes(member);
  if (!isPartyMember(stores, member, on)) return false;
  if (a.scope === 'community') return true;
  const home = currentOrg(stores, member);
  return home !== null && isWithin(stores.org, home, a.org);
}

/**
 * Whether the node of organization `org` keeps (and may be served) the content: every node for
 * `public` and `community`; for `org` the organization's own, those above and those below it; for
 * `members` the organization's own, those above, and the branches of the members named.
 */
export function orgMayHold(stores: Stores, a: AttachmentRecord, org: string): boolean {
  if (a.scope === 'public' || a.scope === 'community') return true;
  if (isWithin(stores.org, a.org, org)) return true;
  if (a.scope === 'org') return isWithin(stores.org, org, a.org);
  return a.members.some((m) => currentOrg(stores, m) === org);
}
