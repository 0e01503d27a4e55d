/**
 * Automatic items: an act another module records (recruitment's publicity steps, dues' yearly
 * notice) that a rule requires to be published writes an announcement into ITS OWN store, keyed by
 * the block and transaction that recorded it; at the next block's start the disclosure module's
 * hook turns each announcement of the previous block into an item (hook.ts). A module writes only
 * its own store (runtime contract), so this is how an act reaches the disclosure record
 * deterministically: no clock, no second transaction, nothing for a person to forget.
 */
import type { ActionContext, ReadContext } from '@djchain/runtime';
import { getAttachment } from '../attachment/store.ts';
import type { IsoDate } from '../common/dates.ts';
import { asValue, MODULE, SEP, storeOf } from '../common/stores.ts';
import { storesFor } from '../permissions/authorize.ts';
import { contentFits } from './rules.ts';
import type { DisclosureScope } from './store.ts';

/** The modules whose acts announce items, in the order the hook reads them. */
export const OUTBOX_SOURCES = [MODULE.dues, MODULE.recruitment] as const;

export type AutomaticKind = '发展对象公示' | '转正公示' | '党费收缴公示';

export interface Announcement {
  readonly kind: AutomaticKind;
  readonly org: string;
  readonly scope: DisclosureScope;
  readonly from: IsoDate;
  readonly until: IsoDate | null;
  /** The act's document when it is a registered attachment every reader of the item may read; else null. */
  readonly content: string | null;
  /** The action that required it, and its transaction. */
  readonly action: string;
  readonly tx: string;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export const outboxKeys = {
  /** Sorted by block, then by transaction: one announcement per transaction at most. */
  entry: (height: number, txIndex: number) => `pub${SEP}${pad(height, 12)}${SEP}${pad(txIndex, 6)}`,
  block: (height: number) => `pub${SEP}${pad(height, 12)}${SEP}`,
};

/**
 * `hash` when it names a registered attachment whose scope reaches every reader of an item of
 * `scope` held by `org`; otherwise null (an act's free `ref` may name a paper file, not an attachment).
 */
export function fittingContent(
  ctx: ReadContext,
  self: string,
  hash: string | null | undefined,
  scope: DisclosureScope,
  org: string,
): string | null {
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return null;
  const a = getAttachment(storeOf(ctx, self, MODULE.attachment), hash);
  return a && contentFits(storesFor(ctx, self), a, scope, org) ? hash : null;
}

/** Writes the announcement of the current transaction into the calling module's own store. */
export function announce(ctx: ActionContext, a: Omit<Announcement, 'tx'>): void {
  const entry: Announcement = { ...a, tx: ctx.txHash };
  ctx.store.set(outboxKeys.entry(ctx.height, ctx.txIndex), asValue(entry));
}
