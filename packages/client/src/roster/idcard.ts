/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence (odd for men, even for women), and a check character from ISO 7064 MOD 11-2.
 */
import { isIsoDate } from './dates.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdProblem = 'format' | 'birthDate' | 'checksum';

export interface IdFacts {
  readonly birthDate: string;
  readonly gender: '男' | '女';
}

/** The check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** The birth date and gender an ID number states, or the first problem with it. */
export function readIdNumber(id: string): IdFacts | { problem: IdProblem } {
  if (!/^\d{17}[\dX]$/.test(id)) return { problem: 'format' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate)) return { problem: 'birthDate' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { problem: 'checksum' };
  return { birthDate, gender: Number(id[16]) % 2 === 1 ? '男' : '女' };
}
