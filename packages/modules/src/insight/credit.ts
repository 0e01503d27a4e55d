/**
 * Credit (信用) of a member for a year, derived on read from attested records only — never from clicks,
 * study time or time online (issue 18) — and every point explained by the record behind it:
 * - dues: +1 for a month paid (confirmed) by the end of that month, 0 for one paid later, −1 for a
 *   closed month still unpaid (the month close is the chain's record of it);
 * - organizational life: +1 for each meeting the member attended and whose line is confirmed
 *   (by the member or the clerk: orglife.confirmAttendance);
 * - discipline: −5 for each sanction in force during the year (approved, until its bars expire).
 * No total ranks anyone: it is the member's own, shown to them and the post holders above them.
 */
import type { ReadContext } from '@djchain/runtime';
import { lastDay, type YearMonth } from '../common/months.ts';
import { getRecord, MODULE } from '../common/stores.ts';
import { memberSanctions } from '../discipline/carried.ts';
import { sanctionEffects } from '../discipline/effects.ts';
import { duesStores } from '../dues/actions-common.ts';
import { monthDues } from '../dues/ledger.ts';
import { assessmentsOf, getPayment } from '../dues/store.ts';
import { type AttendanceEntry, getConfirmation, lifeKeys } from '../orglife/store.ts';
import { viewAs } from '../warnings/resolve.ts';

export interface CreditEntry {
  readonly points: number;
  readonly kind: 'duesOnTime' | 'duesPaidLater' | 'duesUnpaid' | 'attendanceConfirmed' | 'sanction';
  /** The month, the meeting's day, or the sanction's effective day. */
  readonly on: string;
  /** The record behind the point: `dues.payment/<id>`, `dues.month/<member>/<month>`, `orglife.meeting/<id>`, `discipline.sanction/<id>`. */
  readonly record: string;
}

const SANCTION_POINTS = -5;

export function creditOf(ctx: ReadContext, member: string, year: number, closedMonth: YearMonth) {
  const entries: CreditEntry[] = [];
  const dues = duesStores(viewAs(ctx, MODULE.dues));
  const assessments = assessmentsOf(dues.dues, member);
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    if (month > closedMonth) break;
    const d = monthDues(dues, member, assessments, month, lastDay(closedMonth));
    if (d.state === 'paid' && d.payment !== null) {
      const p = getPayment(dues.dues, d.payment)!;
      const onTime = p.on <= lastDay(month);
      entries.push({
        points: onTime ? 1 : 0,
        kind: onTime ? 'duesOnTime' : 'duesPaidLater',
        on: month,
        record: `dues.payment/${p.id}`,
      });
    } else if (d.state === 'unpaid')
      entries.push({ points: -1, kind: 'duesUnpaid', on: month, record: `dues.month/${member}/${month}` });
  }
  const life = ctx.readStore(MODULE.orglife);
  const prefix = lifeKeys.attendedPrefix(member, String(year));
  for (const key of life.keys(prefix, 10_000)) {
    const line = getRecord<AttendanceEntry>(life, key)!;
    const meeting = key.slice(key.lastIndexOf('/') + 1);
    if (line.status !== 'present' || getConfirmation(life, meeting, member) === undefined) continue;
    entries.push({
      points: 1,
      kind: 'attendanceConfirmed',
      on: key.slice(prefix.length - 4, prefix.length + 6),
      record: `orglife.meeting/${meeting}`,
    });
  }
  const discipline = ctx.readStore(MODULE.discipline);
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const all = memberSanctions({ discipline, member: ctx.readStore(MODULE.member) }, member);
  // In force during the year: effective in it, or still barring posts (or under observation) on its first day.
  const barring = new Set(sanctionEffects(all, first).bars.map((b) => b.sanction));
  for (const s of all) {
    if ((s.status !== 'approved' && s.status !== 'concluded') || s.effectiveFrom === null) continue;
    if (s.effectiveFrom > last) continue;
    const inForce = s.effectiveFrom >= first || barring.has(s.id) || (s.observationEnds ?? '') >= first;
    if (!inForce) continue;
    entries.push({
      points: SANCTION_POINTS,
      kind: 'sanction',
      on: s.effectiveFrom,
      record: `discipline.sanction/${s.id}`,
    });
  }
  return { member, year, closedMonth, total: entries.reduce((a, e) => a + e.points, 0), entries };
}
