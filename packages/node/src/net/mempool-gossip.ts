/**
 * Mempool gossip (issue 3, "Networking and sync"): every transaction this node admits — from its
 * API, from evidence, or from a peer — is relayed as its canonical bytes to the peers on the
 * droppable p2p `mempool` channel, so a client submits to ONE validator and every proposer can
 * include it.
 *
 * - Received transactions are admitted through the same path as the API (`Mempool.addEncoded`:
 *   signature verified in the worker pool, every check of `checkTx`, the mempool's limits); a
 *   refusal is counted by its code and never relayed.
 * - A bounded seen-cache of transaction ids (hashed from the bytes) drops echoes before any work,
 *   so nothing is admitted or relayed twice, and a relay never goes back to the peer it came from.
 * - Relays are batched (up to `maxBatchTxs` / `maxBatchBytes`, or after `flushMs`).
 * - The handler returns the admission promise, so a peer that sends faster than we verify is
 *   throttled through TCP; a slow receiver only loses droppable mempool messages (p2p drops them
 *   from its full send queue first), never consensus or block-sync messages.
 */
import { decode, encode, toHex } from '@djchain/crypto';
import { decodeTx, domainHash, TAG, type Transaction } from '@djchain/ledger';
import { Channel, type P2PNode } from '@djchain/p2p';
import type { Application } from '../app/application.ts';
import { NodeError } from '../errors.ts';
import { type Log, silentLog } from '../log.ts';
import type { Admitted, Mempool } from '../mempool/mempool.ts';

export interface MempoolGossipOptions {
  /** Most transactions in one relay message. */
  readonly maxBatchTxs: number;
  /** Most transaction bytes in one relay message (well under p2p's frame limit). */
  readonly maxBatchBytes: number;
  /** A relay batch waits at most this long for more transactions. */
  readonly flushMs: number;
  /** Transaction ids remembered (oldest forgotten first). */
  readonly seenMax: number;
}

export const defaultMempoolGossipOptions: MempoolGossipOptions = {
  maxBatchTxs: 1000,
  maxBatchBytes: 1 << 20,
  flushMs: 10,
  seenMax: 200_000,
};

/** Counters since start (for metrics and tests). */
export interface MempoolGossipStats {
  /** Transactions received from peers (including duplicates). */
  received: number;
  /** Received ones already seen: dropped before any work. */
  duplicates: number;
  /** Received ones admitted to the mempool. */
  admitted: number;
  /** Received ones refused, by code (never relayed). */
  refused: Record<string, number>;
  /** Relay messages queued to peers, and transactions in them. */
  relayMessages: number;
  relayTxs: number;
  /** Relay messages p2p did not queue (peer gone or its send queue full). */
  dropped: number;
  /** Messages that were not a relay batch (peer counted, message ignored). */
  malformed: number;
}

/** Largest batch a peer may send us (transactions per message). */
const MAX_RELAY_TXS = 10_000;

interface Pending {
  readonly encoding: Uint8Array;
  /** The peer it came from ('' when submitted here): it is not sent back there. */
  readonly origin: string;
}

export class MempoolGossip {
  private readonly opts: MempoolGossipOptions;
  private readonly p2p: P2PNode;
  private readonly mempool: Mempool;
  private readonly app: Application;
  private readonly log: Log;
  /** Transaction id (hex) → the peer it first came from ('' for local). Insertion order = age. */
  private readonly seen = new Map<string, string>();
  private pending: Pending[] = [];
  private pendingBytes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly unsubscribe: () => void;
  private readonly counters: MempoolGossipStats = {
    received: 0,
    duplicates: 0,
    admitted: 0,
    refused: {},
    relayMessages: 0,
    relayTxs: 0,
    dropped: 0,
    malformed: 0,
  };

  constructor(
    opts: Partial<MempoolGossipOptions>,
    deps: { p2p: P2PNode; mempool: Mempool; app: Application; log?: Log },
  ) {
    this.opts = { ...defaultMempoolGossipOptions, ...opts };
    this.p2p = deps.p2p;
    this.mempool = deps.mempool;
    this.app = deps.app;
    this.log = deps.log ?? silentLog;
    this.mempool.onAdmitted((admitted) => this.onAdmitted(admitted));
    this.unsubscribe = this.p2p.onMessage((peer, channel, payload) =>
      channel === Channel.mempool ? this.onRelay(peer, payload) : undefined,
    );
  }

  stats(): MempoolGossipStats {
    return { ...this.counters, refused: { ...this.counters.refused } };
  }

  /** Stops relaying (pending relays are dropped; the mempool keeps its transactions). */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }

  private idOf(encoding: Uint8Array): string {
    // The transaction id is hashed from its canonical encoding (ledger txHash).
    return toHex(domainHash(this.app.suite, TAG.txId, encoding));
  }

  private remember(id: string, origin: string): void {
    this.seen.set(id, origin);
    // Bounded: forget the oldest ids (a late echo of one is refused by its used nonce anyway).
    if (this.seen.size > this.opts.seenMax) {
      const it = this.seen.keys();
      for (let n = this.seen.size - this.opts.seenMax; n > 0; n--) this.seen.delete(it.next().value!);
    }
  }

  /** A peer's relay batch: unseen, well-formed transactions go through normal admission. */
  private async onRelay(peer: string, payload: Uint8Array): Promise<void> {
    if (this.closed) return;
    let list: Uint8Array[];
    try {
      const v = decode(payload) as { txs?: unknown };
      if (
        !Array.isArray(v?.txs) ||
        v.txs.length > MAX_RELAY_TXS ||
        !v.txs.every((x) => x instanceof Uint8Array)
      )
        throw new NodeError('NODE_BAD_MESSAGE', 'not a relay batch');
      list = v.txs as Uint8Array[];
    } catch (e) {
      this.counters.malformed++;
      this.log.warn(
        { peer: peer.slice(0, 16), code: 'NODE_BAD_MESSAGE', error: String(e) },
        'mempool relay refused',
      );
      return;
    }
    const txs: Transaction[] = [];
    const encodings: Uint8Array[] = [];
    for (const encoding of list) {
      this.counters.received++;
      const id = this.idOf(encoding);
      if (this.seen.has(id) || this.mempool.has(id)) {
        this.counters.duplicates++;
        continue;
      }
      this.remember(id, peer);
      let tx: Transaction;
      try {
        // Canonical bytes only: then `encoding` is exactly the transaction's encoding.
        tx = decodeTx(encoding);
      } catch {
        this.count('TX_MALFORMED');
        continue;
      }
      txs.push(tx);
      encodings.push(encoding);
    }
    if (txs.length === 0) return;
    const results = await this.mempool.addEncoded(txs, encodings);
    for (const r of results) {
      if (r.ok) this.counters.admitted++;
      else this.count(r.error.code);
    }
  }

  private count(code: string): void {
    this.counters.refused[code] = (this.counters.refused[code] ?? 0) + 1;
  }

  private onAdmitted(admitted: readonly Admitted[]): void {
    if (this.closed) return;
    for (const a of admitted) {
      const origin = this.seen.get(a.hash) ?? '';
      if (origin === '') this.remember(a.hash, '');
      this.pending.push({ encoding: a.encoding, origin });
      this.pendingBytes += a.encoding.length;
    }
    if (this.pending.length >= this.opts.maxBatchTxs || this.pendingBytes >= this.opts.maxBatchBytes) {
      this.flush();
    } else {
      this.timer ??= setTimeout(() => this.flush(), this.opts.flushMs);
    }
  }

  /** Sends the pending relays to every connected peer but their origin, in bounded batches. */
  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.closed || pending.length === 0) return;
    for (const peer of this.p2p.peers()) {
      let batch: Uint8Array[] = [];
      let bytes = 0;
      const send = () => {
        if (batch.length === 0) return;
        this.counters.relayMessages++;
        this.counters.relayTxs += batch.length;
        if (!this.p2p.send(peer, Channel.mempool, encode({ txs: batch }))) this.counters.dropped++;
        batch = [];
        bytes = 0;
      };
      for (const p of pending) {
        if (p.origin === peer) continue;
        if (batch.length >= this.opts.maxBatchTxs || bytes + p.encoding.length > this.opts.maxBatchBytes)
          send();
        batch.push(p.encoding);
        bytes += p.encoding.length;
      }
      send();
    }
  }
}
