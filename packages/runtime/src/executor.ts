/**
 * The executor: runs a block's hooks and transactions against the previous state and returns the
 * receipts and the sorted writes. Pure and deterministic: the same state and block give the same
 * bytes on every node; the caller owns storage and the clock.
 */
import { decode, equalBytes, fromHex, type Suite, toHex, type Value } from '@djchain/crypto';
import {
  compareKeys,
  encodeReceipt,
  merkleRoot,
  type Receipt,
  type ReceiptEvent,
  receiptHashOfEncoding,
  type Transaction,
  txHash,
  type ValidatorSet,
  validatorIndex,
  validatorSetFromValue,
  verifyTxSignature,
} from '@djchain/ledger';
import { addressOf, nextNonce, setNextNonce } from './accounts.ts';
import { parseQuery, readContext, runQuery, type Scope } from './context.ts';
import { RuntimeError, runtimeError } from './errors.ts';
import { executeGenesis, type GenesisDoc, type GenesisResult, SYS_VALIDATORS_KEY } from './genesis.ts';
import { appendEvent, BLOCK_TX_INDEX } from './history.ts';
import { hookFailedEvent, runHook } from './hooks.ts';
import { accountKey, isModuleName } from './keys.ts';
import { cleanError, thrownError } from './outcome.ts';
import { Overlay } from './overlay.ts';
import { runAction } from './run-action.ts';
import { ModuleReadStore } from './store.ts';
import type { CodedError, ModuleDef, Result } from './types.ts';
import type { StateView, StateWrite } from './view.ts';

export interface ExecutorOptions {
  readonly chainId: string;
  readonly suite: Suite;
  readonly modules: readonly ModuleDef[];
}

export interface BlockInput {
  readonly height: number;
  /** BFT time of the block (ms). */
  readonly time: number;
  readonly txs: readonly Transaction[];
  readonly proposer: Uint8Array;
  /** Hex hashes of transactions whose signatures the caller already checked (the mempool did). */
  readonly verified?: ReadonlySet<string>;
  /**
   * Hex ids of `txs`, in order, when the caller hashed each one's canonical encoding already (the
   * proposer's mempool did at admission). PERF: not encoded and hashed again. A validator of a
   * peer's block leaves this out and computes them itself.
   */
  readonly txIds?: readonly string[];
}

/** An event with where it happened: txIndex, or BLOCK_TX_INDEX (-1) for block-start hooks. */
export interface BlockEvent extends ReceiptEvent {
  readonly txIndex: number;
}

export interface BlockResult {
  readonly receipts: Receipt[];
  /**
   * The block's changes to state, ascending by key; apply them as version `height`. A key may be
   * set to the value it had or deleted while absent (the state tree and MemoryState.apply change
   * nothing for those): finding them would read committed state for every key the block wrote.
   */
  readonly writes: StateWrite[];
  readonly events: BlockEvent[];
  readonly txHashes: Uint8Array[];
  /** `encodeReceipt(receipts[i])`: hashed for the receipt root and stored as is (PERF: once). */
  readonly receiptBytes: Uint8Array[];
  readonly receiptRoot: Uint8Array;
}

/** What the caller of `checkTx` already knows about the transaction (PERF: not computed again). */
export interface CheckTxOptions {
  /**
   * The caller's verdict on the signature (e.g. from a verification worker over the received
   * bytes): used in its place in the check order, so the first failure reported is the same.
   */
  readonly signatureValid?: boolean;
  /** The transaction's id when the caller hashed its received canonical encoding. */
  readonly txHash?: Uint8Array;
}

export interface TxCheck {
  readonly txHash: Uint8Array;
  readonly address: string;
  /** The signer is a registered account (or a validator); false only for open actions. */
  readonly registered: boolean;
  /** The nonce the account's next included transaction must carry. */
  readonly nextNonce: number;
}

export class Executor {
  readonly chainId: string;
  readonly suite: Suite;
  private readonly modules: ReadonlyMap<string, ModuleDef>;
  /** Module names in code-point order: the order hooks run in. */
  private readonly names: readonly string[];
  /** PERF: the validator set last decoded by isRegistered, with the stored bytes it came from. */
  private validatorsMemo?: { readonly raw: Uint8Array; readonly set: ValidatorSet };

  constructor(opts: ExecutorOptions) {
    this.chainId = opts.chainId;
    this.suite = opts.suite;
    const modules = new Map<string, ModuleDef>();
    for (const m of opts.modules) {
      if (!isModuleName(m.name)) throw new RuntimeError('RUNTIME_BAD_MODULE', `bad module name ${m.name}`);
      if (modules.has(m.name))
        throw new RuntimeError('RUNTIME_BAD_MODULE', `module ${m.name} registered twice`);
      modules.set(m.name, m);
    }
    this.modules = modules;
    this.names = [...modules.keys()].sort(compareKeys);
  }

  /**
   * Executes a block over `view` (the state at height-1): 1) every module's beginBlock in name
   * order, 2) each transaction in order in its own overlay, 3) history heads for every event.
   * A transaction failing after its nonce check still advances the signer's nonce (so it is on
   * chain once and cannot be replayed) and changes nothing else; one failing before (wrong chain,
   * expired, bad signature, wrong nonce) changes nothing at all: it is not the signer's act.
   */
  executeBlock(input: BlockInput, view: StateView): BlockResult {
    // PERF: the block overlay remembers what it read from committed state (nonces, history heads,
    // permission listings), so the block's transactions read each of them once.
    const block = new Overlay(view, { cacheReads: true });
    const scope: Scope = { ...this.scopeBase(input.height, input.time), view: block };
    const events: BlockEvent[] = [];
    for (const name of this.names) {
      const def = this.modules.get(name)!;
      if (!def.beginBlock) continue;
      const out = runHook(this.suite, scope, block, def, (ctx) => def.beginBlock!(ctx));
      if (out.ok) for (const e of out.events) events.push({ ...e, txIndex: BLOCK_TX_INDEX });
      else
        events.push({ ...hookFailedEvent(name, thrownError(out.error, name).code), txIndex: BLOCK_TX_INDEX });
    }
    const ids = input.txIds;
    if (ids !== undefined && ids.length !== input.txs.length) {
      throw new RuntimeError('RUNTIME_BAD_INPUT', 'one id per transaction', {
        txs: input.txs.length,
        ids: ids.length,
      });
    }
    const computed: string[] = [];
    const txHashes = input.txs.map((tx, i) => {
      if (ids !== undefined) return fromHex(ids[i]!);
      const hash = txHash(this.suite, tx);
      computed.push(toHex(hash));
      return hash;
    });
    const hexes = ids ?? computed;
    const receipts = input.txs.map((tx, i) => {
      const receipt = this.executeTx(block, scope, input, tx, i, txHashes[i]!, hexes[i]!);
      for (const e of receipt.events) events.push({ ...e, txIndex: i });
      return receipt;
    });
    const receiptBytes = receipts.map(encodeReceipt);
    return {
      receipts,
      writes: block.changed(),
      events,
      txHashes,
      receiptBytes,
      receiptRoot: merkleRoot(
        this.suite,
        receiptBytes.map((b) => receiptHashOfEncoding(this.suite, b)),
      ),
    };
  }

  /**
   * The mempool's admission check for inclusion at `height`: chain, expiry, signature, module and
   * action, parameter shape, and nonce not below the account's next (higher ones may wait).
   */
  checkTx(tx: Transaction, view: StateView, height: number, opts: CheckTxOptions = {}): Result<TxCheck> {
    const hash = opts.txHash ?? txHash(this.suite, tx);
    const pre = this.precheck(tx, height, opts.signatureValid ?? 'verify');
    if (pre) return { ok: false, error: pre };
    const def = this.modules.get(tx.module);
    const action = def && Object.hasOwn(def.actions, tx.action) ? def.actions[tx.action] : undefined;
    if (!def) return { ok: false, error: runtimeError('RUNTIME_UNKNOWN_MODULE', `no module ${tx.module}`) };
    if (!action)
      return { ok: false, error: runtimeError('RUNTIME_UNKNOWN_ACTION', `no action ${tx.action}`) };
    try {
      const parsed = action.parse(tx.params);
      if (!parsed.ok) return { ok: false, error: cleanError(parsed.error, `${tx.module}.${tx.action}`) };
    } catch (e) {
      return { ok: false, error: thrownError(e, `${tx.module}.${tx.action}`) };
    }
    const address = addressOf(this.suite, tx.signer);
    const registered = this.isRegistered(view, height, tx.signer, address);
    if (!registered && action.openToNewKeys !== true) {
      return {
        ok: false,
        error: runtimeError('RUNTIME_UNKNOWN_SIGNER', 'the signer is not a registered account', { address }),
      };
    }
    const next = nextNonce(view, address);
    if (tx.nonce < next) {
      return {
        ok: false,
        error: runtimeError('RUNTIME_NONCE_USED', 'nonce already used', { next, nonce: tx.nonce }),
      };
    }
    return { ok: true, value: { txHash: hash, address, nextNonce: next, registered } };
  }

  /**
   * A validator's key, or an address some module registered (`ModuleDef.knowsSigner`). Admission
   * only: what a registered signer may do is still each action's `authorize`.
   */
  private isRegistered(view: StateView, height: number, signer: Uint8Array, address: string): boolean {
    const raw = view.get(SYS_VALIDATORS_KEY);
    if (raw !== undefined && validatorIndex(this.validatorSetOf(raw), signer) >= 0) return true;
    const scope: Scope = { ...this.scopeBase(height, 0), view };
    for (const name of this.names) {
      const def = this.modules.get(name)!;
      if (def.knowsSigner?.(readContext(scope, new ModuleReadStore(view, name)), address)) return true;
    }
    return false;
  }

  /**
   * The parameters of query `module.name` as it parses them (no state needed): the module's coded
   * error on a bad shape (…_BAD_PARAMS, details { field, expected }), RUNTIME_UNKNOWN_MODULE or
   * RUNTIME_UNKNOWN_QUERY.
   */
  parseQuery(module: string, name: string, params: Value): Result<unknown> {
    return parseQuery(this.modules, module, name, params);
  }

  /**
   * A module's read-only query against `view` as of `height` and `time`; parameters it refuses
   * answer its coded error (as parseQuery).
   */
  query(
    module: string,
    name: string,
    params: Value,
    view: StateView,
    height: number,
    time: number,
  ): Result<Value> {
    const parsed = this.parseQuery(module, name, params);
    if (!parsed.ok) return parsed;
    try {
      return { ok: true, value: runQuery({ ...this.scopeBase(height, time), view }, module, name, params) };
    } catch (e) {
      return { ok: false, error: thrownError(e, `${module}.${name}`) };
    }
  }

  /** The genesis state (version 0): system records, then each module's genesis hook in name order. */
  executeGenesis(doc: GenesisDoc, view?: StateView): GenesisResult {
    return executeGenesis(this.suite, this.chainId, this.names, this.modules, doc, view);
  }

  /** The set stored as `raw`, decoded once per distinct value (every admission asks for it). */
  private validatorSetOf(raw: Uint8Array): ValidatorSet {
    const memo = this.validatorsMemo;
    if (memo !== undefined && equalBytes(memo.raw, raw)) return memo.set;
    const set = validatorSetFromValue(decode(raw));
    this.validatorsMemo = { raw: raw.slice(), set };
    return set;
  }

  private scopeBase(height: number, time: number): Omit<Scope, 'view'> {
    return { chainId: this.chainId, height, time, modules: this.modules, depth: 0 };
  }

  /** Failures that make a transaction not the signer's act at this height; null when none. */
  /** `signature`: 'verify' to check it here, or the caller's verdict (true = valid). */
  private precheck(tx: Transaction, height: number, signature: boolean | 'verify'): CodedError | null {
    if (tx.chainId !== this.chainId) {
      return runtimeError('RUNTIME_WRONG_CHAIN', 'transaction is for another chain', { chainId: tx.chainId });
    }
    if (tx.expiry < height) {
      return runtimeError('RUNTIME_TX_EXPIRED', 'transaction expired', { expiry: tx.expiry, height });
    }
    const valid = signature === 'verify' ? verifyTxSignature(this.suite, tx) : signature;
    if (!valid) {
      return runtimeError('RUNTIME_BAD_SIGNATURE', 'signature does not verify');
    }
    return null;
  }

  private executeTx(
    block: Overlay,
    scope: Scope,
    input: BlockInput,
    tx: Transaction,
    index: number,
    hash: Uint8Array,
    hex: string,
  ): Receipt {
    const failed = (error: CodedError, writes: string[] = []): Receipt => ({
      txHash: hash,
      status: 'failed',
      error,
      events: [],
      writes,
    });
    const pre = this.precheck(tx, input.height, input.verified?.has(hex) ? true : 'verify');
    if (pre) return failed(pre);
    const address = addressOf(this.suite, tx.signer);
    const expected = nextNonce(block, address);
    if (tx.nonce !== expected) {
      return failed(
        runtimeError('RUNTIME_BAD_NONCE', 'nonce is not the next', { expected, nonce: tx.nonce }),
      );
    }
    setNextNonce(block, address, expected + 1);
    const overlay = new Overlay(block);
    const out = runAction({ ...scope, view: overlay }, overlay, tx, index, hex, address);
    if (!out.ok) return failed(out.error, [accountKey(address)]);
    for (const e of out.events) appendEvent(this.suite, overlay, e, input.height, index);
    overlay.mergeInto(block);
    const writes = [...new Set([...overlay.touched(), accountKey(address)])].sort(compareKeys);
    return { txHash: hash, status: 'ok', events: out.events, writes };
  }
}
