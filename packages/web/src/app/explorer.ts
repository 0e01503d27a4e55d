/**
 * Explorer reads the SDK does not offer (block summaries, block bodies, commit certificates and
 * validator sets by height). These answers are shown for browsing; anything exported is
 * re-verified by the verify page. Each goes through the route table with the page's SDK (its
 * session reads block bodies, which are for the community committee; the rest is public).
 */
import { type DjchainClient, fromBase64, ROUTES } from '@djchain/client';
import {
  type Block,
  type CommitCertificate,
  decodeBlock,
  decodeCommit,
  decodeValidatorSet,
  type ValidatorSet,
} from '@djchain/ledger';
import type { JailRecord } from '@djchain/modules';

/** A block without its transactions (GET /v1/blocks). */
export interface BlockSummary {
  readonly height: number;
  readonly hash: string;
  readonly time: number;
  readonly txCount: number;
  readonly proposer: string;
}

export async function latestBlocks(client: DjchainClient, limit: number): Promise<BlockSummary[]> {
  const o = (await client.call(ROUTES.blocks, { query: { limit } })) as { blocks: BlockSummary[] };
  return o.blocks;
}

export async function getCommit(client: DjchainClient, height: number): Promise<CommitCertificate> {
  const o = (await client.call(ROUTES.commit, { params: { height } })) as { commit: string };
  return decodeCommit(fromBase64(o.commit));
}

/** The block and its commit certificate (block bodies are for the community committee: the SDK's session reads). */
export async function getBlock(
  client: DjchainClient,
  height: number,
): Promise<{ block: Block; commit: CommitCertificate }> {
  const o = (await client.call(ROUTES.block, { params: { height } })) as { block: string; commit: string };
  return {
    block: decodeBlock(fromBase64(o.block)),
    commit: decodeCommit(fromBase64(o.commit)),
  };
}

export async function getValidators(client: DjchainClient, height?: number): Promise<ValidatorSet> {
  const o = (await client.call(ROUTES.validators, { query: { height } })) as { validatorSet: string };
  return decodeValidatorSet(fromBase64(o.validatorSet));
}

/** The committed transaction's signed body and receipt proof as the node serves them (GET /v1/txs/:hash). */
export async function getTxBody(
  client: DjchainClient,
  hash: string,
): Promise<{ receiptProof: string; tx: string }> {
  return (await client.call(ROUTES.tx, { params: { hash } })) as { receiptProof: string; tx: string };
}

/** A row of the evidence module's `list` query (keys and bytes as hex). */
export interface EvidenceRow {
  readonly key: string;
  readonly kind?: 'vote' | 'proposal';
  readonly validator: string;
  readonly height: number;
  readonly round: number;
  readonly type: string;
  readonly committedAt: number;
  readonly submitter: string;
  /** What the proof did to its validator (absent on records from before jailing existed). */
  readonly outcome?: 'jailed' | 'alreadyJailed' | 'beforeReadmission' | 'refused';
}

/** A jailed validator (evidence module's `jailed` query, also in `governance.validators`). */
export type JailedRow = JailRecord;

/** A node proposal (governance module). */
export interface ProposalRow {
  readonly id: number;
  readonly op: 'add' | 'remove' | 'power';
  readonly role: 'validator' | 'observer';
  readonly publicKey: string;
  readonly org?: string;
  readonly name?: string;
  readonly power?: number;
  readonly expires: number;
  readonly effective: number | null;
  readonly status: 'pending' | 'applied' | 'expired';
  readonly approvals: ReadonlyArray<{ readonly by: string }>;
}

/** The governance module's `validators` query. */
export interface GovernanceView {
  readonly height: number;
  readonly jailed: readonly JailedRow[];
  readonly pending: readonly ProposalRow[];
  readonly scheduled: readonly ProposalRow[];
}
