/**
 * A real little chain for tests: validators that sign precommits, a sparse Merkle state tree in
 * memory, receipts, per-entity history written with @djchain/runtime's own hash functions, and
 * validator-set changes named through nextValidatorsHash. No part is mocked: the light client,
 * the dossier verifier and the SDK check exactly what a node would serve.
 */
import { encode, getSuite, type KeyPair, type Suite, type SuiteId } from '@djchain/crypto';
import {
  type Block,
  type CommitCertificate,
  commitHash,
  encodeTx,
  type Header,
  headerHash,
  merkleProof,
  merkleRoot,
  type Receipt,
  type ReceiptEvent,
  receiptHash,
  signCommit,
  signTx,
  type Transaction,
  txHash,
  txRoot,
  type ValidatorSet,
  validatorSetHash,
  ZERO_HASH,
} from '@djchain/ledger';
import { eventHash, GENESIS_HEAD, historyKey, nextHead, type StoredEvent } from '@djchain/runtime';
import { MemoryNodeStore, StateTree } from '@djchain/state';

export const CHAIN_ID = 'djchain-test';
const utf8 = new TextEncoder();

export function keyOf(suite: Suite, i: number): KeyPair {
  return suite.keyPairFromSeed(new Uint8Array(32).fill(i + 1));
}

export function setOf(keys: readonly KeyPair[], powers?: readonly number[]): ValidatorSet {
  return {
    validators: keys.map((k, i) => ({ publicKey: k.publicKey, power: powers?.[i] ?? 10, name: `节点${i}` })),
  };
}

export interface BlockSpec {
  /** Transactions with the events each raised (entities name whose history advances). */
  readonly txs?: ReadonlyArray<{ readonly tx: Transaction; readonly events?: readonly ReceiptEvent[] }>;
  /** Extra state writes (key → value), applied with the block. */
  readonly writes?: Readonly<Record<string, Uint8Array>>;
  /** The validator set (keys, powers) from the NEXT height on. */
  readonly nextSet?: { readonly keys: readonly KeyPair[]; readonly powers?: readonly number[] };
}

export interface MadeBlock {
  readonly block: Block;
  readonly commit: CommitCertificate;
  readonly receipts: readonly Receipt[];
  readonly set: ValidatorSet;
}

export class TestChain {
  readonly suite: Suite;
  readonly chainId = CHAIN_ID;
  readonly tree: StateTree;
  readonly blocks: MadeBlock[] = [];
  readonly genesisSet: ValidatorSet;
  readonly events = new Map<string, StoredEvent[]>();
  private keys: readonly KeyPair[];
  private set: ValidatorSet;
  private head = new Map<string, Uint8Array>();
  private nonces = new Map<string, number>();

  constructor(suiteId: SuiteId = 'intl', validators = 4) {
    this.suite = getSuite(suiteId);
    this.keys = Array.from({ length: validators }, (_, i) => keyOf(this.suite, i));
    this.set = setOf(this.keys);
    this.genesisSet = this.set;
    this.tree = new StateTree({ hasher: (d) => this.suite.hash(d) }, { store: new MemoryNodeStore() });
  }

  get height(): number {
    return this.blocks.length;
  }

  header(height: number): Header {
    return this.blocks[height - 1]!.block.header;
  }

  /** A signed transaction from key `signer` with its next nonce. */
  tx(signer: KeyPair, module: string, action: string, params: Record<string, string | number>): Transaction {
    const id = Buffer.from(signer.publicKey).toString('hex');
    const nonce = this.nonces.get(id) ?? 0;
    this.nonces.set(id, nonce + 1);
    const body = {
      chainId: this.chainId,
      module,
      action,
      params,
      signer: signer.publicKey,
      nonce,
      expiry: 1000,
    };
    return signTx(this.suite, signer.secretKey, body);
  }

  add(spec: BlockSpec = {}): MadeBlock {
    const height = this.height + 1;
    const prev = this.blocks.at(-1);
    const writes = new Map<string, Uint8Array>(Object.entries(spec.writes ?? {}));
    const receipts: Receipt[] = [];
    const txs = (spec.txs ?? []).map((t) => t.tx);
    (spec.txs ?? []).forEach(({ tx, events = [] }, txIndex) => {
      const touched = new Set<string>();
      for (const e of events) {
        const h = eventHash(this.suite, e);
        for (const entity of e.entities) {
          const list = this.events.get(entity) ?? [];
          const head = nextHead(this.suite, this.head.get(entity) ?? GENESIS_HEAD, h, height, txIndex);
          list.push({ ...e, height, txIndex });
          this.events.set(entity, list);
          this.head.set(entity, head);
          const v = encode({ head, count: list.length, last: height });
          writes.set(historyKey(entity), v);
          touched.add(historyKey(entity));
        }
      }
      receipts.push({ txHash: txHash(this.suite, tx), status: 'ok', events, writes: [...touched].sort() });
    });
    const stateRoot = this.tree.update(
      height,
      [...writes].map(([k, v]) => [utf8.encode(k), v] as const),
    );
    const nextSet = spec.nextSet ? setOf(spec.nextSet.keys, spec.nextSet.powers) : this.set;
    const header: Header = {
      chainId: this.chainId,
      height,
      time: 1_700_000_000_000 + height * 1000,
      prevHash: prev ? headerHash(this.suite, prev.block.header) : ZERO_HASH,
      lastCommitHash: prev ? commitHash(this.suite, prev.commit) : ZERO_HASH,
      txRoot: txRoot(this.suite, txs),
      receiptRoot: merkleRoot(
        this.suite,
        receipts.map((r) => receiptHash(this.suite, r)),
      ),
      stateRoot,
      validatorsHash: validatorSetHash(this.suite, this.set),
      nextValidatorsHash: validatorSetHash(this.suite, nextSet),
      proposer: this.keys[height % this.keys.length]!.publicKey,
    };
    const commit = this.sign(header, this.keys);
    const made = {
      block: { header, txs, lastCommit: prev ? prev.commit : null },
      commit,
      receipts,
      set: this.set,
    };
    this.blocks.push(made);
    if (spec.nextSet) {
      this.keys = spec.nextSet.keys;
      this.set = nextSet;
    }
    return made;
  }

  /** Precommits for `header` by `signers` (indices into the set of the header's height). */
  sign(header: Header, keys: readonly KeyPair[], round = 0, signingSet?: ValidatorSet): CommitCertificate {
    const set = signingSet ?? this.blocks[header.height - 1]?.set ?? this.set;
    return signCommit(this.suite, this.chainId, header, keys, set, {
      round,
      time: (validatorIndex) => header.time + 500 + validatorIndex,
    });
  }

  /** Keys of the set in force at `height`. */
  keysAt(height: number): readonly KeyPair[] {
    const set = this.blocks[height - 1]!.set;
    return set.validators.map((v) => {
      for (let i = 0; i < 64; i++) {
        const k = keyOf(this.suite, i);
        if (Buffer.from(k.publicKey).equals(v.publicKey)) return k;
      }
      throw new Error('unknown validator key');
    });
  }

  receiptProof(height: number, index: number) {
    const b = this.blocks[height - 1]!;
    return merkleProof(
      this.suite,
      b.receipts.map((r) => receiptHash(this.suite, r)),
      index,
    );
  }

  /** Where transaction `hash` was committed. */
  findTx(hash: Uint8Array): { height: number; index: number } | undefined {
    for (const [i, b] of this.blocks.entries()) {
      const index = b.block.txs.findIndex((t) => Buffer.from(txHash(this.suite, t)).equals(hash));
      if (index >= 0) return { height: i + 1, index };
    }
    return undefined;
  }

  encodedTx(tx: Transaction): Uint8Array {
    return encodeTx(tx);
  }
}

/** An event naming `entities`. */
export function event(type: string, entities: readonly string[], data: Record<string, string | number> = {}) {
  return { module: 'member', type, entities, data } satisfies ReceiptEvent;
}
