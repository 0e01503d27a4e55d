/** Turning spreadsheet cells into text and dates the way people type them in a roster. */
import { isIsoDate } from './dates.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel's day 0 is 1899-12-30 (the 1900 leap-year bug included), in UTC days. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The text of a cell value from exceljs: dates as YYYY-MM-DD, formulas by result, rich text joined. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // exceljs gives date cells as UTC midnight of the calendar day.
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  }
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown };
    if (o.result !== undefined) return cellText(o.result);
    if (Array.isArray(o.richText))
      return o.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (o.text !== undefined) return cellText(o.text);
    return '';
  }
  return String(v).trim();
}

/**
 * A date written as 2010-07-01, 2010/7/1, 2010.7.1, 2010年7月1日 or 20100701, or an Excel serial
 * day number; null when it is not a real calendar date.
 */
export function parseDate(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    const d = new Date(EXCEL_EPOCH_MS + Math.floor(Number(t)) * 86_400_000);
    return cellText(d);
  }
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(t);
  if (!m) return null;
  const iso = `${m[1]}-${pad(Number(m[2] ?? m[4]))}-${pad(Number(m[3] ?? m[5]))}`;
  return isIsoDate(iso) ? iso : null;
}
