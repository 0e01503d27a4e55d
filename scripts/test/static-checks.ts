/**
 * `npm test`'s static checks (typecheck, lint) as test files of the runner: they run beside the other
 * test files, two at a time, instead of before all of them with one core idle (tsc is single-threaded).
 * Each check runs the commands of the npm script of the same name from the repository root; the
 * failing command's output is the assertion message.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/**
 * The commands of the npm script `name` (package.json, `a && b && …`): its tools from
 * node_modules/.bin, `node` as this Node. The scripts stay the one definition of each check.
 */
export function commandsOf(name: 'typecheck' | 'lint'): [string, ...string[]][] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = pkg.scripts[name];
  assert.ok(script, `package.json has no script "${name}"`);
  return script.split('&&').map((part) => {
    const [tool = '', ...args] = part.trim().split(/\s+/);
    return [tool === 'node' ? process.execPath : bin(tool), ...args];
  });
}

/** Runs each command of `check`; fails with the first failing command's output. */
export function runCheck(check: 'typecheck' | 'lint'): void {
  for (const [cmd, ...args] of commandsOf(check)) {
    const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`;
    assert.equal(r.status, 0, `${[cmd, ...args].join(' ')} failed:\n${output}`);
  }
}
