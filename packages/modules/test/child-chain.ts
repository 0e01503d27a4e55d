/**
 * A child chain's headers for the anchor tests: real validator keys signing real precommits over
 * real headers (the ledger's encodings and hashes), with set changes named through
 * nextValidatorsHash as a node would. Only the state is left out: each header carries the state
 * root it is given (a state tree of its own where a test needs proofs).
 */
import { createHash } from 'node:crypto';
import type { KeyPair, Suite, Value } from '@djchain/crypto';
import {
  type CommitCertificate,
  commitHash,
  commitToValue,
  type Header,
  headerHash,
  headerToValue,
  signCommit,
  type ValidatorSet,
  validatorSetHash,
  validatorSetToValue,
  ZERO_HASH,
} from '@djchain/ledger';

/** 2024-01-03 00:00 China time: the child's first header is a quarter of an hour later. */
export const CHILD_EPOCH = Date.parse('2024-01-03T00:00:00+08:00');

export interface ChildBlock {
  readonly header: Header;
  readonly commit: CommitCertificate;
  /** The set that signed this height. */
  readonly set: ValidatorSet;
  /** The set of the next height (the header's nextValidatorsHash). */
  readonly nextSet: ValidatorSet;
}

export class ChildChain {
  readonly blocks: ChildBlock[] = [];
  readonly genesisSet: ValidatorSet;
  private keys: readonly KeyPair[];
  private set: ValidatorSet;

  readonly suite: Suite;
  readonly chainId: string;

  constructor(suite: Suite, chainId: string, validators = 1) {
    this.suite = suite;
    this.chainId = chainId;
    this.keys = Array.from({ length: validators }, (_, i) => this.key(i));
    this.set = this.setOf(this.keys);
    this.genesisSet = this.set;
  }

  /** Validator key number `i` of this chain (deterministic). */
  key(i: number): KeyPair {
    return this.suite.keyPairFromSeed(
      new Uint8Array(createHash('sha256').update(`${this.chainId}/validator/${i}`).digest()),
    );
  }

  setOf(keys: readonly KeyPair[]): ValidatorSet {
    return { validators: keys.map((k, i) => ({ publicKey: k.publicKey, power: 10, name: `节点${i}` })) };
  }

  /** Adds a block; `nextKeys` changes the set from the next height on. */
  add(opts: { nextKeys?: readonly KeyPair[]; stateRoot?: Uint8Array; time?: number } = {}): ChildBlock {
    const height = this.blocks.length + 1;
    const prev = this.blocks.at(-1);
    const nextSet = opts.nextKeys ? this.setOf(opts.nextKeys) : this.set;
    const header: Header = {
      chainId: this.chainId,
      height,
      // A quarter of an hour per height: above the parent's least gap between anchors (10 minutes).
      time: opts.time ?? CHILD_EPOCH + height * 900_000,
      prevHash: prev ? headerHash(this.suite, prev.header) : ZERO_HASH,
      lastCommitHash: prev ? commitHash(this.suite, prev.commit) : ZERO_HASH,
      txRoot: this.suite.hash(new TextEncoder().encode(`tx ${height}`)),
      receiptRoot: this.suite.hash(new TextEncoder().encode(`receipts ${height}`)),
      stateRoot: opts.stateRoot ?? this.suite.hash(new TextEncoder().encode(`state ${height}`)),
      validatorsHash: validatorSetHash(this.suite, this.set),
      nextValidatorsHash: validatorSetHash(this.suite, nextSet),
      proposer: this.keys[0]!.publicKey,
    };
    const block = { header, commit: this.sign(header, this.keys, this.set), set: this.set, nextSet };
    this.blocks.push(block);
    if (opts.nextKeys) {
      this.keys = opts.nextKeys;
      this.set = nextSet;
    }
    return block;
  }

  /** Precommits over `header` by `keys`, indexed in `set`. */
  sign(header: Header, keys: readonly KeyPair[], set: ValidatorSet): CommitCertificate {
    return signCommit(this.suite, header.chainId, header, keys, set);
  }

  block(height: number): ChildBlock {
    return this.blocks[height - 1]!;
  }

  /** anchor.submit parameters for height `height` (with the next set when it changes there). */
  anchorParams(height: number, over: { [k: string]: Value } = {}): Value {
    const b = this.block(height);
    const changes = !Buffer.from(b.header.nextValidatorsHash).equals(b.header.validatorsHash);
    return {
      chain: this.chainId,
      header: headerToValue(b.header),
      commit: commitToValue(b.commit),
      validators: validatorSetToValue(b.set),
      ...(changes ? { nextValidators: validatorSetToValue(b.nextSet) } : {}),
      ...over,
    };
  }

  registerParams(intervalMinutes = 60): Value {
    return {
      chain: this.chainId,
      suite: this.suite.id,
      name: '东风社区链',
      validators: validatorSetToValue(this.genesisSet),
      intervalMinutes,
    };
  }
}
