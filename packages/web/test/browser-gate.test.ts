import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { browserGate, gateNotice, isCi } from './browser-gate.ts';

const missing = () => false;
const present = () => true;

describe('browser gate', () => {
  it('runs when the executable exists, in CI or not', () => {
    assert.deepEqual(browserGate({ CI: 'true' }, '/usr/bin/chromium', present), { run: true });
    assert.deepEqual(browserGate({}, '/usr/bin/chromium', present), { run: true });
    assert.equal(gateNotice({ run: true }, 'web'), undefined);
  });

  it('fails under CI when the executable is missing, naming the path', () => {
    const g = browserGate({ CI: 'true' }, '/no/such/chromium', missing);
    assert.deepEqual(g, {
      run: false,
      fail: true,
      reason: '/no/such/chromium is not installed (apt-get install chromium)',
    });
    assert.match(gateNotice(g, 'web') ?? '', /^# FAIL web: \/no\/such\/chromium is not installed/);
  });

  it('skips loudly outside CI when the executable is missing', () => {
    const g = browserGate({}, '/no/such/chromium', missing);
    assert.deepEqual(g, {
      run: false,
      fail: false,
      reason: '/no/such/chromium is not installed (apt-get install chromium)',
    });
    assert.match(gateNotice(g, 'web') ?? '', /^# SKIPPED web: .*counted as skipped/);
  });

  it('reads CI as most CI systems set it', () => {
    for (const v of ['true', '1', 'yes', 'TRUE']) assert.equal(isCi({ CI: v }), true, v);
    for (const v of [undefined, '', 'false', '0', 'False']) assert.equal(isCi({ CI: v }), false, String(v));
  });
});

/**
 * The test files that drive Chromium: every file of this directory that uses the harness's
 * browserTests, read from the directory so that a new browser test file cannot be left out (the
 * count below is the floor written by hand: nine when this was written).
 */
const HERE = fileURLToPath(new URL('.', import.meta.url));
const BROWSER_FILES = readdirSync(HERE)
  .filter(
    (f) =>
      f.endsWith('.test.ts') &&
      f !== 'browser-gate.test.ts' &&
      readFileSync(join(HERE, f), 'utf8').includes('browserTests('),
  )
  .map((f) => f.slice(0, -'.test.ts'.length))
  .sort();

function envWithoutBrowser(ci: boolean): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, DJCHAIN_CHROMIUM: '/no/such/chromium' };
  if (ci) env.CI = 'true';
  else delete env.CI;
  // A run of its own, not a subtest of this one (node:test tells children through this variable).
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/** Runs one test file with a browser path that does not exist; node:test's counts and exit code. */
function runWithoutBrowser(
  file: string,
  ci: boolean,
): { status: number | null; fail: number; skipped: number } {
  // The file run as a script: node:test reports and sets the exit code as under --test.
  const run = spawnSync(
    process.execPath,
    ['--test-reporter=spec', fileURLToPath(new URL(`./${file}.test.ts`, import.meta.url))],
    { env: envWithoutBrowser(ci), encoding: 'utf8', timeout: 120_000 },
  );
  const count = (what: string) => Number(new RegExp(`ℹ ${what} (\\d+)`).exec(run.stdout)?.[1] ?? -1);
  return { status: run.status, fail: count('fail'), skipped: count('skipped') };
}

/**
 * Runs every browser test file in ONE process under CI with a browser path that does not exist (one
 * load of the harness, Playwright and the modules instead of one per file) and returns the exit code
 * and the files in which a top-level suite or test failed: TAP names a failure's location, and a
 * top-level result's location is the test file that declared it.
 */
function runAllWithoutBrowserUnderCi(files: readonly string[]): {
  status: number | null;
  failed: Set<string>;
} {
  const urls = files.map((f) => new URL(`./${f}.test.ts`, import.meta.url).href);
  const run = spawnSync(
    process.execPath,
    [
      '--test-reporter=tap',
      '--input-type=module',
      '-e',
      `for (const f of ${JSON.stringify(urls)}) await import(f);`,
    ],
    { env: envWithoutBrowser(true), encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const failed = new Set<string>();
  const lines = run.stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('not ok ')) continue;
    for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('  ...'); j++) {
      const at = /^ {2}location: '.*\/([^/]+)\.test\.ts:\d+:\d+'$/.exec(lines[j]!);
      if (at) failed.add(at[1]!);
    }
  }
  return { status: run.status, failed };
}

describe('every browser test file without Chromium', () => {
  it('finds the browser test files', () => assert.ok(BROWSER_FILES.length >= 10, BROWSER_FILES.join(' ')));
  it('under CI each browser test file fails, every one of them', () => {
    const ci = runAllWithoutBrowserUnderCi(BROWSER_FILES);
    assert.equal(ci.status, 1, 'the browser test files passed under CI without a browser');
    const passed = BROWSER_FILES.filter((f) => !ci.failed.has(f));
    assert.deepEqual(passed, [], `passed under CI without a browser: ${passed.join(', ')}`);
  });
  it('a single file under CI fails on its own (names.test.ts)', () => {
    const ci = runWithoutBrowser('names', true);
    assert.equal(ci.status, 1, 'names passed under CI without a browser');
    assert.ok(ci.fail > 0, 'names: no failing test under CI');
  });
  it('locally each is counted as skipped (names.test.ts)', () => {
    const local = runWithoutBrowser('names', false);
    assert.equal(local.status, 0);
    assert.equal(local.fail, 0);
    assert.ok(local.skipped > 0, 'no skipped test counted');
  });
});
