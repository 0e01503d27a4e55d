/** Builds the app with Vite into dist/ (the `build` script and the browser tests call this). */
import { build } from 'vite';

export const CONFIG_FILE = new URL('../vite.config.ts', import.meta.url).pathname;

export async function buildWeb(): Promise<void> {
  await build({ configFile: CONFIG_FILE, logLevel: 'warn' });
}
