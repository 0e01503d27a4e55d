/**
 * @djchain/ledger: transactions, headers, blocks, votes, commit certificates, validator sets and
 * receipts (DESIGN §4) with their canonical encodings, hashes and Merkle roots. Browser-safe; the
 * sqlite block store is `@djchain/ledger/sqlite`.
 */
export { type TimedPower, weightedMedianTime } from './bft-time.ts';
export {
  type Block,
  blockFromValue,
  blockToValue,
  blockTxHashes,
  checkBlockLinks,
  decodeBlock,
  encodeBlock,
  MAX_BLOCK_TXS,
  txRoot,
} from './block.ts';
export {
  type CommitCertificate,
  type CommitCheck,
  type CommitSig,
  commitFromValue,
  commitHash,
  commitTime,
  commitToValue,
  decodeCommit,
  encodeCommit,
  makeCommit,
  signCommit,
  verifyCommit,
} from './commit.ts';
export { isLedgerError, LedgerError, type LedgerErrorCode } from './errors.ts';
export { domainHash, signingBytes, TAG } from './hashing.ts';
export {
  decodeHeader,
  encodeHeader,
  type Header,
  headerFromValue,
  headerHash,
  headerToValue,
  ZERO_HASH,
} from './header.ts';
export {
  addressOf,
  BLOCK_TX_INDEX,
  EVENT_TAG,
  eventHash,
  GENESIS_HEAD,
  HISTORY_TAG,
  historyKey,
  historyValue,
  nextHead,
} from './history.ts';
export {
  checkLightStep,
  type LightCheck,
  type LightReason,
  type TrustedHead,
} from './light.ts';
export {
  type MerkleProof,
  merkleLeafHash,
  merkleProof,
  merkleProofFromValue,
  merkleProofToValue,
  merkleRoot,
  verifyMerkleProof,
} from './merkle.ts';
export {
  PROPOSAL_TAG,
  type ProposalBody,
  proposalSignBytes,
  type SignedProposal,
  signedProposalFromValue,
  signedProposalToValue,
  signProposalBody,
  verifyProposalSignature,
} from './proposal.ts';
export {
  compareKeys,
  decodeReceipt,
  encodeReceipt,
  eventFromValue,
  eventToValue,
  keyIndex,
  type Receipt,
  type ReceiptError,
  type ReceiptEvent,
  receiptFromValue,
  receiptHash,
  receiptHashOfEncoding,
  receiptToValue,
} from './receipt.ts';
export { Fields, isMap, type ValueMap } from './shape.ts';
export type { BlockStore, StoredBlock, StoredTx } from './store.ts';
export {
  decodeTx,
  encodeTx,
  signTx,
  type Transaction,
  type TxBody,
  txBodyToValue,
  txFromValue,
  txHash,
  txHashOfEncoding,
  txSignBytes,
  txToValue,
  verifyTxSignature,
} from './tx.ts';
export {
  checkValidatorSet,
  decodeValidatorSet,
  encodeValidatorSet,
  totalPower,
  type Validator,
  type ValidatorJson,
  type ValidatorSet,
  validatorIndex,
  validatorSetFromValue,
  validatorSetHash,
  validatorSetToValue,
} from './validators.ts';
export {
  decodeSignedVote,
  encodeSignedVote,
  type SignedVote,
  signedVoteFromValue,
  signedVoteToValue,
  signVote,
  type Vote,
  type VoteType,
  verifyVoteSignature,
  voteFromValue,
  voteSignBytes,
  voteToValue,
} from './vote.ts';
