/** Builds the app with Vite into dist/ (the `build` script and the browser tests call this). */
import { build } from 'vite';

export const CONFIG_FILE = new URL('../vite.config.ts', import.meta.url).pathname;

/**
 * Builds into dist/, or into `outDir`: browser test files running side by side each build into their
 * own directory, since a build empties its output first and would pull the files from under the
 * other file's page.
 */
export async function buildWeb(outDir?: string): Promise<void> {
  await build({
    configFile: CONFIG_FILE,
    logLevel: 'warn',
    ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}),
  });
}
