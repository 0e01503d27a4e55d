/**
 * How much of a month close one block does (issue 18, issue 20): a whole number a chain's genesis
 * may set for its life (`<module>.<field>`), kept in the module's store, else the module's default.
 */
import type { HookContext, ReadStore } from '@djchain/runtime';
import { ModuleError } from './errors.ts';

/** Reads `config[field]` of the module's genesis section into `key`: a whole number 1–`max`. */
export function setCloseBudget(
  ctx: HookContext,
  config: unknown,
  where: { readonly module: string; readonly field: string; readonly key: string; readonly max: number },
): void {
  const n = (config as { readonly [field: string]: unknown } | null)?.[where.field];
  if (n === undefined) return;
  if (!Number.isSafeInteger(n) || (n as number) < 1 || (n as number) > where.max)
    throw new ModuleError(
      'MODULES_BAD_GENESIS',
      `${where.module} genesis: ${where.field} is a whole number 1–${where.max.toLocaleString('en')}`,
    );
  ctx.store.set(where.key, n as number);
}

/** The budget the genesis set (`key`), else `fallback`. */
export function closeBudget(store: ReadStore, key: string, fallback: number): number {
  const n = store.get(key);
  return typeof n === 'number' ? n : fallback;
}
