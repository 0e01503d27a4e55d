/**
 * @djchain/node: one node of a Dangjian chain — sqlite chain store, application (executor + state
 * tree), mempool, Tendermint consensus driver, HTTP API, metrics and logs.
 */

export { API_ERRORS, ApiError, type ApiErrorCode } from './api/errors.ts';
export { type ApiOptions, buildApi, defaultApiOptions } from './api/server.ts';
export {
  Application,
  type ApplicationOptions,
  blockBytes,
  type Executed,
  type ReceivedBlock,
} from './app/application.ts';
export { type GenesisJson, genesisFromJson, genesisToJson } from './app/genesis.ts';
export {
  ConsensusDriver,
  type DriverOptions,
  defaultDriverOptions,
  realTimers,
  type SignedEvidence,
  type TimerHandle,
  type Timers,
} from './consensus/driver.ts';
export {
  type SignedProposal,
  signProposal,
  type Transport,
  verifyProposal,
  type WireMessage,
} from './consensus/wire.ts';
export { isNodeError, NODE_ERROR_CODES, NodeError, type NodeErrorCode } from './errors.ts';
export { createLog, type Log, silentLog } from './log.ts';
export {
  type AddResult,
  type Admitted,
  defaultMempoolOptions,
  Mempool,
  type MempoolOptions,
} from './mempool/mempool.ts';
export { decodeWire, encodeWire } from './net/codec.ts';
export {
  defaultMempoolGossipOptions,
  MempoolGossip,
  type MempoolGossipOptions,
  type MempoolGossipStats,
} from './net/mempool-gossip.ts';
export { P2PTransport } from './net/p2p-transport.ts';
export { nodeRegistry, observerIds } from './net/registry.ts';
export {
  type CertifiedHeader,
  defaultSnapshotWireOptions,
  type SnapshotLink,
  SnapshotWire,
  type SnapshotWireOptions,
} from './net/snapshot-wire.ts';
export {
  type BootstrapOptions,
  type BootstrapResult,
  bootstrapFromPeers,
  isEmptyDataDir,
} from './net/snapshot-wire-bootstrap.ts';
export {
  type CommitEvent,
  DB_FILE,
  type DjNode,
  defaultNodeOptions,
  type NodeDeps,
  type NodeOptions,
  openNode,
} from './node.ts';
export { replayChain } from './replay.ts';
export { ChainStore, type ChainStoreOptions } from './storage/chain-store.ts';
export { type DirLock, LOCK_FILE, lockDir } from './storage/dir-lock.ts';
export { writeFileDurably } from './storage/durable-file.ts';
export {
  defaultRetentionOptions,
  Pruner,
  type RetentionOptions,
  retainFrom,
} from './storage/pruner.ts';
export {
  type DecodedSignerState,
  decodeSignerState,
  openSignerState,
  SIGNER_STATE_FILE,
  SIGNER_STATE_MAX_SLOT_BYTES,
  SIGNER_STATE_SLOT_BYTES,
  type SignerState,
  SignerStateFile,
  type SignerStateJson,
} from './storage/signer-state.ts';
export {
  BYZANTINE_MODES,
  type ByzantineMode,
  type CrashSpec,
  parseCrashSpec,
  type TestFaults,
} from './testing/faults.ts';
