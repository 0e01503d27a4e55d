import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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

/** The test files that drive Chromium (each starts with the harness's browserTests). */
const BROWSER_FILES = ['admin', 'discipline', 'dues', 'journeys', 'names', 'web'];

/** Runs one test file with a browser path that does not exist; node:test's counts and exit code. */
function runWithoutBrowser(
  file: string,
  ci: boolean,
): { status: number | null; fail: number; skipped: number } {
  const env: Record<string, string | undefined> = { ...process.env, DJCHAIN_CHROMIUM: '/no/such/chromium' };
  if (ci) env.CI = 'true';
  else delete env.CI;
  // A run of its own, not a subtest of this one (node:test tells children through this variable).
  delete env.NODE_TEST_CONTEXT;
  const run = spawnSync(
    process.execPath,
    ['--test', '--test-reporter=spec', fileURLToPath(new URL(`./${file}.test.ts`, import.meta.url))],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  const count = (what: string) => Number(new RegExp(`ℹ ${what} (\\d+)`).exec(run.stdout)?.[1] ?? -1);
  return { status: run.status, fail: count('fail'), skipped: count('skipped') };
}

describe('every browser test file without Chromium', () => {
  for (const file of BROWSER_FILES) {
    it(`${file}.test.ts: under CI each browser test fails`, () => {
      const ci = runWithoutBrowser(file, true);
      assert.equal(ci.status, 1, `${file} passed under CI without a browser`);
      assert.ok(ci.fail > 0, `${file}: no failing test under CI`);
    });
  }
  it('locally each is counted as skipped (names.test.ts)', () => {
    const local = runWithoutBrowser('names', false);
    assert.equal(local.status, 0);
    assert.equal(local.fail, 0);
    assert.ok(local.skipped > 0, 'no skipped test counted');
  });
});
