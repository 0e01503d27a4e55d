/**
 * The state store's share of a committed `kv.put` (`--only floor`), and the highest
 * `ratio_cluster` it leaves.
 *
 * Every validator does, for every transaction, at least: one signature verification and the
 * state tree's update of the four keys a `kv.put` changes (`kv/item/<id>`, `acct/<signer>`,
 * `hist/member:<id>`, `evt/member:<id>/<seq>`), hashed to a new root and written to sqlite in the
 * block's transaction. Here the node's own `ChainStore` (its pragmas, its tree, the suite's hash)
 * takes exactly those writes, block by block, the values encoded as the runtime encodes them and
 * made before the clock starts — no execution, consensus, network or block storage. The CPU time
 * of that alone, per transaction, is a floor under `cluster_cpu_us_per_tx_per_node`; with the
 * cluster's verification limit (`verify_per_s_one_core × cores ÷ 4`) it gives
 *   ratio_cluster ≤ verify_us ÷ (verify_us + floor_state_us_per_tx)
 * since four validators on the same cores each spend at least that per transaction.
 *
 * Runs in a child process with the node's V8 flags (`NODE_FLAGS`), as a validator does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_FLAGS } from '@djchain/cli';
import { encode, getSuite, toHex } from '@djchain/crypto';
import { historyValue } from '@djchain/ledger';
import { ChainStore } from '@djchain/node';
import { accountKey, eventKey, historyKey, moduleKey } from '@djchain/runtime';
import type { Write } from '@djchain/state';

export interface FloorOptions {
  /** Transactions written (the cluster part's count). */
  readonly txs: number;
  /** Transactions per block: the cluster's mean in the same run (it held ≈ 1,700 under load). */
  readonly blockTxs: number;
  /** Accounts signing round-robin (the cluster's load generator uses 200). */
  readonly signers: number;
  /** Ed25519 verifications per second on one core, measured in the same run. */
  readonly verifyPerSecond: number;
}

interface Measured {
  readonly cpuUs: number;
  readonly bytes: number;
  readonly blocks: number;
}

const utf8 = new TextEncoder();

/** The writes of block `h` (1-based): `kv.put` number i for i in [from, to), as the runtime makes them. */
function blockWrites(h: number, from: number, to: number, addresses: readonly string[]): Write[] {
  const writes: Write[] = [];
  for (let i = from; i < to; i++) {
    const address = addresses[i % addresses.length]!;
    const id = `f${i.toString(36)}`;
    const entity = `member:${id}`;
    const value = `value-${i}`;
    // A head is a hash; its bytes do not change the tree's work, so any 32 bytes do.
    const head = getSuite('intl').hash(utf8.encode(entity));
    writes.push(
      [utf8.encode(moduleKey('kv', `item/${id}`)), encode({ value, by: address, at: h })],
      [utf8.encode(accountKey(address)), encode({ nonce: Math.floor(i / addresses.length) + 1 })],
      [utf8.encode(historyKey(entity)), historyValue(head, 1, h)],
      [
        utf8.encode(eventKey(entity, 0)),
        encode({
          module: 'kv',
          type: 'Put',
          entities: [entity],
          data: { value },
          height: h,
          txIndex: i - from,
        }),
      ],
    );
  }
  return writes;
}

/** In the child: the writes made first, then only the store's work timed. */
function measure(opts: Omit<FloorOptions, 'verifyPerSecond'>): Measured {
  const suite = getSuite('intl');
  const dir = mkdtempSync(join(tmpdir(), 'djchain-floor-'));
  const file = join(dir, 'chain.db');
  const store = new ChainStore({ file, suite });
  try {
    const addresses = Array.from({ length: opts.signers }, (_, s) =>
      toHex(suite.hash(utf8.encode(`signer-${s}`)).subarray(0, 20)),
    );
    store.commitGenesis(store.tree.applyBatch(0, [[utf8.encode('kv/label'), encode('kv')]]).nodeBatch, {
      chain: 'floor',
    });
    const blocks: Write[][] = [];
    for (let from = 0; from < opts.txs; from += opts.blockTxs) {
      blocks.push(blockWrites(blocks.length + 1, from, Math.min(opts.txs, from + opts.blockTxs), addresses));
    }
    store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const before = fileBytes(file);
    const cpu0 = process.cpuUsage();
    for (let b = 0; b < blocks.length; b++) {
      const { nodeBatch } = store.tree.applyBatch(b + 1, blocks[b]!);
      store.db.exec('BEGIN IMMEDIATE');
      store.tree.commit(nodeBatch);
      store.db.exec('COMMIT');
    }
    const cpu = process.cpuUsage(cpu0);
    store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return { cpuUs: cpu.user + cpu.system, bytes: fileBytes(file) - before, blocks: blocks.length };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function fileBytes(file: string): number {
  let n = statSync(file).size;
  try {
    n += statSync(`${file}-wal`).size;
  } catch {
    // no WAL file
  }
  return n;
}

/** Three runs, each in a new child process and a new file; the median CPU time is reported. */
export function benchFloor(log: (line: string) => void, opts: FloorOptions): Record<string, number> {
  const { verifyPerSecond, ...childOpts } = opts;
  const runs = [0, 1, 2].map(() => {
    const out = execFileSync(
      process.execPath,
      [...NODE_FLAGS, new URL(import.meta.url).pathname, JSON.stringify(childOpts)],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return JSON.parse(out.trim().split('\n').pop()!) as Measured;
  });
  log(`floor: runs ${JSON.stringify(runs)}`);
  const m = runs.sort((a, b) => a.cpuUs - b.cpuUs)[1]!;
  const stateUs = m.cpuUs / opts.txs;
  const verifyUs = 1e6 / verifyPerSecond;
  const figures = {
    floor_txs: opts.txs,
    floor_block_txs: opts.blockTxs,
    floor_state_us_per_tx: Math.round(stateUs),
    floor_state_bytes_per_tx: Math.round(m.bytes / opts.txs),
    floor_verify_us_per_tx: Number(verifyUs.toFixed(1)),
    ratio_cluster_ceiling: Number((verifyUs / (verifyUs + stateUs)).toFixed(3)),
  };
  log(`floor: ${JSON.stringify(figures)}`);
  return figures;
}

if (import.meta.main) {
  process.stdout.write(`${JSON.stringify(measure(JSON.parse(process.argv[2]!)))}\n`);
}
