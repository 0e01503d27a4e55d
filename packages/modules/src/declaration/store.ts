/** The declaration module's records and key layout. */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getRecord, SEP } from '../common/stores.ts';
import { PERSONAL_STEPS } from '../lists.ts';

export const REQUEST_KINDS = ['请示', '报告'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const ANSWER_OUTCOMES = ['approved', 'returned'] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

/** An organization's request (请示) or report (报告) to its superior. */
export interface RequestRecord {
  readonly id: string;
  /** The organization filing, and its superior on the chain that answers. */
  readonly org: string;
  readonly to: string;
  readonly kind: RequestKind;
  readonly title: string;
  /** SHA-256 of the document (an attachment: its content stays off chain). */
  readonly document: string;
  readonly filedOn: IsoDate;
  /** Last day of a timely answer (filedOn + answerDays). */
  readonly due: IsoDate;
  readonly status: 'filed' | 'received' | 'answered';
  readonly receivedOn: IsoDate | null;
  readonly answeredOn: IsoDate | null;
  readonly outcome: AnswerOutcome | null;
  readonly reason: string | null;
  /** SHA-256 of the answering document, when there is one. */
  readonly answer: string | null;
  /** Answered after `due`: recorded, never refused. */
  readonly late: boolean;
}

export { PERSONAL_STEPS };
export type PersonalStep = (typeof PERSONAL_STEPS)[number];

/** A member's declaration of a personal matter: kind and commitment, never the content. */
export interface PersonalRecord {
  readonly id: string;
  readonly member: string;
  /** The member's organization when filed: it reviews. */
  readonly org: string;
  readonly kind: string;
  readonly matterOn: IsoDate;
  /** Commitment to the sealed content (commitment.ts); replaced by a supplement after a query. */
  readonly commitment: string;
  readonly filedOn: IsoDate;
  /** Filed more than filingDays after the matter: flagged, never refused. */
  readonly lateFiling: boolean;
  readonly receiveBy: IsoDate;
  readonly closeBy: IsoDate;
  readonly step: PersonalStep;
  /** The date of each step reached (the last one of each kind). */
  readonly steps: { readonly [step: string]: IsoDate };
  readonly query: string | null;
  readonly supplements: number;
  readonly receivedLate: boolean;
  readonly closedLate: boolean;
}

export const declarationKeys = {
  request: (id: string) => `q${SEP}${id}`,
  fromOrg: (org: string) => `qf${SEP}${org}${SEP}`,
  toOrg: (org: string) => `qt${SEP}${org}${SEP}`,
  openRequests: `qo${SEP}`,
  personal: (id: string) => `p${SEP}${id}`,
  ofMember: (member: string) => `pm${SEP}${member}${SEP}`,
  ofOrg: (org: string) => `po${SEP}${org}${SEP}`,
  openPersonal: `pn${SEP}`,
  warned: (id: string, what: string) => `w${SEP}${id}${SEP}${what}`,
  lastCheck: 'lastCheck',
};

export function getRequest(store: ReadStore, id: string): RequestRecord | undefined {
  return getRecord<RequestRecord>(store, declarationKeys.request(id));
}

export function getPersonal(store: ReadStore, id: string): PersonalRecord | undefined {
  return getRecord<PersonalRecord>(store, declarationKeys.personal(id));
}

/** Records listed under an index prefix (keys end with the record id), at most `max`. */
export function listed<T>(
  store: ReadStore,
  prefix: string,
  get: (id: string) => T | undefined,
  max = 500,
): T[] {
  const out: T[] = [];
  for (const key of store.keys(prefix, max)) {
    const r = get(key.slice(prefix.length));
    if (r !== undefined) out.push(r);
  }
  return out;
}
