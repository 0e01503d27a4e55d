/**
 * 不漏人's two checks of the rule sets that judge them (`2026-v2`, issue 18), from records that exist:
 *
 * - **nobody out of contact** (失去联系的党员, 《党员教育管理工作条例》; RULES.md §5): a member is out of
 *   contact when a 停止党籍 for lost contact is on record (`member.suspend`, with the day contact was
 *   lost), or possibly so when the last `contactMonths` months to the month's end hold no sign of them:
 *   no meeting attended (orglife, present), no dues payment confirmed, no study confirmed. A member is
 *   judged only once those months lie wholly after both the chain's genesis and their own registration
 *   (before that the chain cannot know);
 * - **roster complete**: the member's sealed profile is recorded (`member.updateProfile`: its
 *   commitment and reference; the profile itself never comes on chain).
 *
 * Pure reads of the source modules' stores, integer dates only, every scan bounded.
 */
import type { ReadContext } from '@djchain/runtime';
import { chinaDate, type IsoDate } from '../common/dates.ts';
import { addMonth, firstDay, lastDay, type YearMonth } from '../common/months.ts';
import { allKeys, getRecord, MODULE } from '../common/stores.ts';
import { duesKeys, getPayment } from '../dues/store.ts';
import { currentOrg } from '../member/status.ts';
import { getMember, type MemberRecord, memberKeys } from '../member/store.ts';
import { type AttendanceEntry, lifeKeys } from '../orglife/store.ts';
import { studiesOf } from '../study/store.ts';

const MAX_SIGNS = 10_000;
const MAX_MEMBERS = 200_000;

/** The first day from which the chain has records: genesis, as a China date. */
export function chainStart(ctx: ReadContext): IsoDate {
  const chain = ctx.readStore('sys').get('chain') as { genesisTime?: number } | undefined;
  return chinaDate(typeof chain?.genesisTime === 'number' ? chain.genesisTime : ctx.time);
}

/** The roster's sealed fields: the profile's commitment and reference. */
export const rosterComplete = (m: MemberRecord | undefined): boolean =>
  m !== undefined && m.profileCommitment !== null && m.profileRef !== null;

/**
 * Whether the months up to `month`'s end hold a sign of contact from the member: an attended
 * meeting, a confirmed dues payment or confirmed study dated in them. Null when the member is not
 * judged yet (the months reach back before genesis or their registration).
 */
export function hasSignOfContact(
  ctx: ReadContext,
  member: string,
  month: YearMonth,
  months: number,
  start: IsoDate,
): boolean | null {
  const from = firstDay(addMonth(month, 1 - months));
  const to = lastDay(month);
  const m = getMember(ctx.readStore(MODULE.member), member);
  if (!m || from < start || from < m.registeredOn) return null;
  const inWindow = (d: string) => d >= from && d <= to;
  // Attendance: a/<member>/<day>/<meeting>, present.
  const life = ctx.readStore(MODULE.orglife);
  const prefix = lifeKeys.attendedPrefix(member, '');
  for (const k of allKeys(life, prefix, MAX_SIGNS)) {
    const day = k.slice(prefix.length, prefix.length + 10);
    if (inWindow(day) && getRecord<AttendanceEntry>(life, k)?.status === 'present') return true;
  }
  const dues = ctx.readStore(MODULE.dues);
  const paid = duesKeys.paymentsOfPrefix(member);
  for (const k of allKeys(dues, paid, MAX_SIGNS)) {
    const p = getPayment(dues, k.slice(paid.length));
    if (p && p.status === 'confirmed' && inWindow(p.on)) return true;
  }
  const study = ctx.readStore(MODULE.study);
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    if (studiesOf(study, member, year).some((s) => s.status === 'confirmed' && inWindow(s.on))) return true;
  }
  return false;
}

/**
 * Every branch's members suspended for lost contact (停止党籍) on a day, member-id order: they are not
 * on the roster of full and probationary members, yet the branch still holds them.
 */
export function suspendedOn(
  ctx: ReadContext,
  day: IsoDate,
): Map<string, { member: string; since: IsoDate }[]> {
  const members = ctx.readStore(MODULE.member);
  const stores = { member: members, transfer: ctx.readStore(MODULE.transfer) };
  const out = new Map<string, { member: string; since: IsoDate }[]>();
  for (const key of allKeys(members, memberKeys.prefix, MAX_MEMBERS)) {
    const m = getRecord<MemberRecord>(members, key)!;
    if (m.suspended === null || m.suspended.on > day || (m.exit !== null && m.exit.on <= day)) continue;
    const org = currentOrg(stores, m.id);
    if (org === null) continue;
    out.set(org, [...(out.get(org) ?? []), { member: m.id, since: m.suspended.lostContactSince }]);
  }
  return out;
}
