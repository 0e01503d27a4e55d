/**
 * The application: genesis, execution of block h over state h-1, headers whose state root is the
 * root AFTER the block's transactions (DESIGN §4), validation of proposed blocks, and commit.
 * Execution results are cached by block hash, so a proposal validated once (or built by this
 * node) is not executed again when it is decided.
 */
import { arrayItemEncodings, decode, equalBytes as equalHash, type Suite, toHex } from '@djchain/crypto';
import {
  type Block,
  blockTxHashes,
  type CommitCertificate,
  checkBlockLinks,
  commitHash,
  commitTime,
  encodeBlock,
  type Header,
  headerHash,
  merkleRoot,
  type Transaction,
  type ValidatorSet,
  validatorIndex,
  validatorSetFromValue,
  validatorSetHash,
  verifyCommit,
  ZERO_HASH,
} from '@djchain/ledger';
import { type BlockResult, Executor, type GenesisDoc, type ModuleDef } from '@djchain/runtime';
import type { NodeBatch } from '@djchain/state';
import { NodeError } from '../errors.ts';
import type { ChainStore } from '../storage/chain-store.ts';
import { keyBytes } from '../storage/state-view.ts';
import { snapshotBaseHeight, snapshotValidators } from '../sync/snapshot-base.ts';
import { genesisToJson } from './genesis.ts';
import { SignatureMemo } from './signature-memo.ts';

/** A block executed over the latest committed state, ready to commit. */
export interface Executed {
  readonly block: Block;
  readonly hash: Uint8Array;
  readonly hashHex: string;
  readonly result: BlockResult;
  readonly batch: NodeBatch;
  /** encodeBlock(block), once known (blockBytes): the bytes a peer sent, or the first encoding. */
  encoded?: Uint8Array;
}

/** What came with a peer's block besides the block itself (Application.validate). */
export interface ReceivedBlock {
  /** Hex ids whose signatures were checked already (the mempool's admitted transactions). */
  readonly verified?: ReadonlySet<string>;
  /** The ids of `block.txs` hashed from the received bytes (`blockTxHashes`); else from `bytes`. */
  readonly txHashes?: readonly Uint8Array[];
  /** The bytes the block was decoded from (PERF: not encoded again to store or relay it). */
  readonly bytes?: Uint8Array;
}

/** The block's canonical encoding, encoded at most once per execution (PERF). */
export function blockBytes(executed: Executed): Uint8Array {
  executed.encoded ??= encodeBlock(executed.block);
  return executed.encoded;
}

export interface ApplicationOptions {
  readonly suite: Suite;
  readonly genesis: GenesisDoc;
  readonly modules: readonly ModuleDef[];
  /**
   * TEST ONLY: deliberately broken variants for the simulator's mutant runs (packages/sim), never
   * set by the CLI. `skipCertificateCheck`: no certificate is verified (a block's last commit, a
   * synced block's certificate, the certificate stored at commit).
   */
  readonly unsafe?: { readonly skipCertificateCheck?: boolean };
}

export class Application {
  readonly suite: Suite;
  /**
   * Precommit signatures found valid (peers' votes, certificates): a certificate made of votes
   * this node checked is not checked again at commit, nor as the next block's lastCommit.
   */
  readonly precommits: SignatureMemo;
  readonly chainId: string;
  readonly genesis: GenesisDoc;
  readonly executor: Executor;
  readonly store: ChainStore;
  readonly unsafe: ApplicationOptions['unsafe'];
  /** Executed blocks at the next height, by hash hex (cleared at each commit). */
  private readonly cache = new Map<string, Executed>();
  /**
   * Transactions executed (proposed or validated) whose signature the mempool had not checked,
   * so execution checked it (a proposal's transaction that had not reached this node's mempool).
   */
  signaturesCheckedInExecution = 0;
  /** Blocks whose links `checkLinks` checked, with the ids it checked them against. */
  private readonly linked = new WeakMap<Block, readonly Uint8Array[]>();
  private readonly validatorCache = new Map<number, ValidatorSet>();
  /** `height()` as last read from the store (undefined: read it again). */
  private latest: number | undefined;
  /** The latest block's header, read once per commit like `latest`. */
  private latestHeader: Header | undefined;
  /**
   * The height of the snapshot the store was started from (null: none), read once: it is written
   * before an Application is opened on the store and never after.
   */
  private snapshotBase: number | null | undefined;

  constructor(opts: ApplicationOptions, deps: { store: ChainStore }) {
    this.suite = opts.suite;
    this.precommits = new SignatureMemo(opts.suite);
    this.chainId = opts.genesis.chainId;
    this.genesis = opts.genesis;
    this.executor = new Executor({ chainId: this.chainId, suite: this.suite, modules: opts.modules });
    this.store = deps.store;
    this.unsafe = opts.unsafe;
    this.initGenesis();
  }

  /**
   * Latest committed height (0 = genesis only). PERF: asked for every peer message and machine
   * rule; read from the database once per commit. Blocks reach the store through `commit` only
   * while an Application is open on it (a snapshot is installed before one is opened).
   */
  height(): number {
    if (this.latest === undefined) this.latest = this.store.latestHeight();
    return this.latest;
  }

  header(height: number): Header | undefined {
    // PERF: the latest header is asked for at every height start and every validation.
    if (height !== this.height() || height === 0) return this.store.blocks.getHeader(height);
    this.latestHeader ??= this.store.blocks.getHeader(height);
    return this.latestHeader;
  }

  /** BFT time of the latest committed block (the genesis time before the first block). */
  latestTime(): number {
    const h = this.height();
    return h === 0 ? this.genesis.time : this.header(h)!.time;
  }

  /**
   * The validators of height `height`: `sys/validators` as of state version height-2 (genesis for
   * heights 1 and 2). A change written in block h takes effect at height h+2 (DESIGN §4), so every
   * header can state its next set (`nextValidatorsHash`) when it is built.
   */
  validators(height: number): ValidatorSet {
    const version = Math.max(0, height - 2);
    const hit = this.validatorCache.get(version);
    if (hit) return hit;
    // A node started from a snapshot at h has no state versions h-2 and h-1: the snapshot base
    // carries the sets of heights h and h+1 (verified against the trusted header).
    // PERF: the base is looked up once, not on every cache miss (a statement prepared each time).
    if (this.snapshotBase === undefined) this.snapshotBase = snapshotBaseHeight(this.store) ?? null;
    const base = this.snapshotBase;
    const fromSnapshot =
      base !== null && (height === base || height === base + 1)
        ? snapshotValidators(this.store, height)
        : undefined;
    if (fromSnapshot) {
      this.validatorCache.set(version, fromSnapshot);
      return fromSnapshot;
    }
    const bytes = this.store.validatorSetValue(version);
    if (bytes === undefined)
      throw new NodeError('NODE_STORE_CORRUPT', 'no validator set in state', { version });
    const set = validatorSetFromValue(decode(bytes));
    if (this.validatorCache.size > 16) this.validatorCache.clear();
    this.validatorCache.set(version, set);
    return set;
  }

  /** A cached execution of the block with this hash at the next height. */
  executed(hashHex: string): Executed | undefined {
    return this.cache.get(hashHex);
  }

  /**
   * Builds and executes the next block from `txs` (already checked by the mempool; `verified`
   * holds their hash hexes so signatures are not checked again — PERF). `txIds`, when given, are
   * the hex ids of `txs` in the same order, as the mempool hashed them from the received bytes
   * (PERF: the executor does not encode and hash each transaction again).
   */
  propose(
    txs: readonly Transaction[],
    proposer: Uint8Array,
    verified: ReadonlySet<string>,
    txIds?: readonly string[],
  ): Executed {
    const height = this.height() + 1;
    const lastCommit = height === 1 ? null : this.store.blocks.getCommit(height - 1)!;
    const time = this.blockTime(height, lastCommit);
    const { result, batch } = this.run(height, time, txs, proposer, verified, txIds);
    const prev = height === 1 ? undefined : this.header(height - 1)!;
    const header: Header = {
      chainId: this.chainId,
      height,
      time,
      prevHash: prev ? headerHash(this.suite, prev) : ZERO_HASH,
      lastCommitHash: lastCommit ? commitHash(this.suite, lastCommit) : ZERO_HASH,
      // PERF: the root over the executor's ids, here where a header is built: a validator checked
      // the proposal's against the same ids (checkBlockLinks) and needs no second one.
      txRoot: merkleRoot(this.suite, result.txHashes),
      receiptRoot: result.receiptRoot,
      stateRoot: batch.root.hash,
      validatorsHash: validatorSetHash(this.suite, this.validators(height)),
      nextValidatorsHash: validatorSetHash(this.suite, this.validators(height + 1)),
      proposer,
    };
    return this.remember({ header, txs, lastCommit }, result, batch);
  }

  /**
   * checkBlockLinks (LEDGER_BAD_BLOCK when the body does not match its header), remembered for
   * this block object with these ids so that `validate` of the same two does not check again.
   */
  checkLinks(block: Block, txHashes: readonly Uint8Array[]): void {
    checkBlockLinks(this.suite, block, txHashes);
    this.linked.set(block, txHashes);
  }

  /**
   * Checks a block proposed for the next height and executes it: links and roots, the previous
   * block's certificate, BFT time, validator hashes, proposer, and the state and receipt roots
   * after execution. NODE_BAD_BLOCK naming the first problem otherwise. `received`: what the
   * caller knows of the block's bytes (PERF: ids not hashed, signatures not verified, the block
   * not encoded again).
   */
  validate(block: Block, received: ReceivedBlock = {}): Executed {
    const { verified = new Set<string>() } = received;
    const hash = headerHash(this.suite, block.header);
    const hit = this.cache.get(toHex(hash));
    if (hit) return hit;
    const h = block.header;
    const height = this.height() + 1;
    const bad = (message: string) => new NodeError('NODE_BAD_BLOCK', message, { height: h.height });
    if (h.chainId !== this.chainId) throw bad('block is for another chain');
    if (h.height !== height) throw bad(`expected height ${height}`);
    let txHashes = received.txHashes;
    try {
      // PERF: a synced or restored block's ids from its bytes too (no encoding to hash them).
      if (txHashes === undefined && received.bytes !== undefined)
        txHashes = blockTxHashes(this.suite, received.bytes);
      // PERF: a proposal's links were checked against these same ids by `checkLinks` (the tx
      // root is a hash per transaction): not a second time.
      if (txHashes === undefined || this.linked.get(block) !== txHashes)
        checkBlockLinks(this.suite, block, txHashes);
    } catch (e) {
      throw bad((e as Error).message);
    }
    if (height > 1) {
      const prev = this.header(height - 1)!;
      if (!equalHash(h.prevHash, headerHash(this.suite, prev))) throw bad('prevHash is not the latest block');
      const check = verifyCommit(this.precommits.suite, this.validators(height - 1), prev, block.lastCommit!);
      if (!check.ok && this.unsafe?.skipCertificateCheck !== true)
        throw bad(`last commit: ${check.error.message}`);
    }
    if (h.time !== this.blockTime(height, block.lastCommit))
      throw bad('time is not the BFT time of the last commit');
    if (!equalHash(h.validatorsHash, validatorSetHash(this.suite, this.validators(height)))) {
      throw bad('validatorsHash mismatch');
    }
    if (!equalHash(h.nextValidatorsHash, validatorSetHash(this.suite, this.validators(height + 1)))) {
      throw bad('nextValidatorsHash mismatch');
    }
    if (validatorIndex(this.validators(height), h.proposer) < 0) throw bad('proposer is not a validator');
    const { result, batch } = this.run(height, h.time, block.txs, h.proposer, verified, txHashes?.map(toHex));
    if (!equalHash(result.receiptRoot, h.receiptRoot)) throw bad('receiptRoot differs from execution');
    if (!equalHash(batch.root.hash, h.stateRoot)) throw bad('stateRoot differs from execution');
    const executed = this.remember(block, result, batch);
    if (received.bytes !== undefined) executed.encoded = received.bytes;
    return executed;
  }

  /**
   * Commits a decided block with its certificate (one database transaction). The certificate is
   * verified against the height's validator set first: a stored certificate that does not verify
   * would be carried by every next proposal of this node and refused by every peer (issue 9,
   * fault 1), so it is never stored (NODE_BAD_COMMIT).
   */
  commit(executed: Executed, commit: CommitCertificate): void {
    const height = executed.block.header.height;
    if (height !== this.height() + 1) {
      throw new NodeError('NODE_STORE_CONFLICT', 'block is not for the next height', { height });
    }
    const check = verifyCommit(this.precommits.suite, this.validators(height), executed.block.header, commit);
    if (!check.ok && this.unsafe?.skipCertificateCheck !== true) {
      throw new NodeError('NODE_BAD_COMMIT', `certificate does not verify: ${check.error.message}`, {
        height,
      });
    }
    try {
      this.store.commitBlock(
        { block: executed.block, commit, receipts: executed.result.receipts },
        executed.batch,
        executed.result.txHashes, // PERF: hashed once, by the executor (or the mempool)
        executed.result.receiptBytes, // PERF: encoded once, by the executor
        // PERF: each transaction's bytes as they are in the block's (received or proposed) bytes.
        arrayItemEncodings(blockBytes(executed), 'txs'),
      );
    } finally {
      // Read again from the file, committed or not.
      this.latest = undefined;
      this.latestHeader = undefined;
    }
    this.cache.clear();
  }

  private blockTime(height: number, lastCommit: CommitCertificate | null): number {
    if (height === 1 || lastCommit === null) return this.genesis.time;
    return commitTime(this.validators(height - 1), lastCommit);
  }

  private run(
    height: number,
    time: number,
    txs: readonly Transaction[],
    proposer: Uint8Array,
    verified: ReadonlySet<string>,
    txIds?: readonly string[],
  ): { result: BlockResult; batch: NodeBatch } {
    if (txIds === undefined) this.signaturesCheckedInExecution += txs.length;
    else for (const id of txIds) if (!verified.has(id)) this.signaturesCheckedInExecution++;
    const result = this.executor.executeBlock(
      { height, time, txs, proposer, verified, ...(txIds === undefined ? {} : { txIds }) },
      // The executor's block overlay remembers its reads itself.
      this.store.view(height - 1, { cacheReads: false }),
    );
    const writes = result.writes.map(([k, v]) => [keyBytes(k), v] as const);
    const { nodeBatch } = this.store.tree.applyBatch(height, writes);
    return { result, batch: nodeBatch };
  }

  private remember(block: Block, result: BlockResult, batch: NodeBatch): Executed {
    const hash = headerHash(this.suite, block.header);
    const executed: Executed = { block, hash, hashHex: toHex(hash), result, batch };
    this.cache.set(executed.hashHex, executed);
    return executed;
  }

  /** Writes state version 0 on first start; afterwards checks the stored genesis is this one. */
  private initGenesis(): void {
    const json = JSON.stringify(genesisToJson(this.genesis));
    if (this.store.hasGenesis()) {
      const stored = this.store.getMeta('genesis');
      if (stored !== json) {
        throw new NodeError('NODE_GENESIS_MISMATCH', 'the database was created from another genesis.json');
      }
      return;
    }
    const { writes } = this.executor.executeGenesis(this.genesis);
    const { nodeBatch } = this.store.tree.applyBatch(
      0,
      writes.map(([k, v]) => [keyBytes(k), v] as const),
    );
    this.store.commitGenesis(nodeBatch, { genesis: json, chainId: this.chainId });
  }
}
