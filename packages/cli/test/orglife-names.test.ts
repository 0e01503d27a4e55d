/**
 * `djchain orglife export meetings|study --sealed URL`: the registers carry each member's name
 * beside the id, read through the sealed-data service (a real process: one committed read record
 * per member), as the dues export does; without --sealed the 姓名 column stays empty. A member with
 * no sealed profile (the genesis secretary m-sec) gets an empty cell. Expectations by hand.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { idCheckChar } from '@djchain/client/roster';
import { chinaDate } from '@djchain/modules';
import { djchain, type Spawned } from '@djchain/testkit/process';
import ExcelJS from 'exceljs';
import { lastLines, openLine, openVault } from '../src/commands/vault.ts';
import {
  chainArgs,
  importArgs,
  secretaryArgs,
  secretaryClient,
  startSealed,
  startTestChain,
  type TestChain,
  writeRoster,
} from './commands-node.ts';

const first17 = '11010519700506011';
const ZHANG = {
  姓名: '张三',
  性别: '男',
  出生日期: '1970-05-06',
  身份证号: first17 + idCheckChar(first17),
  民族: '汉族',
  入党日期: '1995-07-01',
  转正日期: '1996-07-01',
  所在支部: '第一党支部',
  人员类别: '正式党员',
};

async function readSheet(file: string, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: unknown[][] = [];
  wb.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

let chain: TestChain;
let service: Spawned;
let zhang = '';
const today = chinaDate(Date.now());
const year = today.slice(0, 4);

before(async () => {
  chain = await startTestChain();
  const roster = join(chain.root, 'roster.xlsx');
  await writeRoster(roster, [ZHANG]);
  const profiles = join(chain.root, 'profiles.jsonl');
  const imp = djchain(importArgs(chain, roster, profiles));
  assert.equal(imp.status, 0, imp.stdout + imp.stderr);
  const { client, genesis } = await secretaryClient(chain);
  const { vault } = openVault(join(chain.root, 'vault.json'), genesis.chainId, client.suite);
  for (const l of lastLines(profiles).values())
    if (openLine(client.suite, vault, l)!.name === '张三') zhang = l.member;
  assert.ok(zhang);
  service = await startSealed(chain, join(chain.root, 'vault.json'), profiles);
  // A 支部党员大会 held today with both members of b1 present (through the import command).
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会议');
  ws.addRow(['类别', '召开日期', '出席']);
  ws.addRow(['支部党员大会', today, `m-sec,${zhang}`]);
  const sheet = join(chain.root, 'meeting.xlsx');
  await wb.xlsx.writeFile(sheet);
  const r = djchain([
    'orglife',
    'import',
    sheet,
    '--org',
    'b1',
    ...chainArgs(chain),
    ...secretaryArgs(chain),
  ]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

after(() => {
  service?.stop();
  chain?.stop();
});

const exportArgs = (what: string, out: string, sealed: boolean) => [
  'orglife',
  'export',
  what,
  '--org',
  'b1',
  '--year',
  year,
  '--out',
  out,
  ...chainArgs(chain),
  ...secretaryArgs(chain),
  ...(sealed ? ['--sealed', service.url] : []),
];

test('the study register shows names through the sealed-data service', async () => {
  const out = join(chain.root, 'study.xlsx');
  const r = djchain(exportArgs('study', out, true));
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const rows = await readSheet(out, '学习登记');
  assert.deepEqual(rows[0]!.slice(0, 3), ['党员编号', '姓名', '身份']);
  const byId = new Map(rows.slice(1).map((x) => [x[0], x[1]]));
  assert.equal(byId.get(zhang), '张三');
  assert.equal(byId.get('m-sec'), '', 'no sealed profile: no name');
});

test('the attendance sheet shows names; without --sealed the column stays empty', async () => {
  const out = join(chain.root, 'meetings.xlsx');
  const r = djchain(exportArgs('meetings', out, true));
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const lines = await readSheet(out, '出席明细');
  assert.deepEqual(lines[0], [
    '会议编号',
    '类别',
    '召开日期',
    '党员编号',
    '姓名',
    '出席情况',
    '请假事由',
    '确认',
  ]);
  assert.deepEqual(
    lines.slice(1).map((l) => [l[3], l[4], l[5]]),
    [
      ['m-sec', '', '出席'],
      [zhang, '张三', '出席'],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
  );
  const bare = join(chain.root, 'meetings-bare.xlsx');
  const b = djchain(exportArgs('meetings', bare, false));
  assert.equal(b.status, 0, b.stdout + b.stderr);
  assert.deepEqual(
    (await readSheet(bare, '出席明细')).slice(1).map((l) => l[4]),
    ['', ''],
  );
});
