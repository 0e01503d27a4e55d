/**
 * Money as people type it (元 with up to two decimals) and as the chain keeps it (integer fen):
 * parsed as text, never through floating point, so 3000.01 元 is exactly 300001 fen.
 */

const YUAN = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** "3000", "3000.5", "3000.01" → fen; null for anything else (signs, thousands separators, 3 decimals). */
export function parseYuan(text: string): number | null {
  const m = YUAN.exec(text.trim());
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** fen → "15.00" (元, two decimals). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Basis points → "0.5%", "1%", "1.5%", "2%". */
export function percent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${rest === '' ? '' : `.${rest}`}%`;
}
