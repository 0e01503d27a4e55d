/**
 * The module runtime's contract: what a Party-affairs module declares and what the executor gives it.
 * Everything here is deterministic: a module sees chain height, BFT time and the signer, never the
 * wall clock, randomness, the filesystem or the network.
 */
import type { Value } from '@djchain/crypto';
import type { SystemStore } from './system.ts';

/**
 * An error as a value: a stable code (UPPER_SNAKE, prefixed by module, e.g. RECRUITMENT_TOO_EARLY),
 * an English message for logs and the API, the cited rule where one applies
 * (e.g. "《中国共产党发展党员工作细则》第十三条"), and details a UI can render (e.g. { earliest: '2026-03-01' }).
 */
export interface CodedError {
  readonly code: string;
  readonly message: string;
  readonly cite?: string;
  readonly details?: { readonly [key: string]: Value };
}

export type Result<T = undefined> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CodedError };

export const ok = <T = undefined>(value?: T): Result<T> => ({ ok: true, value: value as T });
export const fail = (error: CodedError): Result<never> => ({ ok: false, error });

/** A module's own key-value store, namespaced by the runtime (keys are module-relative). */
export interface ReadStore {
  get(key: string): Value | undefined;
  has(key: string): boolean;
  /** Keys with this prefix in ascending byte order, at most `limit` (default 1000). */
  keys(prefix: string, limit?: number): string[];
}
export interface Store extends ReadStore {
  set(key: string, value: Value): void;
  delete(key: string): void;
}

/** An event about one or more entities (e.g. `member:<id>`, `org:<id>`): each entity's history head advances. */
export interface ModuleEvent {
  readonly type: string;
  readonly entities: readonly string[];
  readonly data: Value;
}

/** What every hook, action and query may read. */
export interface ReadContext {
  readonly chainId: string;
  /** Height of the block being executed (or queried). */
  readonly height: number;
  /** BFT time of the block, milliseconds since the Unix epoch (UTC). */
  readonly time: number;
  /** This module's store. */
  readonly store: ReadStore;
  /** Another module's store, read-only. */
  readStore(module: string): ReadStore;
  /** Another module's query. */
  query(module: string, name: string, params: Value): Value;
  /**
   * Height of the latest event naming `entity` (its history head's `last`; 0 when none), as the
   * state the call sees holds it: events of earlier blocks and of this block's hooks run before.
   */
  lastEventAt(entity: string): number;
}

/** What an action's verify and execute see. */
export interface ActionContext extends ReadContext {
  readonly store: Store;
  /** Signer's public key and its address (hex of the suite hash of the key, first 20 bytes). */
  readonly signer: Uint8Array;
  readonly signerAddress: string;
  /** Index of the transaction in its block. */
  readonly txIndex: number;
  /** Hash of the transaction (hex). */
  readonly txHash: string;
  /** When a clerk acts on a member's behalf, the member's address (from the transaction). */
  readonly onBehalfOf?: string;
  /**
   * The validator set and observer registry, writable in execute; present only for a module that
   * declares `governsValidators` (the set written in block h is in force from h+2).
   */
  readonly system?: SystemStore;
  emit(event: ModuleEvent): void;
}

/** What a block-start hook sees: it may write and emit, but there is no signer. */
export interface HookContext extends ReadContext {
  readonly store: Store;
  emit(event: ModuleEvent): void;
}

export interface ActionDef<P = Value> {
  readonly description: string;
  /** Parse and check the shape of the raw parameters; coded error on a bad shape. */
  parse(raw: Value): Result<P>;
  /** Who may call: posts and relations, checked against state. Coded error (…_NOT_PERMITTED) otherwise. */
  authorize(ctx: ActionContext, params: P): Result;
  /** Preconditions of the rule, each failure a coded, cited error. Must not write. */
  verify(ctx: ActionContext, params: P): Result;
  /** Effects: writes and events. Runs only after authorize and verify passed. */
  execute(ctx: ActionContext, params: P): void;
  /**
   * Admission (mempool): true when keys no module registers may submit this action (they are
   * then rate-limited per key). Default false: only registered signers are admitted (issue 9).
   */
  readonly openToNewKeys?: boolean;
}

/**
 * A read-only query. Like an action, it parses its parameters first: `parse` checks their shape
 * and answers a coded error (the module's …_BAD_PARAMS) on a bad one; `run` sees only parsed
 * parameters. A query without `parse` takes its parameters as given (test modules).
 */
export interface QueryDef<P = Value> {
  readonly description: string;
  parse?(raw: Value): Result<P>;
  run(ctx: ReadContext, params: P): Value;
}

export interface ModuleDef {
  readonly name: string;
  // biome-ignore lint/suspicious/noExplicitAny: each action's parameter type is checked where it is declared
  readonly actions: { readonly [action: string]: ActionDef<any> };
  // biome-ignore lint/suspicious/noExplicitAny: each query's parameter type is checked where it is declared
  readonly queries: { readonly [query: string]: QueryDef<any> };
  /**
   * The module's actions may change the validator set and the observer registry (ctx.system):
   * governance and the jailing of proven equivocators. Others only read `sys/…`.
   */
  readonly governsValidators?: boolean;
  /** Writes the module's genesis state from the genesis document's section for this module. */
  genesis?(ctx: HookContext, config: Value): void;
  /** Fired at every block start, before the block's transactions (deadlines, period ends). */
  beginBlock?(ctx: HookContext): void;
  /**
   * Admission (mempool): is `address` an account this module registered (e.g. a member's bound
   * key)? A signer no module knows, and that is no validator, is refused before the mempool
   * (RUNTIME_UNKNOWN_SIGNER) unless the action is `openToNewKeys`. `ctx.store` is this module's.
   */
  knowsSigner?(ctx: ReadContext, address: string): boolean;
}
