/** Block-start and genesis hooks: each module's hook in its own overlay, in module-name order. */
import type { Suite, Value } from '@djchain/crypto';
import type { ReceiptEvent } from '@djchain/ledger';
import { EventLog, readContext, type Scope } from './context.ts';
import { appendEvent, BLOCK_TX_INDEX } from './history.ts';
import { Overlay } from './overlay.ts';
import { ModuleStore } from './store.ts';
import type { HookContext, ModuleDef } from './types.ts';

/**
 * Runs `call` for module `def` over `parent`. On success its writes and history go into `parent`
 * and its events are returned; when it throws, nothing it wrote is kept and the error is returned.
 */
export function runHook(
  suite: Suite,
  scope: Scope,
  parent: Overlay,
  def: ModuleDef,
  call: (ctx: HookContext) => void,
): { ok: true; events: ReceiptEvent[] } | { ok: false; error: unknown } {
  const overlay = new Overlay(parent);
  const log = new EventLog(def.name);
  const inner: Scope = { ...scope, view: overlay };
  const store = new ModuleStore(overlay, def.name);
  const ctx: HookContext = { ...readContext(inner, store), store, emit: (e) => log.emit(e) };
  try {
    call(ctx);
  } catch (error) {
    return { ok: false, error };
  }
  for (const e of log.events) appendEvent(suite, overlay, e, scope.height, BLOCK_TX_INDEX);
  overlay.mergeInto(parent);
  return { ok: true, events: log.events };
}

/** The event recorded when a block-start hook throws (its writes are discarded; the chain goes on). */
export function hookFailedEvent(module: string, code: string): ReceiptEvent {
  const data: Value = { module, code };
  return { module: 'runtime', type: 'HookFailed', entities: [], data };
}
