/**
 * @djchain/runtime: the module contract and the deterministic executor (hooks, transactions,
 * receipts, per-entity history). Pure: no IO, clock or randomness; the node injects state.
 */
export { addressOf, nextNonce } from './accounts.ts';
export { MAX_QUERY_DEPTH } from './context.ts';
export { RUNTIME_ERROR_CODES, RuntimeError, type RuntimeErrorCode, runtimeError } from './errors.ts';
export {
  type BlockEvent,
  type BlockInput,
  type BlockResult,
  type CheckTxOptions,
  Executor,
  type ExecutorOptions,
  type TxCheck,
} from './executor.ts';
export {
  type GenesisDoc,
  type GenesisNode,
  type GenesisResult,
  SYS_CHAIN_KEY,
  SYS_NODES_KEY,
  SYS_VALIDATORS_KEY,
} from './genesis.ts';
export {
  BLOCK_TX_INDEX,
  EVENT_TAG,
  eventHash,
  GENESIS_HEAD,
  HISTORY_TAG,
  type HistoryHead,
  nextHead,
  readEvents,
  readHead,
  replayHead,
  type StoredEvent,
} from './history.ts';
export {
  accountKey,
  eventKey,
  historyKey,
  isModuleName,
  MAX_KEY_LENGTH,
  moduleKey,
  RESERVED_NAMESPACES,
  SEQ_DIGITS,
} from './keys.ts';
export { MemoryState } from './memory-state.ts';
export { Overlay } from './overlay.ts';
export { nodesToValue, readNodes, readValidators, type SystemStore } from './system.ts';
export type {
  ActionContext,
  ActionDef,
  CodedError,
  HookContext,
  ModuleDef,
  ModuleEvent,
  QueryDef,
  ReadContext,
  ReadStore,
  Result,
  Store,
} from './types.ts';
export { fail, ok } from './types.ts';
export type { StateView, StateWrite } from './view.ts';
