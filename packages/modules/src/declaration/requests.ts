/**
 * Organizational requests and reports (《中国共产党重大事项请示报告条例》): a branch (or general
 * branch) files a 请示 or 报告 to its superior on the chain; the superior receives it and answers
 * (approved, or returned with a stated reason) within the genesis' answerDays. A late answer is
 * accepted and flagged; an open one past its due day is warned at the block boundary (deadlines.ts).
 */
import type { ActionContext } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { addDays, chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { getOrg } from '../org/store.ts';
import { DeclarationErrors as E } from './errors.ts';
import { declarationParams } from './params.ts';
import {
  ANSWER_OUTCOMES,
  type AnswerOutcome,
  getRequest,
  declarationKeys as K,
  REQUEST_KINDS,
  type RequestKind,
  type RequestRecord,
} from './store.ts';

const M = MODULE.declaration;

/** Reasons of at least this many characters count as stated (as in transfer). */
export const MIN_REASON_LENGTH = 4;

const save = (ctx: ActionContext, r: RequestRecord) => ctx.store.set(K.request(r.id), asValue(r));
const entities = (r: RequestRecord) => [orgEntity(r.org), orgEntity(r.to)];

export const fileRequest = defineAction<{
  id: string;
  org: string;
  kind: RequestKind;
  title: string;
  document: string;
}>(M, E, {
  description:
    "File an organization's request (请示) or report (报告) to its superior; the document by hash.",
  shape: {
    id: 'id',
    org: 'id',
    kind: { type: 'text', oneOf: REQUEST_KINDS },
    title: { type: 'text', kind: 'name' },
    document: 'hash',
  },
  permission: [{ posts: ['书记', '副书记'], of: 'org' }],
  target: (ctx, p) => (getOrg(ctx.readStore(MODULE.org), p.org) ? { org: p.org } : null),
  verify(ctx, p) {
    if (getRequest(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    if (getOrg(ctx.readStore(MODULE.org), p.org)!.parent === null) return failure(E.NO_SUPERIOR);
    return okResult;
  },
  execute(ctx, p) {
    const today = chinaDate(ctx.time);
    const to = getOrg(ctx.readStore(MODULE.org), p.org)!.parent!;
    const r: RequestRecord = {
      id: p.id,
      org: p.org,
      to,
      kind: p.kind,
      title: p.title,
      document: p.document,
      filedOn: today,
      due: addDays(today, declarationParams(ctx.store).answerDays),
      status: 'filed',
      receivedOn: null,
      answeredOn: null,
      outcome: null,
      reason: null,
      answer: null,
      late: false,
    };
    save(ctx, r);
    ctx.store.set(`${K.fromOrg(p.org)}${p.id}`, true);
    ctx.store.set(`${K.toOrg(to)}${p.id}`, true);
    ctx.store.set(`${K.openRequests}${p.id}`, r.due);
    emitAct(ctx, M, 'declaration.RequestFiled', entities(r), {
      request: r.id,
      kind: r.kind,
      from: r.org,
      to,
      due: r.due,
      document: r.document,
    });
  },
});

const superiorTarget = (ctx: Parameters<typeof fileRequest.target>[0], id: string) => {
  const r = getRequest(ctx.store, id);
  return r ? { org: r.to } : null;
};

export const receiveRequest = defineAction<{ id: string }>(M, E, {
  description: 'The superior signs for a request or report (签收).',
  shape: { id: 'id' },
  permission: [{ posts: ['书记', '副书记', '组织委员', '党务工作者'], of: 'org' }],
  target: (ctx, p) => superiorTarget(ctx, p.id),
  verify(ctx, p) {
    const r = getRequest(ctx.store, p.id)!;
    if (r.status === 'answered') return failure(E.NOT_OPEN);
    if (r.status === 'received') return failure(E.ALREADY_RECEIVED);
    return okResult;
  },
  execute(ctx, p) {
    const r = {
      ...getRequest(ctx.store, p.id)!,
      status: 'received' as const,
      receivedOn: chinaDate(ctx.time),
    };
    save(ctx, r);
    emitAct(ctx, M, 'declaration.RequestReceived', entities(r), { request: r.id, on: r.receivedOn });
  },
});

export const answerRequest = defineAction<{
  id: string;
  outcome: AnswerOutcome;
  reason?: string;
  answer?: string;
}>(M, E, {
  description: 'The superior answers: approved, or returned with a stated reason; late answers are flagged.',
  shape: {
    id: 'id',
    outcome: { type: 'text', oneOf: ANSWER_OUTCOMES },
    reason: { type: 'text', kind: 'reason', optional: true },
    answer: { type: 'hash', optional: true },
  },
  permission: [{ posts: ['书记', '副书记'], of: 'org' }],
  target: (ctx, p) => superiorTarget(ctx, p.id),
  verify(ctx, p) {
    if (getRequest(ctx.store, p.id)!.status === 'answered') return failure(E.NOT_OPEN);
    if (p.outcome === 'returned' && (p.reason?.trim().length ?? 0) < MIN_REASON_LENGTH)
      return failure(E.REASON_REQUIRED);
    return okResult;
  },
  execute(ctx, p) {
    const today = chinaDate(ctx.time);
    const old = getRequest(ctx.store, p.id)!;
    const r: RequestRecord = {
      ...old,
      status: 'answered',
      // An answer is also a receipt: a superior that answers without signing first has received it.
      receivedOn: old.receivedOn ?? today,
      answeredOn: today,
      outcome: p.outcome,
      reason: p.reason ?? null,
      answer: p.answer ?? null,
      late: today > old.due,
    };
    save(ctx, r);
    ctx.store.delete(`${K.openRequests}${r.id}`);
    emitAct(ctx, M, 'declaration.RequestAnswered', entities(r), {
      request: r.id,
      outcome: p.outcome,
      ...(p.reason === undefined ? {} : { reason: p.reason }),
      due: r.due,
      late: r.late,
    });
  },
});
