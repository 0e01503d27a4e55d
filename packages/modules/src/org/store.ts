/** The org module's records and key layout (read by other modules too). */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { allKeys, getRecord, SEP } from '../common/stores.ts';
import type { OrgPost } from '../permissions/rules.ts';

export const ORG_KINDS = ['党委', '党总支', '党支部', '党小组'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface OrgRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: OrgKind;
  readonly parent: string | null;
  /** Community (社区) organizations have 5-year terms, others 3 (支部工作条例). */
  readonly community: boolean;
  readonly termYears: number;
  /** Start of the current committee term (last 换届). */
  readonly termStart: IsoDate;
  readonly createdOn: IsoDate;
}

export interface PostRecord {
  readonly org: string;
  readonly member: string;
  readonly post: OrgPost;
  readonly since: IsoDate;
  /** End of the term it was elected or appointed for; the post continues until 换届 replaces it. */
  readonly termEnd: IsoDate | null;
}

export interface PastPostRecord extends PostRecord {
  readonly ended: IsoDate;
  readonly reason: string;
}

export const orgKeys = {
  org: (id: string) => `o${SEP}${id}`,
  child: (parent: string, id: string) => `c${SEP}${parent}${SEP}${id}`,
  childPrefix: (parent: string) => `c${SEP}${parent}${SEP}`,
  post: (org: string, member: string, post: string) => `p${SEP}${org}${SEP}${member}${SEP}${post}`,
  postPrefix: (org: string) => `p${SEP}${org}${SEP}`,
  holder: (member: string, org: string, post: string) => `h${SEP}${member}${SEP}${org}${SEP}${post}`,
  holderPrefix: (member: string) => `h${SEP}${member}${SEP}`,
  past: (org: string, ended: string, member: string, post: string) =>
    `x${SEP}${org}${SEP}${ended}${SEP}${member}${SEP}${post}`,
  pastPrefix: (org: string) => `x${SEP}${org}${SEP}`,
  termWarned: (org: string, termEnd: string) => `w${SEP}${org}${SEP}${termEnd}`,
  lastCheck: 'lastCheck',
  /** The superior body above the top 党委, named in genesis (ChainSuperior). */
  superior: 'superior',
};

/**
 * The superior body of the top 党委 (e.g. the street 党工委), named in genesis: no organization on
 * this chain is above the top 党委, so what needs a superior there (recovering the key of one of its
 * post holders) needs this key.
 */
export interface ChainSuperior {
  readonly name: string;
  /** Key address (40 hex) the superior body signs with. */
  readonly address: string;
}

export function chainSuperior(store: ReadStore): ChainSuperior | null {
  return getRecord<ChainSuperior>(store, orgKeys.superior) ?? null;
}

export function getOrg(store: ReadStore, id: string): OrgRecord | undefined {
  return getRecord<OrgRecord>(store, orgKeys.org(id));
}

/** The nearest 党委 above an organization (the one with approval authority), or null. */
export function superiorCommittee(store: ReadStore, id: string): OrgRecord | null {
  let cur = getOrg(store, id);
  for (let depth = 0; cur && depth < 32; depth++) {
    const parent = cur.parent === null ? undefined : getOrg(store, cur.parent);
    if (!parent) return null;
    if (parent.kind === '党委') return parent;
    cur = parent;
  }
  return null;
}

/** True when `id` is `ancestor` or lies below it. */
export function isWithin(store: ReadStore, id: string, ancestor: string): boolean {
  let cur = getOrg(store, id);
  for (let depth = 0; cur && depth < 32; depth++) {
    if (cur.id === ancestor) return true;
    cur = cur.parent === null ? undefined : getOrg(store, cur.parent);
  }
  return false;
}

/** Current post records of a member (all organizations). */
export function postsOfMember(store: ReadStore, member: string): PostRecord[] {
  return allKeys(store, orgKeys.holderPrefix(member))
    .map((k) => getRecord<PostRecord>(store, k))
    .filter((p): p is PostRecord => p !== undefined);
}

/** Current post records in an organization. */
export function postsInOrg(store: ReadStore, org: string): PostRecord[] {
  return allKeys(store, orgKeys.postPrefix(org))
    .map((k) => getRecord<PostRecord>(store, k))
    .filter((p): p is PostRecord => p !== undefined);
}

export function childrenOf(store: ReadStore, parent: string): string[] {
  const prefix = orgKeys.childPrefix(parent);
  return allKeys(store, prefix).map((k) => k.slice(prefix.length));
}
