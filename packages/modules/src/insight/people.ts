/**
 * 不漏人: every member of a branch accounted for in each month — dues current (paid, waived or
 * reported for confirmation), organizational life not missed without leave, study on pace. A member
 * missing anything is listed with what and when; no member gets a figure of their own.
 */
import type { ReadContext } from '@djchain/runtime';
import { lastDay, type YearMonth } from '../common/months.ts';
import { MODULE } from '../common/stores.ts';
import { duesStores } from '../dues/actions-common.ts';
import { monthDues } from '../dues/ledger.ts';
import { assessmentsOf } from '../dues/store.ts';
import { monthLife } from '../orglife/close.ts';
import { progress } from '../study/progress.ts';
import { viewAs } from '../warnings/resolve.ts';
import type { IndexRules } from './rules.ts';
import type { MissingPerson } from './store.ts';

export interface PeopleCount {
  owed: number;
  done: number;
  missing: MissingPerson[];
}

const DUES_OK = new Set(['paid', 'waived', 'reported', 'notMember']);

/** One branch's month: `members` is its roster on the month's last day (member-id order). */
export function peopleOfMonth(
  ctx: ReadContext,
  rules: IndexRules,
  month: YearMonth,
  members: readonly string[],
): PeopleCount {
  const dues = duesStores(viewAs(ctx, MODULE.dues));
  const life = viewAs(ctx, MODULE.orglife);
  const study = viewAs(ctx, MODULE.study);
  const today = lastDay(month);
  const year = Number(month.slice(0, 4));
  const elapsed = Number(month.slice(5));
  const out: PeopleCount = { owed: 0, done: 0, missing: [] };
  for (const member of members) {
    const items: MissingPerson['items'][number][] = [];
    const d = monthDues(dues, member, assessmentsOf(dues.dues, member), month, today);
    if (!DUES_OK.has(d.state)) items.push('dues');
    if (monthLife(life, member, month) === 'absent') items.push('orglife');
    if (rules.studyPace) {
      const p = progress(study, member, year);
      // Integer pace: hours × 12 against target × months elapsed.
      if (p.total * 12 < p.target * elapsed) items.push('study');
    }
    out.owed++;
    if (items.length === 0) out.done++;
    else out.missing.push({ member, items, months: [month] });
  }
  return out;
}

/** Several months' counts as one (a quarter, a year): sums, and each person once with every month. */
export function mergePeople(parts: readonly PeopleCount[]): PeopleCount {
  const byMember = new Map<string, { items: Set<string>; months: string[] }>();
  let owed = 0;
  let done = 0;
  for (const p of parts) {
    owed += p.owed;
    done += p.done;
    for (const m of p.missing) {
      const e = byMember.get(m.member) ?? { items: new Set<string>(), months: [] };
      for (const i of m.items) e.items.add(i);
      e.months.push(...m.months);
      byMember.set(m.member, e);
    }
  }
  const order = ['dues', 'orglife', 'study'] as const;
  const missing = [...byMember.keys()].sort().map((member) => {
    const e = byMember.get(member)!;
    return { member, items: order.filter((i) => e.items.has(i)), months: [...new Set(e.months)].sort() };
  });
  return { owed, done, missing };
}
