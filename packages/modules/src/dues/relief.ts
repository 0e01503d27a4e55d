/**
 * Dues actions that need more than the branch: hardship reduction or waiver (the branch decides, the
 * superior approves), remittance (上缴) and its acknowledgment, the 支部大会's decision on a six-month
 * case, and the yearly collection notice.
 */
import type { ActionContext } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { addDays, addYears } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { lapseDecisionAction } from '../common/lapse.ts';
import { monthRange, type YearMonth } from '../common/months.ts';
import { asValue, MODULE, storeOf } from '../common/stores.ts';
import { announce, fittingContent } from '../disclosure/outbox.ts';
import { chainSuperior, getOrg, superiorCommittee } from '../org/store.ts';
import { addToBooks, duesStores, M, memberTarget, todayOf, yearOf } from './actions-common.ts';
import { DuesErrors as E } from './errors.ts';
import { monthDues } from './ledger.ts';
import {
  assessmentsOf,
  duesKeys,
  getBooks,
  getRelief,
  getRemittance,
  held,
  type Notice,
  type Relief,
  type Remittance,
} from './store.ts';

const DECIDERS = ['书记', '组织委员'] as const;
const BOOKKEEPERS = ['书记', '组织委员', '党务工作者'] as const;

interface RequestRelief {
  id: string;
  member: string;
  from: YearMonth;
  to: YearMonth;
  fen: number;
  resolution: string;
}

/** 规定: a member in hardship pays less or nothing on the branch's decision and the superior's approval. */
export const requestRelief = defineAction<RequestRelief>(M, E, {
  description:
    'The branch decides a hardship reduction or waiver for some months (the superior 党委 approves).',
  shape: {
    id: 'id',
    member: 'id',
    from: 'month',
    to: 'month',
    fen: { type: 'int', min: 0, max: 10_000_000 },
    resolution: 'id',
  },
  check: (p) => (p.from <= p.to ? okResult : failure(E.BAD_MONTH, { field: 'to' })),
  permission: [{ posts: DECIDERS, of: 'org' }],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify(ctx, p) {
    if (getRelief(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const months = monthRange(p.from, p.to, 13);
    if (months.length > 12) return failure(E.BAD_RELIEF, { months: months.length });
    const stores = duesStores(ctx);
    const assessments = assessmentsOf(ctx.store, p.member);
    for (const month of months) {
      const d = monthDues(stores, p.member, assessments, month, todayOf(ctx));
      if (d.state !== 'unpaid') return failure(E.BAD_RELIEF, { month, state: d.state });
      if (p.fen >= d.fen) return failure(E.BAD_RELIEF, { month, assessed: d.fen, fen: p.fen });
      if (d.relief !== null) return failure(E.BAD_RELIEF, { month, relief: d.relief });
    }
    return okResult;
  },
  execute(ctx, p) {
    const org = memberTarget(ctx, p.member)!.org;
    const rec: Relief = { ...p, org, status: 'requested', on: todayOf(ctx) };
    ctx.store.set(duesKeys.relief(p.id), asValue(rec));
    ctx.store.set(duesKeys.reliefsOf(p.member, p.id), true);
    for (const m of monthRange(p.from, p.to, 12)) ctx.store.set(duesKeys.relievedMonth(p.member, m), p.id);
    emitAct(ctx, M, 'dues.ReliefRequested', [memberEntity(p.member), orgEntity(org)], {
      relief: p.id,
      member: p.member,
      from: p.from,
      to: p.to,
      fen: p.fen,
      resolution: p.resolution,
    });
  },
});

export const approveRelief = defineAction<{ id: string; approved: boolean }>(M, E, {
  description: 'The superior 党委 approves or rejects a hardship reduction or waiver.',
  shape: { id: 'id', approved: 'bool' },
  // The 上一级党委 of the member's organization. (A member held by the top 党委 itself has none in
  // the chain: such relief is decided outside it — the body above signs nothing here.)
  permission: [{ posts: DECIDERS, of: 'superiorCommittee' }],
  target(ctx, p) {
    const r = getRelief(ctx.store, p.id);
    return r ? { org: r.org, member: r.member } : null;
  },
  verify: (ctx, p) =>
    getRelief(ctx.store, p.id)!.status === 'requested' ? okResult : failure(E.NOT_PENDING),
  execute(ctx, p) {
    const r = getRelief(ctx.store, p.id)!;
    ctx.store.set(
      duesKeys.relief(p.id),
      asValue({ ...r, status: p.approved ? 'approved' : 'rejected' } satisfies Relief),
    );
    if (!p.approved)
      for (const m of monthRange(r.from, r.to, 12)) ctx.store.delete(duesKeys.relievedMonth(r.member, m));
    emitAct(
      ctx,
      M,
      p.approved ? 'dues.ReliefApproved' : 'dues.ReliefRejected',
      [memberEntity(r.member), orgEntity(r.org)],
      { relief: p.id, member: r.member, from: r.from, to: r.to, fen: r.fen },
    );
  },
});

interface Remit {
  id: string;
  org: string;
  fen: number;
  period: string;
  reference?: string;
}

/** The organization above: the nearest superior 党委 in the chain, or null for the top one. */
function remitTo(ctx: ActionContext, org: string): string | null | undefined {
  const orgs = storeOf(ctx, M, MODULE.org);
  const up = superiorCommittee(orgs, org);
  if (up !== null) return up.id;
  return chainSuperior(orgs) !== null ? null : undefined;
}

/** An organization remits (上缴) what it collected to the committee above. */
export const remit = defineAction<Remit>(M, E, {
  description: 'Remit collected dues to the superior committee (at most what the organization holds).',
  shape: {
    id: 'id',
    org: 'id',
    fen: { type: 'int', min: 1, max: 10_000_000_000 },
    period: { type: 'text', kind: 'code' },
    reference: { type: 'text', optional: true, kind: 'code' },
  },
  permission: [{ posts: BOOKKEEPERS, of: 'org' }],
  target: (ctx, p) => (getOrg(storeOf(ctx, M, MODULE.org), p.org) ? { org: p.org } : null),
  verify(ctx, p) {
    if (getRemittance(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    if (remitTo(ctx, p.org) === undefined) return failure(E.NO_SUPERIOR);
    const h = held(getBooks(ctx.store, p.org));
    if (p.fen > h) return failure(E.REMIT_EXCEEDS_HELD, { held: h, fen: p.fen });
    return okResult;
  },
  execute(ctx, p) {
    const on = todayOf(ctx);
    const rec: Remittance = {
      id: p.id,
      org: p.org,
      to: remitTo(ctx, p.org) ?? null,
      fen: p.fen,
      period: p.period,
      reference: p.reference ?? null,
      on,
      status: 'sent',
      acknowledgedOn: null,
    };
    ctx.store.set(duesKeys.remittance(p.id), asValue(rec));
    ctx.store.set(duesKeys.remittancesOf(p.org, p.id), true);
    if (rec.to !== null) ctx.store.set(duesKeys.remittancesOf(rec.to, p.id), true);
    addToBooks(ctx, p.org, yearOf(on), { remitted: p.fen });
    emitAct(ctx, M, 'dues.Remitted', [orgEntity(p.org), ...(rec.to !== null ? [orgEntity(rec.to)] : [])], {
      remittance: p.id,
      org: p.org,
      to: rec.to,
      fen: p.fen,
      period: p.period,
    });
  },
});

function acknowledge(ctx: ActionContext, id: string): void {
  const r = getRemittance(ctx.store, id)!;
  const on = todayOf(ctx);
  ctx.store.set(
    duesKeys.remittance(id),
    asValue({ ...r, status: 'acknowledged', acknowledgedOn: on } satisfies Remittance),
  );
  if (r.to !== null) addToBooks(ctx, r.to, yearOf(on), { received: r.fen });
  emitAct(
    ctx,
    M,
    'dues.RemittanceAcknowledged',
    [orgEntity(r.org), ...(r.to !== null ? [orgEntity(r.to)] : [])],
    {
      remittance: id,
      org: r.org,
      to: r.to,
      fen: r.fen,
    },
  );
}

function pendingRemittance(ctx: ActionContext, id: string, above: boolean) {
  const r = getRemittance(ctx.store, id)!;
  if (r.status !== 'sent') return failure(E.ALREADY_ACKNOWLEDGED);
  // Each of the two acts acknowledges its own kind: a committee in the chain, or the body above it.
  if ((r.to === null) !== above) return failure(E.WRONG_RECEIVER, { to: r.to });
  return okResult;
}

/** The receiving committee acknowledges a remittance; it then counts in its own books. */
export const acknowledgeRemittance = defineAction<{ id: string }>(M, E, {
  description: 'The receiving committee acknowledges a remittance; it then counts in its own books.',
  shape: { id: 'id' },
  permission: [{ posts: BOOKKEEPERS, of: 'org' }],
  target(ctx, p) {
    const r = getRemittance(ctx.store, p.id);
    return r ? { org: r.to ?? r.org } : null;
  },
  verify: (ctx, p) => pendingRemittance(ctx, p.id, false),
  execute: (ctx, p) => acknowledge(ctx, p.id),
});

/** The body above the chain (genesis `org.superior`) acknowledges what the top 党委 remitted to it. */
export const acknowledgeRemittanceAbove = defineAction<{ id: string }>(M, E, {
  description: "The superior body above the chain acknowledges the top committee's remittance.",
  shape: { id: 'id' },
  permission: [{ of: 'chainSuperior' }],
  target(ctx, p) {
    const r = getRemittance(ctx.store, p.id);
    return r ? { org: r.org } : null;
  },
  verify: (ctx, p) => pendingRemittance(ctx, p.id, true),
  execute: (ctx, p) => acknowledge(ctx, p.id),
});

/**
 * 党章第九条, 规定第十三条: six months unpaid without good reason is treated as leaving the Party;
 * the 支部大会 decides 除名 and reports it for approval (member.removeMember by the superior). The
 * chain records the meeting's decision; it never removes anyone itself (common/lapse.ts).
 */
export const decideLapseCase = lapseDecisionAction(M, E, {
  description:
    "Record the branch meeting's decision on a six-month unpaid case (除名 then goes to the superior).",
  key: duesKeys.lapseCase,
  eventType: 'dues.LapseCaseDecided',
  memberTarget,
});

/** The yearly notice of collection to the members (党费收缴情况公示): the chain's own totals. */
export const publishNotice = defineAction<{ id: string; org: string; year: number; document: string }>(M, E, {
  description:
    "Publish the organization's yearly dues collection notice to its members (totals from the chain).",
  shape: { id: 'id', org: 'id', year: { type: 'int', min: 2000, max: 2200 }, document: 'hash' },
  permission: [{ posts: DECIDERS, of: 'org' }],
  target: (ctx, p) => (getOrg(storeOf(ctx, M, MODULE.org), p.org) ? { org: p.org } : null),
  verify(ctx, p) {
    if (ctx.store.get(duesKeys.notice(p.id)) !== undefined) return failure(E.EXISTS, { id: p.id });
    return p.year <= yearOf(todayOf(ctx)) ? okResult : failure(E.BAD_MONTH, { year: p.year });
  },
  execute(ctx, p) {
    const books = getBooks(ctx.store, p.org, p.year);
    const rec: Notice = { ...p, books, on: todayOf(ctx) };
    ctx.store.set(duesKeys.notice(p.id), asValue(rec));
    // 党务公开: the notice is an item for the organization's members for a year (until the next one).
    const on = todayOf(ctx);
    announce(ctx, {
      kind: '党费收缴公示',
      org: p.org,
      scope: 'org',
      from: on,
      until: addDays(addYears(on, 1), -1),
      content: fittingContent(ctx, M, p.document, 'org', p.org),
      action: 'publishNotice',
    });
    emitAct(ctx, M, 'dues.NoticePublished', [orgEntity(p.org)], {
      notice: p.id,
      org: p.org,
      year: p.year,
      document: p.document,
      collected: books.collected,
      received: books.received,
      remitted: books.remitted,
      scope: 'members',
    });
  },
});
