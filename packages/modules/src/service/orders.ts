/**
 * The service flow: a resident orders from the menu or posts a need (微心愿) → the centre dispatches
 * to a provider (派单) → the provider accepts (接单) or refuses → done with evidence (an attachment of
 * the order's organization) or failed → the resident confirms and rates (评单). A resident may cancel
 * until done; the centre may withdraw an order until done, with the reason. Every act is kept in the
 * order's record; an act after its step's deadline (params.ts, chain time) is recorded and flagged
 * late, never refused. A clerk may order on a resident's behalf (marked `placedBy`).
 *
 * No self-dealing (hours never come from one person alone):
 * - whoever placed an order — the resident, or the clerk who signed `order` for them — is never the
 *   provider it is dispatched to (the resident: `SERVICE_WRONG_PROVIDER`, the clerk:
 *   `SERVICE_SELF_DEALING`);
 * - the resident confirms with their own key; an order a clerk placed for them may also be
 *   confirmed by a 党务工作者 of the centre who is neither its provider nor the one who dispatched it
 *   to that provider (`SERVICE_SELF_DEALING`), never by anyone else (`SERVICE_NOT_YOURS`).
 * Hours (the provider's and their 双报到 registration's tallies) grow only at such a confirmation.
 *
 * Bounds: a resident has at most `openPerResident` active orders (`SERVICE_TOO_MANY_OPEN`); an order
 * is dispatched at most `MAX_DISPATCHES` times (`SERVICE_TOO_MANY_DISPATCHES`), so its acts stay
 * under 2 × MAX_DISPATCHES + 4.
 */
import type { Value } from '@djchain/crypto';
import type { ActionContext, ReadContext, Result } from '@djchain/runtime';
import { getAttachment } from '../attachment/store.ts';
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { orgEntity } from '../common/events.ts';
import { asValue, getRecord, MODULE, storeOf } from '../common/stores.ts';
import type { Permission } from '../permissions/rules.ts';
import { getResident } from '../resident/store.ts';
import {
  accountExists,
  checkCommunity,
  communityTarget,
  dueOf,
  emitService,
  gridEntity,
  M,
  memberOf,
  orderEntity,
  residentBound,
  residentEntity,
  signerAccount,
  todayOf,
} from './common.ts';
import { ServiceErrors as E } from './errors.ts';
import { serviceParams } from './params.ts';
import { CENTRE } from './setup.ts';
import {
  ACTIVE_STATUSES,
  type Account,
  getGrid,
  getItem,
  getOrder,
  getRegistration,
  OPEN_STATUSES,
  type Order,
  type OrderAct,
  type OrderStatus,
  serviceKeys,
  type Tally,
} from './store.ts';

/** How often one order may be dispatched (again after each refusal); then the centre withdraws it. */
export const MAX_DISPATCHES = 10;

/** Residents act with their own key; the centre's clerk may act for one (marked). */
const RESIDENT_SIDE: Permission = [{ of: 'resident' }, { posts: ['党务工作者'], of: 'org' }];
/** The provider signs: a member of this chain (the subject of the act) or a bound resident. */
const PROVIDER_SIDE: Permission = [{ of: 'self' }, { of: 'resident' }];

function orderTarget(ctx: ReadContext, id: string, provider = false) {
  const o = getOrder(ctx.store, id);
  if (!o) return null;
  const member = provider ? memberOf(o.provider) : undefined;
  return member === undefined ? { org: o.org } : { org: o.org, member };
}

function step(o: Order, ...at: OrderStatus[]): Result {
  return at.includes(o.status) ? okResult : failure(E.WRONG_STEP, { status: o.status, expected: at });
}

/** The signer is the order's resident, or the clerk who ordered for them. */
function residentSide(ctx: ActionContext, o: Order): Result {
  const me = signerAccount(ctx);
  const ok = me === `resident:${o.resident}` || (o.placedBy !== null && me === `member:${o.placedBy}`);
  return ok ? okResult : failure(E.NOT_YOURS, { order: o.id });
}

/** The account that signed `order`: the resident, or the clerk who ordered for them. */
const placerOf = (o: Order): Account =>
  o.placedBy === null ? `resident:${o.resident}` : `member:${o.placedBy}`;

/** The account that dispatched the order to its current provider (the last dispatch's signer). */
function dispatcherOf(o: Order): Account | null {
  for (let i = o.acts.length - 1; i >= 0; i--) if (o.acts[i]!.act === 'dispatch') return o.acts[i]!.by;
  return null;
}

/**
 * Who may confirm (评单): the resident themself; for an order a clerk placed for them, also a clerk
 * of the centre (the permission) who neither provided nor dispatched it (module doc above).
 */
function confirmer(ctx: ActionContext, o: Order): Result {
  const me = signerAccount(ctx);
  if (me === `resident:${o.resident}`) return okResult;
  if (o.placedBy === null || me === null || !me.startsWith('member:'))
    return failure(E.NOT_YOURS, { order: o.id });
  if (me === o.provider || me === dispatcherOf(o))
    return failure(E.SELF_DEALING, {
      order: o.id,
      account: me,
      provider: o.provider,
      dispatcher: dispatcherOf(o),
    });
  return okResult;
}

function providerSide(ctx: ActionContext, o: Order): Result {
  return o.provider !== null && signerAccount(ctx) === o.provider
    ? okResult
    : failure(E.NOT_PROVIDER, { order: o.id });
}

/** The order is at step `at` and the signer is its dispatched provider (the provider's acts). */
function providerAt(ctx: ActionContext, order: string, at: OrderStatus): Result {
  const o = getOrder(ctx.store, order)!;
  const s = step(o, at);
  return s.ok ? providerSide(ctx, o) : s;
}

function bumpKey(ctx: ActionContext, key: string, by: number): void {
  const n = (getRecord<number>(ctx.store, key) ?? 0) + by;
  if (n > 0) ctx.store.set(key, n);
  else ctx.store.delete(key);
}

/** An order becomes active: it takes a place of its item's capacity and of its resident's limit. */
function hold(ctx: ActionContext, o: Order): void {
  if (o.item !== null) bumpKey(ctx, serviceKeys.active(o.item), 1);
  bumpKey(ctx, serviceKeys.activeOf(o.resident), 1);
}

/** An order leaves the active steps (done, failed, cancelled, withdrawn): both places freed. */
function release(ctx: ActionContext, o: Order): void {
  if (o.item !== null) bumpKey(ctx, serviceKeys.active(o.item), -1);
  bumpKey(ctx, serviceKeys.activeOf(o.resident), -1);
}

/** Records the act: late when today is past the current step's due day. */
function advance(
  ctx: ActionContext,
  o: Order,
  act: OrderAct['act'],
  next: Partial<Order> & { status: OrderStatus },
  extra: { provider?: Account | null; reason?: string | null } = {},
  data: { readonly [key: string]: Value } = {},
): Order {
  const today = todayOf(ctx);
  const due = dueOf(o, serviceParams(ctx.store));
  const late = due !== null && today > due;
  const me = signerAccount(ctx)!;
  const a: OrderAct = {
    act,
    on: today,
    by: me,
    forResident:
      me.startsWith('member:') && o.placedBy !== null && act !== 'dispatch' && act !== 'withdraw'
        ? o.resident
        : null,
    late,
    provider: extra.provider ?? null,
    reason: extra.reason ?? null,
  };
  const out: Order = { ...o, ...next, since: today, escalation: null, acts: [...o.acts, a] };
  ctx.store.set(serviceKeys.order(o.id), asValue(out));
  if (!OPEN_STATUSES.includes(out.status)) ctx.store.delete(serviceKeys.open(o.orderedOn, o.id));
  emitService(ctx, `service.${EVENT[act]}`, entitiesOf(out), {
    order: o.id,
    status: out.status,
    late,
    due,
    forResident: a.forResident,
    provider: out.provider,
    reason: a.reason,
    ...data,
  });
  return out;
}

const EVENT: Record<OrderAct['act'], string> = {
  order: 'Ordered',
  dispatch: 'Dispatched',
  accept: 'Accepted',
  refuse: 'Refused',
  complete: 'Completed',
  fail: 'Failed',
  confirm: 'Confirmed',
  cancel: 'Cancelled',
  withdraw: 'Withdrawn',
};

function entitiesOf(o: Order): string[] {
  return [
    orderEntity(o.id),
    orgEntity(o.org),
    residentEntity(o.resident),
    ...(o.provider === null ? [] : [o.provider]),
    ...(o.grid === null ? [] : [gridEntity(o.grid)]),
  ];
}

export interface OrderParams {
  id: string;
  org: string;
  item?: string;
  need?: string;
  grid?: string;
  forResident?: string;
}

export const order = defineAction<OrderParams>(M, E, {
  description:
    'A resident orders a menu item or posts a need (微心愿) in their own words (no personal data); the centre’s clerk may order for a named resident, marked.',
  shape: {
    id: 'id',
    org: 'id',
    item: { type: 'id', optional: true },
    need: { type: 'text', kind: 'comment', optional: true },
    grid: { type: 'id', optional: true },
    forResident: { type: 'id', optional: true },
  },
  permission: RESIDENT_SIDE,
  check: (p) => ((p.item === undefined) !== (p.need === undefined) ? okResult : failure(E.ONE_OF)),
  target: (ctx, p) => communityTarget(ctx, p.org),
  verify(ctx, p): Result {
    const c = checkCommunity(ctx, p.org);
    if (!c.ok) return c;
    if (getOrder(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const me = signerAccount(ctx);
    const byResident = me?.startsWith('resident:') ?? false;
    if (byResident !== (p.forResident === undefined)) return failure(E.FOR_RESIDENT);
    if (p.forResident !== undefined && !residentBound(ctx, p.forResident))
      return failure(E.NOT_BOUND, { resident: p.forResident });
    // The resident orders from the centre that bound their key, within their limit of active orders.
    const resident = p.forResident ?? me!.slice('resident:'.length);
    const bound = getResident(storeOf(ctx, M, MODULE.resident), resident)!;
    if (bound.org !== p.org) return failure(E.OTHER_COMMUNITY, { resident, org: bound.org });
    const limit = serviceParams(ctx.store).openPerResident;
    const open = getRecord<number>(ctx.store, serviceKeys.activeOf(resident)) ?? 0;
    if (open >= limit) return failure(E.TOO_MANY_OPEN, { resident, open, limit });
    if (p.grid !== undefined && !getGrid(ctx.store, p.grid)) return failure(E.NOT_FOUND, { grid: p.grid });
    if (p.item === undefined) return okResult;
    const item = getItem(ctx.store, p.item);
    if (!item || item.org !== p.org) return failure(E.NOT_FOUND, { item: p.item });
    if (!item.open) return failure(E.ITEM_CLOSED, { item: p.item });
    if (item.group !== null && byResident) return failure(E.GROUP_ONLY, { item: p.item, group: item.group });
    const active = getRecord<number>(ctx.store, serviceKeys.active(p.item)) ?? 0;
    return active < item.capacity ? okResult : failure(E.FULL, { item: p.item, capacity: item.capacity });
  },
  execute(ctx, p) {
    const me = signerAccount(ctx)!;
    const resident = p.forResident ?? me.slice('resident:'.length);
    const placedBy = p.forResident === undefined ? null : me.slice('member:'.length);
    const today = todayOf(ctx);
    const o: Order = {
      id: p.id,
      org: p.org,
      item: p.item ?? null,
      kind: p.item === undefined ? '微心愿' : getItem(ctx.store, p.item)!.kind,
      need: p.need ?? null,
      resident,
      placedBy,
      grid: p.grid ?? null,
      status: 'ordered',
      orderedOn: today,
      since: today,
      provider: null,
      evidence: null,
      minutes: null,
      rating: null,
      review: null,
      escalation: null,
      escalations: [],
      acts: [
        {
          act: 'order',
          on: today,
          by: me,
          forResident: p.forResident ?? null,
          late: false,
          provider: null,
          reason: null,
        },
      ],
    };
    ctx.store.set(serviceKeys.order(p.id), asValue(o));
    ctx.store.set(serviceKeys.open(today, p.id), today);
    ctx.store.set(serviceKeys.byResident(resident, p.id), today);
    hold(ctx, o);
    emitService(ctx, 'service.Ordered', entitiesOf(o), {
      order: p.id,
      item: o.item,
      kind: o.kind,
      need: o.need,
      resident,
      forResident: p.forResident ?? null,
    });
  },
});

export const dispatch = defineAction<{ order: string; provider: string; grid?: string }>(M, E, {
  description:
    'The centre dispatches an order (派单) to a provider account: a grid’s leader or member, a volunteer, a 双报到 member.',
  shape: { order: 'id', provider: 'id', grid: { type: 'id', optional: true } },
  permission: [{ posts: CENTRE, of: 'org' }],
  target: (ctx, p) => orderTarget(ctx, p.order),
  verify(ctx, p): Result {
    const o = getOrder(ctx.store, p.order)!;
    const s = step(o, 'ordered');
    if (!s.ok) return s;
    if (!accountExists(ctx, p.provider)) return failure(E.NO_ACCOUNT, { accounts: [p.provider] });
    if (p.grid !== undefined && !getGrid(ctx.store, p.grid)) return failure(E.NOT_FOUND, { grid: p.grid });
    if (p.provider === `resident:${o.resident}`) return failure(E.WRONG_PROVIDER, { provider: p.provider });
    if (p.provider === placerOf(o)) return failure(E.SELF_DEALING, { order: o.id, provider: p.provider });
    const dispatches = o.acts.filter((a) => a.act === 'dispatch').length;
    if (dispatches >= MAX_DISPATCHES)
      return failure(E.TOO_MANY_DISPATCHES, { order: o.id, dispatches, max: MAX_DISPATCHES });
    const item = o.item === null ? undefined : getItem(ctx.store, o.item);
    if (item?.provider === 'grid') {
      const g = getGrid(ctx.store, item.providerRef!);
      if (!g || (g.leader !== p.provider && !g.members.includes(p.provider)))
        return failure(E.WRONG_PROVIDER, { provider: p.provider, grid: item.providerRef });
    }
    if (item?.provider === 'unit') {
      const r = getRegistration(ctx.store, item.providerRef!);
      if (!r || r.ended !== null || !r.accounts.includes(p.provider))
        return failure(E.WRONG_PROVIDER, { provider: p.provider, registration: item.providerRef });
    }
    return okResult;
  },
  execute(ctx, p) {
    const o = getOrder(ctx.store, p.order)!;
    const grid = p.grid ?? o.grid;
    advance(
      ctx,
      o,
      'dispatch',
      { status: 'dispatched', provider: p.provider, grid },
      { provider: p.provider },
    );
    ctx.store.set(serviceKeys.byProvider(p.provider, o.id), todayOf(ctx));
  },
});

export const accept = defineAction<{ order: string }>(M, E, {
  description: 'The provider accepts the dispatched order (接单).',
  shape: { order: 'id' },
  permission: PROVIDER_SIDE,
  target: (ctx, p) => orderTarget(ctx, p.order, true),
  verify: (ctx, p) => providerAt(ctx, p.order, 'dispatched'),
  execute(ctx, p) {
    const o = getOrder(ctx.store, p.order)!;
    advance(ctx, o, 'accept', { status: 'accepted' }, { provider: o.provider });
  },
});

export const refuse = defineAction<{ order: string; reason: string }>(M, E, {
  description:
    'The provider refuses the dispatched order with a reason; it goes back to the centre to dispatch again, the refusal kept.',
  shape: { order: 'id', reason: { type: 'text', kind: 'reason' } },
  permission: PROVIDER_SIDE,
  target: (ctx, p) => orderTarget(ctx, p.order, true),
  verify: (ctx, p) => providerAt(ctx, p.order, 'dispatched'),
  execute(ctx, p) {
    const o = getOrder(ctx.store, p.order)!;
    advance(
      ctx,
      o,
      'refuse',
      { status: 'ordered', provider: null },
      { provider: o.provider, reason: p.reason },
    );
    // Off their list: a provider the order went away from reads it no more (todo, queries.ts).
    ctx.store.delete(serviceKeys.byProvider(o.provider!, o.id));
  },
});

export const complete = defineAction<{ order: string; evidence: string; minutes?: number }>(M, E, {
  description:
    'The provider reports the service done, with evidence (a registered attachment) and, for a need, the minutes served.',
  shape: { order: 'id', evidence: 'hash', minutes: { type: 'int', min: 1, max: 3660, optional: true } },
  permission: PROVIDER_SIDE,
  target: (ctx, p) => orderTarget(ctx, p.order, true),
  verify(ctx, p): Result {
    const mine = providerAt(ctx, p.order, 'accepted');
    if (!mine.ok) return mine;
    const o = getOrder(ctx.store, p.order)!;
    const evidence = getAttachment(storeOf(ctx, M, MODULE.attachment), p.evidence);
    if (!evidence) return failure(E.NO_EVIDENCE, { evidence: p.evidence });
    if (evidence.org !== o.org)
      return failure(E.FOREIGN_EVIDENCE, { evidence: p.evidence, org: evidence.org, expected: o.org });
    const minutes = p.minutes ?? (o.item === null ? undefined : getItem(ctx.store, o.item)?.minutes);
    if (minutes === undefined) return failure(E.NO_MINUTES);
    const max = serviceParams(ctx.store).maxMinutes;
    return minutes <= max ? okResult : failure(E.TOO_LONG, { minutes, max });
  },
  execute(ctx, p) {
    const o = getOrder(ctx.store, p.order)!;
    const minutes = p.minutes ?? getItem(ctx.store, o.item!)!.minutes;
    advance(ctx, o, 'complete', { status: 'done', evidence: p.evidence, minutes }, { provider: o.provider });
    release(ctx, o);
  },
});

export const fail = defineAction<{ order: string; reason: string }>(M, E, {
  description:
    'The provider reports an accepted service could not be done, with the reason; the record stays.',
  shape: { order: 'id', reason: { type: 'text', kind: 'reason' } },
  permission: PROVIDER_SIDE,
  target: (ctx, p) => orderTarget(ctx, p.order, true),
  verify: (ctx, p) => providerAt(ctx, p.order, 'accepted'),
  execute(ctx, p) {
    const o = getOrder(ctx.store, p.order)!;
    advance(ctx, o, 'fail', { status: 'failed' }, { provider: o.provider, reason: p.reason });
    release(ctx, o);
  },
});

export const cancel = defineAction<{ order: string; reason: string }>(M, E, {
  description: 'The resident (or the clerk who ordered for them) cancels an order not yet done.',
  shape: { order: 'id', reason: { type: 'text', kind: 'reason' } },
  permission: RESIDENT_SIDE,
  target: (ctx, p) => orderTarget(ctx, p.order),
  verify(ctx, p) {
    const o = getOrder(ctx.store, p.order)!;
    const s = step(o, ...ACTIVE_STATUSES);
    return s.ok ? residentSide(ctx, o) : s;
  },
  execute(ctx, p) {
    const o = getOrder(ctx.store, p.order)!;
    advance(ctx, o, 'cancel', { status: 'cancelled' }, { provider: o.provider, reason: p.reason });
    release(ctx, o);
  },
});

export const withdraw = defineAction<{ order: string; reason: string }>(M, E, {
  description:
    'The centre withdraws (撤销) an order not yet done — a flood of orders, a duplicate, a resident who moved — with the reason; the record stays, the item’s place and the resident’s count are freed.',
  shape: { order: 'id', reason: { type: 'text', kind: 'reason' } },
  permission: [{ posts: CENTRE, of: 'org' }],
  target: (ctx, p) => orderTarget(ctx, p.order),
  verify: (ctx, p) => step(getOrder(ctx.store, p.order)!, ...ACTIVE_STATUSES),
  execute(ctx, p) {
    const o = getOrder(ctx.store, p.order)!;
    advance(ctx, o, 'withdraw', { status: 'cancelled' }, { provider: o.provider, reason: p.reason });
    release(ctx, o);
  },
});

function addTally(ctx: ActionContext, key: string, minutes: number): void {
  const t = getRecord<Tally>(ctx.store, key) ?? { orders: 0, minutes: 0 };
  ctx.store.set(key, asValue({ orders: t.orders + 1, minutes: t.minutes + minutes }));
}

export const confirm = defineAction<{ order: string; rating: number; review?: string }>(M, E, {
  description:
    'The resident confirms a done service and rates it 1–5 (评单) — for an order a clerk placed for them, a clerk who neither provided nor dispatched it may; only now do its minutes count for the provider and their 双报到 registration.',
  shape: {
    order: 'id',
    rating: { type: 'int', min: 1, max: 5 },
    review: { type: 'text', kind: 'comment', optional: true },
  },
  permission: RESIDENT_SIDE,
  target: (ctx, p) => orderTarget(ctx, p.order),
  verify(ctx, p) {
    const o = getOrder(ctx.store, p.order)!;
    const s = step(o, 'done');
    return s.ok ? confirmer(ctx, o) : s;
  },
  execute(ctx, p) {
    const o = getOrder(ctx.store, p.order)!;
    // The confirmation names what it counts, so a provider's history (their dossier) carries the
    // whole statement for their own branch: kind, minutes and rating of each confirmed service.
    advance(
      ctx,
      o,
      'confirm',
      { status: 'confirmed', rating: p.rating, review: p.review ?? null },
      { provider: o.provider },
      { kind: o.kind, item: o.item, minutes: o.minutes!, rating: p.rating },
    );
    const provider = o.provider!;
    const minutes = o.minutes!;
    addTally(ctx, serviceKeys.tallyOfAccount(provider), minutes);
    const reg = getRecord<string>(ctx.store, serviceKeys.registered(provider));
    if (reg !== undefined) addTally(ctx, serviceKeys.tallyOfRegistration(reg), minutes);
    // The public figures: confirmed services per month and kind with the sum of their ratings.
    const key = serviceKeys.monthly(todayOf(ctx).slice(0, 7), o.kind);
    const m = getRecord<{ orders: number; ratings: number }>(ctx.store, key) ?? { orders: 0, ratings: 0 };
    ctx.store.set(key, asValue({ orders: m.orders + 1, ratings: m.ratings + p.rating }));
  },
});
