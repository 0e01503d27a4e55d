/**
 * Calendar dates as ISO 'YYYY-MM-DD' strings, in China time (UTC+8, no DST).
 * Pure integer arithmetic: no Date objects, so results never depend on the host's time zone.
 */
import {
  type DateParts,
  formatDate,
  fullYears,
  type IsoDate,
  parseIsoDate,
  shiftMonths,
} from '@djchain/ledger/dates';
import { ModuleError } from './errors.ts';

export { daysInMonth, formatDate, type IsoDate, isIsoDate, isLeapYear } from '@djchain/ledger/dates';

const DAY_MS = 86_400_000;
/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

function must(s: IsoDate): DateParts {
  const p = parseIsoDate(s);
  if (!p) throw new ModuleError('MODULES_BAD_DATE', `not an ISO date: ${s}`);
  return p;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function toDayNumber(s: IsoDate): number {
  const { y: y0, m, d } = must(s);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of toDayNumber (civil_from_days). */
function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return formatDate(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

export function addDays(s: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(s) + n);
}

/**
 * Adds calendar months, clamping to the month's end: 2024-01-31 + 1 month = 2024-02-29,
 * 2025-01-31 + 1 month = 2025-02-28.
 */
export function addMonths(s: IsoDate, n: number): IsoDate {
  return shiftMonths(must(s), n);
}

/** Adds years (as 12 months): 2024-02-29 + 1 year = 2025-02-28. */
export function addYears(s: IsoDate, n: number): IsoDate {
  return addMonths(s, 12 * n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(s: IsoDate): number {
  return (((toDayNumber(s) + 4) % 7) + 7) % 7;
}

/** The calendar date in China (UTC+8) of a chain time in ms UTC. */
export function chinaDate(timeMs: number): IsoDate {
  return fromDayNumber(Math.floor((timeMs + CHINA_OFFSET_MS) / DAY_MS));
}

/** Chain time (ms UTC) of a China calendar date at the given China hour (default 10:00). */
export function chinaTime(s: IsoDate, hour = 10): number {
  return toDayNumber(s) * DAY_MS - CHINA_OFFSET_MS + hour * 3_600_000;
}

/** Full years of age on a date (the birthday of 29 Feb counts as 28 Feb in common years). */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  return fullYears(must(birth), must(on));
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
