/**
 * Working days in mainland China: Monday–Friday except public holidays, plus the weekend days
 * declared working days (调休). Data per year from the 国务院办公厅 notices (holidays.json); for a
 * year without data the weekday rule is used and the answer is marked provisional.
 */

import { addDays, type IsoDate, weekday } from './dates.ts';
import { ModuleError } from './errors.ts';
import data from './holidays.json' with { type: 'json' };

interface YearData {
  readonly notice: string;
  readonly published: string;
  readonly holidays: readonly { readonly name: string; readonly days: readonly string[] }[];
  readonly workdays: readonly string[];
}

const years = data.years as { readonly [year: string]: YearData };
const holidayNames = new Map<string, string>();
const workdays = new Set<string>();
for (const y of Object.keys(years).sort()) {
  const yd = years[y]!;
  for (const h of yd.holidays) for (const d of h.days) holidayNames.set(d, h.name);
  for (const d of yd.workdays) workdays.add(d);
}

/** Years whose official calendar is shipped. */
export const calendarYears: readonly number[] = Object.keys(years).map(Number).sort();

/** The notice a year's calendar comes from, if shipped. */
export function calendarNotice(year: number): string | undefined {
  return years[String(year)]?.notice;
}

export interface DayKind {
  readonly working: boolean;
  /** The holiday's name when the day is a public holiday day off. */
  readonly holiday?: string;
  /** True when the year's official calendar is not shipped: weekday rule only. */
  readonly provisional: boolean;
}

export function dayKind(d: IsoDate): DayKind {
  const provisional = years[d.slice(0, 4)] === undefined;
  const holiday = holidayNames.get(d);
  if (holiday !== undefined) return { working: false, holiday, provisional };
  if (workdays.has(d)) return { working: true, provisional };
  const wd = weekday(d);
  return { working: wd !== 0 && wd !== 6, provisional };
}

/** A date computed from the calendar, with whether any year it crossed lacked official data. */
export interface CalendarResult {
  readonly date: IsoDate;
  readonly provisional: boolean;
}

/**
 * The last day of a period of `n` working days starting on `start` (counted if it is a working
 * day; a start on a holiday counts from the next working day). Bounded: at most 7n + 400 days.
 */
export function workingPeriodEnd(start: IsoDate, n: number): CalendarResult {
  let d = start;
  let counted = 0;
  let provisional = false;
  for (let i = 0; i < n * 7 + 400; i++) {
    const k = dayKind(d);
    provisional ||= k.provisional;
    if (k.working) {
      counted += 1;
      if (counted >= n) return { date: d, provisional };
    }
    d = addDays(d, 1);
  }
  throw new ModuleError('MODULES_BAD_DATE', 'workingPeriodEnd: no working days found');
}

/** Working days in [from, to], both included; bounded by the span. */
export function workingDaysInRange(from: IsoDate, to: IsoDate): { count: number; provisional: boolean } {
  let count = 0;
  let provisional = false;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const k = dayKind(d);
    provisional ||= k.provisional;
    if (k.working) count += 1;
  }
  return { count, provisional };
}
