/**
 * A client-side command starts light: `djchain dues …`, `djchain query …` and `djchain tx …` load
 * neither the node (consensus, storage, p2p, the HTTP server), nor the spreadsheet library, nor the
 * indexer's database clients — each `djchain` run paid about a second of CPU for them before
 * (issue 20; the clerk runs many commands, the test suite hundreds). The loaded files are read from
 * Node's own resolution hook in the child process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DJCHAIN_MAIN } from '@djchain/testkit/process';

// Registered in the child before the command loads: every resolved URL goes to stderr.
const HOOK = `data:text/javascript,${encodeURIComponent(
  "import { registerHooks } from 'node:module'; registerHooks({ resolve(s, c, next) { const r = next(s, c); process.stderr.write('LOADED ' + r.url + '\\n'); return r; } });",
)}`;

function loaded(args: string[]): { urls: string[]; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', HOOK, DJCHAIN_MAIN, ...args], { encoding: 'utf8' });
  const urls = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('LOADED '))
    .map((l) => l.slice('LOADED '.length));
  return { urls, stderr: r.stderr };
}

const HEAVY: [string, RegExp][] = [
  ['the node package', /\/packages\/node\/src\/(index|node)\.ts$/],
  ['the consensus driver', /\/packages\/node\/src\/consensus\//],
  ['the HTTP server', /\/node_modules\/fastify\//],
  ['exceljs', /\/node_modules\/exceljs\//],
  ['the PostgreSQL clients', /\/node_modules\/(pg|postgres|@electric-sql)\//],
];

test('dues, query and tx load none of the node, exceljs or the database clients', () => {
  for (const args of [
    ['dues', 'status'],
    ['query', 'dues.account'],
    ['tx', 'dues.pay'],
  ]) {
    const { urls, stderr } = loaded(args);
    // The command itself ran (and refused the missing options): its module was loaded.
    assert.ok(
      urls.some((u) => u.includes(`/packages/cli/src/commands/${args[0] === 'dues' ? 'dues' : 'chain'}.ts`)),
      `${args.join(' ')}: the command's module was not loaded\n${stderr.slice(-2000)}`,
    );
    for (const [what, pattern] of HEAVY) {
      const hit = urls.find((u) => pattern.test(u));
      assert.equal(hit, undefined, `${args.join(' ')} loaded ${what}: ${hit}`);
    }
  }
});

// The modules' code (every rule, the permission checks): the error texts alone come from their
// registries (`@djchain/modules/errors`), which load none of it.
const MODULE_CODE: [string, RegExp][] = [
  ['the modules package', /\/packages\/modules\/src\/(index|all-modules)\.ts$/],
  ['the permission rules', /\/packages\/modules\/src\/permissions\//],
];

test('init, query and tx load none of the modules’ code either', () => {
  const dir = mkdtempSync(join(tmpdir(), 'djchain-startup-'));
  try {
    for (const args of [
      ['init', '--dir', join(dir, 'n')],
      ['query', 'dues.account'],
      ['tx', 'dues.pay'],
    ]) {
      const { urls, stderr } = loaded(args);
      for (const [what, pattern] of [...HEAVY, ...MODULE_CODE]) {
        const hit = urls.find((u) => pattern.test(u));
        assert.equal(hit, undefined, `${args[0]} loaded ${what}: ${hit}`);
      }
      // … and still knows every module's error texts (the catalog's registries were loaded).
      assert.ok(
        urls.some((u) => u.endsWith('/packages/modules/src/registries.ts')),
        `${args[0]}: the error registries\n${stderr.slice(-1500)}`,
      );
    }
    // init did its work: the node directory is there.
    assert.ok(existsSync(join(dir, 'n', 'genesis.json')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('start still loads the node; orglife’s spreadsheet subcommands still load exceljs', () => {
  // A start on a directory never initialised fails at once, after loading the node's code.
  const start = loaded(['start', '--dir', '/nonexistent-dir/n']);
  assert.ok(
    start.urls.some((u) => /\/packages\/node\/src\/index\.ts$/.test(u)),
    'start loads @djchain/node',
  );
  // Reading a meeting sheet (a missing file: refused after the library loaded).
  const sheet = loaded(['orglife', 'import', '/nonexistent-dir/x.xlsx', '--org', 'b1']);
  assert.ok(
    sheet.urls.some((u) => /\/node_modules\/exceljs\//.test(u)),
    `orglife import loads exceljs\n${sheet.stderr.slice(-1500)}`,
  );
});
