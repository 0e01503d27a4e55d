/**
 * The warning register: one record per warning (`w/<id>`), open or closed, and indexes of the open
 * ones by owning organization (`o/<org>/<id>`), by member (`m/<member>/<id>`) and all (`a/<id>`,
 * whose value is the warning's member when its kind is member-bound, `true` otherwise: register.ts).
 * Closed records stay: the history of what was warned and which act answered it.
 */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getRecord, SEP } from '../common/stores.ts';
import type { QueuedWarning } from '../common/warnings.ts';

export interface WarningRecord extends QueuedWarning {
  readonly status: 'open' | 'closed';
  /** The block start that saw the resolving act recorded, and which act it was. */
  readonly closedOn: IsoDate | null;
  readonly closedAt: number | null;
  readonly closedBy: string | null;
}

export const warningKeys = {
  record: (id: string) => `w${SEP}${id}`,
  openOfOrg: (org: string, id: string) => `o${SEP}${org}${SEP}${id}`,
  openOfOrgPrefix: (org: string) => `o${SEP}${org}${SEP}`,
  openOfMember: (member: string, id: string) => `m${SEP}${member}${SEP}${id}`,
  openOfMemberPrefix: (member: string) => `m${SEP}${member}${SEP}`,
  open: (id: string) => `a${SEP}${id}`,
  openPrefix: `a${SEP}`,
  /** The China date of the last full sweep of the open warnings (register.ts). */
  swept: 'swept',
};

export function getWarning(store: ReadStore, id: string): WarningRecord | undefined {
  return getRecord<WarningRecord>(store, warningKeys.record(id));
}

/** Ids of the open warnings under an index prefix, in byte order. */
export function openIds(store: ReadStore, prefix: string, max: number): string[] {
  return store.keys(prefix, max).map((k) => k.slice(prefix.length));
}
