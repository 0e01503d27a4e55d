/**
 * The read log: one entry per committed read record of sealed personal data (a member's profile,
 * a personal declaration), kept in state by the module that records the read, so that the
 * discipline-inspection view (纪检委员) and the member themself can list who read what, when and
 * why (declaration.readLog, declaration.readsOf). Keys sort by height then transaction index, so a
 * listing is in the order the reads were recorded. The entry holds ids, the stated purpose and
 * where the record is — never the content read.
 */
import type { ActionContext, ReadStore } from '@djchain/runtime';
import type { IsoDate } from './dates.ts';
import { asValue, getRecord, SEP } from './stores.ts';

export interface ReadEntry {
  /** 'profile' (member.recordProfileRead) or 'declaration' (declaration.recordRead). */
  readonly what: 'profile' | 'declaration';
  /** The member whose data was read. */
  readonly subject: string;
  /** The subject's organization at the time of the read. */
  readonly org: string;
  /** Who read: the member id of the signer (null for a key of no member). */
  readonly reader: string | null;
  /** The declaration id, or the profile fields read ('' for a trace without fields). */
  readonly ref: string;
  readonly purpose: string;
  readonly on: IsoDate;
  readonly height: number;
  /** The read record's position: its block and index there, and its hash. */
  readonly index: number;
  readonly txHash: string;
}

const pos = (height: number, index: number) =>
  `${String(height).padStart(12, '0')}${SEP}${String(index).padStart(6, '0')}`;

export const readLogKeys = {
  bySubject: (subject: string) => `L${SEP}s${SEP}${subject}${SEP}`,
  byOrg: (org: string) => `L${SEP}o${SEP}${org}${SEP}`,
};

/** Writes one entry under the subject and under the subject's organization. */
export function appendRead(ctx: ActionContext, entry: Omit<ReadEntry, 'height' | 'index' | 'txHash'>): void {
  const full: ReadEntry = { ...entry, height: ctx.height, index: ctx.txIndex, txHash: ctx.txHash };
  const at = pos(ctx.height, ctx.txIndex);
  ctx.store.set(`${readLogKeys.bySubject(entry.subject)}${at}`, asValue(full));
  ctx.store.set(`${readLogKeys.byOrg(entry.org)}${at}`, asValue(full));
}

/** The entries under a prefix in one store, oldest first, at most `max`. */
export function readEntries(store: ReadStore, prefix: string, max: number): ReadEntry[] {
  const out: ReadEntry[] = [];
  for (const key of store.keys(prefix, max)) {
    const e = getRecord<ReadEntry>(store, key);
    if (e) out.push(e);
  }
  return out;
}

/** Entries of several stores merged in the order they were recorded; the latest `max` kept. */
export function mergeReads(lists: readonly ReadEntry[][], max: number): ReadEntry[] {
  const all = lists.flat();
  all.sort((a, b) => a.height - b.height || a.index - b.index);
  return all.slice(Math.max(0, all.length - max));
}

/**
 * A purpose counts as stated when it has at least this many characters besides blanks (the shape
 * bounds it above: TEXT_LIMITS.purpose); "  " or "x" says nothing about why.
 */
export const MIN_PURPOSE_LENGTH = 2;

export function isStatedPurpose(purpose: string): boolean {
  return purpose.replace(/\s/gu, '').length >= MIN_PURPOSE_LENGTH;
}
