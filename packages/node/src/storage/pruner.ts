/**
 * State retention: old state versions are pruned in the background, a bounded number of versions
 * per step, one step after each commit. What is kept (by default): the latest `keepVersions`
 * versions — proofs at any recent header a light client verified, queries at recent heights —
 * and the version whose snapshot is being served to a syncing peer. Blocks, receipts and
 * certificates are never pruned, and the validator set of every height stays known (ChainStore
 * records it in node_valsets before pruning), so light clients, header walks and block sync work
 * from genesis. A pruned version answers STATE_VERSION_PRUNED.
 */
import type { PruneStats } from '@djchain/state';
import type { Log } from '../log.ts';
import type { ChainStore } from './chain-store.ts';

export interface RetentionOptions {
  /** State versions kept below and including the latest; 0 keeps every version (an archive node). */
  readonly keepVersions: number;
  /** Versions pruned per step at most (one step per commit): bounds the time of each step. */
  readonly stepVersions: number;
  /** A served snapshot's version is kept while it is at most this many versions old. */
  readonly snapshotPinVersions: number;
}

export const defaultRetentionOptions: RetentionOptions = {
  keepVersions: 1000,
  stepVersions: 16,
  snapshotPinVersions: 10_000,
};

/** The first version to keep: everything below may be pruned. */
export function retainFrom(latest: number, opts: RetentionOptions, served: number | undefined): number {
  if (opts.keepVersions === 0) return 0;
  let from = latest - opts.keepVersions + 1;
  if (served !== undefined && latest - served <= opts.snapshotPinVersions) from = Math.min(from, served);
  return Math.max(0, from);
}

export class Pruner {
  private readonly opts: RetentionOptions;
  private readonly deps: { store: ChainStore; log: Log; served: () => number | undefined };
  private failed = false;
  private total: PruneStats = { nodes: 0, values: 0, versions: 0 };

  constructor(
    opts: Partial<RetentionOptions>,
    deps: { store: ChainStore; log: Log; served: () => number | undefined },
  ) {
    this.opts = { ...defaultRetentionOptions, ...opts };
    this.deps = deps;
  }

  /** One bounded step; what it removed (zeros when there was nothing to do). */
  step(): PruneStats {
    const none = { nodes: 0, values: 0, versions: 0 };
    const { store, log } = this.deps;
    const range = store.nodes.versions();
    if (this.failed || !range) return none;
    const target = retainFrom(range.latest, this.opts, this.deps.served());
    const to = Math.min(target, range.oldest + this.opts.stepVersions);
    if (to <= range.oldest) return none;
    try {
      const stats = store.pruneBefore(to);
      this.total = {
        nodes: this.total.nodes + stats.nodes,
        values: this.total.values + stats.values,
        versions: this.total.versions + stats.versions,
      };
      log.debug({ before: to, ...stats }, 'state pruned');
      return stats;
    } catch (e) {
      // Rolled back; the node keeps running with more on disk. Reported once.
      this.failed = true;
      log.error({ code: (e as { code?: string }).code ?? 'NODE_PRUNE_FAILED' }, 'state pruning stopped');
      return none;
    }
  }

  /** Totals since start (for metrics and tests). */
  stats(): PruneStats {
    return this.total;
  }
}
