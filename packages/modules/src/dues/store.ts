/**
 * The dues module's records. Amounts are integer fen; months are 'YYYY-MM'. The income base never
 * appears here: an assessment holds the group, the resulting monthly amount and a salted commitment
 * to the base (commitment.ts), confirmed by the branch.
 */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import type { LapseCase } from '../common/lapse.ts';
import type { YearMonth } from '../common/months.ts';
import { getRecord, SEP } from '../common/stores.ts';
import type { DuesGroup } from './rates.ts';

export type { LapseCase };

export interface Assessment {
  readonly member: string;
  readonly group: DuesGroup;
  /** First month the amount applies to (the month the new income starts, 第十条). */
  readonly from: YearMonth;
  readonly fen: number;
  /** Rate in basis points for the based groups; null for fixed amounts. */
  readonly bp: number | null;
  readonly rule: string;
  /** Salted commitment to the base (hex); null for groups without a base. */
  readonly commitment: string | null;
  readonly by: string;
  readonly on: IsoDate;
}

export const PAYMENT_METHODS = ['现金', '转账', '其他'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface Payment {
  readonly id: string;
  readonly member: string;
  /** The organization that received it (the one holding the membership at the time). */
  readonly org: string;
  readonly months: readonly YearMonth[];
  /** What the months were due at. */
  readonly dueFen: number;
  /** Paid: due plus any voluntary extra (第十一条). */
  readonly fen: number;
  readonly method: PaymentMethod;
  readonly reference: string | null;
  readonly on: IsoDate;
  readonly by: string;
  /** reported: entered by the member, awaiting the branch; confirmed: counts; the others do not. */
  readonly status: 'reported' | 'confirmed' | 'rejected' | 'corrected';
  /** Some month was paid back more than the rule's back-payment limit after it fell due. */
  readonly late: boolean;
  readonly reason: string | null;
  readonly viaProxy: boolean;
  /** The correcting record, when this one was corrected. */
  readonly correctedBy: string | null;
}

export interface Relief {
  readonly id: string;
  readonly member: string;
  readonly org: string;
  readonly from: YearMonth;
  readonly to: YearMonth;
  /** Reduced monthly amount; 0 waives. */
  readonly fen: number;
  readonly resolution: string;
  readonly status: 'requested' | 'approved' | 'rejected';
  readonly on: IsoDate;
}

export interface Arrangement {
  /** Pays once a quarter (the whole current quarter may be paid in advance). */
  readonly quarterly: boolean;
  /** A relative or another member may hand in the payment. */
  readonly proxy: boolean;
  readonly on: IsoDate;
}

export interface Books {
  readonly collected: number;
  readonly received: number;
  readonly remitted: number;
}

export interface Remittance {
  readonly id: string;
  readonly org: string;
  /** The receiving organization; null when it is the body above the chain's top committee. */
  readonly to: string | null;
  readonly fen: number;
  readonly period: string;
  readonly reference: string | null;
  readonly on: IsoDate;
  readonly status: 'sent' | 'acknowledged';
  readonly acknowledgedOn: IsoDate | null;
}

export interface Notice {
  readonly id: string;
  readonly org: string;
  readonly year: number;
  readonly document: string;
  readonly books: Books;
  readonly on: IsoDate;
}

export const duesKeys = {
  assessment: (member: string, from: YearMonth) => `a${SEP}${member}${SEP}${from}`,
  assessmentPrefix: (member: string) => `a${SEP}${member}${SEP}`,
  /** Members with an assessment: the month close walks these. */
  account: (member: string) => `i${SEP}${member}`,
  accountPrefix: `i${SEP}`,
  /** A month taken by a payment (reported or confirmed): value is the payment id. */
  paid: (member: string, month: YearMonth) => `p${SEP}${member}${SEP}${month}`,
  paidPrefix: (member: string) => `p${SEP}${member}${SEP}`,
  payment: (id: string) => `r${SEP}${id}`,
  paymentsOf: (member: string, id: string) => `rm${SEP}${member}${SEP}${id}`,
  paymentsOfPrefix: (member: string) => `rm${SEP}${member}${SEP}`,
  /** Payments received by an organization (the books' drill-down reads these). */
  paymentsTo: (org: string, id: string) => `po${SEP}${org}${SEP}${id}`,
  paymentsToPrefix: (org: string) => `po${SEP}${org}${SEP}`,
  correction: (id: string) => `cr${SEP}${id}`,
  relief: (id: string) => `f${SEP}${id}`,
  relievedMonth: (member: string, month: YearMonth) => `x${SEP}${member}${SEP}${month}`,
  reliefsOf: (member: string, id: string) => `fm${SEP}${member}${SEP}${id}`,
  reliefsOfPrefix: (member: string) => `fm${SEP}${member}${SEP}`,
  arrangement: (member: string) => `q${SEP}${member}`,
  books: (org: string) => `k${SEP}${org}`,
  booksYear: (org: string, year: number) => `ky${SEP}${org}${SEP}${year}`,
  remittance: (id: string) => `m${SEP}${id}`,
  remittancesOf: (org: string, id: string) => `mo${SEP}${org}${SEP}${id}`,
  remittancesOfPrefix: (org: string) => `mo${SEP}${org}${SEP}`,
  lapseCase: (member: string) => `c${SEP}${member}`,
  lapseCasePrefix: `c${SEP}`,
  warned: (member: string, streakStart: YearMonth) => `w${SEP}${member}${SEP}${streakStart}`,
  notice: (id: string) => `n${SEP}${id}`,
  /** The last month closed by the block-start hook. */
  closed: 'closed',
  /** A month close in progress over several blocks (close.ts), and its chunks `closing/<i>`. */
  closing: 'closing',
  /** Members judged per block of a close, when the genesis set it (`dues.closeMembers`). */
  closeMembers: 'closeMembers',
};

export const getPayment = (s: ReadStore, id: string) => getRecord<Payment>(s, duesKeys.payment(id));
export const getRelief = (s: ReadStore, id: string) => getRecord<Relief>(s, duesKeys.relief(id));
export const getRemittance = (s: ReadStore, id: string) => getRecord<Remittance>(s, duesKeys.remittance(id));
export const getLapseCase = (s: ReadStore, member: string) =>
  getRecord<LapseCase>(s, duesKeys.lapseCase(member));
export const getArrangement = (s: ReadStore, member: string) =>
  getRecord<Arrangement>(s, duesKeys.arrangement(member));

export const NO_BOOKS: Books = { collected: 0, received: 0, remitted: 0 };

export function getBooks(s: ReadStore, org: string, year?: number): Books {
  const key = year === undefined ? duesKeys.books(org) : duesKeys.booksYear(org, year);
  return getRecord<Books>(s, key) ?? NO_BOOKS;
}

/** What an organization holds: collected and received, less what it remitted. */
export const held = (b: Books): number => b.collected + b.received - b.remitted;

/** A member's assessments, oldest first. */
export function assessmentsOf(s: ReadStore, member: string): Assessment[] {
  const prefix = duesKeys.assessmentPrefix(member);
  return s
    .keys(prefix, 1000)
    .map((k) => getRecord<Assessment>(s, k))
    .filter((a): a is Assessment => a !== undefined);
}

/** The assessment in force for a month: the newest whose `from` is not after it. */
export function assessmentFor(list: readonly Assessment[], month: YearMonth): Assessment | undefined {
  let found: Assessment | undefined;
  for (const a of list) if (a.from <= month) found = a;
  return found;
}
