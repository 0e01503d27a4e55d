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
 *   The ids of a committed block's transactions that used their nonce go into it too: a copy
 *   arriving after its block is dropped unverified.
 * - A relay message names the peers its sender relays the same transactions to (`sentTo`: every
 *   peer it is connected to at that moment; each gets them or is where they came from). A receiver
 *   does not relay them on to those peers: in a full mesh of validators each transaction then
 *   crosses each link once, where every receiver relayed it to every other before (three copies
 *   per validator in a mesh of four). Peers the sender does not name still get them, so a path of
 *   several hops still carries them. Only the names of this node's own peers are kept
 *   (`namedPeers`). A sender that names a peer it did not send to keeps that peer from getting the
 *   transactions through this node (the first copy's names count, so it can also race an honest
 *   relay): no more than a peer that relays nothing, or that sits between two others, can do
 *   today. The transactions stay in the mempools that hold them, and a validator among those
 *   proposes them in its turn. The same holds for a peer named whose relay p2p dropped (its send
 *   queue full): the names are written before the sends, so that peer learns them from a block.
 * - Relays are batched (up to `maxBatchTxs` / `maxBatchBytes`, or after `flushMs`).
 * - The handler returns the admission promise, so a peer that sends faster than we verify is
 *   throttled through TCP; a slow receiver only loses droppable mempool messages (p2p drops them
 *   from its full send queue first), never consensus or block-sync messages.
 */
import { decode, encode, toHex } from '@djchain/crypto';
import { decodeTx, domainHash, TAG, type Transaction } from '@djchain/ledger';
import { Channel, type P2PNode } from '@djchain/p2p';
import type { BlockResult } from '@djchain/runtime';
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
/** Most peers a relay message may name in `sentTo`, and the longest peer id (hex). */
const MAX_SENT_TO = 256;
const MAX_PEER_ID_CHARS = 256;

/** Who has a transaction already: the peer it came from ('' when submitted here) and the peers its sender named. */
interface Holders {
  readonly origin: string;
  readonly also: ReadonlySet<string>;
}

const NOBODY: ReadonlySet<string> = new Set();
const LOCAL: Holders = { origin: '', also: NOBODY };

/**
 * Of the peers a relay names, those this node is connected to, as this node's own id strings.
 * Only they matter (relays go to connected peers only), and the seen-cache keeps one set per
 * message for up to `seenMax` ids: kept as sent, a peer naming 256 long ids in every one-transaction
 * message could make it hold gigabytes. Kept like this, a set is at most this node's peer count.
 */
export function namedPeers(named: readonly string[], connected: readonly string[]): ReadonlySet<string> {
  if (named.length === 0) return NOBODY;
  const wanted = new Set(named);
  const out = new Set<string>();
  for (const p of connected) if (wanted.has(p)) out.add(p);
  return out.size === 0 ? NOBODY : out;
}

interface Pending {
  readonly encoding: Uint8Array;
  /** Not sent to these peers: they have it. */
  readonly holders: Holders;
}

export class MempoolGossip {
  private readonly opts: MempoolGossipOptions;
  private readonly p2p: P2PNode;
  private readonly mempool: Mempool;
  private readonly app: Application;
  private readonly log: Log;
  /** Transaction id (hex) → who had it when it first came ('' origin for local). Insertion order = age. */
  private readonly seen = new Map<string, Holders>();
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

  /**
   * A committed block's transactions that used their nonce (an `ok` receipt, or a failure after
   * the nonce check: its receipt writes the account's nonce): remembered as seen, so a relay copy
   * still on its way (a peer relays what it admitted before the block) is dropped before any work.
   * PERF: before, such a copy was decoded, its signature checked in the worker pool and then
   * refused by its used nonce (0.18 per transaction per node in a 3,000-transaction cluster run).
   * A transaction refused before its nonce (writes nothing: a nonce ahead of the account's, which
   * only a faulty proposer includes) is not remembered: its same bytes may become valid later and
   * must still travel.
   */
  committed(result: Pick<BlockResult, 'txHashes' | 'receipts'>): void {
    if (this.closed) return;
    result.txHashes.forEach((h, i) => {
      if (result.receipts[i]!.writes.length === 0) return;
      const id = toHex(h);
      if (!this.seen.has(id)) this.remember(id, LOCAL);
    });
  }

  private idOf(encoding: Uint8Array): string {
    // The transaction id is hashed from its canonical encoding (ledger txHash).
    return toHex(domainHash(this.app.suite, TAG.txId, encoding));
  }

  private remember(id: string, holders: Holders): void {
    this.seen.set(id, holders);
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
    let holders: Holders;
    try {
      const v = decode(payload) as { txs?: unknown; sentTo?: unknown };
      if (
        !Array.isArray(v?.txs) ||
        v.txs.length > MAX_RELAY_TXS ||
        !v.txs.every((x) => x instanceof Uint8Array)
      )
        throw new NodeError('NODE_BAD_MESSAGE', 'not a relay batch');
      // Absent (a sender of an earlier version): nobody named.
      const sentTo = v.sentTo ?? [];
      if (
        !Array.isArray(sentTo) ||
        sentTo.length > MAX_SENT_TO ||
        !sentTo.every((x) => typeof x === 'string' && x.length <= MAX_PEER_ID_CHARS)
      )
        throw new NodeError('NODE_BAD_MESSAGE', 'sentTo is not a list of peer ids');
      list = v.txs as Uint8Array[];
      // One object for the whole message: every transaction of it has the same holders.
      holders = { origin: peer, also: namedPeers(sentTo as string[], this.p2p.peers()) };
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
      this.remember(id, holders);
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
      let holders = this.seen.get(a.hash);
      if (holders === undefined) {
        holders = LOCAL;
        this.remember(a.hash, LOCAL);
      }
      this.pending.push({ encoding: a.encoding, holders });
      this.pendingBytes += a.encoding.length;
    }
    if (this.pending.length >= this.opts.maxBatchTxs || this.pendingBytes >= this.opts.maxBatchBytes) {
      this.flush();
    } else {
      this.timer ??= setTimeout(() => this.flush(), this.opts.flushMs);
    }
  }

  /**
   * Sends the pending relays to every connected peer that does not have them (their origin, the
   * peers their sender named), in bounded batches, each naming every peer of this flush.
   */
  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.closed || pending.length === 0) return;
    const peers = this.p2p.peers();
    // Each peer gets these transactions from us or had them: the receivers need not relay them there.
    // More peers than a message may name: none named (the receivers relay as before).
    const sentTo = peers.length <= MAX_SENT_TO ? peers : [];
    for (const peer of peers) {
      let batch: Uint8Array[] = [];
      let bytes = 0;
      const send = () => {
        if (batch.length === 0) return;
        this.counters.relayMessages++;
        this.counters.relayTxs += batch.length;
        if (!this.p2p.send(peer, Channel.mempool, encode({ sentTo, txs: batch }))) this.counters.dropped++;
        batch = [];
        bytes = 0;
      };
      for (const p of pending) {
        if (p.holders.origin === peer || p.holders.also.has(peer)) continue;
        if (batch.length >= this.opts.maxBatchTxs || bytes + p.encoding.length > this.opts.maxBatchBytes)
          send();
        batch.push(p.encoding);
        bytes += p.encoding.length;
      }
      send();
    }
  }
}
