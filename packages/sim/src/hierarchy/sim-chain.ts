/**
 * One full chain of the hierarchy simulation: the real node's `Application` (every module of
 * `@djchain/modules`, the runtime's Executor, the sqlite `ChainStore` with its state tree, here in
 * memory) with its validators' real keys signing real commit certificates. Consensus itself is left
 * out (the simulator of `run.ts` checks it): a block is proposed and decided at once.
 *
 * Time is the simulation's. A block's time is BFT time — the median of the previous commit's vote
 * times — so a block at simulated time T first commits an empty block whose precommits are dated T
 * (the empty blocks a node makes every 5 s when idle, collapsed into one), then proposes the block,
 * whose precommits follow a second later. The latest block is thus always committed with its
 * certificate, ready to be anchored.
 */
import type { KeyPair, Suite, Value } from '@djchain/crypto';
import {
  addressOf,
  type CommitCertificate,
  encodeTx,
  type Header,
  type Receipt,
  signCommit,
  signTx,
  type Transaction,
  type ValidatorSet,
} from '@djchain/ledger';
import { allModules } from '@djchain/modules';
import { Application, ChainStore } from '@djchain/node';
import type { BlockEvent, GenesisDoc } from '@djchain/runtime';
import { encodeProof } from '@djchain/state';
import { SimError } from '../errors.ts';

const utf8 = new TextEncoder();

/**
 * State versions kept. A node keeps 1,000 (`defaultRetentionOptions`), 83 minutes of blocks made
 * every 5 s; here blocks are sparse, and 20 versions cover every proof the simulation asks for (an
 * admission's and a reclaim's, taken within a block or two of their header).
 */
const KEEP_VERSIONS = 20;

/** `f()` and the CPU time it took (ms, this process). */
function timed<T>(f: () => T): [T, number] {
  const c = process.cpuUsage();
  const out = f();
  const d = process.cpuUsage(c);
  return [out, (d.user + d.system) / 1000];
}

/** A committed block with what a relayer sends: header, certificate, the set that signed it and the next. */
export interface Committed {
  readonly header: Header;
  readonly commit: CommitCertificate;
  readonly set: ValidatorSet;
  readonly nextSet: ValidatorSet;
}

export interface TxOutcome {
  readonly receipt: Receipt;
  readonly events: BlockEvent[];
  /** Bytes of the transaction's canonical encoding (what the block store keeps). */
  readonly txBytes: number;
}

/** A transaction waiting for the chain's next block, with what to do with its outcome. */
export interface Pending {
  readonly by: string;
  readonly module: string;
  readonly action: string;
  readonly params: Value;
  readonly done?: (out: TxOutcome, block: { readonly height: number; readonly time: number }) => void;
}

export class SimChain {
  readonly app: Application;
  readonly chainId: string;
  readonly suite: Suite;
  readonly queue: Pending[] = [];
  /** Blocks made (with transactions, and the empty blocks before them). */
  blocks = 0;
  /**
   * CPU time (ms, this process) of the blocks with transactions and of the empty blocks made before
   * each: measurement only, never read by the simulated logic.
   */
  readonly cpu = { txBlocksMs: 0, emptyBlocksMs: 0, txBlocks: 0, txs: 0 };
  /** The CPU time of the last flush's block with transactions, and of its empty block. */
  lastCpu = { blockMs: 0, emptyMs: 0 };
  /** Events of every block by type, block-start hooks included. */
  readonly eventCounts = new Map<string, number>();
  private readonly keys: (name: string) => KeyPair;
  private readonly validatorKeys: KeyPair[];
  private readonly nonces = new Map<string, number>();
  private lastCommitTime: number;

  constructor(
    suite: Suite,
    genesis: GenesisDoc,
    keys: (name: string) => KeyPair,
    validatorNames: readonly string[],
  ) {
    this.suite = suite;
    this.chainId = genesis.chainId;
    this.keys = keys;
    this.validatorKeys = validatorNames.map((n) => keys(n));
    const store = new ChainStore({ file: ':memory:', suite, cacheNodes: 2_000 });
    this.app = new Application({ suite, genesis, modules: allModules }, { store });
    this.lastCommitTime = genesis.time;
  }

  address(name: string): string {
    return addressOf(this.suite, this.keys(name).publicKey);
  }

  height(): number {
    return this.app.height();
  }

  /** The latest committed block, or null before the first. */
  latest(): Committed | null {
    const h = this.app.height();
    if (h === 0) return null;
    return {
      header: this.app.header(h)!,
      commit: this.app.store.blocks.getCommit(h)!,
      set: this.app.validators(h),
      nextSet: this.app.validators(h + 1),
    };
  }

  /**
   * Runs the queued transactions in one block at `time` (nothing when the queue is empty and
   * `always` is not set: then an empty block).
   */
  flush(time: number, always = false): void {
    if (this.queue.length === 0 && !always) return;
    if (time <= this.lastCommitTime)
      throw new SimError('SIM_TIME_BACKWARDS', 'a block is not after the last', {
        chain: this.chainId,
        time,
      });
    const batch = this.queue.splice(0, this.queue.length);
    const [, emptyMs] = timed(() => this.decide([], time));
    const txs = batch.map((p) => this.sign(p));
    const [executed, blockMs] = timed(() => this.decide(txs, time + 1_000));
    this.lastCpu = { blockMs, emptyMs };
    if (txs.length > 0) {
      this.cpu.txBlocksMs += blockMs;
      this.cpu.emptyBlocksMs += emptyMs;
      this.cpu.txBlocks++;
      this.cpu.txs += txs.length;
    }
    const at = { height: executed.header.height, time: executed.header.time };
    batch.forEach((p, i) => {
      p.done?.(
        {
          receipt: executed.receipts[i]!,
          events: executed.events.filter((e) => e.txIndex === i),
          txBytes: encodeTx(txs[i]!).length,
        },
        at,
      );
    });
  }

  /**
   * Proposes the next block with `txs` and commits it with precommits of every validator dated
   * `voteTime` (the next block's BFT time).
   */
  private decide(
    txs: Transaction[],
    voteTime: number,
  ): { header: Header; receipts: Receipt[]; events: BlockEvent[] } {
    const executed = this.app.propose(txs, this.validatorKeys[0]!.publicKey, new Set());
    const header = executed.block.header;
    this.app.commit(executed, this.certify(header, voteTime));
    // Old state versions pruned as a node prunes them (blocks and certificates are kept).
    if (header.height > KEEP_VERSIONS) this.app.store.pruneBefore(header.height - KEEP_VERSIONS);
    this.lastCommitTime = voteTime;
    this.blocks++;
    for (const e of executed.result.events)
      this.eventCounts.set(e.type, (this.eventCounts.get(e.type) ?? 0) + 1);
    return { header, receipts: executed.result.receipts, events: executed.result.events };
  }

  /** `n` empty blocks, a second apart from `from` (what an idle chain adds every 5 s). */
  emptyBlocks(n: number, from: number): void {
    for (let i = 1; i <= n; i++) this.decide([], from + i * 1_000);
  }

  private certify(header: Header, time: number): CommitCertificate {
    const set = this.app.validators(header.height);
    return signCommit(this.suite, this.chainId, header, this.validatorKeys, set, { time: () => time });
  }

  private sign(p: Pending): Transaction {
    const key = this.keys(p.by);
    const addr = this.address(p.by);
    const nonce = this.nonces.get(addr) ?? 0;
    this.nonces.set(addr, nonce + 1);
    return signTx(this.suite, key.secretKey, {
      chainId: this.chainId,
      module: p.module,
      action: p.action,
      params: p.params,
      signer: key.publicKey,
      nonce,
      expiry: this.app.height() + 10,
    });
  }

  /** A value of the state at `height` and its proof (present or absent), as the API serves them. */
  prove(key: string, height: number): { value: Uint8Array | undefined; proof: Uint8Array } {
    const k = utf8.encode(key);
    return {
      value: this.app.store.tree.get(k, height),
      proof: encodeProof(this.app.store.tree.prove(k, height)),
    };
  }

  query(module: string, name: string, params: Value): Value {
    const h = this.app.height();
    const r = this.app.executor.query(module, name, params, this.app.store.view(h), h, this.app.latestTime());
    if (!r.ok) throw new SimError('SIM_QUERY_FAILED', `${module}.${name}: ${r.error.code}`);
    return r.value;
  }

  /** Bytes of the chain's sqlite database (pages in use): blocks, certificates, state tree. */
  bytes(): number {
    this.pragmas ??= ['page_count', 'freelist_count', 'page_size'].map((p) =>
      this.app.store.db.prepare(`PRAGMA ${p}`),
    );
    const [pages, free, size] = this.pragmas.map((q) => Number(Object.values(q.get()!)[0]));
    return (pages! - free!) * size!;
  }
  private pragmas: ReturnType<ChainStore['db']['prepare']>[] | undefined;
}
