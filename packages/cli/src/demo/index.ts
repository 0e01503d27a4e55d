/**
 * `djchain demo` / `npm start`: the embedded default (README.md in this folder).
 *   npm start                      first start seeds the demo community; later starts keep the data
 *   npm start -- --reset           wipe .djchain/demo and start over
 *   npm start -- --members 30      a smaller community (first start or with --reset)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DemoError } from './errors.ts';
import { DEMO_PASSPHRASE, type DemoOptions, type RunningDemo, runDemo } from './run.ts';

export { DemoError } from './errors.ts';
export {
  type Archetype,
  type CaseInfo,
  type DemoAccount,
  type DemoPlan,
  generatePlan,
  type PlannedTx,
  type PlanOptions,
  personKey,
  planHash,
  slotOnOrAfter,
} from './plan.ts';
export { createRng, type Rng } from './prng.ts';
export {
  DEMO_CHAIN_ID,
  DEMO_PASSPHRASE,
  type DemoMarker,
  type DemoOptions,
  MARKER_FILE,
  type RunningDemo,
  runDemo,
} from './run.ts';
export { type SeedDeps, type SeedResult, seedHistory, waitForBlockTime } from './seed.ts';

export const DEFAULT_DEMO_DIR = '.djchain/demo';

function intFlag(v: unknown, name: string, min: number, max: number, def: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new DemoError('DEMO_BAD_FLAG', `--${name} 应为 ${min} 到 ${max} 之间的整数（收到 ${String(v)}）`);
  return n;
}

/** Parses the demo's flags (after `demo`). */
export function demoOptions(argv: string[]): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      dir: { type: 'string' },
      members: { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
      port: { type: 'string' },
      'web-port': { type: 'string' },
      'no-web': { type: 'boolean', default: false },
      validators: { type: 'string' },
    },
  });
  return {
    dir: resolve(values.dir ?? DEFAULT_DEMO_DIR),
    members: intFlag(values.members, 'members', 1, 5000, 300),
    seed: intFlag(values.seed, 'seed', 0, 2 ** 31 - 1, 20240701),
    reset: values.reset === true,
    apiPort: intFlag(values.port, 'port', 0, 65535, 26657),
    webPort: intFlag(values['web-port'], 'web-port', 0, 65535, 8080),
    web: values['no-web'] !== true,
    validators: intFlag(values.validators, 'validators', 1, 9, 4),
  };
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor((done / Math.max(1, total)) * 100)).padStart(3)}%`;
}

/**
 * Every demo key, age seed and keystore passphrase follows from the public seed: anyone can
 * recompute them, so nothing real may ever be entered into a demo chain. Said in both languages.
 */
export function demoOnlyNotice(seed: number): string[] {
  return [
    `  注意：演示账户的密钥与年龄证明种子均由公开的种子（--seed ${seed}）推导，任何人都能重新算出；仅供演示，切勿录入真实人员数据或用于生产。`,
    `  Note: demo keys and age seeds are derived from a public seed (--seed ${seed}) that anyone can recompute: for the demo only, never for real people's data or production.`,
  ];
}

/** What the demo prints once it runs (Chinese, for the people in front of it). */
export function describe(d: RunningDemo): string {
  const m = d.marker;
  const lines = [
    '',
    '党建链演示环境已就绪',
    `  共识节点：${d.validators} 个验证节点进程（127.0.0.1，经 p2p 组成联盟：${d.marker.nodes.map((n) => d.marker.orgNames[n] ?? n).join('、')}）`,
    `  接口地址（API）：${d.apiUrl}`,
    ...(d.apiUrls.length > 1 ? [`  其他节点接口：${d.apiUrls.slice(1).join('  ')}`] : []),
    d.webUrl ? `  网页地址：${d.webUrl}` : `  网页：${d.webNote ?? '未启动（--no-web）'}`,
    d.sealedUrl
      ? `  个人信息查看服务：${d.sealedUrl}（凭链上已提交的查看记录释放，每条一次）`
      : '  个人信息查看服务：未启动（本演示数据早于该服务，npm start -- --reset 后可用）',
    `  数据目录：${d.dir}${d.seededNow ? '（本次首次启动，已播种演示社区）' : '（沿用已有数据，未重新播种）'}`,
    `  演示社区：${m.orgNames.c1}，2 个党总支，6 个党支部；${m.members} 名党员，${m.cases.length} 个发展党员案例；历史交易 ${m.txs} 笔`,
    '  演示账户（密钥库文件，口令均为 ' + `"${DEMO_PASSPHRASE}"）：`,
    ...m.accounts.map((a) => `    ${a.label.padEnd(14, '　')} ${a.member}  ${d.accountsDir}/${a.role}.json`),
    ...demoOnlyNotice(m.seed),
    '  停止：按 Ctrl-C（所有子进程随之停止）；重新开始：npm start -- --reset',
    '',
  ];
  return lines.join('\n');
}

/** The `demo` command: returns -1 while running (the process lives until Ctrl-C), 1 on failure. */
export async function demoMain(argv: string[]): Promise<number> {
  const out = (s: string) => process.stdout.write(s);
  let opts: DemoOptions;
  try {
    opts = demoOptions(argv);
  } catch (e) {
    process.stderr.write(`错误：${(e as Error).message}\n`);
    return 1;
  }
  let last = '';
  let running: RunningDemo;
  try {
    out('正在启动党建链演示环境……\n');
    running = await runDemo({
      ...opts,
      say: (s) => out(`${s}\n`),
      progress: (done, total, date) => {
        const line = `\r写入历史数据 ${bar(done, total)} ${done}/${total} 链上日期 ${date}`;
        if (line !== last) out(line);
        last = line;
      },
    });
  } catch (e) {
    const err = e as { code?: string; message?: string; details?: unknown };
    const details = err.details === undefined ? '' : `\n${JSON.stringify(err.details)}`;
    process.stderr.write(`\n错误 [${err.code ?? 'DEMO_FAILED'}]：${err.message ?? ''}${details}\n`);
    return 1;
  }
  if (last) out('\n');
  out(`${describe(running)}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    out('正在停止演示环境……\n');
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  void running.childExited.then((why) => {
    if (stopping) return;
    process.stderr.write(`错误：子进程意外退出（${why}），演示环境停止。\n`);
    void running.stop().then(() => process.exit(1));
  });
  return -1;
}
