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
  new Counter({
    name: 'djchain_event_streams_dropped_total',
    help: 'event streams closed because the client did not read fast enough',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(hub.dropped);
    },
  });
  // Mempool gossip (absent on a node without peers): copies received, and relayed to peers.
  new Counter({
    name: 'djchain_gossip_received_txs_total',
    help: "transactions received in peers' mempool relays, duplicates included",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(node.gossip?.stats().received ?? 0);
    },
  });
  new Counter({
    name: 'djchain_gossip_relayed_txs_total',
    help: 'transactions this node queued to peers in mempool relays (one per peer sent to)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(node.gossip?.stats().relayTxs ?? 0);
    },
  });
  // Reads of the latest state version's values (execution, admission, queries), and those of
  // them the latest-state cache could not answer, which went to the database.
  new Counter({
    name: 'djchain_state_reads_total',
    help: "reads of the latest state version's values",
    registers: [registry],
    collect() {
      const s = node.app.store.latest.stats;
      this.reset();
      this.inc(s.valueHits + s.valueMisses);
    },
  });
  new Counter({
    name: 'djchain_state_reads_database_total',
    help: "reads of the latest state version's values that went to the database (not cached)",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(node.app.store.latest.stats.valueMisses);
    },
  });
  new Counter({
    name: 'djchain_state_listings_total',
    help: 'key listings of the latest state version (permission checks, hooks, queries)',
    registers: [registry],
    collect() {
      const s = node.app.store.latest.stats;
      this.reset();
      this.inc(s.listingHits + s.listingMisses);
    },
  });
  new Counter({
    name: 'djchain_state_listings_database_total',
    help: 'key listings of the latest state version that went to the database (not cached)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(node.app.store.latest.stats.listingMisses);
    },
  });
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
