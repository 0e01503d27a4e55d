/**
 * A community chain as a light model: what its parent sees of it. Its validators' real keys sign
 * real precommits over real headers (the ledger's encodings and hashes) whose state root is the
 * root of a real sparse Merkle tree holding its members' history heads, changed as its members'
 * records change. It runs no modules: the parent's anchor module is what is under test here.
 *
 * Heights follow a node's cadence (an empty block every 5 s when idle, `emptyBlockIntervalMs`), but
 * only the headers that are anchored are made: the parent steps from one anchored header to the
 * next by the light client's skipping rule, as it would with a real child. A validator-set change
 * is named by one header (its nextValidatorsHash) and that header is anchored with the new set.
 */
import type { KeyPair, Suite } from '@djchain/crypto';
import { encode, toHex } from '@djchain/crypto';
import {
  type CommitCertificate,
  type Header,
  headerHash,
  makeCommit,
  signCommit,
  signVote,
  type ValidatorSet,
  validatorSetHash,
} from '@djchain/ledger';
import { MemoryNodeStore, StateTree } from '@djchain/state';
import type { Prng } from '../prng.ts';
import type { Committed } from './sim-chain.ts';

const utf8 = new TextEncoder();
/** A node's empty-block interval (packages/node, `emptyBlockIntervalMs`). */
export const BLOCK_MS = 5_000;

export class LightCommunity {
  readonly chainId: string;
  readonly suite: Suite;
  readonly genesisSet: ValidatorSet;
  readonly members: number;
  /** The hash (hex) of every header made, by height: what the parent's anchors must match. */
  readonly made = new Map<number, string>();
  private readonly tree: StateTree;
  private readonly heads: Uint8Array[];
  private readonly genesisTime: number;
  private version = 0;
  private keys: KeyPair[];
  private set: ValidatorSet;
  private nextKey: number;

  constructor(suite: Suite, chainId: string, genesisTime: number, members: number) {
    this.suite = suite;
    this.chainId = chainId;
    this.genesisTime = genesisTime;
    this.members = members;
    this.keys = [0, 1, 2, 3].map((i) => this.key(i));
    this.nextKey = 4;
    this.set = setOf(this.keys);
    this.genesisSet = this.set;
    this.tree = new StateTree({ hasher: (d) => suite.hash(d) }, { store: new MemoryNodeStore() });
    this.heads = Array.from({ length: members }, (_, i) => suite.hash(utf8.encode(`${chainId}/m${i}`)));
    this.tree.update(
      0,
      this.heads.map((h, i) => [utf8.encode(`hist/member:m${i}`), encode({ head: h, count: 1 })] as const),
    );
  }

  key(i: number): KeyPair {
    return this.suite.keyPairFromSeed(
      this.suite.hash(utf8.encode(`djchain-hierarchy/${this.chainId}/v${i}`)),
    );
  }

  /**
   * The header at time `time`: `events` members' records changed since the last one (drawn by the
   * caller); with `changeSet`, one validator is replaced from the next height on.
   */
  header(time: number, prng: Prng, events: number, changeSet: boolean): Committed {
    const height = Math.floor((time - this.genesisTime) / BLOCK_MS);
    const writes: [Uint8Array, Uint8Array][] = [];
    for (let e = 0; e < events; e++) {
      const i = prng.int(this.members);
      this.heads[i] = this.suite.hash(encode([this.heads[i]!, height, e]));
      writes.push([utf8.encode(`hist/member:m${i}`), encode({ head: this.heads[i]!, count: height })]);
    }
    this.version++;
    const stateRoot = this.tree.update(this.version, writes);
    if (this.version > 1) this.tree.prune(this.version);
    const nextKeys = changeSet ? [...this.keys.slice(1), this.key(this.nextKey++)] : this.keys;
    const nextSet = changeSet ? setOf(nextKeys) : this.set;
    const filler = (what: string) => this.suite.hash(utf8.encode(`${this.chainId}/${what}/${height}`));
    const header: Header = {
      chainId: this.chainId,
      height,
      time,
      prevHash: filler('prev'),
      lastCommitHash: filler('last-commit'),
      txRoot: filler('tx'),
      receiptRoot: filler('receipts'),
      stateRoot,
      validatorsHash: validatorSetHash(this.suite, this.set),
      nextValidatorsHash: validatorSetHash(this.suite, nextSet),
      proposer: this.keys[0]!.publicKey,
    };
    const block: Committed = {
      header,
      commit: this.sign(header, this.keys, this.set),
      set: this.set,
      nextSet,
    };
    this.made.set(height, toHex(headerHash(this.suite, header)));
    this.keys = nextKeys;
    this.set = nextSet;
    return block;
  }

  /** Precommits over `header` by `keys`, indexed in `set`, half a second after it. */
  sign(header: Header, keys: readonly KeyPair[], set: ValidatorSet): CommitCertificate {
    return signCommit(this.suite, header.chainId, header, keys, set);
  }

  /** A forger's certificate for `header`: keys of no set of this chain, claiming the places of `set`'s validators. */
  forgedCommit(header: Header, set: ValidatorSet): CommitCertificate {
    const strangers = set.validators.map((_, i) =>
      this.suite.keyPairFromSeed(
        this.suite.hash(utf8.encode(`djchain-hierarchy/forger/${this.chainId}/${i}`)),
      ),
    );
    const blockHash = headerHash(this.suite, header);
    const time = header.time + 500;
    const sigs = strangers.map((k, validatorIndex) => ({
      validatorIndex,
      time,
      signature: signVote(this.suite, k.secretKey, header.chainId, {
        type: 'precommit' as const,
        height: header.height,
        round: 0,
        blockHash,
        time,
        validator: set.validators[validatorIndex]!.publicKey,
      }).signature,
    }));
    return makeCommit(header.height, 0, blockHash, sigs);
  }
}

function setOf(keys: readonly KeyPair[]): ValidatorSet {
  return { validators: keys.map((k, i) => ({ publicKey: k.publicKey, power: 10, name: `节点${i}` })) };
}
