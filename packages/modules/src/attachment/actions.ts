/**
 * `attachment.register`: the on-chain record of a document kept off chain — its SHA-256, size,
 * media type, owning organization and reader scope. Other modules (meetings' minutes, disclosures,
 * declarations) refer to an attachment by its hash. Nothing of the content, not even a file name,
 * comes on chain: names of files carry people's names often enough.
 */
import type { ActionContext, Result } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { currentOrg } from '../member/status.ts';
import { getMember } from '../member/store.ts';
import { getOrg, superiorCommittee } from '../org/store.ts';
import { activePosts, actorOf, storesFor } from '../permissions/authorize.ts';
import { ORG_POSTS, type OrgPost } from '../permissions/rules.ts';
import { AttachmentErrors as E } from './errors.ts';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_MEMBERS,
  ATTACHMENT_MEDIA_TYPES,
  ATTACHMENT_SCOPES,
  type AttachmentRecord,
  type AttachmentScope,
  type AttachmentUsage,
  attachmentKeys,
  getAttachment,
  quotaOf,
  usageOf,
} from './store.ts';

const M = MODULE.attachment;

/** The account a quota counts: the registering member, else the signing key's address. */
function accountOf(ctx: ActionContext): string {
  return actorOf(ctx, M).by ?? ctx.signerAddress;
}

/** The posts that file an organization's records (register's post rules, below): every one of it. */
const FILING_POSTS: readonly OrgPost[] = ORG_POSTS;
const SUPERIOR_FILING_POSTS: readonly OrgPost[] = ['书记', '组织委员'];

/** Whether the signer files for `org` by a post (its own or the superior committee's), not as themselves. */
function filesAsPost(ctx: ActionContext, org: string): boolean {
  const { by } = actorOf(ctx, M);
  if (by === null) return false;
  const stores = storesFor(ctx, M);
  const today = chinaDate(ctx.time);
  if (activePosts(stores, by, org, today).some((x) => FILING_POSTS.includes(x))) return true;
  const superior = superiorCommittee(stores.org, org);
  return (
    superior !== null &&
    activePosts(stores, by, superior.id, today).some((x) => SUPERIOR_FILING_POSTS.includes(x))
  );
}

export interface RegisterParams {
  hash: string;
  size: number;
  mediaType: string;
  org: string;
  scope: AttachmentScope;
  members?: string[];
}

function checkMembers(p: RegisterParams): Result {
  const list = p.members ?? [];
  if (p.scope !== 'members')
    return list.length === 0 && p.members === undefined ? okResult : failure(E.MEMBERS_REQUIRED);
  if (list.length === 0 || list.length > ATTACHMENT_MAX_MEMBERS) return failure(E.MEMBERS_REQUIRED);
  // Ascending without repeats: one encoding per set of readers, so the record is deterministic.
  for (let i = 1; i < list.length; i++) if (!(list[i - 1]! < list[i]!)) return failure(E.MEMBERS_REQUIRED);
  return okResult;
}

export const register = defineAction<RegisterParams>(M, E, {
  description:
    'Registers an attachment kept off chain (minutes, sign-in sheets, slides, notices): its SHA-256, size, media type, owning organization and reader scope; the nodes entitled to read it then accept and keep its content.',
  shape: {
    hash: 'hash',
    size: { type: 'int', min: 1, max: ATTACHMENT_MAX_BYTES },
    mediaType: { type: 'text', oneOf: ATTACHMENT_MEDIA_TYPES, max: 80 },
    org: 'id',
    scope: { type: 'text', oneOf: ATTACHMENT_SCOPES },
    members: { type: 'ids', optional: true, max: ATTACHMENT_MAX_MEMBERS },
  },
  // Any post holder of the organization keeps its records (the clerk, the 宣传委员 for notices);
  // the superior 党委's 书记 and 组织委员 may file for an organization below.
  // A person files their own document too (an application letter, a 民主评议 self-assessment): only
  // readable by themselves and their organization's post holders (scope `members` naming them alone),
  // owned by the organization they belong to — the target then names them as its subject.
  permission: [
    { posts: FILING_POSTS, of: 'org' },
    { posts: SUPERIOR_FILING_POSTS, of: 'superiorCommittee' },
    { of: 'self' },
  ],
  check: checkMembers,
  target(ctx, p) {
    const stores = storesFor(ctx, M);
    if (!getOrg(stores.org, p.org)) return null;
    const only = p.scope === 'members' && p.members?.length === 1 ? p.members[0]! : null;
    return only !== null && currentOrg(stores, only) === p.org
      ? { org: p.org, member: only }
      : { org: p.org };
  },
  verify(ctx, p) {
    if (getAttachment(ctx.store, p.hash)) return failure(E.EXISTS, { hash: p.hash });
    const quota = quotaOf(ctx.store);
    const month = chinaDate(ctx.time).slice(0, 7);
    const used = usageOf(ctx.store, accountOf(ctx), month);
    // A post holder keeps an organization's records; a person filing only their own documents has
    // the smaller self-filing limits.
    const asPost = filesAsPost(ctx, p.org);
    const maxCount = asPost ? quota.count : quota.selfCount;
    const maxBytes = asPost ? quota.bytes : quota.selfBytes;
    if (used.count + 1 > maxCount || used.bytes + p.size > maxBytes)
      return failure(E.QUOTA, {
        month,
        count: used.count,
        bytes: used.bytes,
        maxCount,
        maxBytes,
        ...(asPost ? {} : { self: true }),
      });
    const members = storesFor(ctx, M).member;
    for (const m of p.members ?? [])
      if (!getMember(members, m)) return failure(E.UNKNOWN_MEMBER, { member: m });
    return okResult;
  },
  execute(ctx, p) {
    const rec: AttachmentRecord = {
      hash: p.hash,
      size: p.size,
      mediaType: p.mediaType,
      org: p.org,
      scope: p.scope,
      members: p.members ?? [],
      by: actorOf(ctx, M).by,
      registeredOn: chinaDate(ctx.time),
    };
    ctx.store.set(attachmentKeys.attachment(p.hash), asValue(rec));
    const account = accountOf(ctx);
    const month = rec.registeredOn.slice(0, 7);
    const used = usageOf(ctx.store, account, month);
    ctx.store.set(
      attachmentKeys.usage(account, month),
      asValue({ count: used.count + 1, bytes: used.bytes + p.size } satisfies AttachmentUsage),
    );
    emitAct(ctx, M, 'attachment.Registered', [orgEntity(p.org), ...rec.members.map(memberEntity)], {
      hash: p.hash,
      size: p.size,
      mediaType: p.mediaType,
      org: p.org,
      scope: p.scope,
      members: [...rec.members],
    });
  },
});
