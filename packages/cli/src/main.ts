/**
 * The `djchain` entry: turns on Node's compile cache before anything else is loaded, so a command
 * after the first starts with about half the CPU (its modules' compiled code is read back instead
 * of compiled again: the TypeScript sources are stripped and compiled at every start otherwise).
 * The cache is NODE_COMPILE_CACHE when set, else Node's default in the temporary directory; the
 * processes a command starts (the demo's nodes) inherit it through the environment.
 */
import { enableCompileCache } from 'node:module';

const cache = enableCompileCache?.(process.env.NODE_COMPILE_CACHE);
if (cache?.directory && process.env.NODE_COMPILE_CACHE === undefined)
  process.env.NODE_COMPILE_CACHE = cache.directory;
const { main } = await import('./cli.ts');
await main(process.argv.slice(2));
