/**
 * `djchain dues …` against a real node (issue 14): the rate with its rule version and article, an
 * assessment whose income base stays sealed off chain, payments recorded, refused (already paid,
 * not due, short) and reported by the member then confirmed, the register and arrears, a
 * remittance refused above what is held then sent and acknowledged, the month close, and the audit
 * — clean from the chain's records, and a discrepancy (exit 3) when the sealed base disagrees with
 * the commitment on chain.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { addMonth, chinaDate, monthOf } from '@djchain/modules';
import { djchain } from '@djchain/testkit/process';
import { duesCommand } from '../src/commands/dues.ts';
import { type BaseLine, readBases, sealBase } from '../src/dues/bases.ts';
import { chainArgs, secretaryArgs } from './commands-node.ts';
import { duesNode } from './dues-node.ts';

const node = duesNode([
  { id: 'm-a', org: 'b1' },
  { id: 'm-b', org: 'b1' },
  { id: 'm-d', org: 'b2' },
]);
const { vault, bases, dues } = node;

// The chain's months: its blocks carry the wall clock, read in China time.
const NOW = monthOf(chinaDate(Date.now()));
const M2 = addMonth(NOW, -2);
const M1 = addMonth(NOW, -1);

const query = (name: string, params: object) => {
  const r = djchain([
    'query',
    `dues.${name}`,
    '--params',
    JSON.stringify(params),
    ...chainArgs(node.chain),
    ...secretaryArgs(node.chain),
  ]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as Record<string, unknown>;
};

/** `djchain dues …` in this process (the pure subcommand needs no node): exit code, stdout, stderr. */
async function local(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (s: string) => out.push(`${s}\n`),
    err: (s: string) => err.push(s),
    env: {},
    errIsTTY: false,
  };
  const status = await duesCommand(args, io);
  return { status, stdout: out.join(''), stderr: err.join('') };
}

test('dues rate: the one function, its rule version and article, every bracket edge on both sides', async () => {
  const cases: [string, string, string, string][] = [
    ['在职', '3000.00', '15.00', '0.5%'],
    ['在职', '3000.01', '30.00', '1%'],
    ['在职', '5000.00', '50.00', '1%'],
    ['在职', '5000.01', '75.00', '1.5%'],
    ['在职', '10000.00', '150.00', '1.5%'],
    ['在职', '10000.01', '200.00', '2%'],
    ['个体经营', '0', '0.00', '0.5%'],
    ['离退休', '5000.00', '25.00', '0.5%'],
    ['离退休', '5000.01', '50.00', '1%'],
    // half up to the fen: 0.5% of 3.10 元 = 1.55 分 → 2 分; of 3.09 元 = 1.545 分 → 2 分; of 2.90 元 = 1.45 分 → 1 分
    ['年薪制', '3.10', '0.02', '0.5%'],
    ['年薪制', '3.09', '0.02', '0.5%'],
    ['年薪制', '2.90', '0.01', '0.5%'],
  ];
  for (const [group, base, amount, rate] of cases) {
    const r = await local(['rate', group, base, '--month', '2026-05']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`月交党费：${amount.replace('.', '\\.')} 元`), `${group} ${base}`);
    assert.match(r.stdout, new RegExp(`按全额 ${rate.replace('.', '\\.')} 计算，四舍五入到分`));
    assert.match(r.stdout, /规则版本 2008，自 2008-04 起适用；所属月份 2026-05/);
  }
  const salaried = await local(['rate', '在职', '3000.01']);
  assert.match(salaried.stdout, /依据：《关于中国共产党党费收缴、使用和管理的规定》第二条/);
  assert.match((await local(['rate', '离退休', '1'])).stdout, /第五条/);
  assert.match((await local(['rate', '个体经营', '1'])).stdout, /第四条/);
  const student = await local(['rate', '学生']);
  assert.match(student.stdout, /月交党费：0\.20 元/);
  assert.match(student.stdout, /第六条/);
  assert.match((await local(['rate', '农民', '0.5'])).stdout, /月交党费：0\.50 元\n/);
  const farmer = await local(['rate', '农民', '2']);
  assert.equal(farmer.status, 1);
  assert.match(farmer.stderr, /农民党员每月交纳党费 0\.2 元至 1 元/);
  assert.match(farmer.stderr, /代码：DUES_BAD_FARMER_AMOUNT/);
  assert.match(farmer.stderr, /依据：《关于中国共产党党费收缴、使用和管理的规定》第六条/);
  const absurd = await local(['rate', '在职', '1000000.01']);
  assert.equal(absurd.status, 1);
  assert.match(absurd.stderr, /代码：DUES_BAD_BASE/);
  assert.equal((await local(['rate', '在职', '1000000.00'])).status, 0);
  const typo = await local(['rate', '在职', '3000.001']);
  assert.equal(typo.status, 1);
  assert.match(typo.stderr, /金额“3000\.001”无效/);
  const group = await local(['rate', '工人', '100']);
  assert.equal(group.status, 1);
  assert.match(group.stderr, /党费类别“工人”无效/);
  assert.match((await local(['rate', '在职', '3000.01', '--lang', 'en'])).stdout, /Monthly dues: 30\.00 元/);
  // The command as a process: main.ts dispatches `dues`.
  const spawned = djchain(['dues', 'rate', '在职', '3000.00']);
  assert.equal(spawned.status, 0, spawned.stderr);
  assert.match(spawned.stdout, /月交党费：15\.00 元/);
});

let sealedLine: BaseLine;

test('dues assess: the amount and the base commitment go on chain, the base itself only sealed', async () => {
  const r = dues([
    'assess',
    'm-a',
    '--group',
    '在职',
    '--base',
    '4500',
    '--from',
    M2,
    '--vault',
    vault(),
    '--bases',
    bases(),
  ]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`核定 m-a 自 ${M2} 起月交党费 45\\.00 元（在职，比例 1%，规则版本 2008`));
  assert.match(r.stdout, /dues\.Assessed/);
  const lines = readBases(bases());
  assert.equal(lines.length, 1);
  sealedLine = lines[0]!;
  const text = readFileSync(bases(), 'utf8');
  assert.doesNotMatch(text, /450000|4500/);
  const account = query('account', { member: 'm-a', year: Number(M2.slice(0, 4)) }) as {
    assessments: Record<string, unknown>[];
  };
  assert.equal(account.assessments.length, 1);
  const a = account.assessments[0]!;
  assert.equal(a.fen, 4500);
  assert.equal(a.bp, 100);
  assert.equal(a.commitment, sealedLine.commitment);
  assert.ok(!('base' in a));
  // A salaried amount no base gives (0.5% of at most 3000 元 is 15 元; 1% of more is 30 元 or more).
  const wrong = djchain([
    'tx',
    'dues.assess',
    '--params',
    JSON.stringify({ member: 'm-b', group: '在职', from: M2, fen: 2000, commitment: 'ab'.repeat(32) }),
    ...chainArgs(node.chain),
    ...secretaryArgs(node.chain),
  ]);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stdout, /代码：DUES_WRONG_AMOUNT/);
  // Without --base the income is asked at the terminal, without echo (here: from next month on).
  const asked: string[] = [];
  const out: string[] = [];
  const io = {
    out: (x: string) => out.push(x),
    err: () => {},
    env: {},
    errIsTTY: false,
    promptSecret: async (question: string) => {
      asked.push(question);
      return '3000.01';
    },
  };
  const args = [
    'assess',
    'm-b',
    '--group',
    '在职',
    '--from',
    addMonth(NOW, 1),
    '--vault',
    vault(),
    '--bases',
    bases(),
  ];
  assert.equal(
    await duesCommand([...args, ...chainArgs(node.chain), ...secretaryArgs(node.chain)], io),
    0,
    out.join('\n'),
  );
  assert.deepEqual(asked, ['计算基数（元，输入不显示）：']);
  assert.match(out.join('\n'), /月交党费 30\.00 元（在职，比例 1%/);
  assert.equal(readBases(bases()).length, 2);
  // m-d is held by b2, where the signer holds no post.
  const other = dues(['assess', 'm-d', '--group', '学生', '--from', M2]);
  assert.equal(other.status, 1);
  assert.match(other.stdout, /代码：\w+_NOT_PERMITTED|代码：DUES_/);
});

test('dues pay: the due amount by default, refusals coded and cited, a member reports and the branch confirms', () => {
  const paid = dues(['pay', 'm-a', '--months', `${M2},${M1}`, '--method', '转账', '--reference', 'YH-0001']);
  assert.equal(paid.status, 0, paid.stdout + paid.stderr);
  assert.match(paid.stdout, /党费 90\.00 元/);
  assert.match(paid.stdout, /dues\.PaymentRecorded/);
  const again = dues(['pay', 'm-a', '--months', M1]);
  assert.equal(again.status, 1);
  assert.match(again.stdout, /代码：DUES_ALREADY_PAID/);
  assert.match(again.stdout, /该月党费已交纳/);
  const early = dues(['pay', 'm-a', '--months', addMonth(NOW, 1), '--amount', '45']);
  assert.equal(early.status, 1);
  assert.match(early.stdout, /代码：DUES_NOT_DUE/);
  assert.match(early.stdout, /第十二条/);
  const short = dues(['pay', 'm-a', '--months', NOW, '--amount', '44.99']);
  assert.equal(short.status, 1);
  assert.match(short.stdout, /代码：DUES_AMOUNT_SHORT/);
  // The secretary is a member too: a student's 0.20 元, reported by themself, confirmed by the branch.
  assert.equal(dues(['assess', 'm-sec', '--group', '学生', '--from', NOW]).status, 0);
  const reported = dues(['pay', 'm-sec', '--months', NOW, '--report', '--id', 'dp-self-1']);
  assert.equal(reported.status, 0, reported.stdout + reported.stderr);
  assert.match(reported.stdout, /dues\.PaymentReported/);
  assert.match(
    dues(['status', 'm-sec']).stdout,
    new RegExp(`${NOW}  待确认  0\\.20 元  学生  规则 2008  记录 dp-self-1`),
  );
  const confirmed = dues(['confirm', 'dp-self-1']);
  assert.equal(confirmed.status, 0, confirmed.stdout + confirmed.stderr);
  assert.match(confirmed.stdout, /dues\.PaymentConfirmed/);
  assert.match(dues(['status', 'm-sec']).stdout, new RegExp(`${NOW}  已交  0\\.20 元`));
  const twice = dues(['confirm', 'dp-self-1']);
  assert.equal(twice.status, 1);
  assert.match(twice.stdout, /代码：DUES_NOT_REPORTED/);
});

test('dues status of a branch: the month register and the arrears', () => {
  const r = dues(['status', 'b1', '--month', M1]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`第一党支部（b1）${M1} 党费收缴情况`));
  assert.match(r.stdout, /m-a {2}已交 {2}应交 45\.00 元 {2}记录 dp-m-a-/);
  assert.match(r.stdout, /m-b {2}未核定 {2}应交 - 元/);
  assert.match(
    r.stdout,
    /共 3 人：已交 1，未交 0，待确认 0，免交 0，未核定 2；应交合计 45\.00 元，已交合计 45\.00 元。/,
  );
  const unknown = dues(['status', 'm-nobody']);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /链上没有编号为 m-nobody 的党员或党组织/);
});

test('dues remit: never above what is held; the committee acknowledges', () => {
  const above = dues(['remit', 'b1', '--amount', '90.21', '--period', '2026Q4']);
  assert.equal(above.status, 1);
  assert.match(above.stdout, /代码：DUES_REMIT_EXCEEDS_HELD/);
  const sent = dues([
    'remit',
    'b1',
    '--amount',
    '50',
    '--period',
    '2026Q4',
    '--id',
    'dr-b1-1',
    '--reference',
    'SJ-01',
  ]);
  assert.equal(sent.status, 0, sent.stdout + sent.stderr);
  assert.match(sent.stdout, /dues\.Remitted/);
  const ack = dues(['acknowledge', 'dr-b1-1']);
  assert.equal(ack.status, 0, ack.stdout + ack.stderr);
  assert.match(ack.stdout, /dues\.RemittanceAcknowledged/);
});

test('dues close: the last closed month of the branch', () => {
  const r = dues(['close', 'b1']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    new RegExp(
      `第一党支部 ${M1} 已结账.*应交党员 1 人，已交或免交 1 人，未交 0 人；应交合计 45\\.00 元，已交合计 45\\.00 元。`,
    ),
  );
  const open = dues(['close', 'b1', '--month', NOW]);
  assert.match(open.stdout, new RegExp(`${NOW} 尚未结账`));
});

test('dues audit: the books balance from the records alone; a sealed base that disagrees is a discrepancy', () => {
  const clean = dues(['audit', 'b1']);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(
    clean.stdout,
    /本年合计：收缴 90\.20 元，收到下级上缴 0\.00 元，上缴 50\.00 元；当前结存 40\.20 元。/,
  );
  assert.match(clean.stdout, /账实相符/);
  assert.match(clean.stdout, /未提供密封计算基数/);
  const withBases = dues(['audit', 'b1', '--vault', vault(), '--bases', bases()]);
  assert.equal(withBases.status, 0, withBases.stdout);
  assert.doesNotMatch(withBases.stdout, /未提供密封计算基数/);
  // The committee's books: received 50.00 from b1.
  const c1 = dues(['audit', 'c1']);
  assert.equal(c1.status, 0, c1.stdout);
  assert.match(c1.stdout, /收到下级上缴 50\.00 元，上缴 0\.00 元；当前结存 50\.00 元/);

  // A bases file whose line for m-a holds 4000 元 while the chain committed to 4500 元.
  const genesis = JSON.parse(readFileSync(node.chain.genesisFile, 'utf8')) as { suite: 'intl' | 'gm' };
  const suite = getSuite(genesis.suite);
  const v = JSON.parse(readFileSync(vault(), 'utf8'));
  const forged = {
    ...sealBase(suite, v, { member: 'm-a', group: '在职', from: M2, base: 400_000 }),
    commitment: sealedLine.commitment,
  };
  const wrongBases = join(node.chain.root, 'wrong-bases.jsonl');
  writeFileSync(wrongBases, `${JSON.stringify(forged)}\n`);
  const bad = dues(['audit', 'b1', '--vault', vault(), '--bases', wrongBases]);
  assert.equal(bad.status, 3, bad.stdout + bad.stderr);
  // …and it holds no line at all for m-b's assessment (from next month).
  assert.match(bad.stdout, /发现 3 处不符/);
  assert.match(
    bad.stdout,
    new RegExp(`CLI_DUES_AUDIT_NO_BASE：m-b 自 ${addMonth(NOW, 1)} 的核定在密封基数文件中没有对应的计算基数`),
  );
  assert.match(
    bad.stdout,
    new RegExp(
      `CLI_DUES_AUDIT_COMMITMENT：m-a 自 ${M2} 的密封计算基数与链上承诺值 ${sealedLine.commitment.slice(0, 16)}… 不符`,
    ),
  );
  assert.match(
    bad.stdout,
    new RegExp(
      `CLI_DUES_AUDIT_BASE_AMOUNT：m-a 自 ${M2} 按密封计算基数和规则 2008 应交 40\\.00 元，链上核定为 45\\.00 元`,
    ),
  );
  assert.match(bad.stdout, new RegExp(`相关记录：m-a@${M2}`));
});
