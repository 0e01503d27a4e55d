/**
 * Fails when a package imports a package it may not (upward or sideways), or imports
 * another package other than through its public entry (`@djchain/x` or `@djchain/x/<export>`),
 * or when a pure package imports IO (`node:` modules other than the allowed pure ones) or reads
 * the wall clock or randomness.
 * The allowed graph is the one drawn in ARCHITECTURE.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What each package may import. Keep in step with ARCHITECTURE.md. */
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
};

/** Pure packages: their src/ (outside files named *.node.ts or folders io/) may not touch IO. */
const pure = new Set(['consensus', 'modules', 'runtime']);
const pureNodeImports = new Set(['node:assert']);

const root = new URL('..', import.meta.url).pathname;
const problems: string[] = [];

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'node_modules') files(full, out);
    } else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

for (const pkg of readdirSync(join(root, 'packages')).sort()) {
  const src = join(root, 'packages', pkg, 'src');
  try {
    statSync(src);
  } catch {
    continue;
  }
  const may = allowed[pkg];
  if (!may) {
    problems.push(`packages/${pkg}: not in the layer table of scripts/check-layers.ts and ARCHITECTURE.md`);
    continue;
  }
  for (const file of files(src)) {
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file);
    if (pure.has(pkg)) {
      for (const m of text.matchAll(/\b(Date\.now|Math\.random|performance\.now|new Date\(\s*\))/g)) {
        problems.push(
          `${rel}: pure package ${pkg} reads ${m[1]} (time and randomness are injected by the node)`,
        );
      }
    }
    for (const m of text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    )) {
      const spec = m[1] ?? m[2] ?? '';
      if (spec.startsWith('@djchain/')) {
        const target = spec.slice('@djchain/'.length).split('/')[0] ?? '';
        if (target !== pkg && !may.includes(target)) {
          problems.push(`${rel}: imports @djchain/${target}, but ${pkg} may import only [${may.join(', ')}]`);
        }
      } else if (spec.includes('/packages/') || /^(\.\.\/){2,}[a-z]+\/src/.test(spec)) {
        problems.push(`${rel}: reaches into another package by path (${spec}); import @djchain/<name>`);
      } else if (pure.has(pkg) && spec.startsWith('node:') && !pureNodeImports.has(spec)) {
        problems.push(
          `${rel}: pure package ${pkg} imports ${spec} (IO, clock and randomness are injected by the node)`,
        );
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`layer check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('layer check: ok');
