/**
 * 党务公开 for the page: the items in force for a range of readers (a node's answer), and one item
 * checked in this browser — its record and the link to its correction or withdrawal (or the proof
 * that there is none) read with state proofs against a header the light client verified from the
 * genesis validator set, its content downloaded and hashed. Nothing the node says about the item
 * is shown unchecked: the page shows the proved record.
 */
import { decode, type Value } from '@djchain/crypto/browser';
import type { Chain } from './chain.ts';
import { AppError } from './errors.ts';

/**
 * The modules' record (@djchain/modules src/disclosure/store.ts), copied: the layer rule keeps the
 * modules out of the web app; test/disclosure-copy.test.ts fails when the two drift.
 */
export const DISCLOSURE_SCOPES = ['public', 'community', 'org'] as const;
export type DisclosureScope = (typeof DISCLOSURE_SCOPES)[number];
export const DISCLOSURE_KINDS = [
  '发展对象公示',
  '转正公示',
  '党费收缴公示',
  '会议纪要',
  '工作公开',
  '通知公告',
  '撤回声明',
] as const;

export interface DisclosureItem {
  readonly id: string;
  readonly org: string;
  readonly kind: string;
  readonly scope: DisclosureScope;
  readonly from: string;
  readonly until: string | null;
  readonly content: string | null;
  readonly corrects: string | null;
  readonly withdraws: string | null;
  readonly reason: string | null;
  readonly meeting: string | null;
  readonly source: {
    readonly module: string;
    readonly action: string;
    readonly tx: string;
    readonly height: number;
  } | null;
  readonly by: string | null;
  readonly on: string;
  readonly height: number;
}

export interface Successor {
  readonly id: string;
  readonly how: 'corrected' | 'withdrawn';
  readonly on: string;
}

/** State keys of an item and of its replacement link (the modules' `disclosure` store). */
export const itemKey = (id: string) => `disclosure/i/${id}`;
export const successorKey = (id: string) => `disclosure/s/${id}`;

/** What is in force today (chain time) for the readers of a range. */
export async function itemsInForce(
  chain: Chain,
  scope: DisclosureScope,
  org?: string,
): Promise<{ on: string; items: DisclosureItem[] }> {
  const params: { [k: string]: Value } = { scope, ...(org ? { org } : {}) };
  return (await chain.client.query('disclosure', 'inForce', params)).result as {
    on: string;
    items: DisclosureItem[];
  };
}

export interface CheckedItem {
  /** The record as proved in the state root of `height`'s header (verified by the light client). */
  readonly item: DisclosureItem;
  readonly successor: Successor | null;
  readonly height: number;
  /** The node's answer equals the proved record (a node that lies is shown as such). */
  readonly answerMatches: boolean;
  /** The other versions of its chain (the node's answer; each opens on its own page, checked there). */
  readonly versions: readonly DisclosureItem[];
  /** The content, hashed here to the hash on chain (null when the item has none). */
  readonly content: {
    readonly bytes: Uint8Array;
    readonly mediaType: string;
    readonly text: string | null;
  } | null;
}

/** Reads the item with proofs and its content, checked in this browser (throws a coded error when a check fails). */
export async function checkItem(chain: Chain, id: string): Promise<CheckedItem> {
  const answer = (await chain.client.query('disclosure', 'item', { id })).result as {
    item: DisclosureItem;
    versions: DisclosureItem[];
  } | null;
  const proved = await chain.client.getState(itemKey(id));
  if (proved.value === undefined)
    throw new AppError('WEB_ITEM_NOT_FOUND', `no disclosure item ${id} on chain`);
  // The link is read at the same height: the item was (not) replaced in that very state.
  const link = await chain.client.getState(successorKey(id), proved.height);
  const item = decode(proved.value) as unknown as DisclosureItem;
  const answerMatches = answer !== null && JSON.stringify(answer.item) === JSON.stringify(item);
  let content: CheckedItem['content'] = null;
  if (item.content !== null) {
    const bytes = await chain.client.getAttachment(item.content);
    const record = await chain.client.attachment(item.content);
    const mediaType = record?.mediaType ?? 'application/octet-stream';
    content = { bytes, mediaType, text: mediaType === 'text/plain' ? new TextDecoder().decode(bytes) : null };
  }
  return {
    item,
    successor: link.value === undefined ? null : (decode(link.value) as unknown as Successor),
    height: proved.height,
    answerMatches,
    versions: answer?.versions ?? [item],
    content,
  };
}
