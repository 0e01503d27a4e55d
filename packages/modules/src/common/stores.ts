/** Reading module stores by name, whether the caller is that module or another one. */
import type { Value } from '@djchain/crypto';
import type { ReadContext, ReadStore } from '@djchain/runtime';

/** Names of the modules in this package (also the runtime's store namespaces). */
export const MODULE = {
  org: 'org',
  member: 'member',
  recruitment: 'recruitment',
  discipline: 'discipline',
  transfer: 'transfer',
  evidence: 'evidence',
  governance: 'governance',
  dues: 'dues',
  attachment: 'attachment',
  orglife: 'orglife',
  study: 'study',
  warnings: 'warnings',
  insight: 'insight',
  resident: 'resident',
  disclosure: 'disclosure',
  declaration: 'declaration',
  service: 'service',
  anchor: 'anchor',
} as const;
export type ModuleName = (typeof MODULE)[keyof typeof MODULE];

/** Key separator: never part of an opaque id, so prefixes cannot collide. */
export const SEP = '/';

/** The store of module `name` as seen from module `self`. */
export function storeOf(ctx: ReadContext, self: string, name: ModuleName): ReadStore {
  return name === self ? ctx.store : ctx.readStore(name);
}

/** A typed record read (records are written by this package's own code only). */
export function getRecord<T>(store: ReadStore, key: string): T | undefined {
  const v = store.get(key);
  return v === undefined ? undefined : (v as unknown as T);
}

/** Records are plain objects of Values; this narrows our interfaces to Value for writing. */
export function asValue<T extends object>(record: T): Value {
  return record as unknown as Value;
}

/** All keys under a prefix, sorted (bounded by `max`). */
export function allKeys(store: ReadStore, prefix: string, max = 100_000): string[] {
  return store.keys(prefix, max);
}
