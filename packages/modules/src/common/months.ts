/** Calendar months as 'YYYY-MM' strings: ordered as text, computed as integers. */
import { daysInMonth, formatDate, type IsoDate } from './dates.ts';

export type YearMonth = string;

const YM = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(s: unknown): s is YearMonth {
  if (typeof s !== 'string') return false;
  const m = YM.exec(s);
  return m !== null && Number(m[1]) >= 1949;
}

function parts(ym: YearMonth): { y: number; m: number } {
  return { y: Number(ym.slice(0, 4)), m: Number(ym.slice(5, 7)) };
}

export function monthOf(date: IsoDate): YearMonth {
  return date.slice(0, 7);
}

/** The month `n` months after `ym` (negative: before). */
export function addMonth(ym: YearMonth, n: number): YearMonth {
  const { y, m } = parts(ym);
  const index = y * 12 + (m - 1) + n;
  const yy = Math.floor(index / 12);
  return `${String(yy).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from a to b: 0 when equal, negative when b is before a. */
export function monthsBetween(a: YearMonth, b: YearMonth): number {
  const pa = parts(a);
  const pb = parts(b);
  return pb.y * 12 + pb.m - (pa.y * 12 + pa.m);
}

export function firstDay(ym: YearMonth): IsoDate {
  const { y, m } = parts(ym);
  return formatDate(y, m, 1);
}

export function lastDay(ym: YearMonth): IsoDate {
  const { y, m } = parts(ym);
  return formatDate(y, m, daysInMonth(y, m));
}

/** The months from a to b inclusive (empty when b < a), at most `max`. */
export function monthRange(a: YearMonth, b: YearMonth, max = 240): YearMonth[] {
  const out: YearMonth[] = [];
  for (let ym = a; ym <= b && out.length < max; ym = addMonth(ym, 1)) out.push(ym);
  return out;
}
