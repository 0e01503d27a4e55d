/**
 * `disclosure.publish`, `correct`, `withdraw`: the acts of an organization's committee that make a
 * matter public (《中国共产党党务公开条例（试行）》). Nothing is deleted or rewritten: a correction or a
 * withdrawal is a new item linked to the old, which stays readable with the link beside it.
 */
import type { ActionContext, ReadContext, Result } from '@djchain/runtime';
import { getAttachment } from '../attachment/store.ts';
import { defineAction } from '../common/action.ts';
import { cite, DOC } from '../common/cites.ts';
import { chinaDate, type IsoDate, maxDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, orgEntity } from '../common/events.ts';
import { asValue, MODULE, storeOf } from '../common/stores.ts';
import { getOrg } from '../org/store.ts';
import { lifeKeys, type Meeting } from '../orglife/store.ts';
import { actorOf, storesFor } from '../permissions/authorize.ts';
import type { Permission } from '../permissions/rules.ts';
import { DisclosureErrors as E } from './errors.ts';
import { contentFits } from './rules.ts';
import {
  AUTO_ID_PREFIX,
  AUTOMATIC_KINDS,
  DISCLOSURE_SCOPES,
  type DisclosureItem,
  type DisclosureKind,
  type DisclosureScope,
  disclosureKeys,
  getItem,
  getSuccessor,
  PUBLISHED_KINDS,
  type Successor,
} from './store.ts';

const M = MODULE.disclosure;
const today = (ctx: ReadContext): IsoDate => chinaDate(ctx.time);

/**
 * 第十五条: the organization approves what goes public (审批) and its departments carry it out — on a
 * community chain, its 书记, the 组织委员 (recruitment, members) and the 宣传委员 (publicity).
 */
const PUBLISHERS: Permission = [{ posts: ['书记', '组织委员', '宣传委员'], of: 'org' }];
const PERMISSION_CITE = cite(DOC.disclosure, 15);

function checkContent(ctx: ReadContext, hash: string, scope: DisclosureScope, org: string): Result {
  const a = getAttachment(storeOf(ctx, M, MODULE.attachment), hash);
  if (!a) return failure(E.NOT_ATTACHMENT, { content: hash });
  if (!contentFits(storesFor(ctx, M), a, scope, org))
    return failure(E.SCOPE_MISMATCH, { scope, attachmentScope: a.scope, attachmentOrg: a.org });
  return okResult;
}

function checkPeriod(ctx: ReadContext, from: IsoDate, until: IsoDate | null): Result {
  if (from < today(ctx)) return failure(E.BACKDATED, { from, earliest: today(ctx) });
  if (until !== null && until < from) return failure(E.BAD_PERIOD, { from, until });
  return okResult;
}

function checkNewId(ctx: ReadContext, id: string): Result {
  if (id.startsWith(AUTO_ID_PREFIX)) return failure(E.RESERVED_ID, { id });
  if (getItem(ctx.store, id)) return failure(E.EXISTS, { id });
  return okResult;
}

/** The item to correct or withdraw: its latest version, and no 撤回声明. */
function checkReplaceable(ctx: ReadContext, id: string): Result {
  const old = getItem(ctx.store, id)!;
  const s = getSuccessor(ctx.store, id);
  if (s) return failure(E.REPLACED, { item: id, successor: s.id, how: s.how });
  if (old.withdraws !== null) return failure(E.WITHDRAWAL_FINAL, { item: id });
  return okResult;
}

function firstFailure(...checks: (() => Result)[]): Result {
  for (const c of checks) {
    const r = c();
    if (!r.ok) return r;
  }
  return okResult;
}

/** Saves a new item (and the link from the item it replaces) and emits its event. */
function save(ctx: ActionContext, item: DisclosureItem, type: string): void {
  ctx.store.set(disclosureKeys.item(item.id), asValue(item));
  const replaced = item.corrects ?? item.withdraws;
  if (replaced !== null) {
    const link: Successor = {
      id: item.id,
      how: item.corrects !== null ? 'corrected' : 'withdrawn',
      on: item.on,
    };
    ctx.store.set(disclosureKeys.successor(replaced), asValue(link));
  }
  emitAct(ctx, M, type, [orgEntity(item.org)], {
    item: item.id,
    org: item.org,
    kind: item.kind,
    scope: item.scope,
    from: item.from,
    until: item.until,
    content: item.content,
    corrects: item.corrects,
    withdraws: item.withdraws,
    meeting: item.meeting,
  });
}

function newItem(
  ctx: ActionContext,
  fields: Omit<DisclosureItem, 'by' | 'on' | 'height' | 'source'>,
): DisclosureItem {
  return { ...fields, source: null, by: actorOf(ctx, M).by, on: today(ctx), height: ctx.height };
}

export interface PublishParams {
  id: string;
  org: string;
  kind: DisclosureKind;
  scope: DisclosureScope;
  from: IsoDate;
  until?: IsoDate;
  content: string;
  meeting?: string;
}

/** 会议纪要: the summary of a held (or confirmed) meeting of the same organization. */
function checkMeeting(ctx: ReadContext, p: PublishParams): Result {
  if ((p.kind === '会议纪要') !== (p.meeting !== undefined))
    return failure(E.MEETING_REQUIRED, { kind: p.kind });
  if (p.meeting === undefined) return okResult;
  const m = storeOf(ctx, M, MODULE.orglife).get(lifeKeys.meeting(p.meeting)) as unknown as
    | Meeting
    | undefined;
  if (!m || m.org !== p.org || (m.status !== 'held' && m.status !== 'confirmed'))
    return failure(E.MEETING_NOT_HELD, { meeting: p.meeting, status: m?.status ?? null });
  return okResult;
}

export const publish = defineAction<PublishParams>(M, E, {
  description:
    'Publish a disclosure item (党务公开) of the organization: its kind, reader scope, period and content (a registered attachment its readers may all read).',
  shape: {
    id: 'id',
    org: 'id',
    kind: { type: 'text', oneOf: [...AUTOMATIC_KINDS, ...PUBLISHED_KINDS] },
    scope: { type: 'text', oneOf: DISCLOSURE_SCOPES },
    from: 'date',
    until: { type: 'date', optional: true },
    content: 'hash',
    meeting: { type: 'id', optional: true },
  },
  permission: PUBLISHERS,
  permissionCite: PERMISSION_CITE,
  target: (ctx, p) => (getOrg(storesFor(ctx, M).org, p.org) ? { org: p.org } : null),
  verify(ctx, p) {
    return firstFailure(
      () => checkNewId(ctx, p.id),
      () =>
        (AUTOMATIC_KINDS as readonly string[]).includes(p.kind) || p.kind === '撤回声明'
          ? failure(E.KIND_AUTOMATIC, { kind: p.kind })
          : okResult,
      () => checkPeriod(ctx, p.from, p.until ?? null),
      () => checkMeeting(ctx, p),
      () => checkContent(ctx, p.content, p.scope, p.org),
    );
  },
  execute(ctx, p) {
    const item = newItem(ctx, {
      id: p.id,
      org: p.org,
      kind: p.kind,
      scope: p.scope,
      from: p.from,
      until: p.until ?? null,
      content: p.content,
      corrects: null,
      withdraws: null,
      reason: null,
      meeting: p.meeting ?? null,
    });
    save(ctx, item, 'disclosure.Published');
  },
});

export interface CorrectParams {
  id: string;
  corrects: string;
  from: IsoDate;
  until?: IsoDate;
  content: string;
  reason: string;
}

const replacedOrg = (ctx: ReadContext, id: string) => {
  const old = getItem(ctx.store, id);
  return old ? { org: old.org } : null;
};

export const correct = defineAction<CorrectParams>(M, E, {
  description:
    'Correct a disclosure item: a new item linked to it (same organization, kind and readers) replaces it from today; the old one stays on record, marked corrected.',
  shape: {
    id: 'id',
    corrects: 'id',
    from: 'date',
    until: { type: 'date', optional: true },
    content: 'hash',
    reason: { type: 'text', kind: 'reason' },
  },
  permission: PUBLISHERS,
  permissionCite: PERMISSION_CITE,
  target: (ctx, p) => replacedOrg(ctx, p.corrects),
  verify(ctx, p) {
    const old = getItem(ctx.store, p.corrects)!;
    // An automatic 公示 runs for the period its rule sets: a correction changes its content or scope, not its end.
    const automatic = (AUTOMATIC_KINDS as readonly string[]).includes(old.kind);
    return firstFailure(
      () => checkNewId(ctx, p.id),
      () => checkReplaceable(ctx, p.corrects),
      () =>
        automatic && (p.until ?? null) !== old.until
          ? failure(E.KIND_AUTOMATIC, { kind: old.kind, until: old.until })
          : okResult,
      () => checkPeriod(ctx, p.from, p.until ?? null),
      () => checkContent(ctx, p.content, old.scope, old.org),
    );
  },
  execute(ctx, p) {
    const old = getItem(ctx.store, p.corrects)!;
    // The readers stay those of the first version: every version of an item is read by the same
    // people (to narrow the range, withdraw the item and publish anew).
    const item = newItem(ctx, {
      id: p.id,
      org: old.org,
      kind: old.kind,
      scope: old.scope,
      from: p.from,
      until: p.until ?? null,
      content: p.content,
      corrects: p.corrects,
      withdraws: null,
      reason: p.reason,
      meeting: old.meeting,
    });
    save(ctx, item, 'disclosure.Corrected');
  },
});

export interface WithdrawParams {
  id: string;
  withdraws: string;
  reason: string;
  content?: string;
}

export const withdraw = defineAction<WithdrawParams>(M, E, {
  description:
    'Withdraw a disclosure item: a 撤回声明 linked to it, shown to the same readers for the rest of its period; the item stays on record, marked withdrawn.',
  shape: {
    id: 'id',
    withdraws: 'id',
    reason: { type: 'text', kind: 'reason' },
    content: { type: 'hash', optional: true },
  },
  permission: PUBLISHERS,
  permissionCite: PERMISSION_CITE,
  target: (ctx, p) => replacedOrg(ctx, p.withdraws),
  verify(ctx, p) {
    const old = getItem(ctx.store, p.withdraws)!;
    return firstFailure(
      () => checkNewId(ctx, p.id),
      () => checkReplaceable(ctx, p.withdraws),
      () => (p.content === undefined ? okResult : checkContent(ctx, p.content, old.scope, old.org)),
    );
  },
  execute(ctx, p) {
    const old = getItem(ctx.store, p.withdraws)!;
    const on = today(ctx);
    const item = newItem(ctx, {
      id: p.id,
      org: old.org,
      kind: '撤回声明',
      scope: old.scope,
      from: on,
      until: old.until === null ? null : maxDate(on, old.until),
      content: p.content ?? null,
      corrects: null,
      withdraws: p.withdraws,
      reason: p.reason,
      meeting: null,
    });
    save(ctx, item, 'disclosure.Withdrawn');
  },
});
