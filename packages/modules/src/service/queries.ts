/**
 * The service module's queries. The menu, grids (aggregate figures, accounts by opaque id) and the
 * monthly figures are public; orders, registrations and hours are for the people in them and the
 * community's post holders (packages/node/src/api/access.ts, QUERY_RULES).
 */
import type { Value } from '@djchain/crypto';
import type { ReadStore } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { defineQuery } from '../common/query.ts';
import { allKeys, asValue, getRecord } from '../common/stores.ts';
import { dueOf } from './common.ts';
import { ServiceErrors as E } from './errors.ts';
import { serviceParams } from './params.ts';
import {
  type Grid,
  getGrid,
  getItem,
  getOrder,
  getRegistration,
  type MenuItem,
  type Order,
  orderIdOf,
  type Registration,
  serviceKeys,
  type Tally,
} from './store.ts';

const bad = E.BAD_PARAMS;
const MAX = 2000;

function list<T>(store: ReadStore, prefix: string, max = MAX): T[] {
  return allKeys(store, prefix, max)
    .map((k) => getRecord<T>(store, k))
    .filter((x): x is T => x !== undefined);
}

/** Orders by an index prefix whose keys end in the order id (in key order: the open index oldest first). */
function ordersAt(store: ReadStore, prefix: string): Order[] {
  return allKeys(store, prefix, MAX)
    .map((k) => getOrder(store, orderIdOf(k)))
    .filter((o): o is Order => o !== undefined);
}

const withDue = (store: ReadStore, o: Order) => asValue({ ...o, due: dueOf(o, serviceParams(store)) });

export const serviceQueries = {
  params: defineQuery<Record<string, never>>(bad, {
    description: 'The community’s service deadlines (days per step) and limits in force.',
    shape: {},
    run: (ctx) => asValue(serviceParams(ctx.store)),
  }),
  grids: defineQuery<Record<string, never>>(bad, {
    description: 'Grids with their leader and members (accounts), covering branch and aggregate figures.',
    shape: {},
    run: (ctx) => list<Grid>(ctx.store, serviceKeys.gridPrefix) as unknown as Value,
  }),
  grid: defineQuery<{ id: string }>(bad, {
    description: 'One grid (null when none).',
    shape: { id: 'id' },
    run: (ctx, p) => (getGrid(ctx.store, p.id) as unknown as Value) ?? null,
  }),
  menu: defineQuery<Record<string, never>>(bad, {
    description: 'The service menu with each item’s open orders (against its capacity).',
    shape: {},
    run: (ctx) =>
      list<MenuItem>(ctx.store, serviceKeys.itemPrefix).map((i) =>
        asValue({ ...i, active: getRecord<number>(ctx.store, serviceKeys.active(i.id)) ?? 0 }),
      ),
  }),
  item: defineQuery<{ id: string }>(bad, {
    description: 'One menu item (null when none).',
    shape: { id: 'id' },
    run: (ctx, p) => (getItem(ctx.store, p.id) as unknown as Value) ?? null,
  }),
  registrations: defineQuery<Record<string, never>>(bad, {
    description: '双报到 registrations with their confirmed service (orders, minutes).',
    shape: {},
    run: (ctx) =>
      list<Registration>(ctx.store, serviceKeys.registrationPrefix).map((r) =>
        asValue({
          ...r,
          served: getRecord<Tally>(ctx.store, serviceKeys.tallyOfRegistration(r.id)) ?? {
            orders: 0,
            minutes: 0,
          },
        }),
      ),
  }),
  registration: defineQuery<{ id: string }>(bad, {
    description:
      'One 双报到 registration with its confirmed service: hours count only from completed, confirmed orders.',
    shape: { id: 'id' },
    run(ctx, p) {
      const r = getRegistration(ctx.store, p.id);
      if (!r) return null;
      const served = getRecord<Tally>(ctx.store, serviceKeys.tallyOfRegistration(r.id)) ?? {
        orders: 0,
        minutes: 0,
      };
      return asValue({ ...r, served });
    },
  }),
  order: defineQuery<{ id: string }>(bad, {
    description: 'One order with every act, escalation and the current step’s due day (null when none).',
    shape: { id: 'id' },
    run(ctx, p) {
      const o = getOrder(ctx.store, p.id);
      return o ? withDue(ctx.store, o) : null;
    },
  }),
  ordersOf: defineQuery<{ resident: string }>(bad, {
    description: 'A resident’s orders (my requests), oldest first.',
    shape: { resident: 'id' },
    run: (ctx, p) =>
      ordersAt(ctx.store, serviceKeys.byResidentPrefix(p.resident)).map((o) => withDue(ctx.store, o)),
  }),
  todo: defineQuery<{ account: string }>(bad, {
    description:
      'A provider’s orders: those dispatched to them and not yet confirmed first, then the rest; an order dispatched away from them (after a refusal) is no longer theirs to read.',
    shape: { account: 'id' },
    run(ctx, p) {
      const mine = ordersAt(ctx.store, serviceKeys.byProviderPrefix(p.account)).filter(
        (o) => o.provider === p.account,
      );
      const open = mine.filter(
        (o) => o.provider === p.account && ['dispatched', 'accepted', 'done'].includes(o.status),
      );
      const rest = mine.filter((o) => !open.includes(o));
      return [...open, ...rest].map((o) => withDue(ctx.store, o));
    },
  }),
  board: defineQuery<Record<string, never>>(bad, {
    description:
      'The dispatch board: open orders (a next step due), oldest first, with their due day and escalation.',
    shape: {},
    run: (ctx) => ordersAt(ctx.store, serviceKeys.openPrefix).map((o) => withDue(ctx.store, o)),
  }),
  overdue: defineQuery<{ grid?: string }>(bad, {
    description:
      'Open orders past their step’s due day today (chain time), with the escalation reached; of one grid when given.',
    shape: { grid: { type: 'id', optional: true } },
    run(ctx, p) {
      const today = chinaDate(ctx.time);
      const params = serviceParams(ctx.store);
      return ordersAt(ctx.store, serviceKeys.openPrefix)
        .filter((o) => (p.grid === undefined || o.grid === p.grid) && (dueOf(o, params) ?? today) < today)
        .map((o) => withDue(ctx.store, o));
    },
  }),
  served: defineQuery<{ account: string }>(bad, {
    description:
      'The completed, confirmed services of a provider account (the statement for a 双报到 member’s own branch).',
    shape: { account: 'id' },
    run(ctx, p) {
      return ordersAt(ctx.store, serviceKeys.byProviderPrefix(p.account))
        .filter((o) => o.status === 'confirmed' && o.provider === p.account)
        .map((o) =>
          asValue({
            order: o.id,
            kind: o.kind,
            item: o.item,
            doneOn: o.acts.find((a) => a.act === 'complete')?.on ?? null,
            confirmedOn: o.acts.find((a) => a.act === 'confirm')?.on ?? null,
            minutes: o.minutes,
            rating: o.rating,
            evidence: o.evidence,
          }),
        );
    },
  }),
  stats: defineQuery<Record<string, never>>(bad, {
    description:
      'Public figures: confirmed services per month and kind with the sum of their ratings (no names, no ids).',
    shape: {},
    run(ctx) {
      return allKeys(ctx.store, serviceKeys.monthlyPrefix, MAX).map((k) => {
        const [month, kind] = k.slice(serviceKeys.monthlyPrefix.length).split('/');
        const v = getRecord<{ orders: number; ratings: number }>(ctx.store, k)!;
        return { month: month!, kind: kind!, orders: v.orders, ratingSum: v.ratings };
      });
    },
  }),
};
