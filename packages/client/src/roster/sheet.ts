/**
 * A roster's rows from a worksheet, found by their headings in row 1, and the template's sheets:
 * shared by the CLI (exceljs reading a file) and the web app (exceljs reading an upload in the
 * browser). The worksheet is described by the few exceljs members used, so this file needs no
 * exceljs itself.
 */
import { cellText } from './cells.ts';
import { COLUMNS, type RawRow, type RowKey } from './columns.ts';

/** The part of an exceljs Worksheet read here. */
export interface SheetLike {
  readonly rowCount: number;
  getRow(r: number): {
    eachCell(cb: (cell: { value: unknown }, col: number) => void): void;
    getCell(col: number): { value: unknown };
  };
}

export interface RosterRead {
  readonly rows: { row: number; raw: RawRow }[];
  /** Required headings the first sheet lacks. */
  readonly missing: string[];
}

/** At most this many data rows are read from one file (a community roster is far smaller). */
export const MAX_ROWS = 100_000;

const norm = (s: string) => s.replace(/\s+/g, '');

/** The rows of `ws` keyed by column (row numbers as the spreadsheet shows them); empty rows skipped. */
export function rosterOfSheet(ws: SheetLike | undefined, maxRows = MAX_ROWS): RosterRead {
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
  const last = Math.min(ws.rowCount, maxRows + 1);
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

/** The import template: the headings, one example row, and a sheet explaining each column. */
export function templateSheets(): Sheet[] {
  return [
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
  ];
}

/** The part of an exceljs Workbook written to here. */
export interface WorkbookLike {
  creator: string;
  addWorksheet(
    name: string,
    opts: { views: { state: 'frozen'; ySplit: number }[] },
  ): {
    addRow(values: (string | number)[]): { font: unknown };
    getColumn(i: number): { width?: number };
  };
}

/** Writes sheets with a bold, frozen heading row. Everything is text or numbers (no formulas). */
export function fillWorkbook(wb: WorkbookLike, sheets: readonly Sheet[]): void {
  wb.creator = 'djchain';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...s.headings]).font = { bold: true };
    for (const r of s.rows) ws.addRow([...r]);
    s.headings.forEach((h, i) => {
      ws.getColumn(i + 1).width = s.widths?.[i] ?? Math.max(10, h.length * 2 + 4);
    });
  }
}
