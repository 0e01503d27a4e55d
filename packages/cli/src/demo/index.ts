/**
 * `djchain demo` / `npm start`: the embedded default (README.md in this folder).
 *   npm start                      first start seeds the demo community; later starts keep the data
 *   npm start -- --reset           wipe .djchain/demo and start over
 *   npm start -- --members 30      a smaller community (first start or with --reset)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Lang, langOf, reason, t } from '../i18n.ts';
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
    throw new DemoError(
      'DEMO_BAD_FLAG',
      `--${name} must be an integer from ${min} to ${max} (got ${String(v)})`,
      {
        name,
        min,
        max,
        value: String(v),
      },
    );
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
      lang: { type: 'string' },
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
    lang: langOf(values.lang),
  };
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor((done / Math.max(1, total)) * 100)).padStart(3)}%`;
}

/**
 * Every demo key, age seed and keystore passphrase follows from the public seed: anyone can
 * recompute them, so nothing real may ever be entered into a demo chain. Said in both languages,
 * whatever --lang says.
 */
export function demoOnlyNotice(seed: number): string[] {
  return [t('zh-CN', 'demoOnlyNotice', { seed }), t('en', 'demoOnlyNotice', { seed })];
}

/** What the demo prints once it runs (Chinese by default, for the people in front of it). */
export function describe(d: RunningDemo, lang: Lang = 'zh-CN'): string {
  const m = d.marker;
  const orgs = m.nodes.map((n) => m.orgNames[n] ?? n).join(t(lang, 'demoListSeparator'));
  const lines = [
    '',
    t(lang, 'demoReady'),
    t(lang, 'demoNodes', { count: d.validators, orgs }),
    t(lang, 'demoApi', { url: d.apiUrl }),
    ...(d.apiUrls.length > 1 ? [t(lang, 'demoOtherApis', { urls: d.apiUrls.slice(1).join('  ') })] : []),
    d.webUrl
      ? t(lang, 'demoWeb', { url: d.webUrl })
      : t(lang, 'demoWebNote', { note: d.webNote ?? t(lang, 'demoNoWeb') }),
    d.sealedUrl ? t(lang, 'demoSealed', { url: d.sealedUrl }) : t(lang, 'demoNoSealed'),
    t(lang, 'demoDir', { dir: d.dir, state: t(lang, d.seededNow ? 'demoSeededNow' : 'demoKept') }),
    t(lang, 'demoCommunity', {
      name: m.orgNames.c1 ?? '',
      members: m.members,
      cases: m.cases.length,
      txs: m.txs,
    }),
    t(lang, 'demoAccounts', { passphrase: DEMO_PASSPHRASE }),
    ...m.accounts.map((a) => `    ${a.label.padEnd(14, '　')} ${a.member}  ${d.accountsDir}/${a.role}.json`),
    ...demoOnlyNotice(m.seed),
    t(lang, 'demoStop'),
    '',
  ];
  return lines.join('\n');
}

/** A failure of the demo as one line (and its details), in `lang`. */
function failure(lang: Lang, e: unknown): string {
  const err = e as { code?: string; message?: string; details?: object };
  const code = err.code ?? 'DEMO_FAILED';
  const details =
    err.details === undefined || Object.keys(err.details).length === 0
      ? ''
      : `\n${JSON.stringify(err.details)}`;
  return `${t(lang, 'errorPrefix')}[${code}] ${reason(lang, code, err.message ?? '', err.details)}${details}`;
}

/** The `demo` command: returns -1 while running (the process lives until Ctrl-C), 1 on failure. */
export async function demoMain(argv: string[]): Promise<number> {
  if (argv.includes('--hierarchy')) return (await import('./hierarchy.ts')).hierarchyMain(argv);
  const out = (s: string) => process.stdout.write(s);
  let opts: DemoOptions;
  try {
    opts = demoOptions(argv);
  } catch (e) {
    process.stderr.write(`${failure(langOf(argv[argv.indexOf('--lang') + 1]), e)}\n`);
    return 1;
  }
  const lang = opts.lang ?? 'zh-CN';
  let last = '';
  let running: RunningDemo;
  try {
    out(`${t(lang, 'demoStarting')}\n`);
    running = await runDemo({
      ...opts,
      say: (s) => out(`${s}\n`),
      progress: (done, total, date) => {
        const line = `\r${t(lang, 'demoProgress', { bar: bar(done, total), done, total, date })}`;
        if (line !== last) out(line);
        last = line;
      },
    });
  } catch (e) {
    process.stderr.write(`\n${failure(lang, e)}\n`);
    return 1;
  }
  if (last) out('\n');
  out(`${describe(running, lang)}\n`);
  return untilStopped(running, lang);
}

/**
 * Keeps a started demo (`demo`, `demo --hierarchy`) running: Ctrl-C or SIGTERM stops its processes
 * and exits 0; a child process exiting on its own stops the rest and exits 1. Returns -1 (running).
 */
export function untilStopped(
  running: { stop(): Promise<void>; readonly childExited: Promise<string> },
  lang: Lang,
): number {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${t(lang, 'demoStopping')}\n`);
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  void running.childExited.then((why) => {
    if (stopping) return;
    process.stderr.write(`${t(lang, 'errorPrefix')}${t(lang, 'demoChildExited', { why })}\n`);
    void running.stop().then(() => process.exit(1));
  });
  return -1;
}
