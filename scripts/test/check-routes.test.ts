/**
 * scripts/check-routes.ts: it passes on this tree, fails on a tree whose product code writes an API
 * path by hand (a literal or after an interpolation), ignores the client package, tests and
 * comments, and `npm run lint` runs it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { routeProblems } from '../check-routes.ts';
import { tree } from './fixture-tree.ts';

const root = new URL('../..', import.meta.url).pathname;
const script = join(root, 'scripts', 'check-routes.ts');

test('no product code outside the client package writes an API path by hand', () => {
  assert.deepEqual(routeProblems(root), []);
});

test('quoted, template and interpolated paths in src are each reported; the table, tests and comments are not', (t) => {
  const dir = tree(t, {
    'packages/client/src/routes/chain.ts': "export const status = { path: '/v1/status' };\n",
    'packages/web/src/app/x.tsx': `// GET /v1/portal: a comment may name a route
const a = fetch('/v1/portal');
const b = fetch(\`/v1/txs/\${hash}\`);
const c = fetch(\`\${api}/v1/dossier/\${id}\`);
const d = get("/v1?x=1");
const fine = 'see POST /v1/auth/session';
const alsoFine = './app-config.json';
`,
    'packages/cli/test/a.test.ts': `await fetch(\`\${url}/v1/status\`);\n`,
  });
  const why = 'a raw API path; call it through ROUTES and the SDK (@djchain/client)';
  assert.deepEqual(routeProblems(dir), [
    `packages/web/src/app/x.tsx:2: ${why}`,
    `packages/web/src/app/x.tsx:3: ${why}`,
    `packages/web/src/app/x.tsx:4: ${why}`,
    `packages/web/src/app/x.tsx:5: ${why}`,
  ]);
  const run = spawnSync(process.execPath, [script, '--root', dir], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /packages\/web\/src\/app\/x\.tsx:2: a raw API path/);
});

test('npm run lint runs the check', () => {
  const lint = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.lint as string;
  assert.match(lint, /node scripts\/check-routes\.ts/);
});
