/**
 * 不缺项: every required item of a branch done in the period — the meetings its calendar owes by kind
 * and frequency (主题党日, 支部委员会, 党小组会, 党员大会, 党课, 组织生活会, 民主评议党员, 谈心谈话: the
 * orglife obligations, read through its own query), a calendar set at all, and the term (换届 not
 * overdue). Each missed one names the warning raised for it.
 */
import type { Value } from '@djchain/crypto';
import type { ReadContext } from '@djchain/runtime';
import { MODULE } from '../common/stores.ts';
import { warningId } from '../common/warnings.ts';
import { childrenOf, getOrg } from '../org/store.ts';
import { lifeKeys } from '../orglife/store.ts';
import { getWarning, openIds, warningKeys } from '../warnings/store.ts';
import type { MissingItem } from './store.ts';

export interface ItemsCount {
  owed: number;
  done: number;
  missing: MissingItem[];
}

interface ObligationRow {
  readonly kind: string;
  readonly period: string;
  readonly status: string;
}

/** The periods of orglife rows that fall in `period` (a month, a quarter or a year). */
function within(rowPeriod: string, period: string): boolean {
  if (period.length === 4) return rowPeriod.startsWith(period);
  if (period.includes('Q')) {
    const q = Number(period.slice(6));
    if (rowPeriod === period) return true;
    if (rowPeriod.length !== 7 || rowPeriod.includes('Q') || !rowPeriod.startsWith(period.slice(0, 4)))
      return false;
    return Math.ceil(Number(rowPeriod.slice(5)) / 3) === q;
  }
  return rowPeriod === period;
}

const REQUIRED = new Set(['held', 'heldLate', 'missed']);

export function itemsOf(ctx: ReadContext, branch: string, period: string): ItemsCount {
  const out: ItemsCount = { owed: 0, done: 0, missing: [] };
  const orgs = ctx.readStore(MODULE.org);
  const life = ctx.readStore(MODULE.orglife);
  const year = Number(period.slice(0, 4));
  // The calendar: without it nothing is judged, which is itself an item missing.
  out.owed++;
  if (life.get(lifeKeys.calendar(branch)) === undefined)
    out.missing.push({ org: branch, kind: '组织生活安排', period, warning: null });
  else out.done++;
  const groups = childrenOf(orgs, branch).filter((g) => getOrg(orgs, g)?.kind === '党小组');
  for (const org of [branch, ...groups]) {
    const answer = ctx.query(MODULE.orglife, 'obligations', { org, year }) as {
      rows: ObligationRow[];
    } & Value;
    for (const row of answer.rows) {
      if (!REQUIRED.has(row.status) || !within(row.period, period)) continue;
      out.owed++;
      if (row.status === 'missed')
        out.missing.push({
          org,
          kind: row.kind,
          period: row.period,
          warning: warningId('orglife.missed', `${org}:${row.kind}:${row.period}`),
        });
      else out.done++;
    }
  }
  // The term: 换届 due and not held is an item missing until the election is recorded.
  out.owed++;
  const warnings = ctx.readStore(MODULE.warnings);
  const term = openIds(warnings, warningKeys.openOfOrgPrefix(branch), 10_000).find((id) =>
    id.startsWith('org.term/'),
  );
  if (term === undefined) out.done++;
  else
    out.missing.push({ org: branch, kind: '换届', period: getWarning(warnings, term)!.due, warning: term });
  return out;
}
