/**
 * The application the simulated validators agree on. The interface is the seam where the real
 * runtime executor plugs in later: build a block, validate it (the paper's valid(v)), execute it to a
 * state root, and read the validator set from the chain (changes effective at h+2).
 */
import { createHash } from 'node:crypto';
import {
  bftTime,
  isQuorum,
  makeValidatorSet,
  type Validator,
  type ValueId,
  type Vote,
} from '@djchain/consensus';

/**
 * A simulated block: its BFT time and the commit of its parent (as a header carries them, DESIGN §4),
 * a few transactions and, sometimes, a validator power change.
 */
export interface Block {
  readonly height: number;
  readonly proposer: string;
  /** Weighted median of `lastCommit`'s precommit times (0 at height 1). */
  readonly time: number;
  /** The precommits that committed the parent block (empty at height 1). */
  readonly lastCommit: readonly Vote[];
  readonly txs: readonly string[];
  readonly powerChange: { readonly id: string; readonly power: number } | null;
}

export interface Application {
  /** The block a proposer offers; `salt` tells apart nodes sharing one key (twins). */
  buildBlock(
    height: number,
    round: number,
    proposer: string,
    salt: number,
    chain: readonly Block[],
    lastCommit: readonly Vote[],
  ): Block;
  /** valid(v) of the paper, on the block contents. */
  validate(height: number, block: Block, chain: readonly Block[]): boolean;
  /** Executes a decided block on top of `prevRoot`, returning the new state root. */
  execute(prevRoot: string, block: Block): string;
  /** The validator set for `height`: genesis, then each power change of block h applied from h+2. */
  validatorsAt(height: number, chain: readonly Block[]): Validator[];
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** id(v): the hash of the block's canonical JSON (fields in fixed order). */
export function blockId(b: Block): ValueId {
  const change = b.powerChange === null ? null : [b.powerChange.id, b.powerChange.power];
  const commit = b.lastCommit.map((v) => [v.validator, v.round, v.value, v.time ?? null]);
  return sha256Hex(JSON.stringify([b.height, b.proposer, b.time, commit, b.txs, change])).slice(0, 32);
}

/** The marker a Byzantine proposer puts in a block to make it invalid. */
export const INVALID_TX = 'INVALID';

/**
 * The trivial deterministic application. It knows which validators are Byzantine only to keep the
 * simulation inside the fault assumption: a power change is valid only if Byzantine power stays
 * below 1/3 (the stand-in for the governance rule that admits validators).
 */
export class TrivialApp implements Application {
  private readonly genesis: readonly Validator[];
  private readonly byzantine: ReadonlySet<string>;

  constructor(genesis: readonly Validator[], byzantine: ReadonlySet<string>) {
    this.genesis = genesis;
    this.byzantine = byzantine;
  }

  validatorsAt(height: number, chain: readonly Block[]): Validator[] {
    const powers = new Map(this.genesis.map((v) => [v.id, v.power]));
    for (let h = 1; h <= height - 2 && h <= chain.length; h++) {
      const change = chain[h - 1]!.powerChange;
      if (change) powers.set(change.id, change.power);
    }
    return [...powers].map(([id, power]) => ({ id, power }));
  }

  private changeKeepsBound(
    height: number,
    chain: readonly Block[],
    change: { id: string; power: number },
  ): boolean {
    if (!Number.isSafeInteger(change.power) || change.power < 1 || change.power > 8) return false;
    const after = this.validatorsAt(height + 2, chain).map((v) =>
      v.id === change.id ? { id: v.id, power: change.power } : v,
    );
    if (!after.some((v) => v.id === change.id)) return false;
    const total = after.reduce((s, v) => s + v.power, 0);
    const byz = after.filter((v) => this.byzantine.has(v.id)).reduce((s, v) => s + v.power, 0);
    return byz * 3 < total;
  }

  /** BFT time of a block at `height` carrying `lastCommit`; null when it is no commit. */
  private timeOf(height: number, chain: readonly Block[], lastCommit: readonly Vote[]): number | null {
    if (height === 1) return lastCommit.length === 0 ? 0 : null;
    return bftTime(makeValidatorSet(this.validatorsAt(height - 1, chain)), lastCommit);
  }

  /** Is `lastCommit` more than 2/3 of the parent's set precommitting the parent in one round? */
  private isParentCommit(height: number, chain: readonly Block[], lastCommit: readonly Vote[]): boolean {
    if (height === 1) return lastCommit.length === 0;
    const parent = chain[height - 2];
    const first = lastCommit[0];
    if (parent === undefined || first === undefined) return false;
    const set = makeValidatorSet(this.validatorsAt(height - 1, chain));
    const parentId = blockId(parent);
    const seen = new Set<string>();
    let power = 0;
    for (const v of lastCommit) {
      if (v.type !== 'precommit' || v.height !== height - 1 || v.round !== first.round) return false;
      if (v.value !== parentId || seen.has(v.validator)) return false;
      seen.add(v.validator);
      power += set.validators.find((x) => x.id === v.validator)?.power ?? 0;
    }
    return isQuorum(set, power);
  }

  buildBlock(
    height: number,
    round: number,
    proposer: string,
    salt: number,
    chain: readonly Block[],
    lastCommit: readonly Vote[],
  ): Block {
    const txs = [0, 1, 2].map((k) => `tx:${proposer}:${salt}:${height}:${round}:${k}`);
    let powerChange: Block['powerChange'] = null;
    if (height % 3 === 0) {
      const set = this.validatorsAt(height, chain);
      const target = set[(height + round) % set.length]!;
      const change = { id: target.id, power: 1 + ((height + target.power) % 4) };
      if (this.changeKeepsBound(height, chain, change)) powerChange = change;
    }
    const time = this.timeOf(height, chain, lastCommit) ?? 0;
    return { height, proposer, time, lastCommit, txs, powerChange };
  }

  validate(height: number, block: Block, chain: readonly Block[]): boolean {
    if (block.height !== height || chain.length !== height - 1) return false;
    if (block.txs.length > 16 || block.txs.includes(INVALID_TX)) return false;
    if (!this.isParentCommit(height, chain, block.lastCommit)) return false;
    if (this.timeOf(height, chain, block.lastCommit) !== block.time) return false;
    return block.powerChange === null || this.changeKeepsBound(height, chain, block.powerChange);
  }

  execute(prevRoot: string, block: Block): string {
    return sha256Hex(`${prevRoot}:${blockId(block)}`);
  }
}

export const GENESIS_ROOT = sha256Hex('djchain-sim-genesis');
