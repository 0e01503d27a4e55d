/**
 * The dues audit (src/dues/audit.ts) on hand-written records: books that balance give no finding;
 * each kind of discrepancy — a payment missing from the books, a remittance above what was held, a
 * payment whose due amount is not its assessment's, a short payment, a month never assessed, an
 * amount no base gives, a rule version not in force, a sealed base that does not open to the
 * commitment or gives another amount — is found and names the records behind it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { duesBaseCommitment } from '@djchain/modules';
import { type AuditInput, auditDues } from '../src/dues/audit.ts';
import type {
  AccountView,
  AssessmentView,
  BooksView,
  PaymentView,
  RemittanceView,
} from '../src/dues/views.ts';

const suite = getSuite('intl');
const SALT = new Uint8Array(32).fill(7);

function assessment(
  member: string,
  from: string,
  fen: number,
  extra: Partial<AssessmentView> = {},
): AssessmentView {
  return {
    member,
    group: '在职',
    from,
    fen,
    bp: 100,
    rule: '2008',
    commitment: null,
    by: 'm-sec',
    on: `${from}-05`,
    ...extra,
  };
}

function payment(
  id: string,
  member: string,
  months: string[],
  fen: number,
  dueFen: number,
  on: string,
  extra: Partial<PaymentView> = {},
): PaymentView {
  return {
    id,
    member,
    org: 'b1',
    months,
    dueFen,
    fen,
    method: '现金',
    reference: null,
    on,
    by: 'm-sec',
    status: 'confirmed',
    late: false,
    reason: null,
    viaProxy: false,
    correctedBy: null,
    ...extra,
  };
}

function account(
  member: string,
  assessments: AssessmentView[],
  payments: readonly PaymentView[],
): AccountView {
  return {
    member,
    org: 'b1',
    assessments,
    arrangement: null,
    months: [],
    payments,
    reliefs: [],
    arrears: [],
    lapseCase: null,
  };
}

function remittance(
  id: string,
  fen: number,
  on: string,
  extra: Partial<RemittanceView> = {},
): RemittanceView {
  return {
    id,
    org: 'b1',
    to: 'c1',
    fen,
    period: 'Q',
    reference: null,
    on,
    status: 'sent',
    acknowledgedOn: null,
    ...extra,
  };
}

function books(
  year: number | null,
  collected: number,
  remitted: number,
  held: number,
  remittances: RemittanceView[],
): BooksView {
  return { org: 'b1', year, collected, received: 0, remitted, held, remittances };
}

/** Two members in 2026: 45.00 a month from March, 30.00 from January; paid and remitted 50.00 in May. */
function base(): AuditInput {
  const r1 = remittance('dr-1', 5000, '2026-05-20');
  return {
    org: 'b1',
    year: 2026,
    until: '2026-06',
    accounts: [
      account(
        'm-a',
        [assessment('m-a', '2026-03', 4500)],
        [payment('dp-a1', 'm-a', ['2026-03', '2026-04'], 9000, 9000, '2026-04-10')],
      ),
      account(
        'm-b',
        [assessment('m-b', '2025-11', 3000)],
        [payment('dp-b1', 'm-b', ['2026-01'], 3500, 3000, '2026-05-02')],
      ),
    ],
    booksYear: books(2026, 12500, 5000, 7500, [r1]),
    booksTotal: books(null, 12500, 5000, 7500, [r1]),
    suite,
  };
}

test('books that balance: months, totals, no finding', () => {
  const r = auditDues(base());
  assert.deepEqual(r.findings, []);
  assert.equal(r.opening, 0);
  assert.deepEqual(r.months, [
    { month: '2026-01', collected: 0, received: 0, remitted: 0, held: 0 },
    { month: '2026-02', collected: 0, received: 0, remitted: 0, held: 0 },
    { month: '2026-03', collected: 0, received: 0, remitted: 0, held: 0 },
    { month: '2026-04', collected: 9000, received: 0, remitted: 0, held: 9000 },
    { month: '2026-05', collected: 3500, received: 0, remitted: 5000, held: 7500 },
    { month: '2026-06', collected: 0, received: 0, remitted: 0, held: 7500 },
  ]);
  assert.deepEqual(r.totals, { collected: 12500, received: 0, remitted: 5000, held: 7500 });
  assert.equal(r.payments, 2);
  assert.equal(r.assessments, 2);
});

test('books that say more than the records: collected and held differ, the payments named', () => {
  const input = base();
  const r = auditDues({
    ...input,
    booksYear: { ...input.booksYear, collected: 13000 },
    booksTotal: { ...input.booksTotal, held: 8000 },
  });
  assert.deepEqual(r.findings, [
    {
      code: 'CLI_DUES_AUDIT_COLLECTED',
      params: { year: 2026, recomputed: 12500, chain: 13000 },
      records: ['dp-a1', 'dp-b1'],
    },
    {
      code: 'CLI_DUES_AUDIT_HELD',
      params: { recomputed: 7500, chain: 8000 },
      records: ['dp-a1', 'dp-b1', 'dr-1'],
    },
  ]);
});

test('a remittance before the money came in: held below zero that month', () => {
  const input = base();
  const early = remittance('dr-1', 5000, '2026-03-31');
  const r = auditDues({
    ...input,
    booksYear: { ...input.booksYear, remittances: [early] },
    booksTotal: { ...input.booksTotal, remittances: [early] },
  });
  assert.deepEqual(r.findings, [
    { code: 'CLI_DUES_AUDIT_NEGATIVE', params: { month: '2026-03', held: -5000 }, records: ['dr-1'] },
  ]);
});

test('payments that do not match their assessments: due, short, unassessed', () => {
  const input = base();
  const accounts = [
    account(
      'm-a',
      [assessment('m-a', '2026-03', 4500)],
      [
        // says 80.00 was due for two months at 45.00
        payment('dp-a1', 'm-a', ['2026-03', '2026-04'], 9000, 8000, '2026-04-10'),
      ],
    ),
    account(
      'm-b',
      [assessment('m-b', '2025-11', 3000)],
      [
        // paid 20.00 of 30.00
        payment('dp-b1', 'm-b', ['2026-01'], 2000, 3000, '2026-05-02'),
        // October 2025 was never assessed
        payment('dp-b0', 'm-b', ['2025-10'], 3000, 3000, '2026-01-15', { status: 'reported' }),
      ],
    ),
  ];
  const r = auditDues({
    ...input,
    accounts,
    booksYear: { ...input.booksYear, collected: 11000 },
    booksTotal: { ...input.booksTotal, collected: 11000, held: 6000 },
  });
  assert.deepEqual(r.findings, [
    {
      code: 'CLI_DUES_AUDIT_DUE',
      params: { payment: 'dp-a1', recomputed: 9000, recorded: 8000 },
      records: ['dp-a1', 'm-a@2026-03'],
    },
    { code: 'CLI_DUES_AUDIT_UNASSESSED', params: { payment: 'dp-b0', month: '2025-10' }, records: ['dp-b0'] },
    {
      code: 'CLI_DUES_AUDIT_DUE',
      params: { payment: 'dp-b0', recomputed: 0, recorded: 3000 },
      records: ['dp-b0'],
    },
    { code: 'CLI_DUES_AUDIT_SHORT', params: { payment: 'dp-b1', fen: 2000, due: 3000 }, records: ['dp-b1'] },
  ]);
});

test('assessments: an amount no base gives, a rule not in force, a sealed base against the commitment', () => {
  const input = base();
  const commitment = duesBaseCommitment(suite, SALT, {
    member: 'm-a',
    group: '在职',
    from: '2026-03',
    base: 450_000,
  })!;
  const accounts = [
    account('m-a', [assessment('m-a', '2026-03', 4500, { commitment })], input.accounts[0]!.payments),
    // 20.00 for a salaried member: 0.5% of at most 3000 元 is 15.00, 1% of more is 30.00 or more.
    account(
      'm-b',
      [assessment('m-b', '2025-11', 2000, { bp: 50 }), assessment('m-b', '2026-06', 3000, { rule: '2099' })],
      [],
    ),
  ];
  const sealed = { member: 'm-a', group: '在职' as const, from: '2026-03', salt: SALT };
  const withBooks = { ...input.booksYear, collected: 9000, remitted: 0, held: 9000, remittances: [] };
  const common = { ...input, accounts, booksYear: withBooks, booksTotal: { ...withBooks, year: null } };
  const honest = auditDues({ ...common, bases: new Map([[commitment, { ...sealed, base: 450_000 }]]) });
  assert.deepEqual(honest.findings, [
    {
      code: 'CLI_DUES_AUDIT_AMOUNT',
      params: { member: 'm-b', from: '2025-11', group: '在职', fen: 2000, rule: '2008' },
      records: ['m-b@2025-11'],
    },
    {
      code: 'CLI_DUES_AUDIT_RULE',
      params: { member: 'm-b', from: '2026-06', rule: '2099', expected: '2008' },
      records: ['m-b@2026-06'],
    },
  ]);
  // The sealed file says 4000 元 for the assessment committed to 4500 元.
  const forged = auditDues({ ...common, bases: new Map([[commitment, { ...sealed, base: 400_000 }]]) });
  assert.deepEqual(forged.findings.slice(0, 2), [
    {
      code: 'CLI_DUES_AUDIT_COMMITMENT',
      params: { member: 'm-a', from: '2026-03', commitment: commitment.slice(0, 16) },
      records: ['m-a@2026-03'],
    },
    {
      code: 'CLI_DUES_AUDIT_BASE_AMOUNT',
      params: { member: 'm-a', from: '2026-03', computed: 4000, fen: 4500, rule: '2008' },
      records: ['m-a@2026-03'],
    },
  ]);
  // No sealed base at all for a committed assessment.
  const missing = auditDues({ ...common, bases: new Map() });
  assert.deepEqual(missing.findings[0], {
    code: 'CLI_DUES_AUDIT_NO_BASE',
    params: { member: 'm-a', from: '2026-03' },
    records: ['m-a@2026-03'],
  });
});
