/**
 * The calendar arithmetic the roster checks need, from the one copy the modules use too
 * (`@djchain/ledger/dates`), refusing a bad date with the client's own code. The browser runs these
 * checks on an upload; packages/cli/test/roster-dates.test.ts holds them to the modules' answers.
 */
import { fullYears, type IsoDate, parseIsoDate, shiftMonths } from '@djchain/ledger/dates';
import { ClientError } from '../errors.ts';

export { type IsoDate, isIsoDate } from '@djchain/ledger/dates';

/** Adds years as 12 months each, clamping to the month's end: 2024-02-29 + 1 year = 2025-02-28. */
export function addYears(s: IsoDate, n: number): IsoDate {
  const p = parseIsoDate(s);
  if (!p) throw new ClientError('CLIENT_BAD_DATE', `not an ISO date: ${s}`);
  return shiftMonths(p, 12 * n);
}

/** Full years of age on a date (the birthday of 29 Feb counts as 28 Feb in common years). */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const b = parseIsoDate(birth);
  const o = parseIsoDate(on);
  if (!b || !o) throw new ClientError('CLIENT_BAD_DATE', `not an ISO date: ${birth} / ${on}`);
  return fullYears(b, o);
}
