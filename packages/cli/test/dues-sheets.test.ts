/**
 * Dues spreadsheets against a real node (issue 14): bases and historic payments imported from xlsx —
 * a bad file is refused row by row in Chinese with nothing written (no sealed base, no transaction),
 * a good one assessed with the income sealed off chain — and the three forms exported (月度党费收缴
 * 登记表, 党费收缴情况公示, 党费上缴单) checked cell by cell against hand-written expectations.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { addMonth, chinaDate, monthOf } from '@djchain/modules';
import { djchain } from '@djchain/testkit/process';
import ExcelJS from 'exceljs';
import { chainArgs, secretaryArgs } from './commands-node.ts';
import { duesNode } from './dues-node.ts';

const node = duesNode([
  { id: 'm-a', org: 'b1' },
  { id: 'm-b', org: 'b1' },
  { id: 'm-c', org: 'b1' },
  { id: 'm-d', org: 'b2' },
]);
const { vault, bases, dues } = node;

const NOW = monthOf(chinaDate(Date.now()));
const M1 = addMonth(NOW, -1);
const M2 = addMonth(NOW, -2);
const M8 = addMonth(NOW, -8);
const NEXT = addMonth(NOW, 1);
const Y = Number(NOW.slice(0, 4));
const GROUPS = '在职、年薪制、个体经营、离退休、农民、学生、下岗失业、低保或救济';
const DOC = '《关于中国共产党党费收缴、使用和管理的规定》';

async function writeSheet(file: string, headings: string[], rows: (string | number)[][]): Promise<string> {
  const path = join(node.chain.root, file);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headings);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
  return path;
}

/** Every cell of the first sheet, row by row, as written ('' for empty cells). */
async function cells(file: string): Promise<(string | number)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const out: (string | number)[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values: (string | number)[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) {
      const cell = row.getCell(c);
      // A merged range holds its value in its first cell only.
      const v = cell.isMerged && cell.master.address !== cell.address ? null : cell.value;
      values.push(v === null || v === undefined ? '' : (v as string | number));
    }
    while (values.length > 0 && values[values.length - 1] === '') values.pop();
    out.push(values);
  }
  return out;
}

function account(member: string, year: number) {
  const r = djchain([
    'query',
    'dues.account',
    '--params',
    JSON.stringify({ member, year }),
    ...chainArgs(node.chain),
    ...secretaryArgs(node.chain),
  ]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as {
    assessments: { fen: number; group: string; commitment: string | null }[];
    months: { month: string; state: string }[];
  };
}

const BASE_HEAD = ['党员编号', '姓名', '党费类别', '计算基数（元）', '起始月份'];

test('import bases: a bad file is refused row by row and nothing is written', async () => {
  const file = await writeSheet('bases-bad.xlsx', BASE_HEAD, [
    ['m-a', '张三', '工人', 4500, M2],
    ['m-b', '李四', '在职', -100, M2],
    ['m-c', '王五', '在职', 2000000, M2],
    ['m-a', '张三', '在职', 4500, '2026-13'],
    ['m-zz', '赵六', '学生', '', M2],
    ['m-d', '钱七', '学生', '', M2],
    ['m-b', '李四', '农民', 1.5, M2],
    ['m-a', '张三', '在职', 4500, M2],
    ['m-a', '张三', '在职', 4600, M2],
    ['m-c', '王五', '在职', '', M2],
  ]);
  const r = dues(['import', 'bases', file, '--vault', vault(), '--bases', bases()]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.equal(
    r.stdout,
    [
      `第 2 行：党费类别“工人”无效，应为：${GROUPS}。`,
      '第 3 行：金额“-100”无效，应为不小于 0 的元数，最多两位小数（如 4500.00）。',
      `第 4 行：计算基数应为 0 至 100 万元之间的金额（以分为单位），请核对是否多输入了位数。（DUES_BAD_BASE，${DOC}第二条）`,
      '第 5 行：起始月份“2026-13”无效，应为 YYYY-MM（如 2026-01）。',
      '第 6 行：党员 m-zz 在链上不存在。',
      '第 7 行：您不是 m-d 所在党组织（b2）的书记、组织委员，不能办理其党费。',
      `第 8 行：农民党员每月交纳党费 0.2 元至 1 元，由党支部确定。（DUES_BAD_FARMER_AMOUNT，${DOC}第六条）`,
      '第 10 行：与第 9 行重复（同一党员、同一起始月份）。',
      '第 11 行：“在职”党员须填写计算基数（农民党员填写党支部确定的月交纳额）。',
      '共 10 行，9 行有错误：未导入任何数据，请改正后重新导入。',
      '',
    ].join('\n'),
  );
  assert.ok(!existsSync(bases()), 'no sealed base written');
  assert.deepEqual(account('m-a', Y).assessments, []);
});

test('import bases: a good file is assessed, the income sealed off chain', async () => {
  const file = await writeSheet('bases.xlsx', BASE_HEAD, [
    ['m-a', '张三', '在职', 4500, M2],
    ['m-b', '李四', '离退休', '5000.01', M2],
    ['m-c', '王五', '农民', 0.5, M8],
    ['m-sec', '书记', '学生', '', M2],
  ]);
  const r = dues(['import', 'bases', file, '--vault', vault(), '--bases', bases()]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(
    r.stdout,
    /共 4 行：已核定 4 人，链上拒绝 0 行。计算基数已密封保存在 .*dues-bases\.jsonl（不上链）。/,
  );
  const sealed = readFileSync(bases(), 'utf8');
  assert.equal(sealed.trim().split('\n').length, 2, 'the two based members');
  assert.doesNotMatch(sealed, /450000|500001|4500|5000\.01/);
  const expected: [string, number, string, boolean][] = [
    ['m-a', 4500, '在职', true],
    ['m-b', 5000, '离退休', true],
    ['m-c', 50, '农民', false],
    ['m-sec', 20, '学生', false],
  ];
  for (const [member, fen, group, committed] of expected) {
    const [a] = account(member, Y).assessments;
    assert.equal(a?.fen, fen, member);
    assert.equal(a?.group, group);
    assert.equal(a?.commitment !== null, committed);
  }
  // Every assessment checks out against its sealed base.
  const audit = dues(['audit', 'b1', '--vault', vault(), '--bases', bases()]);
  assert.equal(audit.status, 0, audit.stdout);
  assert.match(audit.stdout, /账实相符/);
});

const PAY_HEAD = ['党员编号', '姓名', '所属月份', '金额（元）', '交纳方式', '凭证号', '补交说明'];

test('import payments: a bad file is refused row by row and nothing is written', async () => {
  const file = await writeSheet('payments-bad.xlsx', PAY_HEAD, [
    ['m-a', '张三', `${M2}至${M1}`, '', '转账', 'YH-01', ''],
    ['m-a', '张三', M1, '', '现金', '', ''],
    ['m-b', '李四', NEXT, 50, '现金', '', ''],
    ['m-b', '李四', M2, 10, '现金', '', ''],
    ['m-c', '王五', M8, '', '微信', '', '外出务工'],
    ['m-c', '王五', 'abc', '', '现金', '', ''],
    ['m-d', '钱七', M2, 0.2, '现金', '', ''],
    ['m-b', '李四', M8, 50, '现金', '', ''],
    ['m-c', '王五', M8, '', '现金', '', ''],
  ]);
  const r = dues(['import', 'payments', file]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.equal(
    r.stdout,
    [
      `第 3 行：${M1} 已在第 2 行交纳，同一月份不能交纳两次。`,
      `第 4 行：${NEXT} 尚未到期（最晚可交至 ${NOW}）。`,
      '第 5 行：金额 10.00 元少于应交 50.00 元。',
      '第 6 行：交纳方式“微信”无效，应为：现金、转账、其他。',
      '第 7 行：所属月份“abc”无效，应为 2026-01、2026-01,2026-02 或 2026-01至2026-03（最多 12 个月）。',
      '第 8 行：您不是 m-d 所在党组织（b2）的书记、组织委员、党务工作者，不能办理其党费。',
      `第 9 行：${M8} 尚未核定交纳数额，请先导入计算基数。`,
      '第 10 行：补交超过 6 个月的党费须填写补交说明。',
      '共 9 行，8 行有错误：未导入任何数据，请改正后重新导入。',
      '',
    ].join('\n'),
  );
  const a = account('m-a', Number(M2.slice(0, 4))).months.find((m) => m.month === M2);
  assert.equal(a?.state, 'unpaid');
});

test('import payments: historic payments recorded, a back-payment with its reason', async () => {
  const file = await writeSheet('payments.xlsx', PAY_HEAD, [
    ['m-a', '张三', `${M2}至${M1}`, '', '转账', 'YH-01', ''],
    ['m-b', '李四', M2, 100, '现金', '', ''],
    ['m-c', '王五', M8, '', '现金', '', '外出务工补交'],
  ]);
  const r = dues(['import', 'payments', file]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '共 3 行：已登记 3 笔交纳，链上拒绝 0 行。\n');
  const again = dues(['import', 'payments', file]);
  assert.equal(again.status, 1);
  assert.match(again.stdout, new RegExp(`第 2 行：${M2} 的党费已交纳（记录 dp-m-a-`));
  const remit = dues([
    'remit',
    'b1',
    '--amount',
    '100',
    '--period',
    `${Y}Q4`,
    '--id',
    'dr-b1-x1',
    '--reference',
    'SJ-001',
  ]);
  assert.equal(remit.status, 0, remit.stdout + remit.stderr);
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const monthTitle = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
const NOTE =
  '说明：党费按《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）核定；计算基数为个人收入，不上链，链上只有承诺值和核定金额。';

/** Compares rows, a RegExp expectation matching a text cell. */
function assertCells(actual: (string | number)[][], expected: (string | number | RegExp)[][]) {
  assert.equal(actual.length, expected.length, JSON.stringify(actual));
  expected.forEach((row, i) => {
    assert.equal(actual[i]!.length, row.length, `row ${i + 1}: ${JSON.stringify(actual[i])}`);
    row.forEach((want, j) => {
      const got = actual[i]![j];
      if (want instanceof RegExp) assert.match(String(got), want, `row ${i + 1} column ${j + 1}`);
      else assert.equal(got, want, `row ${i + 1} column ${j + 1}`);
    });
  });
}

test('export register: the month, cell by cell', async () => {
  const out = join(node.chain.root, 'register.xlsx');
  const r = dues(['export', 'register', 'b1', '--month', M2, '--out', out]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`已写入第一党支部${monthTitle(M2)}党费收缴登记表`));
  assertCells(await cells(out), [
    [`第一党支部${monthTitle(M2)}党费收缴登记表`],
    [new RegExp(`^党组织：第一党支部（b1）　所属月份：${M2}　数据截至区块高度 \\d+$`)],
    [
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
    [1, 'm-a', '', '在职', 45, '已交', 45, DATE, '转账', 'YH-01', /^dp-m-a-\d{6}-[0-9a-f]{6}$/],
    [2, 'm-b', '', '离退休', 50, '已交', 50, DATE, '现金', '', /^dp-m-b-\d{6}-[0-9a-f]{6}$/],
    [3, 'm-c', '', '农民', 0.5, '未交'],
    [4, 'm-sec', '', '学生', 0.2, '未交'],
    ['合计', '', '', '', 95.7, '已交 2 人，未交 2 人', 95],
    [NOTE],
  ]);
});

/** Months of `Y` from `from` on (all twelve when it starts in an earlier year). */
const monthsIn = (from: string) => (Number(from.slice(0, 4)) < Y ? 12 : 13 - Number(from.slice(5, 7)));
const inY = (m: string) => (Number(m.slice(0, 4)) === Y ? 1 : 0);
const yuan = (fen: number) => fen / 100;

test('export notice: the year to the members only, cell by cell', async () => {
  const out = join(node.chain.root, 'notice.xlsx');
  const r = dues([
    'export',
    'notice',
    'b1',
    '--year',
    String(Y),
    '--out',
    out,
    '--publish',
    '--id',
    'dn-b1-1',
  ]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  // Published on chain: the file's SHA-256 (the test chain's suite is intl) and the year's totals.
  const sha = createHash('sha256').update(readFileSync(out)).digest('hex');
  assert.match(r.stdout, new RegExp(`文件哈希 ${sha}`));
  assert.match(r.stdout, /dues\.NoticePublished/);
  const q = djchain([
    'query',
    'dues.notice',
    '--params',
    '{"id":"dn-b1-1"}',
    ...chainArgs(node.chain),
    ...secretaryArgs(node.chain),
  ]);
  const notice = JSON.parse(q.stdout.slice(q.stdout.indexOf('{'))) as Record<string, unknown>;
  assert.equal(notice.document, sha);
  assert.deepEqual(notice.books, { collected: 19050, received: 0, remitted: 10000 });
  // By hand: each member owes every assessed month of the year (months not yet due included) and has
  // paid what the payments touching the year say; unpaid months are the assessed ones not paid.
  const paidA = inY(M2) + inY(M1) > 0 ? 9000 : 0;
  const rows = [
    [1, 'm-a', '', yuan(4500 * monthsIn(M2)), yuan(paidA), monthsIn(M2) - inY(M2) - inY(M1)],
    [2, 'm-b', '', yuan(5000 * monthsIn(M2)), yuan(inY(M2) * 10000), monthsIn(M2) - inY(M2)],
    [3, 'm-c', '', yuan(50 * monthsIn(M8)), yuan(inY(M8) * 50), monthsIn(M8) - inY(M8)],
    [4, 'm-sec', '', yuan(20 * monthsIn(M2)), 0, monthsIn(M2)],
  ];
  const owed = 4500 * monthsIn(M2) + 5000 * monthsIn(M2) + 50 * monthsIn(M8) + 20 * monthsIn(M2);
  const paid = paidA + inY(M2) * 10000 + inY(M8) * 50;
  const unpaid = rows.reduce((s, x) => s + (x[5] as number), 0);
  assertCells(await cells(out), [
    [`第一党支部${Y}年度党费收缴情况公示`],
    ['本公示仅在本支部党员范围内公布，请勿外传。'],
    [/^公示范围：第一党支部（b1）全体党员　数据截至区块高度 \d+$/],
    ['序号', '党员编号', '姓名', '全年应交（元）', '全年实交（元）', '未交月数'],
    ...rows,
    ['合计', '', '', yuan(owed), yuan(paid), unpaid],
    [],
    ['本年收缴党费（元）', '', '', 190.5],
    ['本年收到下级上缴（元）', '', '', 0],
    ['本年上缴上级党委（元）', '', '', 100],
    ['当前结存（元）', '', '', 90.5],
    [NOTE],
  ]);
});

test('export remittance: the form, cell by cell', async () => {
  const out = join(node.chain.root, 'remittance.xlsx');
  const r = dues(['export', 'remittance', 'b1', '--year', String(Y), '--out', out]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assertCells(await cells(out), [
    [`第一党支部${Y}年度党费上缴单`],
    [/^上缴组织：第一党支部（b1）　数据截至区块高度 \d+$/],
    ['序号', '上缴单号', '所属期间', '金额（元）', '上缴日期', '凭证号', '接收组织', '状态', '确认收到日期'],
    [1, 'dr-b1-x1', `${Y}Q4`, 100, DATE, 'SJ-001', '东风社区党委', '已上缴，待确认'],
    ['合计', '', '', 100],
    [],
    ['本年收缴党费（元）', '', '', 190.5],
    ['本年收到下级上缴（元）', '', '', 0],
    ['本年上缴（元）', '', '', 100],
    ['当前结存（元）', '', '', 90.5],
    ['经办人（签字）：', '', '', '', '党组织负责人（签字）：', '', '', '接收单位（盖章）：'],
  ]);
});
