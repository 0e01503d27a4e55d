/** The discipline module's records: one per sanction case. */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { allKeys, getRecord, SEP } from '../common/stores.ts';

export const SANCTION_KINDS = ['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export interface SanctionRecord {
  readonly id: string;
  readonly member: string;
  readonly kind: SanctionKind;
  /** 留党察看 only: 12 or 24 months. */
  readonly months: number | null;
  /** The branch meeting's decision. */
  readonly decidedOn: IsoDate;
  readonly org: string;
  readonly status: 'decided' | 'approved' | 'rejected' | 'concluded';
  /** Effective from the superior's approval (处分条例 第十条: counted from the approval date). */
  readonly effectiveFrom: IsoDate | null;
  /** 留党察看: end of the observation period. */
  readonly observationEnds: IsoDate | null;
  /** 留党察看 concluded: rights restored, or expelled. */
  readonly conclusion: { readonly on: IsoDate; readonly outcome: 'restored' | 'expelled' } | null;
}

export const disciplineKeys = {
  sanction: (id: string) => `s${SEP}${id}`,
  byMember: (member: string, id: string) => `b${SEP}${member}${SEP}${id}`,
  byMemberPrefix: (member: string) => `b${SEP}${member}${SEP}`,
  warned: (id: string, kind: string) => `w${SEP}${id}${SEP}${kind}`,
  open: (id: string) => `q${SEP}${id}`,
  openPrefix: `q${SEP}`,
};

export function getSanction(store: ReadStore, id: string): SanctionRecord | undefined {
  return getRecord<SanctionRecord>(store, disciplineKeys.sanction(id));
}

export function sanctionsOf(store: ReadStore, member: string): SanctionRecord[] {
  const prefix = disciplineKeys.byMemberPrefix(member);
  return allKeys(store, prefix)
    .map((k) => getSanction(store, k.slice(prefix.length)))
    .filter((s): s is SanctionRecord => s !== undefined);
}
