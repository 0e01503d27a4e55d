/**
 * The layer check on trees built for the purpose in a temp dir: a clean tree passes, and each kind
 * of forbidden import — in a package's src/, in its tests, in the benchmarks — is reported.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { checkLayers } from '../check-layers.ts';

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A tree of `files` (path → text) with a clean base: crypto, node and the test kit. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'djlayers-'));
  roots.push(root);
  const base: Record<string, string> = {
    'packages/crypto/src/index.ts': 'export const x = 1;\n',
    'packages/node/src/index.ts': "import { x } from '@djchain/crypto';\nexport const y = x;\n",
    'packages/node/test/a.test.ts':
      "import { y } from '../src/index.ts';\nimport { mulberry32 } from '@djchain/testkit/prng';\nimport { x } from '@djchain/crypto';\n",
    'packages/testkit/src/prng.ts': "import type { Value } from '@djchain/crypto';\n",
    'bench/run.ts':
      "import { y } from '@djchain/node';\nimport { kvModule } from '@djchain/testkit/kv';\nimport { b } from './b.ts';\n",
  };
  for (const [path, text] of Object.entries({ ...base, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test('a clean tree passes (a test imports its package, its deps and the test kit; the bench any package)', () => {
  assert.deepEqual(checkLayers(tree({})), []);
});

test("a package's test importing a package above it is reported", () => {
  const problems = checkLayers(
    tree({ 'packages/crypto/test/up.test.ts': "import { y } from '@djchain/node';\n" }),
  );
  assert.deepEqual(problems, [
    'packages/crypto/test/up.test.ts: imports @djchain/node, but the tests of crypto may import only [crypto, testkit]',
  ]);
});

test("a test reaching into another package's test folder by path is reported", () => {
  const problems = checkLayers(
    tree({
      'packages/node/test/helper.ts': 'export const h = 1;\n',
      'packages/crypto/test/reach.test.ts': "import { h } from '../../node/test/helper.ts';\n",
    }),
  );
  assert.equal(problems.length, 1);
  assert.match(
    problems[0]!,
    /^packages\/crypto\/test\/reach\.test\.ts: reaches outside packages\/crypto by path/,
  );
});

test('the bench importing the simulator, or a package by path, is reported; the web harness is the one exception', () => {
  const problems = checkLayers(
    tree({
      'bench/sim.ts': "import { run } from '@djchain/sim';\n",
      'bench/path.ts': "import { z } from '../packages/node/src/index.ts';\n",
      'bench/web.ts': "import { startChain } from '../packages/web/test/harness.ts';\n",
    }),
  );
  assert.deepEqual(problems, [
    'bench/path.ts: reaches outside bench by path (../packages/node/src/index.ts); import @djchain/<name>',
    'bench/sim.ts: imports @djchain/sim, but bench may import only every package but [sim]',
  ]);
});

test('src rules hold: upward imports, IO and the clock in a pure package, the test kit in product code', () => {
  const problems = checkLayers(
    tree({
      'packages/crypto/src/up.ts': "import { y } from '@djchain/node';\n",
      'packages/consensus/src/io.ts':
        "import { readFileSync } from 'node:fs';\nexport const t = Date.now();\n",
      'packages/node/src/kit.ts': "import { mulberry32 } from '@djchain/testkit/prng';\n",
      // A side-effect import names no binding, and still loads the module.
      'packages/consensus/src/side.ts': "import 'node:net';\n",
    }),
  );
  assert.deepEqual(problems.sort(), [
    'packages/consensus/src/io.ts: pure package consensus imports node:fs (IO, clock and randomness are injected by the node)',
    'packages/consensus/src/io.ts: pure package consensus reads Date.now (time and randomness are injected by the node)',
    'packages/consensus/src/side.ts: pure package consensus imports node:net (IO, clock and randomness are injected by the node)',
    'packages/crypto/src/up.ts: imports @djchain/node, but crypto may import only []',
    'packages/node/src/kit.ts: imports @djchain/testkit, but node may import only [crypto, state, ledger, runtime, modules, consensus, p2p, client]',
  ]);
});

test('a package missing from the layer table is reported', () => {
  assert.deepEqual(checkLayers(tree({ 'packages/extra/test/x.test.ts': 'export {};\n' })), [
    'packages/extra: not in the layer table of scripts/check-layers.ts and ARCHITECTURE.md',
  ]);
});

test("the web app may import the modules' data-only lists, nothing else of the modules; the lists may import nothing", () => {
  const clean = checkLayers(
    tree({
      'packages/web/src/a.ts': "import { SERVICE_KINDS } from '@djchain/modules/lists';\n",
      'packages/modules/src/lists.ts': "export const SERVICE_KINDS = ['其他'] as const;\n",
    }),
  );
  assert.deepEqual(clean, []);
  const problems = checkLayers(
    tree({
      'packages/web/src/a.ts': "import { SERVICE_KINDS } from '@djchain/modules/lists';\n",
      'packages/web/src/b.ts': "import { allModules } from '@djchain/modules';\n",
      'packages/modules/src/lists.ts':
        "import type { Value } from '@djchain/crypto';\nexport const L = [] as const;\n",
    }),
  );
  assert.deepEqual(problems, [
    'packages/web/src/b.ts: imports @djchain/modules, but web may import only [crypto, state, ledger, client]',
    'packages/modules/src/lists.ts: a data entry other layers import may import nothing',
  ]);
});

test("the web app may import the modules' types (erased), not their code, nor a type inside a value import", () => {
  const problems = checkLayers(
    tree({
      'packages/web/src/a.ts':
        "/** the modules' shapes, an import that is erased */\nimport type { WarningRecord } from '@djchain/modules';\n",
      'packages/web/src/b.ts': "export type { IndexRecord } from '@djchain/modules';\n",
      'packages/web/src/c.ts': "import { type WarningRecord } from '@djchain/modules';\n",
      'packages/web/src/d.ts': "import { allModules, type ModuleDef } from '@djchain/modules';\n",
      'packages/client/src/e.ts': "import type { WarningRecord } from '@djchain/modules';\n",
    }),
  );
  assert.deepEqual(problems, [
    'packages/client/src/e.ts: imports @djchain/modules, but client may import only [crypto, state, ledger]',
    'packages/web/src/c.ts: imports @djchain/modules, but web may import only [crypto, state, ledger, client]',
    'packages/web/src/d.ts: imports @djchain/modules, but web may import only [crypto, state, ledger, client]',
  ]);
});
