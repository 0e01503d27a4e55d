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
import { getMember } from '../member/store.ts';
import { monthLife } from '../orglife/close.ts';
import { behindPace, paceMonths, studyCountedFrom } from '../study/pace.ts';
import { progress } from '../study/progress.ts';
import { viewAs } from '../warnings/resolve.ts';
import { hasSignOfContact, rosterComplete } from './contact.ts';
import type { IndexRules } from './rules.ts';
import type { CheckMiss, MissingPerson } from './store.ts';
import type { LateTransfer } from './transfers.ts';

export interface CheckCount {
  owed: number;
  done: number;
  missing: CheckMiss[];
}

export interface PeopleCount {
  owed: number;
  done: number;
  missing: MissingPerson[];
  /** Rule sets with the contact and roster checks only: each check on its own (transfer: `2026-v3`). */
  checks?: { contact: CheckCount; roster: CheckCount; transfer?: CheckCount };
}

/** A branch's members suspended for lost contact (停止党籍), with the day contact was lost. */
export interface Suspended {
  readonly member: string;
  readonly since: string;
}

const DUES_OK = new Set(['paid', 'waived', 'reported', 'notMember']);

/**
 * One branch's month: `members` is its roster on the month's last day (member-id order); `suspended`
 * its members suspended for lost contact then (judged only by rule sets with `contactMonths`); `late`
 * the members whose transfer waited past its deadline in the month (rule sets with `transferDays`).
 */
export function peopleOfMonth(
  ctx: ReadContext,
  rules: IndexRules,
  month: YearMonth,
  members: readonly string[],
  suspended: readonly Suspended[] = [],
  start = '',
  late: ReadonlyMap<string, LateTransfer> = new Map(),
): PeopleCount {
  const dues = duesStores(viewAs(ctx, MODULE.dues));
  const life = viewAs(ctx, MODULE.orglife);
  const study = viewAs(ctx, MODULE.study);
  const memberStore = ctx.readStore(MODULE.member);
  const today = lastDay(month);
  const year = Number(month.slice(0, 4));
  const elapsed = Number(month.slice(5));
  const out: PeopleCount = { owed: 0, done: 0, missing: [] };
  const checked = rules.contactMonths !== null || rules.rosterProfile;
  const contact: CheckCount = { owed: 0, done: 0, missing: [] };
  const roster: CheckCount = { owed: 0, done: 0, missing: [] };
  const transfer: CheckCount = { owed: 0, done: 0, missing: [] };
  const count = (check: CheckCount, member: string, ok: boolean, since?: string | null) => {
    check.owed++;
    if (ok) check.done++;
    else
      check.missing.push(
        since === undefined ? { member, months: [month] } : { member, months: [month], since },
      );
  };
  const all = [
    ...members.map((member) => ({ member, since: null as string | null })),
    ...(rules.contactMonths === null ? [] : suspended),
  ].sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
  for (const { member, since } of all) {
    const items: MissingPerson['items'][number][] = [];
    if (since === null) {
      const d = monthDues(dues, member, assessmentsOf(dues.dues, member), month, today);
      if (!DUES_OK.has(d.state)) items.push('dues');
      if (monthLife(life, member, month) === 'absent') items.push('orglife');
      if (rules.studyPace) {
        const p = progress(study, member, year);
        // Integer pace: hours × 12 against target × months elapsed (of membership, when pro-rated).
        if (behindPace(p.total, p.target, owedMonths(ctx, rules, member, year, elapsed))) items.push('study');
      }
    }
    if (rules.contactMonths !== null) {
      // Suspended for lost contact: out of contact on record; otherwise a sign within the months.
      const ok = since === null && hasSignOfContact(ctx, member, month, rules.contactMonths, start) !== false;
      count(contact, member, ok, since);
      if (!ok) items.push('contact');
    }
    if (rules.rosterProfile) {
      const ok = rosterComplete(getMember(memberStore, member));
      count(roster, member, ok);
      if (!ok) items.push('roster');
    }
    if (rules.transferDays !== null) {
      const l = late.get(member);
      transfer.owed++;
      if (l === undefined) transfer.done++;
      else {
        transfer.missing.push({ member, months: [month], transfer: l.transfer, due: l.due });
        items.push('transfer');
      }
    }
    out.owed++;
    if (items.length === 0) out.done++;
    else out.missing.push({ member, items, months: [month] });
  }
  if (checked) out.checks = rules.transferDays === null ? { contact, roster } : { contact, roster, transfer };
  return out;
}

/**
 * The months of the year a member owes study for at month `elapsed`'s end: every one elapsed, or with
 * a pro-rating rule set only those of membership (study/pace.ts).
 */
export function owedMonths(
  ctx: ReadContext,
  rules: IndexRules,
  member: string,
  year: number,
  elapsed: number,
): number {
  if (!rules.studyProRata) return elapsed;
  const from = studyCountedFrom(
    { member: ctx.readStore(MODULE.member), recruitment: ctx.readStore(MODULE.recruitment) },
    member,
  );
  return from === null ? elapsed : paceMonths(year, elapsed, from);
}

/** Sums `owed` and `done` over `parts`, handing each missing entry, in order, to `each`. */
function sumCounts<T>(
  parts: readonly { readonly owed: number; readonly done: number; readonly missing: readonly T[] }[],
  each: (m: T) => void,
): { owed: number; done: number } {
  let owed = 0;
  let done = 0;
  for (const p of parts) {
    owed += p.owed;
    done += p.done;
    for (const m of p.missing) each(m);
  }
  return { owed, done };
}

/** Several months' counts as one (a quarter, a year): sums, and each person once with every month. */
export function mergePeople(parts: readonly PeopleCount[]): PeopleCount {
  const byMember = new Map<string, { items: Set<string>; months: string[] }>();
  const { owed, done } = sumCounts(parts, (m) => {
    const e = byMember.get(m.member) ?? { items: new Set<string>(), months: [] };
    for (const i of m.items) e.items.add(i);
    e.months.push(...m.months);
    byMember.set(m.member, e);
  });
  const order = ['dues', 'orglife', 'study', 'contact', 'roster', 'transfer'] as const;
  const missing = [...byMember.keys()].sort().map((member) => {
    const e = byMember.get(member)!;
    return { member, items: order.filter((i) => e.items.has(i)), months: [...new Set(e.months)].sort() };
  });
  // The checks over the months that judged them (a rule change within the period: those after it).
  const judged = parts.filter((p) => p.checks !== undefined).map((p) => p.checks!);
  if (judged.length === 0) return { owed, done, missing };
  const transfers = judged.filter((c) => c.transfer !== undefined).map((c) => c.transfer!);
  return {
    owed,
    done,
    missing,
    checks: {
      contact: mergeCheck(judged.map((c) => c.contact)),
      roster: mergeCheck(judged.map((c) => c.roster)),
      ...(transfers.length === 0 ? {} : { transfer: mergeCheck(transfers) }),
    },
  };
}

/**
 * One check over several months: sums, each person once with every month (the latest `since`; for
 * transfers the latest month's transfer and due day).
 */
export function mergeCheck(parts: readonly CheckCount[]): CheckCount {
  const byMember = new Map<string, CheckMiss>();
  const { owed, done } = sumCounts(parts, (m) => {
    const e = byMember.get(m.member);
    const months = [...new Set([...(e?.months ?? []), ...m.months])].sort();
    byMember.set(m.member, { ...m, months });
  });
  const missing = [...byMember.keys()].sort().map((k) => byMember.get(k)!);
  return { owed, done, missing };
}
