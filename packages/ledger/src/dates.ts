/**
 * The calendar arithmetic on ISO 'YYYY-MM-DD' dates that both the modules (the chain's rules) and the
 * client (the roster checks a browser runs on an upload) need: one copy, here, because both may import
 * the ledger and neither the other. Pure integer arithmetic, no Date objects, no imports; a caller
 * parses a date with `parseIsoDate` and refuses a bad one with its own coded error.
 */

/** An ISO calendar date 'YYYY-MM-DD'. */
export type IsoDate = string;

/** A real calendar date split into year, month (1–12) and day. */
export interface DateParts {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Splits a date; null when the string is not a real calendar date. */
export function parseIsoDate(s: string): DateParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && parseIsoDate(s) !== null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatDate(y: number, m: number, d: number): IsoDate {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * A date plus calendar months, clamping to the month's end: 2024-01-31 + 1 month = 2024-02-29,
 * 2025-01-31 + 1 month = 2025-02-28 (and + 12 months from 2024-02-29 = 2025-02-28).
 */
export function shiftMonths({ y, m, d }: DateParts, n: number): IsoDate {
  const index = y * 12 + (m - 1) + n;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return formatDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Full years of age on a date (the birthday of 29 Feb counts as 28 Feb in common years). */
export function fullYears(birth: DateParts, on: DateParts): number {
  let age = on.y - birth.y;
  if (shiftMonths(birth, 12 * age) > formatDate(on.y, on.m, on.d)) age -= 1;
  return age;
}
