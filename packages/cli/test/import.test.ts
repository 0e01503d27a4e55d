/**
 * `djchain import members` and `djchain export` against a real node: a generated roster with good
 * and bad rows (row-numbered Chinese errors), the good rows imported as signed transactions with
 * no personal field on chain, a re-run importing nobody twice, and the exports readable as xlsx.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { COLUMNS, idCheckChar } from '@djchain/client/roster';
import { djchain, type Spawned } from '@djchain/testkit/process';
import ExcelJS from 'exceljs';
import {
  chainArgs,
  importArgs,
  queryMember,
  secretaryArgs,
  startSealed,
  startTestChain,
  type TestChain,
  writeRoster,
} from './commands-node.ts';

let chain: TestChain;
let sealed: Spawned | undefined;
before(async () => {
  chain = await startTestChain();
});
after(() => {
  sealed?.stop();
  chain?.stop();
});

/** A valid ID number for a birth date and sex (region 110105, sequence 00x). */
function idFor(birth: string, male: boolean, seq = 1): string {
  const first17 = `110105${birth.replaceAll('-', '')}${String(seq).padStart(2, '0')}${male ? 1 : 2}`;
  return first17 + idCheckChar(first17);
}

const ZHANG = idFor('1970-05-06', true);
const rows: Record<string, string>[] = [
  // row 2: a full member of many years
  {
    姓名: '张三',
    性别: '男',
    出生日期: '1970-05-06',
    身份证号: ZHANG,
    民族: '汉族',
    学历: '大学本科',
    入党日期: '1995-07-01',
    转正日期: '1996-07-01',
    所在支部: '第一党支部',
    人员类别: '正式党员',
  },
  // row 3: a probationary member in the second branch, dates written the Chinese way
  {
    姓名: '李四',
    性别: '女',
    出生日期: '1990/2/3',
    身份证号: idFor('1990-02-03', false),
    民族: '回族',
    学历: '硕士研究生',
    入党日期: '2025年6月1日',
    所在支部: 'b2',
    人员类别: '预备党员',
  },
  // row 4: an activist with historical process dates
  {
    姓名: '王五',
    性别: '男',
    出生日期: '2000-01-01',
    身份证号: idFor('2000-01-01', true),
    所在支部: '第一党支部',
    人员类别: '入党积极分子',
    申请入党日期: '2023-03-01',
    确定积极分子日期: '2023-09-01',
  },
  // row 5: wrong check digit
  {
    姓名: '赵六',
    性别: '男',
    出生日期: '1980-01-01',
    身份证号: `${idFor('1980-01-01', true).slice(0, 17)}${idCheckChar(idFor('1980-01-01', true).slice(0, 17)) === '0' ? '1' : '0'}`,
    所在支部: '第一党支部',
    人员类别: '入党申请人',
    申请入党日期: '2024-01-01',
  },
  // row 6: no such branch
  {
    姓名: '孙七',
    性别: '女',
    出生日期: '1985-03-03',
    身份证号: idFor('1985-03-03', false),
    所在支部: '第九党支部',
    人员类别: '入党申请人',
    申请入党日期: '2024-01-01',
  },
  // row 7: joined before 18
  {
    姓名: '周八',
    性别: '男',
    出生日期: '2000-06-01',
    身份证号: idFor('2000-06-01', true),
    入党日期: '2017-07-01',
    转正日期: '2018-07-01',
    所在支部: '第一党支部',
    人员类别: '正式党员',
  },
  // row 8: the same person as row 2
  {
    姓名: '张三',
    性别: '男',
    出生日期: '1970-05-06',
    身份证号: ZHANG,
    入党日期: '1995-07-01',
    转正日期: '1996-07-01',
    所在支部: '第一党支部',
    人员类别: '正式党员',
  },
];

async function readSheet(file: string, index = 0): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[][] = [];
  wb.worksheets[index]!.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

test('import validates every row, imports the good ones, and a re-run imports nobody twice; exports read back', async () => {
  const roster = join(chain.root, 'roster.xlsx');
  await writeRoster(roster, rows);
  const first = djchain(importArgs(chain, roster));
  assert.equal(first.status, 2, first.stdout + first.stderr);
  assert.match(first.stdout, /第 5 行：身份证号校验位错误/);
  assert.match(first.stdout, /第 6 行：所在支部“第九党支部”不是链上的党支部/);
  assert.match(first.stdout, /第 7 行：入党日期时未满十八岁（《中国共产党章程》第一条）/);
  assert.match(first.stdout, /第 8 行：身份证号与第 2 行重复/);
  assert.doesNotMatch(first.stdout, /^第 [234] 行/m);
  assert.match(first.stdout, /新导入 3 人，已在链上跳过 0 人，有误 4 行/);
  assert.match(first.stderr, /导入 100% \(3\/3\)/);

  // Sealed profiles: one line per imported person, no personal field in clear.
  const profiles = readFileSync(join(chain.root, 'profiles.jsonl'), 'utf8');
  assert.equal(profiles.trim().split('\n').length, 3);
  for (const secret of ['张三', ZHANG, '1970-05-06']) assert.ok(!profiles.includes(secret));

  const again = djchain(importArgs(chain, roster));
  assert.equal(again.status, 2, again.stdout + again.stderr);
  assert.match(again.stdout, /新导入 0 人，已在链上跳过 3 人/);

  // Names come only through the sealed-data service (a read record per member, committed first).
  sealed = await startSealed(chain, join(chain.root, 'vault.json'), join(chain.root, 'profiles.jsonl'));
  const reader = ['--sealed', sealed.url, ...secretaryArgs(chain)];
  // The imported full member is on chain with the status and Party-age date from the roster.
  const roster2 = join(chain.root, 'roster-out.xlsx');
  const exp = djchain([
    'export',
    'roster',
    '--out',
    roster2,
    ...chainArgs(chain),
    // Reads as the secretary's key (member records are not public).
    ...secretaryArgs(chain),
    '--root',
    'c1',
    ...reader,
  ]);
  assert.equal(exp.status, 0, exp.stdout + exp.stderr);
  const sheet = await readSheet(roster2);
  assert.equal(sheet[0]![0], '所在支部');
  const zhang = sheet.find((r) => r[2] === '张三');
  assert.ok(zhang, JSON.stringify(sheet));
  assert.equal(zhang[0], '第一党支部');
  assert.equal(zhang[7], '正式党员');
  assert.equal(zhang[9], '1996-07-01');
  const li = sheet.find((r) => r[2] === '李四');
  assert.equal(li?.[0], '第二党支部');
  assert.equal(li?.[7], '预备党员');
  assert.equal(li?.[10], '2026-06-01');
  const wang = sheet.find((r) => r[2] === '王五');
  assert.equal(wang?.[7], '群众');
  // Four people: the three imported and the secretary from genesis (no profile: name empty).
  assert.equal(sheet.length - 1, 4);

  // No personal field reached the chain: the member record carries only ids, dates and commitments.
  const id = zhang[1]!;
  const q = queryMember(chain, id);
  assert.equal(q.status, 0, q.stderr);
  for (const secret of ['张三', ZHANG, '1970-05-06', '汉族']) assert.ok(!q.stdout.includes(secret));
  // A member admitted in the past needs no age commitment; a future applicant (王五) gets one.
  assert.match(q.stdout, /"ageCommitment": null/);
  const qWang = djchain([
    'query',
    'member.member',
    '--params',
    JSON.stringify({ id: wang![1] }),
    ...chainArgs(chain),
    // Reads as the secretary's key (member records are not public).
    ...secretaryArgs(chain),
  ]);
  assert.equal(qWang.status, 0, qWang.stderr);
  assert.match(qWang.stdout, /"ageCommitment": "[0-9a-f]{64}"/);

  const report = join(chain.root, 'report.xlsx');
  const rep = djchain([
    'export',
    'report',
    '--out',
    report,
    ...chainArgs(chain),
    // Reads as the secretary's key (member records are not public).
    ...secretaryArgs(chain),
    '--root',
    'c1',
    ...reader,
  ]);
  assert.equal(rep.status, 0, rep.stdout + rep.stderr);
  const summary = await readSheet(report, 0);
  assert.deepEqual(summary[0], ['党支部', '入党申请人', '入党积极分子', '发展对象', '预备党员', '正式党员']);
  assert.deepEqual(
    summary.find((r) => r[0] === '第二党支部'),
    ['第二党支部', '0', '0', '0', '1', '0'],
  );

  const template = join(chain.root, 'template.xlsx');
  const tpl = djchain(['export', 'template', '--out', template]);
  assert.equal(tpl.status, 0, tpl.stderr);
  const t = await readSheet(template);
  assert.deepEqual(
    t[0],
    COLUMNS.map((c) => c.heading),
  );
});
