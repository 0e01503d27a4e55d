/** The dues module's query answers as the CLI reads them (packages/modules/src/dues/queries.ts). */
import type { DuesAssessment, DuesPayment, DuesRelief, DuesRemittance } from '@djchain/modules';

export type MonthState = 'notMember' | 'unassessed' | 'waived' | 'paid' | 'reported' | 'unpaid';

export type AssessmentView = DuesAssessment;

export type PaymentView = DuesPayment;

export type ReliefView = DuesRelief;

export interface MonthView {
  readonly month: string;
  readonly state: MonthState;
  readonly fen: number;
  readonly payment: string | null;
  readonly relief: string | null;
}

export interface LapseCaseView {
  readonly member: string;
  readonly org: string;
  readonly openedOn: string;
  readonly months: readonly string[];
  readonly status: 'open' | 'decided';
  readonly decision: { readonly outcome: string; readonly on: string; readonly resolution: string } | null;
}

export interface AccountView {
  readonly member: string;
  readonly org: string | null;
  readonly assessments: readonly AssessmentView[];
  readonly arrangement: { readonly quarterly: boolean; readonly proxy: boolean } | null;
  readonly months: readonly MonthView[];
  readonly payments: readonly PaymentView[];
  readonly reliefs: readonly ReliefView[];
  readonly arrears: readonly string[];
  readonly lapseCase: LapseCaseView | null;
}

export interface RegisterView {
  readonly org: string;
  readonly month: string;
  readonly rows: readonly (MonthView & { readonly member: string })[];
}

export interface ArrearsView {
  readonly org: string;
  readonly closedMonth: string;
  readonly rows: readonly {
    readonly member: string;
    readonly months: readonly string[];
    readonly lapseCase: LapseCaseView | null;
  }[];
}

export type RemittanceView = DuesRemittance;

export interface BooksView {
  readonly org: string;
  readonly year: number | null;
  readonly collected: number;
  readonly received: number;
  readonly remitted: number;
  /** What the organization holds now (all years). */
  readonly held: number;
  readonly remittances: readonly RemittanceView[];
}

export interface StatementView {
  readonly member: string;
  readonly year: number;
  readonly months: readonly MonthView[];
  readonly payments: readonly PaymentView[];
  readonly owedFen: number;
  readonly paidFen: number;
}

/** The assessment in force for a month: the newest whose `from` is not after it. */
export function assessmentFor(list: readonly AssessmentView[], month: string): AssessmentView | undefined {
  let found: AssessmentView | undefined;
  for (const a of [...list].sort((x, y) => (x.from < y.from ? -1 : 1))) if (a.from <= month) found = a;
  return found;
}
