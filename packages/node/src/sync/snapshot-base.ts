/**
 * Installing a verified snapshot into an empty chain store, and what a node started from one
 * needs to continue: block h (with its certificate and receipts) in the block store, and the
 * validator sets of heights h and h+1, which come from state versions h-2 and h-1 that the
 * snapshot does not hold (DESIGN §4: a change written in block h takes effect at h+2).
 */
import { decode } from '@djchain/crypto';
import {
  decodeValidatorSet,
  encodeValidatorSet,
  type StoredBlock,
  type ValidatorSet,
  validatorSetFromValue,
} from '@djchain/ledger';
import type { GenesisDoc } from '@djchain/runtime';
import type { NodeBatch } from '@djchain/state';
import { genesisToJson } from '../app/genesis.ts';
import { NodeError } from '../errors.ts';
import type { ChainStore } from '../storage/chain-store.ts';
import { inTransaction } from '../storage/db.ts';

/**
 * Table of the snapshot a store was started from (at most one row): its height and the validator
 * sets of heights h and h+1. New name in the node table registry (chain-store.ts).
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS node_snapshot_base (
  id INTEGER PRIMARY KEY CHECK (id = 1), height INTEGER NOT NULL,
  validators BLOB NOT NULL, next_validators BLOB NOT NULL)`;

/** Everything fetched and verified for height `height`, ready to install. */
export interface VerifiedSnapshot {
  readonly height: number;
  /** State version `height`, rebuilt from verified chunks (prepareSnapshotImport). */
  readonly state: NodeBatch;
  /** Block `height` with its certificate and receipts, checked against the trusted header. */
  readonly block: StoredBlock;
  /** Validator sets of heights `height` and `height + 1`, checked against the header's hashes. */
  readonly validators: ValidatorSet;
  readonly nextValidators: ValidatorSet;
}

/**
 * Writes a verified snapshot into an EMPTY store in one database transaction: state version h,
 * block h, the genesis metadata Application checks at open, and the snapshot base. After it, an
 * Application opened on the store continues at height h+1 (once its `validators` consults
 * `snapshotValidators` for heights h and h+1).
 */
export function installSnapshot(store: ChainStore, snap: VerifiedSnapshot, genesis: GenesisDoc): void {
  store.db.exec(SCHEMA);
  if (store.nodes.versions() !== undefined || store.latestHeight() !== 0) {
    throw new NodeError('NODE_SNAPSHOT_NOT_EMPTY', 'a snapshot is installed only into an empty store');
  }
  if (snap.state.version !== snap.height || snap.block.block.header.height !== snap.height) {
    throw new NodeError('NODE_STORE_CONFLICT', 'snapshot state and block heights differ', {
      height: snap.height,
    });
  }
  if (genesis.chainId !== snap.block.block.header.chainId) {
    throw new NodeError('NODE_GENESIS_MISMATCH', 'the snapshot is of another chain');
  }
  const putMeta = store.db.prepare('INSERT OR REPLACE INTO node_meta (name, value) VALUES (?, ?)');
  const putBase = store.db.prepare(
    'INSERT INTO node_snapshot_base (id, height, validators, next_validators) VALUES (1, ?, ?, ?)',
  );
  try {
    inTransaction(store.db, () => {
      store.tree.commit(snap.state);
      store.blocks.putBlock(snap.block);
      // The same metadata Application.initGenesis writes, so the store opens as this chain's.
      putMeta.run('genesis', JSON.stringify(genesisToJson(genesis)));
      putMeta.run('chainId', genesis.chainId);
      putBase.run(snap.height, encodeValidatorSet(snap.validators), encodeValidatorSet(snap.nextValidators));
    });
  } catch (e) {
    store.tree.clearCache();
    throw e;
  }
}

/** The snapshot the store was started from, if any: its height. */
export function snapshotBaseHeight(store: ChainStore): number | undefined {
  store.db.exec(SCHEMA);
  const row = store.db.prepare('SELECT height FROM node_snapshot_base WHERE id = 1').get() as
    | { height: number }
    | undefined;
  return row?.height;
}

/**
 * The validator set of `height` when the store was started from a snapshot at h and `height` is
 * h or h+1 (whose sets live in state versions the store does not hold); undefined otherwise.
 * For Application.validators to consult before reading state.
 */
export function snapshotValidators(store: ChainStore, height: number): ValidatorSet | undefined {
  store.db.exec(SCHEMA);
  const row = store.db
    .prepare('SELECT height, validators, next_validators FROM node_snapshot_base WHERE id = 1')
    .get() as { height: number; validators: Uint8Array; next_validators: Uint8Array } | undefined;
  if (!row) return undefined;
  if (height === row.height) return decodeValidatorSet(row.validators);
  if (height === row.height + 1) return decodeValidatorSet(row.next_validators);
  return undefined;
}

/**
 * The validator set of `height` as the node knows it: from the snapshot base for its first two
 * heights, else `sys/validators` at state version height-2 (as Application.validators reads it).
 */
export function validatorsAt(store: ChainStore, height: number): ValidatorSet {
  const fromBase = snapshotValidators(store, height);
  if (fromBase) return fromBase;
  const bytes = store.validatorSetValue(Math.max(0, height - 2));
  if (bytes === undefined) {
    throw new NodeError('NODE_SNAPSHOT_UNAVAILABLE', 'the validator set of this height is not held', {
      height,
    });
  }
  return validatorSetFromValue(decode(bytes));
}
