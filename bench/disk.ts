/**
 * disk_bytes_per_tx: bytes of the node directory's database (chain.db with its WAL) per
 * committed transaction, with every state version kept (an archive node, `stateRetention.keepVersions`
 * 0) and with pruning (the default retention's mechanism at its smallest window, 10 versions). The
 * same pre-signed kv load goes through one real `djchain start` process each time, in blocks of
 * `blockTxs` so that there are enough versions to prune; the node is stopped before measuring
 * (sqlite checkpoints its WAL on close). sqlite reuses freed pages rather than shrinking the
 * file, so the file figure is the growth a running node sees; `live` counts only pages in use
 * (page count − free list), what the file settles at as freed pages are reused.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { getSuite } from '@djchain/crypto';
import { KV_MODULES_FILE } from '@djchain/testkit/kv';
import { patchConfig } from '@djchain/testkit/process';
import { missingFrom, presign, readAsOperator, status, submitAll, waitCommitted } from './load.ts';
import { djchain, startNode } from './proc.ts';

export interface DiskOptions {
  readonly txs: number;
  readonly blockTxs: number;
}

async function bytesAfterLoad(
  log: (line: string) => void,
  opts: DiskOptions,
  keepVersions: number,
): Promise<{ bytes: number; live: number; blocks: number }> {
  const root = mkdtempSync(join(tmpdir(), 'djbench-disk-'));
  const dir = join(root, 'node');
  try {
    const chainId = 'bench-disk';
    djchain(['init', '--dir', dir, '--chain-id', chainId]);
    patchConfig(dir, {
      logLevel: 'warn',
      maxBlockTxs: opts.blockTxs,
      stateRetention: { keepVersions },
      extraModules: [KV_MODULES_FILE],
    });
    const suite = getSuite('intl');
    const load = presign(suite, chainId, opts.txs, { signers: 100, tag: 'd', seed: 11 });
    const node = await startNode(dir);
    // Transactions and blocks are read as the node's operator (a reader must sign in otherwise).
    readAsOperator(node.url, readFileSync(join(dir, 'api-token'), 'utf8').trim());
    try {
      const before = (await status(node.url)).height;
      await submitAll(node.url, load.bodies, { batch: 1000, inFlight: 2 });
      let pending = load.hashes;
      let last = before;
      for (let round = 0; pending.length > 0 && round < 100; round++) {
        last = Math.max(last, await waitCommitted(node.url, pending[pending.length - 1]!));
        pending = await missingFrom(suite, node.url, before + 1, last, load.hashes);
      }
      if (pending.length > 0) throw new Error(`${pending.length} transactions not committed`);
      log(`disk: keepVersions ${keepVersions}: ${opts.txs} txs in ${last - before} blocks`);
      await node.stop();
      let bytes = 0;
      for (const f of ['chain.db', 'chain.db-wal']) {
        const file = join(dir, f);
        if (existsSync(file)) bytes += statSync(file).size;
      }
      const db = new DatabaseSync(join(dir, 'chain.db'), { readOnly: true });
      const pragma = (name: string) => Number(Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0]);
      const live = (pragma('page_count') - pragma('freelist_count')) * pragma('page_size');
      db.close();
      return { bytes, live, blocks: last - before };
    } finally {
      await node.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchDisk(
  log: (line: string) => void,
  opts: DiskOptions,
): Promise<Record<string, number>> {
  const archive = await bytesAfterLoad(log, opts, 0);
  const pruned = await bytesAfterLoad(log, opts, 10);
  return {
    disk_txs: opts.txs,
    disk_blocks: archive.blocks,
    disk_bytes_per_tx_archive: Math.round(archive.bytes / opts.txs),
    disk_bytes_per_tx_pruned: Math.round(pruned.bytes / opts.txs),
    disk_live_bytes_per_tx_archive: Math.round(archive.live / opts.txs),
    disk_live_bytes_per_tx_pruned: Math.round(pruned.live / opts.txs),
  };
}
