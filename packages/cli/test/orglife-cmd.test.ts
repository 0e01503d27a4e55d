/**
 * `djchain orglife` against a real node: a sheet with a bad row is refused whole (errors by row, in
 * Chinese, nothing on chain); the corrected sheet is imported as plans and held records; the meeting
 * register and the study register exported from the chain hold what was imported (read back with
 * exceljs, expectations written by hand).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { djchain } from '@djchain/testkit/process';
import ExcelJS from 'exceljs';
import { chainArgs, secretaryArgs, startTestChain, type TestChain } from './commands-node.ts';

async function writeSheet(file: string, rows: Record<string, string>[]): Promise<void> {
  const headings = ['类别', '召开日期', '时长', '出席', '请假', '缺席', '讲课人'];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会议');
  ws.addRow(headings);
  for (const r of rows) ws.addRow(headings.map((h) => r[h] ?? ''));
  await wb.xlsx.writeFile(file);
}

async function readSheet(file: string, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(name)!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('djchain orglife against a real node', { timeout: 300_000 }, () => {
  let chain: TestChain;
  before(async () => {
    chain = await startTestChain();
  });
  after(() => chain?.stop());
  const run = (args: string[]) => djchain(['orglife', ...args, ...chainArgs(chain), ...secretaryArgs(chain)]);

  it('a sheet with a bad row is refused whole, its errors by row; nothing reaches the chain', async () => {
    const file = join(chain.root, 'bad.xlsx');
    await writeSheet(file, [
      { 类别: '支部党员大会', 召开日期: '2025-03-20', 出席: 'm-sec' },
      { 类别: '党课', 召开日期: '2025-05-10', 出席: 'm-sec' },
    ]);
    const r = run(['import', file, '--org', 'b1']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /表格有 1 处错误，未提交任何记录/);
    assert.match(r.stderr, /第 3 行：党课须填写讲课人编号/);
    const q = djchain([
      'orglife',
      'export',
      'meetings',
      '--org',
      'b1',
      '--year',
      '2025',
      '--out',
      join(chain.root, 'empty.xlsx'),
      ...chainArgs(chain),
      ...secretaryArgs(chain),
    ]);
    assert.equal(q.status, 0, q.stderr);
    assert.deepEqual(await readSheet(join(chain.root, 'empty.xlsx'), '会议记录'), [
      [
        '会议编号',
        '类别',
        '计划日期',
        '召开日期',
        '时长',
        '状态',
        '应到',
        '出席',
        '请假',
        '缺席',
        '法定人数',
        '补录',
        '会议记录哈希',
      ],
    ]);
  });

  it('last year’s records are imported; the registers exported from the chain show them', async () => {
    const file = join(chain.root, 'good.xlsx');
    await writeSheet(file, [
      { 类别: '支部党员大会', 召开日期: '2025-03-20', 出席: 'm-sec' },
      { 类别: '党课', 召开日期: '2025-05-10', 时长: '一天', 出席: 'm-sec', 讲课人: 'm-sec' },
    ]);
    const r = run(['import', file, '--org', 'b1']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /共 2 行，已记录 2 次会议，链上拒绝 0 行/);
    const out = join(chain.root, 'meetings.xlsx');
    const e = run(['export', 'meetings', '--org', 'b1', '--year', '2025', '--out', out]);
    assert.equal(e.status, 0, e.stderr);
    assert.match(e.stdout, /^已导出 会议记录：.*meetings\.xlsx（2 行，数据取自链上高度 \d+）$/m);
    const rows = await readSheet(out, '会议记录');
    // Recorded in a later month than held: flagged 补录; the one voter present is a quorum.
    assert.deepEqual(rows.slice(1), [
      [
        'imp-b1-2025-03-20-0-r2',
        '支部党员大会',
        '2025-03-20',
        '2025-03-20',
        '半天',
        '已开待确认',
        1,
        1,
        0,
        0,
        '达到',
        '是',
        '',
      ],
      [
        'imp-b1-2025-05-10-3-r3',
        '党课',
        '2025-05-10',
        '2025-05-10',
        '一天',
        '已开待确认',
        1,
        1,
        0,
        0,
        '',
        '是',
        '',
      ],
    ]);
    assert.deepEqual((await readSheet(out, '出席明细')).slice(1), [
      // No --sealed: the 姓名 column is empty (orglife-names.test.ts reads names through the service).
      ['imp-b1-2025-03-20-0-r2', '支部党员大会', '2025-03-20', 'm-sec', '', '出席', '', '待确认'],
      ['imp-b1-2025-05-10-3-r3', '党课', '2025-05-10', 'm-sec', '', '出席', '', '待确认'],
    ]);
    const s = join(chain.root, 'study.xlsx');
    const st = run(['export', 'study', '--org', 'b1', '--year', '2025', '--out', s]);
    assert.equal(st.status, 0, st.stderr);
    assert.match(st.stdout, /^已导出 学习登记：.*study\.xlsx（1 行，数据取自链上高度 \d+）$/m);
    // The secretary's target is 56; a day's 党课 is 8 学时; the 党员大会 is not study.
    assert.deepEqual((await readSheet(s, '学习登记')).slice(1), [
      ['m-sec', '', '支部书记、委员', 56, 8, 0, 8, 48],
    ]);
    // The same file again: the same ids, refused by the chain (nothing recorded twice).
    const again = run(['import', file, '--org', 'b1']);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /第 2 行：链上拒绝/);
  });
});
