/**
 * The modules a node started by the CLI runs. The ONE place that decides it: switch to
 * `allModules` from @djchain/modules when that package exports it (genesis.json then needs each
 * module's configuration). Development and tests may add modules from files listed in
 * config.json's `extraModules` (each file exports `modules: ModuleDef[]`).
 */
import type { ModuleDef } from '@djchain/runtime';

export const chainModules: readonly ModuleDef[] = [];

export async function loadModules(extraFiles: readonly string[]): Promise<ModuleDef[]> {
  const extra: ModuleDef[] = [];
  for (const file of extraFiles) {
    const mod = (await import(file)) as { modules?: ModuleDef[] };
    extra.push(...(mod.modules ?? []));
  }
  return [...chainModules, ...extra];
}
