/**
 * The dues forms as data (pure: records in, rows out), written by `writeForm` with exceljs:
 * 月度党费收缴登记表 (a branch's month), 党费收缴情况公示 (the branch's year, to its members only) and
 * 党费上缴单 (what an organization remitted). Amounts are 元 numbers shown with two decimals, from
 * integer fen (the sums are taken in fen).
 */
import { newWorkbook } from '../excel/exceljs.ts';
import { yuan } from './money.ts';
import { STATE_ZH } from './texts.ts';
import {
  type AccountView,
  assessmentFor,
  type BooksView,
  type RegisterView,
  type StatementView,
} from './views.ts';

export type Cell = string | number | null;

export interface Form {
  readonly sheet: string;
  readonly title: string;
  /** Lines under the title, each one merged cell. */
  readonly meta: readonly string[];
  readonly headings: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Rows after the table (totals, books, signatures). */
  readonly footer: readonly (readonly Cell[])[];
  /** Columns holding amounts (0-based): shown as 0.00. */
  readonly money: readonly number[];
  readonly widths: readonly number[];
}

/** fen → 元 as a number for the spreadsheet (display only; every sum is taken in fen). */
const y = (fen: number) => Number(yuan(fen));

const monthTitle = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

export const DUES_NOTE =
  '党费按《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）核定；计算基数为个人收入，不上链，链上只有承诺值和核定金额。';

export interface RegisterInput {
  readonly org: { id: string; name: string };
  readonly month: string;
  readonly height: number;
  readonly register: RegisterView;
  /** Accounts of the register's members (for group, payment date, method, reference). */
  readonly accounts: ReadonlyMap<string, AccountView>;
  readonly names: ReadonlyMap<string, string>;
}

export function registerForm(i: RegisterInput): Form {
  const rows: Cell[][] = [];
  let due = 0;
  let paid = 0;
  let paidCount = 0;
  let unpaidCount = 0;
  i.register.rows.forEach((r, n) => {
    const a = i.accounts.get(r.member);
    const assessment = a === undefined ? undefined : assessmentFor(a.assessments, i.month);
    const pay = r.payment === null ? undefined : a?.payments.find((x) => x.id === r.payment);
    const owes = r.state !== 'unassessed';
    if (owes) due += r.fen;
    if (r.state === 'paid') {
      paid += r.fen;
      paidCount++;
    }
    if (r.state === 'unpaid') unpaidCount++;
    rows.push([
      n + 1,
      r.member,
      i.names.get(r.member) ?? '',
      assessment?.group ?? '',
      owes ? y(r.fen) : null,
      STATE_ZH[r.state],
      r.state === 'paid' ? y(r.fen) : null,
      pay?.on ?? '',
      pay?.method ?? '',
      pay?.reference ?? '',
      r.payment ?? r.relief ?? '',
    ]);
  });
  return {
    sheet: '党费收缴登记表',
    title: `${i.org.name}${monthTitle(i.month)}党费收缴登记表`,
    meta: [`党组织：${i.org.name}（${i.org.id}）　所属月份：${i.month}　数据截至区块高度 ${i.height}`],
    headings: [
      '序号',
      '党员编号',
      '姓名',
      '党费类别',
      '月应交（元）',
      '交纳状态',
      '实交（元）',
      '交纳日期',
      '交纳方式',
      '凭证号',
      '记录编号',
    ],
    rows,
    footer: [
      ['合计', '', '', '', y(due), `已交 ${paidCount} 人，未交 ${unpaidCount} 人`, y(paid), '', '', '', ''],
      [`说明：${DUES_NOTE}`],
    ],
    money: [4, 6],
    widths: [6, 30, 10, 10, 12, 10, 12, 12, 10, 14, 34],
  };
}

export interface NoticeInput {
  readonly org: { id: string; name: string };
  readonly year: number;
  readonly height: number;
  readonly statements: readonly StatementView[];
  readonly books: BooksView;
  readonly names: ReadonlyMap<string, string>;
}

export function noticeForm(i: NoticeInput): Form {
  let owed = 0;
  let paid = 0;
  let unpaid = 0;
  const rows = i.statements.map((s, n) => {
    const months = s.months.filter((m) => m.state === 'unpaid').length;
    owed += s.owedFen;
    paid += s.paidFen;
    unpaid += months;
    return [n + 1, s.member, i.names.get(s.member) ?? '', y(s.owedFen), y(s.paidFen), months];
  });
  return {
    sheet: '党费收缴情况公示',
    title: `${i.org.name}${i.year}年度党费收缴情况公示`,
    meta: [
      '本公示仅在本支部党员范围内公布，请勿外传。',
      `公示范围：${i.org.name}（${i.org.id}）全体党员　数据截至区块高度 ${i.height}`,
    ],
    headings: ['序号', '党员编号', '姓名', '全年应交（元）', '全年实交（元）', '未交月数'],
    rows,
    footer: [
      ['合计', '', '', y(owed), y(paid), unpaid],
      [],
      ['本年收缴党费（元）', '', '', y(i.books.collected)],
      ['本年收到下级上缴（元）', '', '', y(i.books.received)],
      ['本年上缴上级党委（元）', '', '', y(i.books.remitted)],
      ['当前结存（元）', '', '', y(i.books.held)],
      [`说明：${DUES_NOTE}`],
    ],
    money: [3, 4],
    widths: [22, 30, 10, 16, 16, 10],
  };
}

export interface RemittanceInput {
  readonly org: { id: string; name: string };
  readonly year: number;
  readonly height: number;
  readonly books: BooksView;
  /** Names of receiving organizations by id. */
  readonly orgNames: ReadonlyMap<string, string>;
}

export function remittanceForm(i: RemittanceInput): Form {
  const sent = i.books.remittances
    .filter((r) => r.org === i.org.id && Number(r.on.slice(0, 4)) === i.year)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id < b.id ? -1 : 1));
  let total = 0;
  const rows = sent.map((r, n) => {
    total += r.fen;
    return [
      n + 1,
      r.id,
      r.period,
      y(r.fen),
      r.on,
      r.reference ?? '',
      r.to === null ? '上级党组织（链外）' : (i.orgNames.get(r.to) ?? r.to),
      r.status === 'acknowledged' ? '已确认收到' : '已上缴，待确认',
      r.acknowledgedOn ?? '',
    ];
  });
  return {
    sheet: '党费上缴单',
    title: `${i.org.name}${i.year}年度党费上缴单`,
    meta: [`上缴组织：${i.org.name}（${i.org.id}）　数据截至区块高度 ${i.height}`],
    headings: [
      '序号',
      '上缴单号',
      '所属期间',
      '金额（元）',
      '上缴日期',
      '凭证号',
      '接收组织',
      '状态',
      '确认收到日期',
    ],
    rows,
    footer: [
      ['合计', '', '', y(total)],
      [],
      ['本年收缴党费（元）', '', '', y(i.books.collected)],
      ['本年收到下级上缴（元）', '', '', y(i.books.received)],
      ['本年上缴（元）', '', '', y(i.books.remitted)],
      ['当前结存（元）', '', '', y(i.books.held)],
      ['经办人（签字）：', '', '', '', '党组织负责人（签字）：', '', '', '接收单位（盖章）：'],
    ],
    money: [3],
    widths: [18, 34, 12, 12, 12, 14, 16, 16, 14],
  };
}

/**
 * Writes a form: row 1 the title (merged, bold), then the meta lines (merged), the headings (bold),
 * the rows and the footer. No formulas: every figure is the chain's, summed in fen.
 */
export async function writeForm(file: string, form: Form): Promise<void> {
  const wb = await newWorkbook();
  wb.creator = 'djchain';
  const ws = wb.addWorksheet(form.sheet);
  const width = form.headings.length;
  const merged = (text: string, bold: boolean) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, width);
    if (bold) row.font = { bold: true, size: 14 };
    row.alignment = { horizontal: bold ? 'center' : 'left' };
  };
  merged(form.title, true);
  for (const m of form.meta) merged(m, false);
  ws.addRow([...form.headings]).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: ws.rowCount }];
  for (const r of [...form.rows, ...form.footer]) {
    const row = ws.addRow([...r]);
    for (const c of form.money) {
      const cell = row.getCell(c + 1);
      if (typeof cell.value === 'number') cell.numFmt = '0.00';
    }
  }
  form.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  await wb.xlsx.writeFile(file);
}
