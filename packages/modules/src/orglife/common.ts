/** What the orglife actions share: today, targets, periods and the held-record checks. */
import type { ReadContext } from '@djchain/runtime';
import { chinaDate, type IsoDate } from '../common/dates.ts';
import { monthOf, type YearMonth } from '../common/months.ts';
import { MODULE, storeOf } from '../common/stores.ts';
import { currentOrg } from '../member/status.ts';
import { getOrg, superiorCommittee } from '../org/store.ts';
import { storesFor, type Target } from '../permissions/authorize.ts';
import { M } from './roster.ts';
import type { Period } from './rules.ts';

export const todayOf = (ctx: ReadContext): IsoDate => chinaDate(ctx.time);
export const monthNow = (ctx: ReadContext): YearMonth => monthOf(todayOf(ctx));

/** Posts that plan and record an organization's meetings: the branch's, or a group's leader. */
export const RECORDERS = {
  posts: ['书记', '副书记', '组织委员', '党务工作者', '党小组长'],
  of: 'org',
} as const;
/** Posts that decide for the branch (its 书记 and 组织委员). */
export const DECIDERS = { posts: ['书记', '组织委员'], of: 'org' } as const;

export function orgTarget(ctx: ReadContext, org: string): Target | null {
  return getOrg(storeOf(ctx, M, MODULE.org), org) ? { org } : null;
}

export function memberTarget(ctx: ReadContext, member: string): Target | null {
  const org = currentOrg(storesFor(ctx, M), member);
  return org === null ? null : { org, member };
}

/** 'YYYY-MM', 'YYYY-Qn' or 'YYYY': the period of a day under a frequency. */
export function periodOf(every: Period, day: IsoDate): string {
  if (every === 'month') return day.slice(0, 7);
  if (every === 'year') return day.slice(0, 4);
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The months of a period, as prefixes of the days in it. */
export function monthsOfPeriod(period: string): string[] {
  if (period.length === 7 && period[5] !== 'Q') return [period];
  const y = period.slice(0, 4);
  if (period.length === 4)
    return Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
  const q = Number(period.slice(6));
  return [1, 2, 3].map((i) => `${y}-${String((q - 1) * 3 + i).padStart(2, '0')}`);
}

/** Who is warned about an organization's missing obligation: it, its parent and its nearest 党委. */
export function warnedOrgs(ctx: ReadContext, org: string): string[] {
  const orgs = storeOf(ctx, M, MODULE.org);
  const out = new Set([org]);
  const parent = getOrg(orgs, org)?.parent;
  if (parent) out.add(parent);
  const up = superiorCommittee(orgs, org);
  if (up) out.add(up.id);
  return [...out];
}
