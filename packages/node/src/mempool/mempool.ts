/**
 * The mempool: transactions admitted once (signature verified once, by Executor.checkTx), queued
 * per account by nonce, bounded in count and bytes, and handed to the proposer in nonce order.
 * Every refusal is a coded error returned to the sender.
 */

import { toHex } from '@djchain/crypto';
import { encodeTx, type Transaction } from '@djchain/ledger';
import { addressOf, type CheckTxOptions, type CodedError, nextNonce, type StateView } from '@djchain/runtime';
import type { Application, Executed } from '../app/application.ts';
import { defaultVerifyWorkers, VerifyPool } from '../verify/pool.ts';
import { mempoolError } from './errors.ts';

export interface MempoolOptions {
  /** Most transactions held. */
  readonly maxTxs: number;
  /** Most encoded bytes held. */
  readonly maxBytes: number;
  /** Largest encoded transaction accepted. */
  readonly maxTxBytes: number;
  /** How far above the account's next nonce a transaction may wait. */
  readonly maxNonceGap: number;
  /**
   * Signature verification workers for `addEncoded` (0: verify on the main thread). Started on
   * first use, ended by `close`. Default: one per core beyond the first, 1 to 4 (see verify/pool.ts).
   */
  readonly verifyWorkers: number;
  /** Pending transactions per key no module registers (only open actions admit such keys). */
  readonly maxPendingPerNewKey: number;
}

export const defaultMempoolOptions: MempoolOptions = {
  maxTxs: 50_000,
  maxBytes: 64 * 1024 * 1024,
  maxTxBytes: 64 * 1024,
  maxNonceGap: 1000,
  verifyWorkers: defaultVerifyWorkers(),
  maxPendingPerNewKey: 4,
};

interface Entry {
  readonly tx: Transaction;
  readonly hex: string;
  readonly size: number;
  readonly address: string;
  readonly nonce: number;
  readonly expiry: number;
}

/** An admitted transaction: its id (hex) and canonical encoding. */
export interface Admitted {
  readonly hash: string;
  readonly encoding: Uint8Array;
}

export type AddResult =
  | { readonly ok: true; readonly hash: string }
  | { readonly ok: false; readonly hash?: string; readonly error: CodedError };

export class Mempool {
  private readonly opts: MempoolOptions;
  private readonly app: Application;
  /** Insertion order = arrival order: the proposer serves accounts first come, first served. */
  private readonly byHash = new Map<string, Entry>();
  private readonly byAccount = new Map<string, Map<number, Entry>>();
  /** Next nonce of accounts with pending transactions, as of the latest committed state. */
  private readonly nextNonces = new Map<string, number>();
  private totalBytes = 0;
  private readonly listeners: Array<() => void> = [];
  private readonly admittedListeners: Array<(admitted: readonly Admitted[]) => void> = [];
  private pool: VerifyPool | undefined;
  private closed = false;

  constructor(opts: Partial<MempoolOptions>, deps: { app: Application }) {
    this.opts = { ...defaultMempoolOptions, ...opts };
    this.app = deps.app;
  }

  size(): number {
    return this.byHash.size;
  }

  bytes(): number {
    return this.totalBytes;
  }

  /** Whether some account's next nonce is pending (transactions behind a gap do not count). */
  hasReady(): boolean {
    for (const [address, account] of this.byAccount) {
      if (account.has(this.nextNonces.get(address) ?? 0)) return true;
    }
    return false;
  }

  has(hashHex: string): boolean {
    return this.byHash.has(hashHex);
  }

  /** Called after each admitted batch (the driver starts a height when transactions wait). */
  onAdded(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Called with the transactions each batch admitted and their canonical encodings (mempool
   * gossip relays these bytes to peers). Runs before `onAdded` listeners.
   */
  onAdmitted(listener: (admitted: readonly Admitted[]) => void): void {
    this.admittedListeners.push(listener);
  }

  /** Admits a batch; one result per transaction, in order. `sizes` are their encoded lengths. */
  addBatch(txs: readonly Transaction[], sizes: readonly number[]): AddResult[] {
    return this.admit(txs, sizes, [], undefined);
  }

  /**
   * Admits a batch received as canonical encodings (`encodings[i]` is exactly `txs[i]` encoded,
   * as the API's decoder guarantees). PERF: signatures are verified and ids hashed from the bytes
   * in the verification workers, off the main thread; the same checks in the same order as
   * `addBatch` otherwise, so the results are the same.
   */
  async addEncoded(txs: readonly Transaction[], encodings: readonly Uint8Array[]): Promise<AddResult[]> {
    const sizes = encodings.map((e) => e.length);
    const pool = this.verifyPool();
    if (!pool) return this.admit(txs, sizes, [], encodings);
    // Oversized transactions are refused before any work (admit checks size first).
    const wanted = encodings.map((e, i) => (sizes[i]! > this.opts.maxTxBytes ? new Uint8Array(0) : e));
    const verified = await pool.verify(wanted);
    return this.admit(
      txs,
      sizes,
      verified.map((v) => ({ signatureValid: v.ok, txHash: v.hash })),
      encodings,
    );
  }

  /** Ends the verification workers (the node calls this when it closes). */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }

  private verifyPool(): VerifyPool | undefined {
    if (this.opts.verifyWorkers <= 0 || this.closed) return undefined;
    this.pool ??= new VerifyPool(this.app.suite, this.opts.verifyWorkers);
    return this.pool;
  }

  private admit(
    txs: readonly Transaction[],
    sizes: readonly number[],
    known: readonly CheckTxOptions[],
    encodings: readonly Uint8Array[] | undefined,
  ): AddResult[] {
    // PERF: one height and one state view per batch, not per transaction.
    const height = this.app.height();
    const view = this.app.store.view(height);
    const results = txs.map((tx, i) => this.add(tx, sizes[i]!, view, height, known[i] ?? {}));
    if (!results.some((r) => r.ok)) return results;
    if (this.admittedListeners.length > 0) {
      const admitted: Admitted[] = [];
      for (const [i, r] of results.entries()) {
        if (r.ok) admitted.push({ hash: r.hash, encoding: encodings?.[i] ?? encodeTx(txs[i]!) });
      }
      for (const l of this.admittedListeners) l(admitted);
    }
    for (const l of this.listeners) l();
    return results;
  }

  private add(
    tx: Transaction,
    size: number,
    view: StateView,
    height: number,
    known: CheckTxOptions,
  ): AddResult {
    if (size > this.opts.maxTxBytes) {
      return { ok: false, error: mempoolError('MEMPOOL_TX_TOO_LARGE', { size, max: this.opts.maxTxBytes }) };
    }
    const check = this.app.executor.checkTx(tx, view, height + 1, known);
    if (!check.ok) return { ok: false, error: check.error };
    const { address, nextNonce: next } = check.value;
    const hex = toHex(check.value.txHash);
    if (this.byHash.has(hex)) return { ok: false, hash: hex, error: mempoolError('MEMPOOL_DUPLICATE') };
    const account = this.byAccount.get(address);
    if (!check.value.registered && (account?.size ?? 0) >= this.opts.maxPendingPerNewKey) {
      return {
        ok: false,
        hash: hex,
        error: mempoolError('MEMPOOL_NEW_KEY_LIMIT', { max: this.opts.maxPendingPerNewKey }),
      };
    }
    if (account?.has(tx.nonce)) {
      return { ok: false, hash: hex, error: mempoolError('MEMPOOL_NONCE_TAKEN', { nonce: tx.nonce }) };
    }
    if (tx.nonce > next + this.opts.maxNonceGap) {
      return {
        ok: false,
        hash: hex,
        error: mempoolError('MEMPOOL_NONCE_TOO_FAR', {
          nonce: tx.nonce,
          next,
          maxGap: this.opts.maxNonceGap,
        }),
      };
    }
    if (this.byHash.size >= this.opts.maxTxs || this.totalBytes + size > this.opts.maxBytes) {
      return { ok: false, hash: hex, error: mempoolError('MEMPOOL_FULL', { txs: this.byHash.size }) };
    }
    const entry: Entry = { tx, hex, size, address, nonce: tx.nonce, expiry: tx.expiry };
    this.byHash.set(hex, entry);
    if (account) account.set(tx.nonce, entry);
    else this.byAccount.set(address, new Map([[tx.nonce, entry]]));
    this.nextNonces.set(address, next);
    this.totalBytes += size;
    return { ok: true, hash: hex };
  }

  /**
   * Of `hexes` (transaction ids), those waiting here: admitted, so their signatures were verified
   * (PERF: a peer's block is executed without verifying them again).
   */
  admittedOf(hexes: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const h of hexes) if (this.byHash.has(h)) out.add(h);
    return out;
  }

  /**
   * Transactions for the next block: per account, consecutive nonces from its next one (higher
   * nonces wait for the gap to fill), accounts in arrival order. `verified` lists their hash
   * hexes: their signatures were checked at admission (PERF: not again in execution).
   */
  reap(maxTxs: number, maxBytes: number): { txs: Transaction[]; verified: Set<string> } {
    const txs: Transaction[] = [];
    const verified = new Set<string>();
    const taken = new Map<string, number>();
    let bytes = 0;
    outer: for (const e of this.byHash.values()) {
      const want = taken.get(e.address) ?? this.nextNonces.get(e.address) ?? 0;
      if (e.nonce !== want) continue;
      const account = this.byAccount.get(e.address)!;
      let n = want;
      for (let x = account.get(n); x !== undefined; x = account.get(n)) {
        if (txs.length >= maxTxs || bytes + x.size > maxBytes) {
          taken.set(e.address, n);
          break outer;
        }
        txs.push(x.tx);
        verified.add(x.hex);
        bytes += x.size;
        n++;
      }
      taken.set(e.address, n);
    }
    return { txs, verified };
  }

  /**
   * After a block is committed: drops its transactions, then re-checks what stays against the new
   * state — nonces now used and expired transactions leave. (Signatures and parameter shapes do
   * not depend on state and are not checked again.)
   */
  update(committed: Executed): void {
    const height = committed.block.header.height;
    const touched = new Set<string>();
    for (const hex of committed.result.txHashes.map(toHex)) this.remove(hex);
    // Every account the block used, also when its transactions came from another node's mempool:
    // otherwise our view of its next nonce stays stale and its later transactions never get ready.
    for (const tx of committed.block.txs) {
      const address = addressOf(this.app.suite, tx.signer);
      if (this.byAccount.has(address) || this.nextNonces.has(address)) touched.add(address);
    }
    const view = this.app.store.view(height);
    for (const address of touched) {
      if (!this.byAccount.has(address)) {
        this.nextNonces.delete(address);
        continue;
      }
      this.nextNonces.set(address, nextNonce(view, address));
    }
    for (const e of [...this.byHash.values()]) {
      if (e.expiry < height + 1 || e.nonce < (this.nextNonces.get(e.address) ?? 0)) this.remove(e.hex);
    }
  }

  private remove(hex: string): void {
    const e = this.byHash.get(hex);
    if (!e) return;
    this.byHash.delete(hex);
    this.totalBytes -= e.size;
    const account = this.byAccount.get(e.address)!;
    account.delete(e.nonce);
    if (account.size === 0) {
      this.byAccount.delete(e.address);
      this.nextNonces.delete(e.address);
    }
  }
}
