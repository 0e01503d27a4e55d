/**
 * Fails when code imports what it may not. The allowed graph is the one drawn in ARCHITECTURE.md.
 *
 * - A package's `src/` may import the packages listed for it below (never upward or sideways), only
 *   through their public entry (`@djchain/x` or `@djchain/x/<export>`); a pure package's `src/` may
 *   not import IO (`node:` modules other than the allowed pure ones) nor read the clock or randomness.
 * - A package's `test/` may import the package itself, what its `src/` may import, and the test kit
 *   (`@djchain/testkit`), plus the few extras listed in `testExtras` with their reason.
 * - `bench/` may import every package but `sim` through its public entry, and the test kit.
 * - Nothing reaches into another package by a relative path (`../../node/test/x.ts`), except the
 *   bench's use of the web tests' harness (`benchReachExceptions`, with its reason).
 *
 * `node scripts/check-layers.ts` checks this repository; `checkLayers(root)` any tree (its test
 * builds one with a forbidden import: scripts/test/check-layers.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** What each package's `src/` may import. Keep in step with ARCHITECTURE.md. */
export const allowed: Record<string, string[]> = {
  crypto: [],
  state: ['crypto'],
  ledger: ['crypto', 'state'],
  runtime: ['crypto', 'state', 'ledger'],
  modules: ['crypto', 'state', 'ledger', 'runtime'],
  consensus: ['crypto', 'ledger'],
  p2p: ['crypto'],
  client: ['crypto', 'state', 'ledger'],
  node: ['crypto', 'state', 'ledger', 'runtime', 'modules', 'consensus', 'p2p', 'client'],
  sim: ['crypto', 'state', 'ledger', 'runtime', 'modules', 'consensus', 'node'],
  cli: ['crypto', 'state', 'ledger', 'runtime', 'modules', 'consensus', 'p2p', 'node', 'client'],
  web: ['crypto', 'state', 'ledger', 'client'],
  // Test helpers only (private): the kv module needs the runtime; processes are spawned, not imported.
  testkit: ['crypto', 'state', 'ledger', 'runtime'],
};

/**
 * Data-only entries a package's `src/` may import although the package is not in its list: the
 * browser app shows the modules' fixed lists (kinds, statuses) from the file behind
 * `@djchain/modules/lists` instead of keeping copies. Such a file may import nothing, so it never
 * pulls a module into the bundle.
 */
export const dataEntries: Record<string, Record<string, string>> = {
  web: { 'modules/lists': 'packages/modules/src/lists.ts' },
};

/**
 * Packages whose types (only) a package's `src/` may import although it may not import their code:
 * `import type { … } from` and `export type { … } from` are erased by type stripping and by the
 * bundler, so the browser app reads the modules' record shapes without a copy and without pulling a
 * module into its bundle. `import { type X }` does not count: the statement itself stays.
 */
export const typeOnly: Record<string, string[]> = {
  web: ['modules'],
};

/** What a package's tests may import beyond the package, its `src/` graph and the test kit, and why. */
export const testExtras: Record<string, string[]> = {
  // The SDK's history checks recompute the runtime's event hashes; its tests run against the real
  // API (`buildApi` with inject) of a node running the modules.
  client: ['runtime', 'modules', 'node'],
  // The browser tests' harness seals a profile and makes an age commitment as `djchain import` does.
  web: ['modules'],
};

/** The packages the benchmarks may not import: the simulator measures itself (`npm run sim`). */
export const benchForbidden = ['sim'];

/**
 * Files the benchmarks may reach by path: the web figures drive the browser tests' harness (a real
 * chain, the built app, Chromium), which the test kit cannot hold without importing the web app.
 */
export const benchReachExceptions = ['packages/web/test/harness.ts', 'packages/web/test/browser-gate.ts'];

/** Pure packages: their src/ may not touch IO, the clock or randomness. */
const pure = new Set(['consensus', 'modules', 'runtime']);
const pureNodeImports = new Set(['node:assert']);

function files(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'node_modules') files(full, out);
    } else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

function specifiers(text: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  // `import … from`, `export … from`, `import('…')`, and a side-effect `import '…'`.
  for (const m of text.matchAll(
    /(?:import|export)([^'"]*?)from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g,
  )) {
    out.push({
      spec: m[2] ?? m[3] ?? m[4] ?? '',
      typeOnly: m[1] !== undefined && /(?:^|\s)type\s*\{[^{}]*\}\s*$/.test(m[1]),
    });
  }
  return out;
}

/** What one part of the tree may import: the @djchain packages, and the folder relative imports must stay in. */
interface Part {
  readonly label: string;
  readonly may: (target: string) => boolean;
  /** `@djchain/<package>/<subpath>` entries allowed beside `may` (data only). */
  readonly mayEntries?: readonly string[];
  /** Packages whose types alone may be imported (`import type`), beside `may`. */
  readonly mayTypes?: readonly string[];
  readonly mayText: string;
  /** Relative imports must resolve inside this folder (or to one of `reachExceptions`). */
  readonly home: string;
  readonly reachExceptions: readonly string[];
  readonly pure: boolean;
}

function checkFile(root: string, file: string, part: Part, problems: string[]): void {
  const text = readFileSync(file, 'utf8');
  const rel = relative(root, file);
  if (part.pure) {
    for (const m of text.matchAll(/\b(Date\.now|Math\.random|performance\.now|new Date\(\s*\))/g)) {
      problems.push(
        `${rel}: pure package ${part.label} reads ${m[1]} (time and randomness are injected by the node)`,
      );
    }
  }
  for (const { spec, typeOnly } of specifiers(text)) {
    if (spec.startsWith('@djchain/')) {
      const target = spec.slice('@djchain/'.length).split('/')[0] ?? '';
      if (
        !part.may(target) &&
        !part.mayEntries?.includes(spec.slice('@djchain/'.length)) &&
        !(typeOnly && part.mayTypes?.includes(target))
      )
        problems.push(
          `${rel}: imports @djchain/${target}, but ${part.label} may import only ${part.mayText}`,
        );
    } else if (spec.startsWith('.')) {
      const to = resolve(dirname(file), spec);
      const inside = to === part.home || to.startsWith(part.home + sep);
      if (!inside && !part.reachExceptions.includes(relative(root, to))) {
        problems.push(
          `${rel}: reaches outside ${relative(root, part.home)} by path (${spec}); import @djchain/<name>`,
        );
      }
    } else if (spec.includes('/packages/')) {
      problems.push(`${rel}: reaches into another package by path (${spec}); import @djchain/<name>`);
    } else if (part.pure && spec.startsWith('node:') && !pureNodeImports.has(spec)) {
      problems.push(
        `${rel}: pure package ${part.label} imports ${spec} (IO, clock and randomness are injected by the node)`,
      );
    }
  }
}

/** The problems of the tree at `root` (a repository with `packages/` and perhaps `bench/`). */
export function checkLayers(root: string): string[] {
  const problems: string[] = [];
  let pkgs: string[] = [];
  try {
    pkgs = readdirSync(join(root, 'packages')).sort();
  } catch {
    // no packages
  }
  for (const pkg of pkgs) {
    const home = join(root, 'packages', pkg);
    if (!statSync(home).isDirectory()) continue;
    const srcFiles = files(join(home, 'src'));
    const testFiles = files(join(home, 'test'));
    if (srcFiles.length === 0 && testFiles.length === 0) continue;
    const may = allowed[pkg];
    if (!may) {
      problems.push(`packages/${pkg}: not in the layer table of scripts/check-layers.ts and ARCHITECTURE.md`);
      continue;
    }
    const src: Part = {
      label: pkg,
      may: (t) => t === pkg || may.includes(t),
      mayText: `[${may.join(', ')}]`,
      home,
      reachExceptions: [],
      pure: pure.has(pkg),
      mayEntries: Object.keys(dataEntries[pkg] ?? {}),
      mayTypes: typeOnly[pkg] ?? [],
    };
    for (const file of srcFiles) checkFile(root, file, src, problems);
    const testMay = [...may, 'testkit', ...(testExtras[pkg] ?? [])];
    const test: Part = {
      label: `the tests of ${pkg}`,
      may: (t) => t === pkg || testMay.includes(t),
      mayText: `[${pkg}, ${testMay.join(', ')}]`,
      home,
      reachExceptions: [],
      pure: false,
    };
    for (const file of testFiles) checkFile(root, file, test, problems);
  }
  const bench: Part = {
    label: 'bench',
    may: (t) => !benchForbidden.includes(t),
    mayText: `every package but [${benchForbidden.join(', ')}]`,
    home: join(root, 'bench'),
    reachExceptions: benchReachExceptions,
    pure: false,
  };
  for (const file of files(join(root, 'bench'))) checkFile(root, file, bench, problems);
  for (const entries of Object.values(dataEntries)) {
    for (const file of Object.values(entries)) {
      let text: string;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue;
      }
      if (specifiers(text).length > 0)
        problems.push(`${file}: a data entry other layers import may import nothing`);
    }
  }
  return problems;
}

if (import.meta.main) {
  const problems = checkLayers(new URL('..', import.meta.url).pathname);
  if (problems.length > 0) {
    console.error(`layer check failed:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log('layer check: ok');
}
