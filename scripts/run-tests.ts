/**
 * Runs every package's tests with node:test. Arguments narrow the run:
 *   node scripts/run-tests.ts            all tests
 *   node scripts/run-tests.ts state      only packages/state
 *   node scripts/run-tests.ts scripts    only the repository scripts' own tests (scripts/test)
 * The summary printed last is node:test's own (CI reads it).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function collect(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.test.ts')) out.push(full);
  }
}

const files: string[] = [];
for (const pkg of readdirSync(join(root, 'packages')).sort()) {
  if (only.length > 0 && !only.includes(pkg)) continue;
  const testDir = join(root, 'packages', pkg, 'test');
  try {
    if (statSync(testDir).isDirectory()) collect(testDir, files);
  } catch {
    // a package without tests yet
  }
}
// The repository scripts' own tests (the layer check's), under the name `scripts`.
if (only.length === 0 || only.includes('scripts')) collect(join(root, 'scripts', 'test'), files);
// The longest files first (measured wall times of a full run, longest first), the rest in name
// order: with a few files at a time, a long file started last would run alone at the end. A name
// missing here only runs later; nothing else depends on this list.
const LONGEST_FIRST = [
  // npm test's typecheck and lint (scripts/test/static-checks.ts): first, beside each other.
  'scripts/test/typecheck',
  'scripts/test/lint',
  'cli/test/demo',
  'web/test/admin',
  'web/test/journeys',
  'cli/test/indexer',
  'web/test/service',
  'web/test/openness-forms',
  'web/test/insight',
  'web/test/web',
  'web/test/orglife',
  'cli/test/cluster',
  'web/test/dues',
  'sim/test/seeds-0',
  'cli/test/governance-cluster',
  'cli/test/commands-dues',
  'cli/test/demo-hierarchy',
  'cli/test/byzantine',
  'cli/test/dues-cluster',
  'sim/test/seeds-3',
  'cli/test/crash',
  'web/test/overdue',
  'web/test/orglife-study',
  'web/test/residents',
  'cli/test/attachments-cluster',
  'cli/test/dues-sheets',
  'web/test/overdue-approval',
  'web/test/names',
  'web/test/discipline',
  'web/test/declarations',
  'sim/test/seeds-1',
  'web/test/disclosure',
  'sim/test/seeds-2',
  'cli/test/cli',
  'cli/test/demo-early',
  'modules/test/vectors',
  'cli/test/import',
  'web/test/dues-books',
  'cli/test/commands',
  'cli/test/anchor-cluster',
  'cli/test/orglife-cmd',
  'cli/test/import-pipeline',
  'sim/test/faults',
  'sim/test/hierarchy',
  'cli/test/orglife-names',
  'web/test/seeding',
  'web/test/gm',
  'cli/test/sealed',
  'cli/test/sealed-declarations',
  'cli/test/commands-discipline',
  'cli/test/service-cluster',
  'node/test/api-limits',
  'cli/test/warning-sweep',
  'state/test/snapshot',
  'node/test/api-attachments',
  'crypto/test/sm2',
  'node/test/validator-changes',
  'web/test/browser-gate',
  'node/test/api-access',
  'cli/test/startup',
  'node/test/api-events',
  'client/test/keystore',
];
const rank = (f: string) => {
  const i = LONGEST_FIRST.findIndex((name) => f.endsWith(`/${name}.test.ts`));
  return i < 0 ? LONGEST_FIRST.length : i;
};
files.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// The browser test files serve one build of the web app, made here once (a Vite build per file
// cost each of them seconds of both cores); packages/web/test/harness.ts reads the variable.
let webDist: string | undefined;
if (files.some((f) => f.includes('/packages/web/test/')) && !process.env.DJCHAIN_TEST_WEB_DIST) {
  webDist = mkdtempSync(join(tmpdir(), 'djchain-test-web-'));
  const built = spawnSync(
    process.execPath,
    [
      '-e',
      `import(${JSON.stringify(join(root, 'packages/web/src/build.ts'))}).then((m) => m.buildWeb(process.argv[1]))`,
      webDist,
    ],
    { stdio: 'inherit', cwd: root },
  );
  if (built.status !== 0) {
    console.error('error: the web app did not build; `npm run build -w @djchain/web` shows why');
    process.exit(1);
  }
  process.env.DJCHAIN_TEST_WEB_DIST = webDist;
}
// Every process the tests start (test files, `djchain` commands, nodes, sealed services) loads
// TypeScript through type stripping; Node's compile cache keeps what it compiled, so each later
// process of the same code starts with about half the CPU (measured: `djchain --help` 1.5 → 0.8 s).
process.env.NODE_COMPILE_CACHE ??= join(root, 'node_modules', '.cache', 'djchain-node-compile');
// node:test's run() keeps the order given (`node --test a b` sorts its files by name); each file
// still runs in a process of its own, three at a time: most files wait on child processes, sockets
// or the browser part of the time, so three keep two cores busier (a full run on this 2-core
// machine, back to back: 1,158 s two at a time, 1,010 s three at a time; CPU time fell too, as the
// nodes' empty blocks ran for less time). TEST_CONCURRENCY overrides it.
const concurrency = Number(process.env.TEST_CONCURRENCY ?? '3');
process.chdir(root);
const stream = run({ files, concurrency, isolation: 'process' });
stream.on('test:fail', (e) => {
  // A file's own failure (nesting 0) or any test's: either fails the run.
  if (e.nesting >= 0) process.exitCode = 1;
});
// Each file's time (its top-level tests' durations), longest first, into test-output/test-times.txt:
// what LONGEST_FIRST above is kept by.
const times = new Map<string, number>();
const timed = (e: { nesting: number; file?: string; details: { duration_ms: number } }) => {
  if (e.nesting === 0 && e.file) times.set(e.file, (times.get(e.file) ?? 0) + e.details.duration_ms);
};
stream.on('test:pass', timed);
stream.on('test:fail', timed);
stream.once('end', () => {
  if (webDist) rmSync(webDist, { recursive: true, force: true });
  const out = join(root, 'test-output');
  mkdirSync(out, { recursive: true });
  const lines = [...times]
    .sort((a, b) => b[1] - a[1])
    .map(([f, ms]) => `${(ms / 1000).toFixed(1)}\t${relative(root, f)}`);
  writeFileSync(join(out, 'test-times.txt'), `${lines.join('\n')}\n`);
});
stream.compose(spec).pipe(process.stdout);
