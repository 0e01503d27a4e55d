/** Prometheus metrics of one node: height, mempool, gossip, block time, Node runtime (event-loop lag, heap, GC). */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CommitEvent, DjNode } from '../node.ts';
import type { EventHub } from './event-hub.ts';

export function createMetrics(node: DjNode, hub: EventHub): { registry: Registry; stop(): void } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'djchain_' });
  new Gauge({
    name: 'djchain_height',
    help: 'latest committed block height',
    registers: [registry],
    collect() {
      this.set(node.app.height());
    },
  });
  new Gauge({
    name: 'djchain_mempool_txs',
    help: 'transactions waiting in the mempool',
    registers: [registry],
    collect() {
      this.set(node.mempool.size());
    },
  });
  new Gauge({
    name: 'djchain_mempool_bytes',
    help: 'bytes of transactions waiting in the mempool',
    registers: [registry],
    collect() {
      this.set(node.mempool.bytes());
    },
  });
  new Gauge({
    name: 'djchain_event_streams',
    help: 'open GET /v1/events streams',
    registers: [registry],
    collect() {
      this.set(hub.clientCount());
    },
  });
  // Counters read from running totals the node keeps (set at each scrape): dropped event streams;
  // mempool gossip (zero on a node without peers), copies received and relayed; reads and key
  // listings of the latest state version (execution, admission, queries), and those of them the
  // latest-state cache could not answer, which went to the database.
  const cache = () => node.app.store.latest.stats;
  const totals: ReadonlyArray<readonly [name: string, help: string, total: () => number]> = [
    [
      'djchain_event_streams_dropped_total',
      'event streams closed because the client did not read fast enough',
      () => hub.dropped,
    ],
    [
      'djchain_gossip_received_txs_total',
      "transactions received in peers' mempool relays, duplicates included",
      () => node.gossip?.stats().received ?? 0,
    ],
    [
      'djchain_gossip_relayed_txs_total',
      'transactions this node queued to peers in mempool relays (one per peer sent to)',
      () => node.gossip?.stats().relayTxs ?? 0,
    ],
    [
      'djchain_execution_signature_checks_total',
      "transactions whose signature block execution checked (not checked at this node's admission)",
      () => node.app.signaturesCheckedInExecution,
    ],
    [
      'djchain_gossip_refused_txs_total',
      "transactions received in peers' mempool relays and refused at admission (any code; in an honest network a used nonce: a copy still in the worker pool when its block came)",
      () => Object.values(node.gossip?.stats().refused ?? {}).reduce((a, b) => a + b, 0),
    ],
    [
      'djchain_state_reads_total',
      "reads of the latest state version's values",
      () => cache().valueHits + cache().valueMisses,
    ],
    [
      'djchain_state_reads_database_total',
      "reads of the latest state version's values that went to the database (not cached)",
      () => cache().valueMisses,
    ],
    [
      'djchain_state_listings_total',
      'key listings of the latest state version (permission checks, hooks, queries)',
      () => cache().listingHits + cache().listingMisses,
    ],
    [
      'djchain_state_listings_database_total',
      'key listings of the latest state version that went to the database (not cached)',
      () => cache().listingMisses,
    ],
  ];
  for (const [name, help, total] of totals) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(total());
      },
    });
  }
  const blockTime = new Histogram({
    name: 'djchain_block_interval_seconds',
    help: 'BFT time between consecutive blocks',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const txs = new Counter({
    name: 'djchain_committed_txs_total',
    help: 'committed transactions',
    registers: [registry],
  });
  let lastTime: number | undefined;
  const onCommit = (e: CommitEvent) => {
    const t = e.executed.block.header.time;
    if (lastTime !== undefined && t >= lastTime) blockTime.observe((t - lastTime) / 1000);
    lastTime = t;
    txs.inc(e.executed.block.txs.length);
  };
  node.events.on('commit', onCommit);
  return { registry, stop: () => node.events.off('commit', onCommit) };
}
