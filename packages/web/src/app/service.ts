/**
 * The Party-mass service centre in the web app (issue 17): the service module's lists (from
 * @djchain/modules/lists, the one data-only path the layer rule lets the web app import), a copy of
 * its record shapes, and its queries (the sender of service acts: service-send.tsx).
 */
import type { DjchainClient } from '@djchain/client';
import { ORDER_STATUSES, PROVIDER_KINDS, SERVICE_KINDS } from '@djchain/modules/lists';
import type { Chain } from './chain.ts';

export { ORDER_STATUSES, PROVIDER_KINDS, SERVICE_KINDS };

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface MenuItemInfo {
  readonly id: string;
  readonly org: string;
  readonly name: string;
  readonly kind: string;
  readonly provider: (typeof PROVIDER_KINDS)[number];
  readonly providerRef: string | null;
  readonly when: string;
  readonly where: string;
  readonly capacity: number;
  readonly minutes: number;
  readonly group: string | null;
  readonly open: boolean;
  readonly active: number;
}

export interface OrderInfo {
  readonly id: string;
  readonly org: string;
  readonly item: string | null;
  readonly kind: string;
  readonly need: string | null;
  readonly resident: string;
  readonly placedBy: string | null;
  readonly grid: string | null;
  readonly status: OrderStatus;
  readonly orderedOn: string;
  readonly provider: string | null;
  readonly evidence: string | null;
  readonly minutes: number | null;
  readonly rating: number | null;
  readonly due: string | null;
  readonly escalation: { readonly level: 'gridLeader' | 'committee'; readonly on: string } | null;
  readonly acts: ReadonlyArray<{ readonly act: string; readonly on: string; readonly late: boolean }>;
}

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
