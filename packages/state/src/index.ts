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
