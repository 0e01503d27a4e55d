/** One transaction's action: parse → authorize → verify → execute, in the transaction's overlay. */
import type { ReceiptEvent, Transaction } from '@djchain/ledger';
import { EventLog, readContext, type Scope } from './context.ts';
import { RuntimeError, runtimeError } from './errors.ts';
import { cleanError, thrownError } from './outcome.ts';
import type { Overlay } from './overlay.ts';
import { ModuleStore } from './store.ts';
import { systemStore } from './system.ts';
import type { ActionContext, CodedError } from './types.ts';

export type ActionOutcome = { ok: true; events: ReceiptEvent[] } | { ok: false; error: CodedError };

export function runAction(
  scope: Scope,
  overlay: Overlay,
  tx: Transaction,
  txIndex: number,
  txHashHex: string,
  signerAddress: string,
): ActionOutcome {
  const where = `${tx.module}.${tx.action}`;
  const def = scope.modules.get(tx.module);
  if (!def) return { ok: false, error: runtimeError('RUNTIME_UNKNOWN_MODULE', `no module ${tx.module}`) };
  const action = Object.hasOwn(def.actions, tx.action) ? def.actions[tx.action] : undefined;
  if (!action) return { ok: false, error: runtimeError('RUNTIME_UNKNOWN_ACTION', `no action ${where}`) };

  // authorize and verify see the same context as execute, but writes and events throw until execute.
  let executing = false;
  const log = new EventLog(tx.module);
  const store = new ModuleStore(overlay, tx.module, () => !executing);
  const ctx: ActionContext = {
    ...readContext(scope, store),
    store,
    signer: tx.signer,
    signerAddress,
    txIndex,
    txHash: txHashHex,
    ...(tx.onBehalfOf === undefined ? {} : { onBehalfOf: tx.onBehalfOf }),
    ...(def.governsValidators === true ? { system: systemStore(overlay, () => !executing) } : {}),
    emit: (e) => {
      if (!executing) throw new RuntimeError('RUNTIME_WRITE_IN_VERIFY', 'only execute may emit events');
      log.emit(e);
    },
  };
  try {
    const parsed = action.parse(tx.params);
    if (!parsed.ok) return { ok: false, error: cleanError(parsed.error, where) };
    const allowed = action.authorize(ctx, parsed.value);
    if (!allowed.ok) return { ok: false, error: cleanError(allowed.error, where) };
    const checked = action.verify(ctx, parsed.value);
    if (!checked.ok) return { ok: false, error: cleanError(checked.error, where) };
    executing = true;
    action.execute(ctx, parsed.value);
  } catch (e) {
    return { ok: false, error: thrownError(e, where) };
  }
  return { ok: true, events: log.events };
}
