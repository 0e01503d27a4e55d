/**
 * The one check for personal data typed into free text or used as an identifier (issue 10: a
 * `purpose` holding an ID number and a phone was accepted, and a member id equal to an ID number).
 * Every action's parse runs it on every text, id and record string (parse.ts). It catches what a
 * person enters by mistake or habit — it cannot stop someone determined to encode data, which is why
 * the sealed profile, not a pattern, is the place for personal fields.
 *
 * Refused: 18-digit ID-card numbers with a valid check character (GB 11643) and 15-digit ones with a
 * valid birth date; mainland mobile numbers (1[3-9] + 9 digits, optionally +86 / 86, spaces or
 * hyphens in 3-4-4 groups); landlines with an area code (0 + 2–3 digits, optional parentheses or
 * separator, 7–8 digits); bank card numbers (16–19 digits, contiguous or in groups of 4, passing
 * Luhn); e-mail addresses. Dates, amounts, counts and short numbers pass. Key addresses, digests and
 * random references (a run of 16+ lower-case hex with at least one letter a–f) are not personal
 * data and are skipped. Pure string code, no locale or Unicode tables: the same answer on every node.
 * Vectors: packages/modules/test/vectors/checks/personal-data.json.
 */

export type PersonalDataKind = 'idCard' | 'mobile' | 'landline' | 'bankCard' | 'email';

/** zh-CN names of the kinds, for the coded error's details. */
export const PERSONAL_DATA_LABELS: { readonly [k in PersonalDataKind]: string } = {
  idCard: '身份证号',
  mobile: '手机号码',
  landline: '固定电话号码',
  bankCard: '银行卡号',
  email: '电子邮箱',
};

/** Full-width forms people type in Chinese input methods, mapped to ASCII (no Unicode tables). */
function toAscii(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    // U+FF01..U+FF5E are the full-width forms of U+0021..U+007E; U+3000 is the ideographic space.
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

const RANDOM_HEX = /(?<![0-9A-Za-z])[0-9a-f]{16,}(?![0-9A-Za-z])/g;

const ID18 = /(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])/g;
const ID15 = /(?<![0-9])[1-9][0-9]{5}([0-9]{2})([0-9]{2})([0-9]{2})[0-9]{3}(?![0-9])/g;
const MOBILE = /(?<![0-9])(?:\+?86[-\s]?)?1[3-9][0-9](?:[-\s]?[0-9]{4}){2}(?![0-9])/;
const LANDLINE = /(?<![0-9])(?:\(0[0-9]{2,3}\)|0[0-9]{2,3})[-\s]?[1-9][0-9]{2,3}[-\s]?[0-9]{4}(?![0-9])/;
const CARD = /(?<![0-9])(?:[0-9]{16,19}|[0-9]{4}(?:[-\s][0-9]{4}){3}(?:[-\s]?[0-9]{1,3})?)(?![0-9])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character of an 18-character ID number. */
export function idCheckValid(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

/** Luhn (ISO/IEC 7812) over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function validYyMmDd(yy: string, mm: string, dd: string): boolean {
  const y = 1900 + Number(yy);
  const m = Number(mm);
  const d = Number(dd);
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/** The first kind of personal data found in `text`, or null. */
export function findPersonalData(text: string): PersonalDataKind | null {
  const s = toAscii(text).replace(RANDOM_HEX, (m) => (/[a-f]/.test(m) ? '_' : m));
  for (const m of s.matchAll(ID18)) if (idCheckValid(m[0])) return 'idCard';
  for (const m of s.matchAll(ID15)) if (validYyMmDd(m[1]!, m[2]!, m[3]!)) return 'idCard';
  if (MOBILE.test(s)) return 'mobile';
  if (LANDLINE.test(s)) return 'landline';
  for (const m of s.matchAll(CARD)) if (luhnValid(m[0].replace(/[-\s]/g, ''))) return 'bankCard';
  if (EMAIL.test(s)) return 'email';
  return null;
}
