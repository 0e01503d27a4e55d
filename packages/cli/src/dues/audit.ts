/**
 * `djchain dues audit`: the books of one organization recomputed from the chain's records alone —
 * every payment, relief, assessment and remittance — and compared with the chain's own figures.
 * Pure: the command fetches the records, this decides.
 *
 * Month by month: opening balance (earlier years) + collected + received − remitted = held at the
 * month's end, never below zero; for the year and in all, recomputed collected, received, remitted
 * and held equal the chain's books. Every payment: each month was assessed, its amount is the
 * assessment (less an approved reduction), the months' sum is what the record says was due, and the
 * payment is not short. Every assessment: the rule version is the one in force from its month, and
 * the amount is one `possibleAmount` allows for the group; given the sealed bases, the base opens to
 * the commitment on chain and `monthlyDues(rule, group, base)` is the assessed amount.
 *
 * Attribution: a payment counts in the month of its record date (`on`): the chain adds a reported
 * payment to the books when it is confirmed, which for a report confirmed in the next year moves it
 * across the year line — the audit then reports a yearly difference naming that payment.
 */
import type { Suite } from '@djchain/crypto';
import {
  type DuesGroup,
  duesBaseCommitment,
  duesRuleByVersion,
  duesRuleFor,
  monthlyDues,
  monthRange,
  possibleAmount,
} from '@djchain/modules';
import type { OpenedBase } from './bases.ts';
import {
  type AccountView,
  type AssessmentView,
  assessmentFor,
  type BooksView,
  type PaymentView,
  type RemittanceView,
} from './views.ts';

export type FindingCode =
  | 'CLI_DUES_AUDIT_COLLECTED'
  | 'CLI_DUES_AUDIT_RECEIVED'
  | 'CLI_DUES_AUDIT_REMITTED'
  | 'CLI_DUES_AUDIT_HELD'
  | 'CLI_DUES_AUDIT_NEGATIVE'
  | 'CLI_DUES_AUDIT_UNASSESSED'
  | 'CLI_DUES_AUDIT_DUE'
  | 'CLI_DUES_AUDIT_SHORT'
  | 'CLI_DUES_AUDIT_RULE'
  | 'CLI_DUES_AUDIT_AMOUNT'
  | 'CLI_DUES_AUDIT_NO_BASE'
  | 'CLI_DUES_AUDIT_COMMITMENT'
  | 'CLI_DUES_AUDIT_BASE_AMOUNT';

export interface Finding {
  readonly code: FindingCode;
  /** Figures for the message (fen as numbers, ids as text). */
  readonly params: Readonly<Record<string, string | number>>;
  /** The records behind it: payment, assessment, remittance ids or keys. */
  readonly records: readonly string[];
}

export interface AuditMonth {
  readonly month: string;
  readonly collected: number;
  readonly received: number;
  readonly remitted: number;
  /** At the month's end: opening + collected + received − remitted so far. */
  readonly held: number;
}

export interface AuditInput {
  readonly org: string;
  readonly year: number;
  /** The last month to list (the current month for this year). */
  readonly until: string;
  /** Every member who ever had a record with the organization. */
  readonly accounts: readonly AccountView[];
  /** The chain's books: the year's and in all (held). */
  readonly booksYear: BooksView;
  readonly booksTotal: BooksView;
  /** Opened sealed bases by commitment, when the auditor has them; undefined: not checked. */
  readonly bases?: ReadonlyMap<string, OpenedBase>;
  readonly suite: Suite;
}

export interface AuditResult {
  readonly opening: number;
  readonly months: readonly AuditMonth[];
  readonly totals: { collected: number; received: number; remitted: number; held: number };
  readonly findings: readonly Finding[];
  readonly payments: number;
  readonly assessments: number;
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const monthOfDate = (date: string) => date.slice(0, 7);

interface Flow {
  readonly on: string;
  readonly collected: number;
  readonly received: number;
  readonly remitted: number;
  readonly record: string;
}

/** Money movements of the organization, each dated. */
function flowsOf(
  org: string,
  payments: readonly PaymentView[],
  remittances: readonly RemittanceView[],
): Flow[] {
  const flows: Flow[] = [];
  for (const p of payments)
    if (p.org === org && p.status === 'confirmed')
      flows.push({ on: p.on, collected: p.fen, received: 0, remitted: 0, record: p.id });
  for (const r of remittances) {
    if (r.org === org) flows.push({ on: r.on, collected: 0, received: 0, remitted: r.fen, record: r.id });
    if (r.to === org && r.status === 'acknowledged' && r.acknowledgedOn !== null)
      flows.push({ on: r.acknowledgedOn, collected: 0, received: r.fen, remitted: 0, record: r.id });
  }
  return flows.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

function sum(flows: readonly Flow[], f: (x: Flow) => number): number {
  return flows.reduce((s, x) => s + f(x), 0);
}

function checkBooks(input: AuditInput, flows: readonly Flow[], findings: Finding[]) {
  const inYear = flows.filter((f) => yearOf(f.on) === input.year);
  const pairs = [
    ['CLI_DUES_AUDIT_COLLECTED', (f: Flow) => f.collected, input.booksYear.collected],
    ['CLI_DUES_AUDIT_RECEIVED', (f: Flow) => f.received, input.booksYear.received],
    ['CLI_DUES_AUDIT_REMITTED', (f: Flow) => f.remitted, input.booksYear.remitted],
  ] as const;
  for (const [code, pick, chain] of pairs) {
    const recomputed = sum(inYear, pick);
    if (recomputed !== chain)
      findings.push({
        code,
        params: { year: input.year, recomputed, chain },
        records: inYear.filter((f) => pick(f) !== 0).map((f) => f.record),
      });
  }
  const held = sum(flows, (f) => f.collected + f.received - f.remitted);
  if (held !== input.booksTotal.held)
    findings.push({
      code: 'CLI_DUES_AUDIT_HELD',
      params: { recomputed: held, chain: input.booksTotal.held },
      records: flows.map((f) => f.record),
    });
}

function monthsOf(input: AuditInput, flows: readonly Flow[], findings: Finding[]) {
  const opening = sum(
    flows.filter((f) => yearOf(f.on) < input.year),
    (f) => f.collected + f.received - f.remitted,
  );
  const last = input.until < `${input.year}-12` ? input.until : `${input.year}-12`;
  let held = opening;
  const months: AuditMonth[] = [];
  for (const month of monthRange(`${input.year}-01`, last, 12)) {
    const inMonth = flows.filter((f) => monthOfDate(f.on) === month);
    const m = {
      month,
      collected: sum(inMonth, (f) => f.collected),
      received: sum(inMonth, (f) => f.received),
      remitted: sum(inMonth, (f) => f.remitted),
    };
    held += m.collected + m.received - m.remitted;
    months.push({ ...m, held });
    if (held < 0)
      findings.push({
        code: 'CLI_DUES_AUDIT_NEGATIVE',
        params: { month, held },
        records: inMonth.filter((f) => f.remitted > 0).map((f) => f.record),
      });
  }
  return { opening, months };
}

/** The month's due under the assessment and any approved reduction (0 when waived). */
function dueOf(a: AssessmentView, account: AccountView, month: string): number {
  const relief = account.reliefs.find(
    (r) => r.status === 'approved' && r.from <= month && month <= r.to && r.member === account.member,
  );
  return relief === undefined ? a.fen : Math.min(relief.fen, a.fen);
}

function checkPayment(account: AccountView, p: PaymentView, findings: Finding[]) {
  let due = 0;
  const used: string[] = [];
  for (const month of p.months) {
    const a = assessmentFor(account.assessments, month);
    if (a === undefined) {
      findings.push({ code: 'CLI_DUES_AUDIT_UNASSESSED', params: { payment: p.id, month }, records: [p.id] });
      continue;
    }
    used.push(`${a.member}@${a.from}`);
    due += dueOf(a, account, month);
  }
  if (due !== p.dueFen)
    findings.push({
      code: 'CLI_DUES_AUDIT_DUE',
      params: { payment: p.id, recomputed: due, recorded: p.dueFen },
      records: [p.id, ...new Set(used)],
    });
  if (p.fen < p.dueFen)
    findings.push({
      code: 'CLI_DUES_AUDIT_SHORT',
      params: { payment: p.id, fen: p.fen, due: p.dueFen },
      records: [p.id],
    });
}

function checkAssessment(input: AuditInput, a: AssessmentView, findings: Finding[]) {
  const record = `${a.member}@${a.from}`;
  const rule = duesRuleByVersion(a.rule);
  if (rule === undefined || rule.version !== duesRuleFor(a.from).version) {
    findings.push({
      code: 'CLI_DUES_AUDIT_RULE',
      params: { member: a.member, from: a.from, rule: a.rule, expected: duesRuleFor(a.from).version },
      records: [record],
    });
    return;
  }
  const group = a.group as DuesGroup;
  const possible = possibleAmount(rule, group, a.fen);
  if (possible === null || possible.bp !== a.bp)
    findings.push({
      code: 'CLI_DUES_AUDIT_AMOUNT',
      params: { member: a.member, from: a.from, group: a.group, fen: a.fen, rule: a.rule },
      records: [record],
    });
  if (input.bases === undefined || a.commitment === null) return;
  const b = input.bases.get(a.commitment);
  if (b === undefined) {
    findings.push({
      code: 'CLI_DUES_AUDIT_NO_BASE',
      params: { member: a.member, from: a.from },
      records: [record],
    });
    return;
  }
  const again = duesBaseCommitment(input.suite, b.salt, {
    member: b.member,
    group: b.group,
    from: b.from,
    base: b.base,
  });
  if (again !== a.commitment || b.member !== a.member || b.group !== a.group || b.from !== a.from)
    findings.push({
      code: 'CLI_DUES_AUDIT_COMMITMENT',
      params: { member: a.member, from: a.from, commitment: a.commitment.slice(0, 16) },
      records: [record],
    });
  const amount = monthlyDues(rule, b.group, b.base);
  if (!amount.ok || amount.fen !== a.fen)
    findings.push({
      code: 'CLI_DUES_AUDIT_BASE_AMOUNT',
      params: {
        member: a.member,
        from: a.from,
        computed: amount.ok ? amount.fen : -1,
        fen: a.fen,
        rule: a.rule,
      },
      records: [record],
    });
}

export function auditDues(input: AuditInput): AuditResult {
  const findings: Finding[] = [];
  const payments = new Map<string, { account: AccountView; payment: PaymentView }>();
  for (const account of input.accounts)
    for (const p of account.payments) if (p.org === input.org) payments.set(p.id, { account, payment: p });
  const remittances = new Map<string, RemittanceView>();
  for (const r of [...input.booksTotal.remittances, ...input.booksYear.remittances]) remittances.set(r.id, r);
  const flows = flowsOf(
    input.org,
    [...payments.values()].map((x) => x.payment),
    [...remittances.values()],
  );
  checkBooks(input, flows, findings);
  const { opening, months } = monthsOf(input, flows, findings);
  let checkedPayments = 0;
  for (const { account, payment } of [...payments.values()].sort((a, b) =>
    a.payment.id < b.payment.id ? -1 : 1,
  )) {
    const touches = yearOf(payment.on) === input.year || payment.months.some((m) => yearOf(m) === input.year);
    if (!touches || (payment.status !== 'confirmed' && payment.status !== 'reported')) continue;
    checkPayment(account, payment, findings);
    checkedPayments++;
  }
  let checkedAssessments = 0;
  for (const account of input.accounts)
    for (const a of account.assessments) {
      checkAssessment(input, a, findings);
      checkedAssessments++;
    }
  const inYear = flows.filter((f) => yearOf(f.on) === input.year);
  return {
    opening,
    months,
    totals: {
      collected: sum(inYear, (f) => f.collected),
      received: sum(inYear, (f) => f.received),
      remitted: sum(inYear, (f) => f.remitted),
      held: sum(flows, (f) => f.collected + f.received - f.remitted),
    },
    findings,
    payments: checkedPayments,
    assessments: checkedAssessments,
  };
}
