/**
 * scripts/check-errors.ts: it passes on this tree, fails on a tree with an uncoded error in library
 * code, ignores tests and comments, and `npm run lint` runs it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { errorProblems } from '../check-errors.ts';
import { tree } from './fixture-tree.ts';

const root = new URL('../..', import.meta.url).pathname;
const script = join(root, 'scripts', 'check-errors.ts');

test('the repository has no uncoded error in packages/*/src', () => {
  assert.deepEqual(errorProblems(root), []);
});

test('an Error subclass, a bare throw and an Object.assign(new Error) in src are each reported', (t) => {
  const dir = tree(t, {
    'packages/crypto/src/errors.ts': 'export class DjError extends Error {}\n',
    'packages/x/src/a.ts': [
      '// a comment may say throw new Error( and extends Error',
      '/* so may a block: class A extends Error {} */',
      'export class MyError extends Error {}',
      "export function f() { throw new Error('no code'); }",
      "export const g = () => Object.assign(new TypeError('x'), { code: 'X' });",
      'export class Fine extends DjError {}',
      '',
    ].join('\n'),
    'packages/x/test/a.test.ts': "throw new Error('tests may');\nclass T extends Error {}\n",
  });
  assert.deepEqual(errorProblems(dir), [
    'packages/x/src/a.ts:3: extends Error; derive from DjError (@djchain/crypto)',
    'packages/x/src/a.ts:4: new Error(…) has no code; throw a coded error (a DjError)',
    'packages/x/src/a.ts:5: new Error(…) has no code; throw a coded error (a DjError)',
  ]);
  const run = spawnSync(process.execPath, [script, '--root', dir], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /packages\/x\/src\/a\.ts:3: extends Error/);
});

test('npm run lint runs the check', () => {
  const lint = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.lint as string;
  assert.match(lint, /node scripts\/check-errors\.ts/);
});
