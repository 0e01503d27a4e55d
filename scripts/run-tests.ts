/**
 * Runs every package's tests with node:test. Arguments narrow the run:
 *   node scripts/run-tests.ts            all tests
 *   node scripts/run-tests.ts state      only packages/state
 *   node scripts/run-tests.ts scripts    only the repository scripts' own tests (scripts/test)
 * The summary printed last is node:test's own (CI reads it).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
