/**
 * Dues actions of the branch and the member: the amount assessed (党费核定), the payment
 * arrangement, payments recorded by the branch or reported by the member and confirmed, and
 * corrections as new linked records (nothing is rewritten).
 */
import type { ActionContext, ReadContext, Result } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { failure, ModuleError, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { addMonth, monthsBetween, type YearMonth } from '../common/months.ts';
import { asValue } from '../common/stores.ts';
import { memberStatus } from '../member/status.ts';
import { actorOf } from '../permissions/authorize.ts';
import {
  addToBooks,
  duesStores,
  M,
  memberTarget,
  monthNow,
  quarterEnd,
  todayOf,
  validMonths,
  yearOf,
} from './actions-common.ts';
import { DuesErrors as E } from './errors.ts';
import { monthDues } from './ledger.ts';
import { BASED_GROUPS, DUES_GROUPS, type DuesGroup, duesRuleFor, possibleAmount } from './rates.ts';
import {
  type Arrangement,
  type Assessment,
  assessmentsOf,
  duesKeys,
  getArrangement,
  getBooks,
  getPayment,
  held,
  PAYMENT_METHODS,
  type Payment,
  type PaymentMethod,
} from './store.ts';

const BRANCH_BOOKKEEPERS = { posts: ['书记', '组织委员', '党务工作者'], of: 'org' } as const;
const BRANCH_DECIDERS = { posts: ['书记', '组织委员'], of: 'org' } as const;

interface Assess {
  member: string;
  group: DuesGroup;
  from: YearMonth;
  fen: number;
  commitment?: string;
}

/** 规定第一条至第六条、第十条: the branch's organizer or secretary confirms the monthly amount. */
export const assess = defineAction<Assess>(M, E, {
  description:
    "Assess a member's monthly dues from a month on: group, amount and the base's commitment (the base stays sealed).",
  shape: {
    member: 'id',
    group: { type: 'text', oneOf: DUES_GROUPS },
    from: 'month',
    fen: { type: 'int', min: 0, max: 10_000_000 },
    commitment: { type: 'hash', optional: true },
  },
  permission: [BRANCH_DECIDERS],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify(ctx, p) {
    const stores = duesStores(ctx);
    const st = memberStatus(stores, p.member, todayOf(ctx));
    if (st === null || (st.status !== '正式党员' && st.status !== '预备党员'))
      return failure(E.NOT_A_MEMBER, { status: st?.status ?? null });
    if (p.from > addMonth(monthNow(ctx), 1))
      return failure(E.BAD_MONTH, { field: 'from', latest: addMonth(monthNow(ctx), 1) });
    const based = BASED_GROUPS.includes(p.group);
    if (based && p.commitment === undefined) return failure(E.NO_BASE, { group: p.group });
    if (!based && p.commitment !== undefined) return failure(E.UNEXPECTED_BASE, { group: p.group });
    const rule = duesRuleFor(p.from);
    if (p.group === '农民' && possibleAmount(rule, p.group, p.fen) === null)
      return failure(E.BAD_FARMER_AMOUNT, { fen: p.fen });
    if (possibleAmount(rule, p.group, p.fen) === null)
      return failure(E.WRONG_AMOUNT, { group: p.group, fen: p.fen, rule: rule.version });
    // A new amount may reach back over unpaid months only: a paid month keeps what it was paid at.
    const paid = ctx.store.keys(duesKeys.paidPrefix(p.member), 1000).map((k) => k.slice(-7));
    const clash = paid.find((m) => m >= p.from);
    if (clash !== undefined) return failure(E.RETROACTIVE_PAID, { month: clash });
    return okResult;
  },
  execute(ctx, p) {
    const rule = duesRuleFor(p.from);
    const { by } = actorOf(ctx, M);
    const a: Assessment = {
      member: p.member,
      group: p.group,
      from: p.from,
      fen: p.fen,
      bp: possibleAmount(rule, p.group, p.fen)!.bp,
      rule: rule.version,
      commitment: p.commitment ?? null,
      by: by ?? '',
      on: todayOf(ctx),
    };
    ctx.store.set(duesKeys.assessment(p.member, p.from), asValue(a));
    ctx.store.set(duesKeys.account(p.member), true);
    const org = memberTarget(ctx, p.member)!.org;
    emitAct(ctx, M, 'dues.Assessed', [memberEntity(p.member), orgEntity(org)], {
      member: p.member,
      group: p.group,
      from: p.from,
      fen: p.fen,
      bp: a.bp,
      rule: a.rule,
      commitment: a.commitment,
    });
  },
});

/** 规定第十二条: quarterly payment, or payment by a relative or another member, with the branch's consent. */
export const setArrangement = defineAction<{ member: string; quarterly: boolean; proxy: boolean }>(M, E, {
  description:
    'The branch consents to quarterly payment or payment by a proxy for a member (or withdraws it).',
  shape: { member: 'id', quarterly: 'bool', proxy: 'bool' },
  permission: [BRANCH_DECIDERS],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify: () => okResult,
  execute(ctx, p) {
    const rec: Arrangement = { quarterly: p.quarterly, proxy: p.proxy, on: todayOf(ctx) };
    ctx.store.set(duesKeys.arrangement(p.member), asValue(rec));
    emitAct(
      ctx,
      M,
      'dues.ArrangementSet',
      [memberEntity(p.member), orgEntity(memberTarget(ctx, p.member)!.org)],
      {
        member: p.member,
        quarterly: p.quarterly,
        proxy: p.proxy,
      },
    );
  },
});

interface Pay {
  id: string;
  member: string;
  months: string[];
  fen: number;
  method: PaymentMethod;
  reference?: string;
  reason?: string;
  viaProxy?: boolean;
}

const PAY_SHAPE = {
  id: 'id',
  member: 'id',
  months: { type: 'ids', max: 12 },
  fen: { type: 'int', min: 1, max: 100_000_000 },
  method: { type: 'text', oneOf: PAYMENT_METHODS },
  reference: { type: 'text', optional: true, kind: 'code' },
  reason: { type: 'text', optional: true, kind: 'reason' },
  viaProxy: { type: 'bool', optional: true },
} as const;

/** What the months are due at, or the refusal: each month owed, due, assessed and not yet paid. */
function checkPayment(ctx: ActionContext, p: Pay): Result<{ due: number; late: boolean }> {
  if (getPayment(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
  const stores = duesStores(ctx);
  const now = monthNow(ctx);
  const arrangement = getArrangement(ctx.store, p.member);
  const latest = arrangement?.quarterly ? quarterEnd(now) : now;
  const assessments = assessmentsOf(ctx.store, p.member);
  const rule = duesRuleFor(now);
  let due = 0;
  let late = false;
  for (const month of [...p.months].sort()) {
    if (month > latest) return failure(E.NOT_DUE, { month, latest });
    const d = monthDues(stores, p.member, assessments, month, todayOf(ctx));
    if (d.state === 'paid' || d.state === 'reported')
      return failure(E.ALREADY_PAID, { month, payment: d.payment });
    if (d.state === 'unassessed') return failure(E.NOT_ASSESSED, { month });
    if (d.state !== 'unpaid') return failure(E.NOT_OWED, { month, state: d.state });
    due += d.fen;
    if (monthsBetween(month, now) > rule.backPayMonths) late = true;
  }
  if (p.fen < due) return failure(E.AMOUNT_SHORT, { due, fen: p.fen });
  if (late && p.reason === undefined) return failure(E.BACKPAY_REASON, { limitMonths: rule.backPayMonths });
  if (p.viaProxy === true && !arrangement?.proxy) return failure(E.NO_PROXY);
  return { ok: true, value: { due, late } };
}

/**
 * What verify found for a payment, for its execute: the runtime hands both the same parameters
 * object over the same state (run-action.ts), so the months are judged once per transaction. Keyed
 * weakly by that object: nothing outlives the transaction, nothing is shared between two.
 */
const verified = new WeakMap<Pay, { due: number; late: boolean }>();

function verifyPayment(ctx: ActionContext, p: Pay): Result {
  const r = checkPayment(ctx, p);
  if (!r.ok) return r;
  verified.set(p, r.value);
  return okResult;
}

function writePayment(ctx: ActionContext, p: Pay, status: 'reported' | 'confirmed'): void {
  const found = verified.get(p);
  // The runtime never executes what it did not verify; a caller that does gets a throw, not a guess.
  if (found === undefined)
    throw new ModuleError('MODULES_BAD_INPUT', 'dues: a payment executed without verify');
  verified.delete(p);
  const { due, late } = found;
  const org = memberTarget(ctx, p.member)!.org;
  const { by } = actorOf(ctx, M);
  const months = [...p.months].sort();
  const rec: Payment = {
    id: p.id,
    member: p.member,
    org,
    months,
    dueFen: due,
    fen: p.fen,
    method: p.method,
    reference: p.reference ?? null,
    on: todayOf(ctx),
    by: by ?? '',
    status,
    late,
    reason: p.reason ?? null,
    viaProxy: p.viaProxy === true,
    correctedBy: null,
  };
  ctx.store.set(duesKeys.payment(p.id), asValue(rec));
  ctx.store.set(duesKeys.paymentsOf(p.member, p.id), true);
  ctx.store.set(duesKeys.paymentsTo(org, p.id), true);
  for (const m of months) ctx.store.set(duesKeys.paid(p.member, m), p.id);
  if (status === 'confirmed') addToBooks(ctx, org, yearOf(rec.on), { collected: p.fen });
  emitAct(
    ctx,
    M,
    status === 'confirmed' ? 'dues.PaymentRecorded' : 'dues.PaymentReported',
    [memberEntity(p.member), orgEntity(org)],
    {
      payment: p.id,
      member: p.member,
      months,
      fen: p.fen,
      dueFen: rec.dueFen,
      voluntaryFen: p.fen - rec.dueFen,
      method: p.method,
      late: rec.late,
      reason: rec.reason,
      viaProxy: rec.viaProxy,
    },
  );
}

/** 规定第十二条: the branch records a payment it received (cash or transfer, with a reference). */
export const recordPayment = defineAction<Pay>(M, E, {
  description: 'The branch records a dues payment received for one or more months.',
  shape: PAY_SHAPE,
  check: (p) => (validMonths(p.months) ? okResult : failure(E.BAD_MONTH, { field: 'months' })),
  permission: [BRANCH_BOOKKEEPERS],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify: verifyPayment,
  execute: (ctx, p) => writePayment(ctx, p, 'confirmed'),
});

/** The member reports a payment made (e.g. a bank transfer); it counts once the branch confirms it. */
export const reportPayment = defineAction<Pay>(M, E, {
  description: 'A member reports a dues payment they made; the branch confirms it.',
  shape: PAY_SHAPE,
  check: (p) => (validMonths(p.months) ? okResult : failure(E.BAD_MONTH, { field: 'months' })),
  permission: [{ of: 'self' }],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify: verifyPayment,
  execute: (ctx, p) => writePayment(ctx, p, 'reported'),
});

function paymentTarget(ctx: ReadContext, id: string) {
  const p = getPayment(ctx.store, id);
  return p ? { org: p.org, member: p.member } : null;
}

/** The branch confirms (or rejects) a payment the member reported. */
export const confirmPayment = defineAction<{ id: string; accepted: boolean; reason?: string }>(M, E, {
  description: 'The branch confirms a payment a member reported, or rejects it with a reason.',
  shape: { id: 'id', accepted: 'bool', reason: { type: 'text', optional: true, kind: 'reason' } },
  permission: [BRANCH_BOOKKEEPERS],
  target: (ctx, p) => paymentTarget(ctx, p.id),
  verify: (ctx, p) =>
    getPayment(ctx.store, p.id)!.status === 'reported' ? okResult : failure(E.NOT_REPORTED),
  execute(ctx, p) {
    const pay = getPayment(ctx.store, p.id)!;
    ctx.store.set(
      duesKeys.payment(p.id),
      asValue({ ...pay, status: p.accepted ? 'confirmed' : 'rejected' } satisfies Payment),
    );
    if (p.accepted) addToBooks(ctx, pay.org, yearOf(todayOf(ctx)), { collected: pay.fen });
    else for (const m of pay.months) ctx.store.delete(duesKeys.paid(pay.member, m));
    emitAct(
      ctx,
      M,
      p.accepted ? 'dues.PaymentConfirmed' : 'dues.PaymentRejected',
      [memberEntity(pay.member), orgEntity(pay.org)],
      { payment: p.id, member: pay.member, months: [...pay.months], fen: pay.fen, reason: p.reason ?? null },
    );
  },
});

/** A wrong payment record is corrected by a new linked record; the months become unpaid again. */
export const correctPayment = defineAction<{ id: string; of: string; reason: string }>(M, E, {
  description:
    'Correct a confirmed payment by a new linked record (the months are open again to record correctly).',
  shape: { id: 'id', of: 'id', reason: { type: 'text', kind: 'reason' } },
  permission: [BRANCH_DECIDERS],
  target: (ctx, p) => paymentTarget(ctx, p.of),
  verify(ctx, p) {
    if (getPayment(ctx.store, p.id) || ctx.store.get(duesKeys.correction(p.id)) !== undefined)
      return failure(E.EXISTS, { id: p.id });
    const pay = getPayment(ctx.store, p.of)!;
    if (pay.status !== 'confirmed') return failure(E.NOT_CONFIRMED, { status: pay.status });
    const h = held(getBooks(ctx.store, pay.org));
    if (h < pay.fen) return failure(E.CORRECTION_EXCEEDS_HELD, { held: h, fen: pay.fen });
    return okResult;
  },
  execute(ctx, p) {
    const pay = getPayment(ctx.store, p.of)!;
    ctx.store.set(
      duesKeys.payment(p.of),
      asValue({ ...pay, status: 'corrected', correctedBy: p.id } satisfies Payment),
    );
    ctx.store.set(
      duesKeys.correction(p.id),
      asValue({ id: p.id, of: p.of, reason: p.reason, on: todayOf(ctx) }),
    );
    for (const m of pay.months) ctx.store.delete(duesKeys.paid(pay.member, m));
    addToBooks(ctx, pay.org, yearOf(pay.on), { collected: -pay.fen });
    emitAct(ctx, M, 'dues.PaymentCorrected', [memberEntity(pay.member), orgEntity(pay.org)], {
      correction: p.id,
      payment: p.of,
      member: pay.member,
      months: [...pay.months],
      fen: pay.fen,
      reason: p.reason,
    });
  },
});
