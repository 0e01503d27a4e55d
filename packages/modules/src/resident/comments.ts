/**
 * Consultations (征求意见): a bound resident comments on a published item — a 四议两公开 matter once
 * reviewed and posted, or any public attachment (a disclosure's content). The body is a short text
 * (at most 200 characters; the personal-data check refuses ID, phone, bank card numbers and e-mail
 * addresses in it, as everywhere) or the hash of a document. Comments are numbered per item by the
 * chain; each counts against the resident's write limit. No anonymous writes: only a bound key signs.
 */
import type { ReadContext, Result } from '@djchain/runtime';
import { getAttachment } from '../attachment/store.ts';
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { asValue, getRecord, MODULE, storeOf } from '../common/stores.ts';
import {
  checkRate,
  countWrite,
  emitResidentAct,
  M,
  matterEntity,
  residentEntity,
  signingResident,
  todayOf,
} from './common.ts';
import { ResidentErrors as E } from './errors.ts';
import { type Comment, getMatter, type MatterStatus, residentKeys } from './store.ts';

export interface CommentParams {
  matter?: string;
  item?: string;
  text?: string;
  document?: string;
}

/** Stages at which a matter is public: posted after 审议, and everything after. */
const PUBLIC_STAGES: readonly MatterStatus[] = ['reviewed', 'voting', 'resolved', 'published', 'done'];

export const commentTarget = (p: CommentParams): string =>
  p.matter !== undefined ? `matter:${p.matter}` : `doc:${p.item}`;

function itemOrg(ctx: ReadContext, p: CommentParams): string | null {
  if (p.matter !== undefined) return getMatter(ctx.store, p.matter)?.org ?? null;
  return getAttachment(storeOf(ctx, M, MODULE.attachment), p.item!)?.org ?? null;
}

export const comment = defineAction<CommentParams>(M, E, {
  description:
    'A resident comments on a published item (a posted 四议两公开 matter or a public document): a short text without personal data, or a document hash.',
  shape: {
    matter: { type: 'id', optional: true },
    item: { type: 'hash', optional: true },
    text: { type: 'text', kind: 'comment', optional: true },
    document: { type: 'hash', optional: true },
  },
  permission: [{ of: 'resident' }],
  check(p): Result {
    const oneItem = (p.matter === undefined) !== (p.item === undefined);
    const oneBody = (p.text === undefined) !== (p.document === undefined);
    return oneItem && oneBody ? okResult : failure(E.ONE_OF);
  },
  target(ctx, p) {
    const org = itemOrg(ctx, p);
    return org === null ? null : { org };
  },
  verify(ctx, p) {
    if (p.matter !== undefined) {
      const m = getMatter(ctx.store, p.matter)!;
      if (!PUBLIC_STAGES.includes(m.status)) return failure(E.NOT_PUBLIC, { status: m.status });
    } else if (getAttachment(storeOf(ctx, M, MODULE.attachment), p.item!)?.scope !== 'public')
      return failure(E.NOT_PUBLIC, { item: p.item! });
    return checkRate(ctx, signingResident(ctx)!.id);
  },
  execute(ctx, p) {
    const r = signingResident(ctx)!;
    const target = commentTarget(p);
    const n = (getRecord<number>(ctx.store, residentKeys.commentCount(target)) ?? 0) + 1;
    const c: Comment = {
      n,
      resident: r.id,
      on: todayOf(ctx),
      text: p.text ?? null,
      document: p.document ?? null,
    };
    ctx.store.set(residentKeys.comment(target, n), asValue(c));
    ctx.store.set(residentKeys.commentCount(target), n);
    countWrite(ctx, r.id);
    const entities = [residentEntity(r.id), ...(p.matter !== undefined ? [matterEntity(p.matter)] : [])];
    emitResidentAct(ctx, 'resident.Commented', entities, {
      target,
      n,
      text: c.text,
      document: c.document,
    });
  },
});
