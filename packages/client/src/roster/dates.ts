/**
 * The calendar arithmetic the roster checks need, as @djchain/modules defines it (common/dates.ts):
 * the client may not import modules (scripts/check-layers.ts), and the browser runs these checks on
 * an upload. packages/cli/test/roster-dates.test.ts holds both to the same answers.
 */
import { ClientError } from '../errors.ts';
export type IsoDate = string;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function parts(s: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && parts(s) !== null;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Adds years as 12 months each, clamping to the month's end: 2024-02-29 + 1 year = 2025-02-28. */
export function addYears(s: IsoDate, n: number): IsoDate {
  const p = parts(s);
  if (!p) throw new ClientError('CLIENT_BAD_DATE', `not an ISO date: ${s}`);
  const index = p.y * 12 + (p.m - 1) + 12 * n;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return `${pad(ny, 4)}-${pad(nm, 2)}-${pad(Math.min(p.d, daysInMonth(ny, nm)), 2)}`;
}

/** Full years of age on a date (the birthday of 29 Feb counts as 28 Feb in common years). */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const b = parts(birth);
  const o = parts(on);
  if (!b || !o) throw new ClientError('CLIENT_BAD_DATE', `not an ISO date: ${birth} / ${on}`);
  let age = o.y - b.y;
  if (addYears(birth, age) > on) age -= 1;
  return age;
}
