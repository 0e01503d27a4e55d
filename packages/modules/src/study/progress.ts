/**
 * A member's study hours of a year, derived from the records (never stored): attended 党课 and 主题党日
 * (the current held records of orglife; a day 8 学时, half a day 4) plus confirmed individual study,
 * against the year's target for their role. Diagnostic: shown to the member and their branch, never
 * ranked; nothing here counts clicks, check-ins or time online (国办函〔2026〕12号).
 */
import type { ReadContext } from '@djchain/runtime';
import { chinaDate, minDate } from '../common/dates.ts';
import { getRecord, MODULE, storeOf } from '../common/stores.ts';
import { postsOfMember } from '../org/store.ts';
import { type AttendanceEntry, lifeKeys } from '../orglife/store.ts';
import { activePosts, storesFor } from '../permissions/authorize.ts';
import { COMMITTEE_POSTS } from '../permissions/rules.ts';
import { studyRulesFor } from './rules.ts';
import { studiesOf } from './store.ts';

const M = MODULE.study;
const COUNTED = ['党课', '主题党日'];

export function progress(ctx: ReadContext, member: string, year: number) {
  const rules = studyRulesFor(year);
  const stores = storesFor(ctx, M);
  const on = minDate(`${year}-12-31`, chinaDate(ctx.time));
  // 书记 and committee members of any organization on the year's last day (or today) have the higher target.
  const cadre = postsOfMember(stores.org, member).some(
    (p) => COMMITTEE_POSTS.includes(p.post) && activePosts(stores, member, p.org, on).includes(p.post),
  );
  const life = storeOf(ctx, M, MODULE.orglife);
  const prefix = lifeKeys.attendedPrefix(member, String(year));
  const meetings = life
    .keys(prefix, 10_000)
    .map((k) => ({
      meeting: k.slice(k.lastIndexOf('/') + 1),
      on: k.slice(prefix.length, prefix.length + 6),
      e: getRecord<AttendanceEntry>(life, k)!,
    }))
    .filter((x) => x.e.status === 'present' && COUNTED.includes(x.e.kind))
    .map((x) => ({ meeting: x.meeting, kind: x.e.kind, hours: x.e.hours }));
  const studies = studiesOf(ctx.store, member, year);
  const meetingHours = meetings.reduce((s, m) => s + m.hours, 0);
  const individualHours = studies.filter((s) => s.status === 'confirmed').reduce((s, r) => s + r.hours, 0);
  const target = cadre ? rules.cadreHours : rules.memberHours;
  const total = meetingHours + individualHours;
  return {
    member,
    year,
    rules: rules.version,
    cite: rules.cite,
    role: cadre ? 'cadre' : 'member',
    target,
    meetingHours,
    individualHours,
    total,
    remaining: Math.max(0, target - total),
    meetings,
    studies,
  };
}
