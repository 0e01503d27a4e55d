/**
 * The member module's records. Identity on chain is an opaque id; the personal profile is off-chain,
 * encrypted, with only a salted commitment and an opaque reference here.
 */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getRecord, SEP } from '../common/stores.ts';

export const EXIT_REASONS = ['除名', '开除', '自行脱党', '取消预备党员资格'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export interface MemberRecord {
  readonly id: string;
  /** Organization the member was registered in (transfers move it: see currentOrg). */
  readonly org: string;
  readonly registeredOn: IsoDate;
  /** Address of the member's current key. */
  readonly address: string;
  /** Salted commitment (hex hash) of the encrypted off-chain profile, and its opaque reference. */
  readonly profileCommitment: string | null;
  readonly profileRef: string | null;
  /**
   * Age commitment C = H^k(seed) (age.ts), put here by the clerk who checked the ID; lets the chain
   * check the 18-year rule without the birth date. Null when none was registered.
   */
  readonly ageCommitment: string | null;
  /** A replacement of the age commitment proposed by one person, awaiting a second's confirmation. */
  readonly ageCorrection?: { readonly commitment: string; readonly by: string; readonly on: IsoDate };
  /** Members imported from an existing roster: status and the day their Party age counts from. */
  readonly imported: {
    readonly status: '正式党员' | '预备党员';
    readonly since: IsoDate;
    readonly probationEnd: IsoDate | null;
  } | null;
  /** 停止党籍 (lost contact), with the date; null when not suspended. */
  readonly suspended: { readonly on: IsoDate; readonly lostContactSince: IsoDate } | null;
  /** Left the Party (除名, 自行脱党) by a decision recorded here. */
  readonly exit: { readonly reason: ExitReason; readonly on: IsoDate } | null;
  /** Pending key recovery requested by the branch, awaiting the superior's approval. */
  readonly recovery: {
    readonly newAddress: string;
    readonly requestedOn: IsoDate;
    readonly by: string;
  } | null;
}

export const memberKeys = {
  member: (id: string) => `m${SEP}${id}`,
  prefix: `m${SEP}`,
  address: (addr: string) => `a${SEP}${addr}`,
  /** Retired key addresses are kept so they can never be registered again. */
  retired: (addr: string) => `r${SEP}${addr}`,
};

export function getMember(store: ReadStore, id: string): MemberRecord | undefined {
  return getRecord<MemberRecord>(store, memberKeys.member(id));
}

export function memberIdByAddress(store: ReadStore, address: string): string | undefined {
  const v = store.get(memberKeys.address(address));
  return typeof v === 'string' ? v : undefined;
}
