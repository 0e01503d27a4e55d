/**
 * The Party-mass service centre in the web app (issue 17): the service module's lists (from
 * @djchain/modules/lists, the one data-only path the layer rule lets the web app import), its record
 * shapes (a type-only import, erased from the bundle), and its queries (the sender of service acts: service-send.tsx).
 */
import type { DjchainClient } from '@djchain/client';
import type { ServiceMenuItem as MenuItem, ServiceOrder as Order } from '@djchain/modules';
import { ORDER_STATUSES, PROVIDER_KINDS, SERVICE_KINDS } from '@djchain/modules/lists';
import type { Chain } from './chain.ts';

export { ORDER_STATUSES, PROVIDER_KINDS, SERVICE_KINDS };

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A menu item as the `menu` query answers it: with the orders open on it. */
export type MenuItemInfo = MenuItem & { readonly active: number };

/** An order as the queries answer it: with its current step's due day (null when none). */
export type OrderInfo = Order & { readonly due: string | null };

export interface GridInfo {
  readonly id: string;
  readonly name: string;
  readonly branch: string;
  readonly leader: string;
  readonly members: readonly string[];
  readonly households: number;
  readonly residents: number;
}

export interface MonthFigure {
  readonly month: string;
  readonly kind: string;
  readonly orders: number;
  readonly ratingSum: number;
}

const q = async <T>(
  chain: Chain,
  name: string,
  params: Record<string, string>,
  reader?: DjchainClient,
): Promise<T> => (await (reader ?? chain.client).query('service', name, params)).result as T;

export const serviceApi = {
  menu: (chain: Chain) => q<MenuItemInfo[]>(chain, 'menu', {}),
  grids: (chain: Chain) => q<GridInfo[]>(chain, 'grids', {}),
  /** A resident's own requests: read with their own read session (`reader`, service-send.tsx). */
  ordersOf: (chain: Chain, resident: string, reader?: DjchainClient) =>
    q<OrderInfo[]>(chain, 'ordersOf', { resident }, reader),
  todo: (chain: Chain, account: string, reader?: DjchainClient) =>
    q<OrderInfo[]>(chain, 'todo', { account }, reader),
  board: (chain: Chain) => q<OrderInfo[]>(chain, 'board', {}),
  stats: (chain: Chain) => q<MonthFigure[]>(chain, 'stats', {}),
  /** A grid's late orders (its leader's and the community's to read). */
  overdue: (chain: Chain, grid: string) => q<OrderInfo[]>(chain, 'overdue', { grid }),
  registrations: (chain: Chain) =>
    q<{ id: string; unit: string; accounts: string[]; ended: string | null }[]>(chain, 'registrations', {}),
};

/** The community organization: the menu's (every item is the community's). */
export const communityOf = (items: readonly MenuItemInfo[]): string | null => items[0]?.org ?? null;

/** A fresh order id (the client's: ids are opaque, unique by time and a random tail). */
export function newOrderId(): string {
  return `o-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}
