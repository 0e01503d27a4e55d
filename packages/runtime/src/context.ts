/** The contexts handed to module code, and the event log that collects what it emits. */
import { decode, encode, type Value } from '@djchain/crypto';
import type { ReceiptEvent } from '@djchain/ledger';
import { RuntimeError } from './errors.ts';
import { checkEntity } from './keys.ts';
import { ModuleReadStore } from './store.ts';
import type { ModuleDef, ModuleEvent, ReadContext, ReadStore } from './types.ts';
import type { StateView } from './view.ts';

/** Queries may call queries, this deep at most (a fixed bound, not the engine's stack size). */
export const MAX_QUERY_DEPTH = 8;

/** What every context of one call shares. */
export interface Scope {
  readonly chainId: string;
  readonly height: number;
  readonly time: number;
  readonly modules: ReadonlyMap<string, ModuleDef>;
  /** The state the call sees, its own pending writes included. */
  readonly view: StateView;
  readonly depth: number;
}

/** The read-only part of a context for `module`, with `store` as its own store. */
export function readContext(scope: Scope, store: ReadStore): ReadContext {
  return {
    chainId: scope.chainId,
    height: scope.height,
    time: scope.time,
    store,
    readStore: (module: string) => new ModuleReadStore(scope.view, module),
    query: (module: string, name: string, params: Value) =>
      runQuery({ ...scope, depth: scope.depth + 1 }, module, name, params),
  };
}

/** Runs a module's query; throws RuntimeError for an unknown module or query. */
export function runQuery(scope: Scope, module: string, name: string, params: Value): Value {
  if (scope.depth > MAX_QUERY_DEPTH) throw new RuntimeError('RUNTIME_QUERY_DEPTH', 'queries nested too deep');
  const def = scope.modules.get(module);
  if (!def) throw new RuntimeError('RUNTIME_UNKNOWN_MODULE', `no module ${module}`, { module });
  const query = Object.hasOwn(def.queries, name) ? def.queries[name] : undefined;
  if (!query) throw new RuntimeError('RUNTIME_UNKNOWN_QUERY', `no query ${module}.${name}`, { module, name });
  return query.run(readContext(scope, new ModuleReadStore(scope.view, module)), params);
}

/** Events one call emitted, checked and copied at emission (later mutation by the module is moot). */
export class EventLog {
  readonly events: ReceiptEvent[] = [];
  private readonly module: string;

  constructor(module: string) {
    this.module = module;
  }

  emit(e: ModuleEvent): void {
    if (typeof e?.type !== 'string' || e.type.length === 0 || e.type.length > 128) {
      throw new RuntimeError('RUNTIME_BAD_EVENT', 'event type must be a string of 1 to 128');
    }
    if (!Array.isArray(e.entities) || e.entities.length > 64) {
      throw new RuntimeError('RUNTIME_BAD_EVENT', 'event entities must be a list of at most 64');
    }
    for (const entity of e.entities) checkEntity(entity);
    if (new Set(e.entities).size !== e.entities.length) {
      throw new RuntimeError('RUNTIME_BAD_EVENT', 'an event names each entity once');
    }
    let data: Value;
    try {
      data = decode(encode(e.data));
    } catch (err) {
      throw new RuntimeError('RUNTIME_BAD_EVENT', `event data cannot be encoded: ${(err as Error).message}`);
    }
    this.events.push({ module: this.module, type: e.type, entities: [...e.entities], data });
  }
}
