/**
 * Reading a dues spreadsheet: the first worksheet, columns found by their headings in row 1
 * (spaces ignored, aliases accepted), rows numbered as the spreadsheet shows them, empty rows
 * skipped. Cell text as the roster import reads it (`cellText`: dates as YYYY-MM-DD).
 */
import { cellText, MAX_ROWS } from '@djchain/client/roster';
import { newWorkbook } from '../excel/exceljs.ts';
import { CliError } from '../i18n.ts';

export interface SheetColumn<K extends string> {
  readonly key: K;
  readonly heading: string;
  readonly aliases?: readonly string[];
  readonly required?: boolean;
}

export interface SheetRows<K extends string> {
  readonly rows: { row: number; raw: Partial<Record<K, string>> }[];
  readonly present: ReadonlySet<K>;
}

const norm = (s: string) => s.replace(/\s+/g, '').replace(/[（(]/g, '(').replace(/[）)]/g, ')');

export async function readSheet<K extends string>(
  file: string,
  columns: readonly SheetColumn<K>[],
): Promise<SheetRows<K>> {
  const wb = await newWorkbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new CliError('CLI_CANNOT_READ', { file, reason: (e as Error).message });
  }
  const ws = wb.worksheets[0];
  const byHeading = new Map<string, K>();
  for (const c of columns) for (const h of [c.heading, ...(c.aliases ?? [])]) byHeading.set(norm(h), c.key);
  const columnKey = new Map<number, K>();
  ws?.getRow(1).eachCell((cell, col) => {
    const key = byHeading.get(norm(cellText(cell.value)));
    if (key !== undefined) columnKey.set(col, key);
  });
  const present = new Set(columnKey.values());
  const missing = columns.filter((c) => c.required && !present.has(c.key)).map((c) => c.heading);
  if (missing.length > 0) throw new CliError('CLI_DUES_SHEET_MISSING', { file, columns: missing.join('、') });
  const rows: { row: number; raw: Partial<Record<K, string>> }[] = [];
  const last = Math.min(ws?.rowCount ?? 0, MAX_ROWS + 1);
  for (let r = 2; r <= last; r++) {
    const row = ws!.getRow(r);
    const raw: Partial<Record<K, string>> = {};
    let any = false;
    for (const [col, key] of columnKey) {
      const text = cellText(row.getCell(col).value);
      if (text !== '') any = true;
      raw[key] = text;
    }
    if (any) rows.push({ row: r, raw });
  }
  return { rows, present };
}
