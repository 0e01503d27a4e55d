/** Reading a roster and writing sheets with exceljs (.xlsx). */
import ExcelJS from 'exceljs';
import { cellText } from './cells.ts';
import { COLUMNS, type RawRow, type RowKey } from './columns.ts';

export interface RosterRead {
  readonly rows: { row: number; raw: RawRow }[];
  /** Required headings the first sheet lacks. */
  readonly missing: string[];
}

/** At most this many data rows are read from one file (a community roster is far smaller). */
const MAX_ROWS = 100_000;

const norm = (s: string) => s.replace(/\s+/g, '');

/** The first worksheet's rows keyed by column, found by their headings in row 1. */
export async function readRoster(file: string): Promise<RosterRead> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  if (!ws) return { rows: [], missing: COLUMNS.filter((c) => c.required).map((c) => c.heading) };
  const byHeading = new Map<string, RowKey>();
  for (const c of COLUMNS) for (const h of [c.heading, ...(c.aliases ?? [])]) byHeading.set(norm(h), c.key);
  const columnKey = new Map<number, RowKey>();
  ws.getRow(1).eachCell((cell, col) => {
    const key = byHeading.get(norm(cellText(cell.value)));
    if (key !== undefined) columnKey.set(col, key);
  });
  const present = new Set(columnKey.values());
  const missing = COLUMNS.filter((c) => c.required && !present.has(c.key)).map((c) => c.heading);
  const rows: { row: number; raw: RawRow }[] = [];
  const last = Math.min(ws.rowCount, MAX_ROWS + 1);
  for (let r = 2; r <= last; r++) {
    const row = ws.getRow(r);
    const raw: RawRow = {};
    let any = false;
    for (const [col, key] of columnKey) {
      const t = cellText(row.getCell(col).value);
      if (t !== '') any = true;
      raw[key] = t;
    }
    if (any) rows.push({ row: r, raw });
  }
  return { rows, missing };
}

export interface Sheet {
  readonly name: string;
  readonly headings: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly widths?: readonly number[];
}

/** Writes sheets with a bold, frozen heading row. Everything is text or numbers (no formulas). */
export async function writeSheets(file: string, sheets: readonly Sheet[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'djchain';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...s.headings]).font = { bold: true };
    for (const r of s.rows) ws.addRow([...r]);
    s.headings.forEach((h, i) => {
      ws.getColumn(i + 1).width = s.widths?.[i] ?? Math.max(10, h.length * 2 + 4);
    });
  }
  await wb.xlsx.writeFile(file);
}

/** The import template: the headings, one example row, and a sheet explaining each column. */
export async function writeTemplate(file: string): Promise<void> {
  await writeSheets(file, [
    {
      name: '党员名册',
      headings: COLUMNS.map((c) => c.heading),
      rows: [COLUMNS.map((c) => c.example)],
      widths: COLUMNS.map((c) => (c.key === 'idNumber' ? 22 : 14)),
    },
    {
      name: '填写说明',
      headings: ['列名', '是否必填', '说明'],
      rows: [
        ...COLUMNS.map((c) => [c.heading, c.required ? '必填' : '选填', c.note]),
        ['', '', '姓名、身份证号等个人信息不上链：链上只有编号、日期、状态和承诺值。'],
        ['', '', '第 1 行为列名，从第 2 行起每行一人；可重复导入，已在链上的人员会跳过。'],
      ],
      widths: [18, 10, 70],
    },
  ]);
}
