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
  /** 留党察看 only: 12 or 24 months (24 also after a one-year extension). */
  readonly months: number | null;
  /** The branch meeting's decision. */
  readonly decidedOn: IsoDate;
  readonly org: string;
  /**
   * decided → approved (effective) | rejected; a case reserved for the discipline commission goes
   * decided → referred (the 党委 agreed) → approved | rejected by the commission (党章第四十二条).
   */
  readonly status: 'decided' | 'referred' | 'approved' | 'rejected' | 'concluded';
  /**
   * Approved only by the county-level discipline commission named in genesis: every 开除党籍, and a case
   * the branch marks as important or complex (党章第四十二条). Absent on records older than the rule.
   */
  readonly reserved?: boolean;
  /**
   * Highest rank (org/rank.ts) of the posts the member held on the day the sanction took effect: the
   * "原任职务" the bars of 第十条至第十二条 compare with. 0 = no post. Absent on older records (= 0).
   */
  readonly formerRank?: number;
  /** 留党察看 of one year extended by one more (第十二条): the day it was extended. */
  readonly extendedOn?: IsoDate | null;
  /** Effective from the superior's approval (处分条例 第十条: counted from the approval date). */
  readonly effectiveFrom: IsoDate | null;
  /** 留党察看: end of the observation period. */
  readonly observationEnds: IsoDate | null;
  /**
   * Carried in by a transfer from another chain (discipline/carried.ts): where it was decided, under
   * which id, and the release that carried it. `org` is then the receiving branch.
   */
  readonly carriedFrom?: {
    readonly chain: string;
    readonly transfer: string;
    readonly id: string;
    readonly org: string;
  };
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
  /** The discipline commission named in genesis (DisciplineCommission). */
  commission: 'commission',
};

/**
 * The county-level (or higher) discipline commission (县级以上纪律检查委员会) named in genesis: an
 * observer organization of the consortium that signs its decisions with this key. It alone approves
 * expulsions and the cases a 党委 may not decide (党章第四十二条).
 */
export interface DisciplineCommission {
  readonly name: string;
  /** Key address (40 hex) the commission signs with. */
  readonly address: string;
}

export function disciplineCommission(store: ReadStore): DisciplineCommission | null {
  return getRecord<DisciplineCommission>(store, disciplineKeys.commission) ?? null;
}

export function getSanction(store: ReadStore, id: string): SanctionRecord | undefined {
  return getRecord<SanctionRecord>(store, disciplineKeys.sanction(id));
}

export function sanctionsOf(store: ReadStore, member: string): SanctionRecord[] {
  const prefix = disciplineKeys.byMemberPrefix(member);
  return allKeys(store, prefix)
    .map((k) => getSanction(store, k.slice(prefix.length)))
    .filter((s): s is SanctionRecord => s !== undefined);
}
