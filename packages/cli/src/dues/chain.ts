/** Reading the dues records a command needs, at one height, through the verifying client. */
import type { DjchainClient } from '@djchain/client';
import type { Value } from '@djchain/crypto';
import { chinaDate, monthOf } from '@djchain/modules';
import { branchEvents } from '../commands/export.ts';
import type { OrgInfo } from '../commands/orgs.ts';
import type { AccountView, ArrearsView, BooksView, RegisterView, StatementView } from './views.ts';

async function q<T>(client: DjchainClient, name: string, params: Value, height: number): Promise<T> {
  return (await client.query('dues', name, params, height)).result as unknown as T;
}

export const account = (c: DjchainClient, member: string, year: number, h: number) =>
  q<AccountView>(c, 'account', { member, year }, h);
export const register = (c: DjchainClient, org: string, month: string, h: number) =>
  q<RegisterView>(c, 'register', { org, month }, h);
export const arrears = (c: DjchainClient, org: string, h: number) => q<ArrearsView>(c, 'arrears', { org }, h);
export const books = (c: DjchainClient, org: string, year: number | undefined, h: number) =>
  q<BooksView>(c, 'books', year === undefined ? { org } : { org, year }, h);
export const statement = (c: DjchainClient, member: string, year: number, h: number) =>
  q<StatementView>(c, 'statement', { member, year }, h);

export async function orgOf(c: DjchainClient, id: string, h: number): Promise<OrgInfo | null> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(id)) return null;
  return (await c.query('org', 'org', { id }, h)).result as OrgInfo | null;
}

export interface MemberInfo {
  readonly id: string;
  readonly org: string | null;
  readonly status: string;
}

export async function memberOf(c: DjchainClient, id: string, h: number): Promise<MemberInfo | null> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(id)) return null;
  return (await c.query('member', 'member', { id }, h)).result as MemberInfo | null;
}

/** The latest height and the chain's China month and date at it. */
export async function chainNow(c: DjchainClient): Promise<{ height: number; today: string; month: string }> {
  const s = await c.status();
  const today = chinaDate(s.height >= 1 ? s.time : Date.now());
  return { height: s.height, today, month: monthOf(today) };
}

/**
 * Everyone the organization's history names (its verified dossier: every dues record of a member
 * names the organization that held them), so members who moved away are audited too.
 */
export async function membersInHistory(c: DjchainClient, org: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const entities of await branchEvents(c, org))
    for (const e of entities) if (e.startsWith('member:')) ids.add(e.slice('member:'.length));
  return [...ids].sort();
}

/** Posts of a member (org, post). */
export async function postsOf(c: DjchainClient, member: string, h: number) {
  return (await c.query('org', 'postsOf', { member }, h)).result as { org: string; post: string }[];
}
