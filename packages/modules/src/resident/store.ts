/**
 * The resident module's records: resident accounts (a key bound by the community's clerk after an
 * in-person check, with only a salted commitment of that check), 居民代表 designations, 四议两公开
 * matters with their meetings and the representatives' signed votes, and residents' comments.
 * Nothing personal: residents are opaque ids and key addresses, like members.
 */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getRecord, SEP } from '../common/stores.ts';
import { MATTER_STATUSES } from '../lists.ts';

export { MATTER_STATUSES };

export interface Designation {
  readonly since: IsoDate;
  /** Reference of the record of the election or appointment (a resolution id or a document hash). */
  readonly resolution: string;
  readonly by: string | null;
}

export interface ResidentRecord {
  readonly id: string;
  /** The community organization whose service centre bound the key. */
  readonly org: string;
  /** Address of the current key; kept after unbinding (the key is retired, never bound again). */
  readonly address: string;
  /** Salted commitment of the clerk's in-person check (commitment.ts): no ID number on chain. */
  readonly commitment: string;
  readonly status: 'bound' | 'unbound';
  readonly boundOn: IsoDate;
  /** The clerk (member id) who bound the current key. */
  readonly by: string | null;
  /** Keys bound so far (1 at first binding; each rebinding after a lost key adds one). */
  readonly keys: number;
  readonly representative: Designation | null;
  readonly unbound: { readonly on: IsoDate; readonly reason: string } | null;
}

/** One meeting step of a matter: who recorded it, when it was held, the counts the chain checked. */
export interface MatterStep {
  readonly heldOn: IsoDate;
  readonly recordedOn: IsoDate;
  readonly by: string | null;
  /** Minutes or notice (attachment hash). */
  readonly document: string;
  readonly expected: number;
  readonly present: number;
  /** The members present (支部会, 党员大会); empty where the attendees are not all on chain (两委会). */
  readonly attendees: readonly string[];
  readonly yes: number | null;
  readonly no: number | null;
  readonly abstain: number | null;
  readonly outcome: 'proposed' | 'agreed' | 'notAgreed' | 'passed' | 'rejected';
  /** Held later than the step's maximum interval after the previous one (recorded, not refused). */
  readonly late: boolean;
}

/** A 居民代表会议 vote round: the representatives at opening, their signed votes counted. */
export interface VoteRound {
  readonly round: number;
  readonly openedOn: IsoDate;
  /** Representatives designated when the round opened (ascending): the expected voters. */
  readonly expected: readonly string[];
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly closedOn: IsoDate | null;
  readonly outcome: 'passed' | 'rejected' | 'noQuorum' | null;
}

export interface Publication {
  readonly on: IsoDate;
  readonly document: string;
  readonly by: string | null;
  readonly late: boolean;
}

export type MatterStatus = (typeof MATTER_STATUSES)[number];

export interface Matter {
  readonly id: string;
  readonly org: string;
  readonly title: string;
  readonly status: MatterStatus;
  readonly propose: MatterStep;
  readonly deliberate: MatterStep | null;
  readonly review: MatterStep | null;
  readonly rounds: readonly VoteRound[];
  readonly resolution: Publication | null;
  readonly result: Publication | null;
}

export interface Comment {
  readonly n: number;
  readonly resident: string;
  readonly on: IsoDate;
  readonly text: string | null;
  readonly document: string | null;
}

/** Per-account write counter: the day and block of the last write and the counts in them. */
export interface RateRecord {
  readonly day: IsoDate;
  readonly inDay: number;
  readonly height: number;
  readonly inBlock: number;
}

export const residentKeys = {
  resident: (id: string) => `r${SEP}${id}`,
  prefix: `r${SEP}`,
  address: (addr: string) => `a${SEP}${addr}`,
  /** Keys once bound and since replaced or unbound: never bound again. */
  retired: (addr: string) => `x${SEP}${addr}`,
  rate: (id: string) => `q${SEP}${id}`,
  matter: (id: string) => `m${SEP}${id}`,
  matterPrefix: `m${SEP}`,
  vote: (matter: string, round: number, resident: string) =>
    `v${SEP}${matter}${SEP}${round}${SEP}${resident}`,
  /** A comment target: `matter:<id>` or `doc:<hash>`; comments numbered from 1 (zero-padded, so keys sort). */
  comment: (target: string, n: number) => `c${SEP}${target}${SEP}${String(n).padStart(6, '0')}`,
  commentPrefix: (target: string) => `c${SEP}${target}${SEP}`,
  commentCount: (target: string) => `n${SEP}${target}`,
};

export function getResident(store: ReadStore, id: string): ResidentRecord | undefined {
  return getRecord<ResidentRecord>(store, residentKeys.resident(id));
}

export function residentIdByAddress(store: ReadStore, address: string): string | undefined {
  const v = store.get(residentKeys.address(address));
  return typeof v === 'string' ? v : undefined;
}

export function getMatter(store: ReadStore, id: string): Matter | undefined {
  return getRecord<Matter>(store, residentKeys.matter(id));
}
