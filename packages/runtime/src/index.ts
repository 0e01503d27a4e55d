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
