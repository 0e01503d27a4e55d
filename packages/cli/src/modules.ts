/**
 * The modules a node started by the CLI runs: the ONE place that decides it — every module of
 * @djchain/modules (genesis.json's `modules` holds their configurations; a module without one gets
 * null). Development and tests may add modules from files listed in config.json's `extraModules`
 * (each file exports `modules: ModuleDef[]`).
 */
import { allModules } from '@djchain/modules';
import type { ModuleDef } from '@djchain/runtime';

export const chainModules: readonly ModuleDef[] = allModules;

export async function loadModules(extraFiles: readonly string[]): Promise<ModuleDef[]> {
  const extra: ModuleDef[] = [];
  for (const file of extraFiles) {
    const mod = (await import(file)) as { modules?: ModuleDef[] };
    extra.push(...(mod.modules ?? []));
  }
  return [...chainModules, ...extra];
}
