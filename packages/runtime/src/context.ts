/** The contexts handed to module code, and the event log that collects what it emits. */
import { decode, encode, type Value } from '@djchain/crypto';
import type { ReceiptEvent } from '@djchain/ledger';
import { RuntimeError, type RuntimeErrorCode, runtimeError } from './errors.ts';
import { readHead } from './history.ts';
import { checkEntity } from './keys.ts';
import { ModuleReadStore } from './store.ts';
import type { ModuleDef, ModuleEvent, QueryDef, ReadContext, ReadStore, Result } from './types.ts';
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
    lastEventAt: (entity: string) => readHead(scope.view, entity).last,
  };
}

/** A module's query; RUNTIME_UNKNOWN_MODULE or RUNTIME_UNKNOWN_QUERY when there is none. */
export function findQuery(
  modules: ReadonlyMap<string, ModuleDef>,
  module: string,
  name: string,
): Result<QueryDef<unknown>> {
  const def = modules.get(module);
  if (!def)
    return { ok: false, error: runtimeError('RUNTIME_UNKNOWN_MODULE', `no module ${module}`, { module }) };
  const query = Object.hasOwn(def.queries, name) ? def.queries[name] : undefined;
  if (!query)
    return {
      ok: false,
      error: runtimeError('RUNTIME_UNKNOWN_QUERY', `no query ${module}.${name}`, { module, name }),
    };
  return { ok: true, value: query };
}

/**
 * The parameters of a query as it parses them: the module's coded error (…_BAD_PARAMS) on a bad
 * shape, the runtime's for an unknown module or query.
 */
export function parseQuery(
  modules: ReadonlyMap<string, ModuleDef>,
  module: string,
  name: string,
  raw: Value,
): Result<unknown> {
  const found = findQuery(modules, module, name);
  if (!found.ok) return found;
  return found.value.parse ? found.value.parse(raw) : { ok: true, value: raw };
}

/**
 * Runs a module's query; throws RuntimeError for an unknown module or query, and
 * RUNTIME_MODULE_FAILED (details.cause: the query's code) when a module passes another's query
 * parameters it refuses.
 */
export function runQuery(scope: Scope, module: string, name: string, params: Value): Value {
  if (scope.depth > MAX_QUERY_DEPTH) throw new RuntimeError('RUNTIME_QUERY_DEPTH', 'queries nested too deep');
  const found = findQuery(scope.modules, module, name);
  if (!found.ok) {
    const { code, message, details } = found.error;
    throw new RuntimeError(code as RuntimeErrorCode, message, details as { [key: string]: string });
  }
  const query = found.value;
  const parsed = query.parse ? query.parse(params) : { ok: true as const, value: params };
  if (!parsed.ok)
    throw new RuntimeError('RUNTIME_MODULE_FAILED', `${module}.${name} refused its parameters`, {
      cause: parsed.error.code,
    });
  return query.run(readContext(scope, new ModuleReadStore(scope.view, module)), parsed.value);
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
