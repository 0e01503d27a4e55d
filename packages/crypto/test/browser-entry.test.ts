/**
 * The browser entry must not reach node: modules or *.node.ts files, so a bundler can load it.
 * Walks the relative-import graph from src/browser.ts and checks every specifier.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

const src = new URL('../src/', import.meta.url).pathname;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/**
 * The files reachable from src/browser.ts by relative imports as `importsOf` reads them, and the
 * package specifiers they import; `check(file, spec)` sees every specifier on the way.
 */
function walk(
  importsOf: (file: string) => string[],
  check: (file: string, spec: string) => void = () => {},
): { seen: Set<string>; packages: Set<string> } {
  const seen = new Set<string>();
  const queue = [join(src, 'browser.ts')];
  const packages = new Set<string>();
  while (queue.length > 0 && seen.size < 200) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of importsOf(file)) {
      check(file, spec);
      if (spec.startsWith('.')) queue.push(join(dirname(file), spec));
      else packages.add(spec);
    }
  }
  return { seen, packages };
}

test('src/browser.ts reaches no node: module and no node suite', () => {
  const { seen, packages } = walk(importsOf, (file, spec) =>
    assert.ok(!spec.startsWith('node:'), `${file} imports ${spec}`),
  );
  for (const file of seen) assert.ok(!file.endsWith('.node.ts'), `browser graph reaches ${file}`);
  assert.ok(seen.size > 5, 'walked the graph');
  for (const p of packages) {
    assert.ok(/^(@noble\/(hashes|curves|ciphers)\/|sm-crypto-v2$)/.test(p), `unexpected dependency ${p}`);
  }
});

test('package.json exposes ./browser, and the main entry resolves to it in browser bundles', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    exports: Record<string, string | Record<string, string>>;
  };
  assert.equal(pkg.exports['./browser'], './src/browser.ts');
  // Bundlers pick "browser" (so ledger and state, which import the main entry, never pull in
  // node:crypto); Node picks "default".
  assert.deepEqual(pkg.exports['.'], { browser: './src/browser.ts', default: './src/index.ts' });
});

/** Specifiers a file imports statically (`import … from`, `export … from`, `import '…'`), not `import()`. */
function staticImportsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/(?:import|export)[^'"();]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]/g),
  ].map((m) => m[1] ?? m[2]!);
}

test('the gm suite is outside the static graph of src/browser.ts (a bundle fetches it only for a gm chain)', () => {
  const { seen, packages } = walk(staticImportsOf);
  assert.ok(seen.has(join(src, 'suites/intl.browser.ts')), 'walked the graph to the intl suite');
  for (const file of seen) assert.ok(!/sm2|sm3|gm\./.test(file), `browser.ts reaches ${file} statically`);
  assert.ok(!packages.has('sm-crypto-v2'), 'browser.ts reaches sm-crypto-v2 statically');
});

test('browser getSuite("gm") answers once loadSuite("gm") has resolved, with the JavaScript gm suite', async () => {
  const browser = await import('../src/browser.ts');
  const { gmBrowser } = await import('../src/index.ts');
  assert.throws(() => browser.getSuite('gm'), { code: 'CRYPTO_SUITE_NOT_LOADED' });
  assert.equal(browser.getSuite('intl').id, 'intl');
  const gm = await browser.loadSuite('gm');
  assert.equal(gm, gmBrowser);
  assert.equal(gm.id, 'gm');
  assert.equal(gm.impl, 'browser');
  assert.equal(browser.getSuite('gm'), gm);
  assert.equal(await browser.loadSuite('intl'), browser.getSuite('intl'));
  await assert.rejects(browser.loadSuite('rsa' as 'gm'), { code: 'CRYPTO_UNKNOWN_SUITE' });
});
