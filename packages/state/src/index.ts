/**
 * @djchain/state: authenticated, versioned key-value state (a Jellyfish-style sparse Merkle tree)
 * with inclusion and non-inclusion proofs. Browser-safe; the sqlite store is `@djchain/state/sqlite`.
 */
export type { BatchResult } from './batch.ts';
export { isStateError, StateError, type StateErrorCode } from './errors.ts';
export { HASH_LENGTH, internalHash, leafHash, ZERO_HASH } from './hash.ts';
export { MemoryNodeStore } from './memory-store.ts';
export { decodeNode, encodeNode } from './node-codec.ts';
export {
  decodeProof,
  encodeProof,
  MAX_PROOF_DEPTH,
  type ProofJson,
  proofFromJson,
  proofToJson,
  verifyProof,
} from './proof.ts';
export {
  decodeSnapshotChunk,
  decodeSnapshotManifest,
  encodeSnapshotChunk,
  encodeSnapshotManifest,
  MAX_MANIFEST_CHUNKS,
} from './snapshot-codec.ts';
export { isSnapshotError, SnapshotError, type SnapshotErrorCode } from './snapshot-errors.ts';
export {
  defaultSnapshotExportOptions,
  exportSnapshotChunks,
  type KeyLister,
  SnapshotExport,
  type SnapshotExportOptions,
  type SnapshotSource,
} from './snapshot-export.ts';
export { importSnapshot, prepareSnapshotImport } from './snapshot-import.ts';
export {
  childPrefix,
  coversSpaceOnce,
  hasPrefix,
  isPrefix,
  MAX_PREFIX_BITS,
  prefixEqual,
  prefixToString,
  ROOT_PREFIX,
} from './snapshot-prefix.ts';
export type {
  KeyHashPrefix,
  SnapshotChunk,
  SnapshotEntry,
  SnapshotLeaf,
  SnapshotManifest,
} from './snapshot-types.ts';
export {
  checkSnapshotChunk,
  type SnapshotChunkCheck,
  subtreeHash,
  verifySnapshotChunk,
} from './snapshot-verify.ts';
export { defaultStateTreeOptions, StateTree, type StateTreeOptions, type Write } from './tree.ts';
export type {
  Hasher,
  InternalNode,
  LeafNode,
  NodeBatch,
  NodeKey,
  NodeStore,
  Proof,
  PruneStats,
  RootRecord,
  TreeNode,
  ValueWrite,
} from './types.ts';
