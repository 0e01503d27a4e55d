/**
 * scripts/check-static-ui.ts: it passes on this tree, reports each static antd feedback call of the
 * web app (not other packages, tests or comments), and `npm run lint` runs it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { staticUiProblems } from '../check-static-ui.ts';
import { tree } from './fixture-tree.ts';

const root = new URL('../..', import.meta.url).pathname;
const script = join(root, 'scripts', 'check-static-ui.ts');

test("the web app calls none of antd's static confirmations or messages", () => {
  assert.deepEqual(staticUiProblems(root), []);
});

test('Modal.confirm, message.success and notification.open in the web src are each reported; hooks, tests and comments are not', (t) => {
  const dir = tree(t, {
    'packages/web/src/app/pages/x.tsx': `// Modal.confirm( would ignore the theme
const a = () => Modal.confirm({ title: 'x' });
message.success('ok');
notification.open ({ message: 'x' });
const { modal } = App.useApp();
modal.confirm({ title: 'fine' });
const fine = useConfirm();
`,
    'packages/web/test/x.test.ts': 'Modal.confirm({});\n',
    'packages/cli/src/y.ts': "message.success('not the web app');\n",
  });
  const why = (call: string) =>
    `antd's static ${call} ignores the app's language, large type and reduced motion; use useConfirm() or App.useApp()`;
  assert.deepEqual(staticUiProblems(dir), [
    `packages/web/src/app/pages/x.tsx:2: ${why('Modal.confirm')}`,
    `packages/web/src/app/pages/x.tsx:3: ${why('message.success')}`,
    `packages/web/src/app/pages/x.tsx:4: ${why('notification.open')}`,
  ]);
  const run = spawnSync(process.execPath, [script, '--root', dir], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /packages\/web\/src\/app\/pages\/x\.tsx:2: antd's static Modal\.confirm/);
});

test('npm run lint runs the check', () => {
  const lint = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.lint as string;
  assert.match(lint, /node scripts\/check-static-ui\.ts/);
});
