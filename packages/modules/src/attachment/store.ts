/**
 * The attachment module's records: one per content hash (SHA-256 of the file's bytes). The content
 * itself never comes on chain: the nodes entitled to read it keep it (packages/node, "Attachments").
 */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getRecord, SEP } from '../common/stores.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MEDIA_TYPES } from '../lists.ts';

/**
 * Who may read an attachment, besides post holders of its organization and of every organization
 * above it (who always may, as for every record of theirs):
 * - `public`: anyone, residents and anonymous readers included (党务公开);
 * - `community`: every Party member (正式党员, 预备党员) of the chain;
 * - `org`: the Party members of the organization and of those below it;
 * - `members`: the members named, and nobody else below the post holders.
 */
export const ATTACHMENT_SCOPES = ['public', 'community', 'org', 'members'] as const;
export type AttachmentScope = (typeof ATTACHMENT_SCOPES)[number];

export { ATTACHMENT_MAX_BYTES, ATTACHMENT_MEDIA_TYPES };
/** Readers named in a `members` scope, at most. */
export const ATTACHMENT_MAX_MEMBERS = 50;

export interface AttachmentRecord {
  /** SHA-256 of the content, lowercase hex. */
  readonly hash: string;
  readonly size: number;
  readonly mediaType: string;
  /** The owning organization. */
  readonly org: string;
  readonly scope: AttachmentScope;
  /** The readers of a `members` scope (ascending), empty otherwise. */
  readonly members: readonly string[];
  /** The member who registered it. */
  readonly by: string | null;
  readonly registeredOn: IsoDate;
}

/**
 * What one account (the registering member, else the signing key's address) may register in one
 * China calendar month: a count and a byte total. Deterministic (the block's China date), set in
 * genesis (`modules.attachment.quota`); these defaults where genesis set none. The nodes' disks are
 * the organizations' own: a leaked or careless key fills them at most this much a month.
 */
export interface AttachmentQuota {
  readonly count: number;
  readonly bytes: number;
  /**
   * What a person filing their own documents without a post (an application letter, a
   * self-assessment) may register a month: far less than a post holder keeping an organization's
   * records, so one member's key cannot fill the branch's nodes.
   */
  readonly selfCount: number;
  readonly selfBytes: number;
}
export const DEFAULT_ATTACHMENT_QUOTA: AttachmentQuota = {
  count: 500,
  bytes: 2 * 1024 * 1024 * 1024,
  selfCount: 20,
  selfBytes: 100 * 1024 * 1024,
};

/** An account's registrations in a month (the quota's counter). */
export interface AttachmentUsage {
  readonly count: number;
  readonly bytes: number;
}

export const attachmentKeys = {
  attachment: (hash: string) => `a${SEP}${hash}`,
  quota: 'quota',
  usage: (account: string, month: string) => `u${SEP}${account}${SEP}${month}`,
};

export function quotaOf(store: ReadStore): AttachmentQuota {
  return getRecord<AttachmentQuota>(store, attachmentKeys.quota) ?? DEFAULT_ATTACHMENT_QUOTA;
}

/** The self-filing limits a genesis quota implies when it names none: the defaults, never above the posts'. */
export function withSelfLimits(q: { count: number; bytes: number; selfCount?: number; selfBytes?: number }) {
  return {
    count: q.count,
    bytes: q.bytes,
    selfCount: q.selfCount ?? Math.min(DEFAULT_ATTACHMENT_QUOTA.selfCount, q.count),
    selfBytes: q.selfBytes ?? Math.min(DEFAULT_ATTACHMENT_QUOTA.selfBytes, q.bytes),
  };
}

export function usageOf(store: ReadStore, account: string, month: string): AttachmentUsage {
  return getRecord<AttachmentUsage>(store, attachmentKeys.usage(account, month)) ?? { count: 0, bytes: 0 };
}

export function getAttachment(store: ReadStore, hash: string): AttachmentRecord | undefined {
  return getRecord<AttachmentRecord>(store, attachmentKeys.attachment(hash));
}
