/**
 * The disclosure module's records (党务公开): one per item, never rewritten. A correction or a
 * withdrawal is a new item linked to the one it replaces; the replaced item keeps its record and
 * gains a successor link under its own key, so its record proves the same bytes for good and the
 * link (or its absence) is proved beside it.
 */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getRecord, SEP } from '../common/stores.ts';

/**
 * Who an item is disclosed to (《中国共产党党务公开条例（试行）》第十四条 [verify the article]: the
 * range follows how closely the matter concerns members and residents):
 * - `public`: residents and anyone (向社会公开) — the public portal and its feed;
 * - `community`: every Party member of the chain (正式党员, 预备党员);
 * - `org`: the Party members of the organization and of those below it (one branch, or a 党总支
 *   with its branches).
 * Each maps onto the attachment scope of the same name (attachment/store.ts); post holders of the
 * organization and of those above it read every item of theirs, as for attachments.
 */
export const DISCLOSURE_SCOPES = ['public', 'community', 'org'] as const;
export type DisclosureScope = (typeof DISCLOSURE_SCOPES)[number];

/**
 * Kinds of item. The first three come only from the act that requires them (recruitment, dues), so
 * their period is the rule's and not typed by hand; the others a branch publishes itself.
 */
export const AUTOMATIC_KINDS = ['发展对象公示', '转正公示', '党费收缴公示'] as const;
export const PUBLISHED_KINDS = ['会议纪要', '工作公开', '通知公告', '撤回声明'] as const;
export const DISCLOSURE_KINDS = [...AUTOMATIC_KINDS, ...PUBLISHED_KINDS] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

/** The act of another module an automatic item comes from. */
export interface DisclosureSource {
  readonly module: string;
  readonly action: string;
  /** The transaction that recorded the act (its hash), and its block. */
  readonly tx: string;
  readonly height: number;
}

export interface DisclosureItem {
  readonly id: string;
  /** The organization that discloses (its post holders answer for it). */
  readonly org: string;
  readonly kind: DisclosureKind;
  readonly scope: DisclosureScope;
  /** First and last day in force (China calendar, inclusive); until null = until replaced. */
  readonly from: IsoDate;
  readonly until: IsoDate | null;
  /** SHA-256 of the content, a registered attachment its scope lets every reader of the item read. */
  readonly content: string | null;
  /** The item this one corrects, or withdraws (a 撤回声明); null for a first publication. */
  readonly corrects: string | null;
  readonly withdraws: string | null;
  /** Why it was corrected or withdrawn (a short text; the details belong in the content). */
  readonly reason: string | null;
  /** The held meeting (orglife) whose summary this is, for a 会议纪要. */
  readonly meeting: string | null;
  /** Set for an automatic item: the act that required it. */
  readonly source: DisclosureSource | null;
  /** The member who published it; null for an automatic item (its source names the act). */
  readonly by: string | null;
  /** The day it was recorded and the block that holds it. */
  readonly on: IsoDate;
  readonly height: number;
}

/** The link from a replaced item to its replacement. */
export interface Successor {
  readonly id: string;
  readonly how: 'corrected' | 'withdrawn';
  readonly on: IsoDate;
}

export const disclosureKeys = {
  item: (id: string) => `i${SEP}${id}`,
  itemPrefix: `i${SEP}`,
  successor: (id: string) => `s${SEP}${id}`,
};

/** Item ids the chain gives automatic items (`auto.<module>.<height>.<tx index>`): nobody else may take one. */
export const AUTO_ID_PREFIX = 'auto.';

export function getItem(store: ReadStore, id: string): DisclosureItem | undefined {
  return getRecord<DisclosureItem>(store, disclosureKeys.item(id));
}

export function getSuccessor(store: ReadStore, id: string): Successor | undefined {
  return getRecord<Successor>(store, disclosureKeys.successor(id));
}

/** The largest number of items a query walks (a community publishes a few hundred a year). */
export const MAX_ITEMS = 20_000;
/** The longest correction chain followed. */
export const MAX_CHAIN = 64;
