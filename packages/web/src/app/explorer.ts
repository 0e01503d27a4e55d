/**
 * Explorer reads the SDK does not offer (block summaries, block bodies, commit certificates and
 * validator sets by height). These answers are shown for browsing; anything exported is
 * re-verified by the verify page. `auth` is the SDK's session header: block bodies are for the
 * community committee, summaries, commits and validator sets are public.
 */
import { fromBase64 } from '@djchain/client';
import {
  type Block,
  type CommitCertificate,
  decodeBlock,
  decodeCommit,
  decodeValidatorSet,
  type ValidatorSet,
} from '@djchain/ledger';
import { AppError } from './errors.ts';

type Auth = Record<string, string>;

async function getJson(path: string, auth: Auth = {}): Promise<Record<string, unknown>> {
  const res = await fetch(path, { headers: { accept: 'application/json', ...auth } });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) {
    const err = (body.error ?? {}) as { code?: string; message?: string };
    throw new AppError(err.code ?? 'HTTP_ERROR', err.message ?? res.statusText);
  }
  return body;
}

/** A block without its transactions (GET /v1/blocks). */
export interface BlockSummary {
  readonly height: number;
  readonly hash: string;
  readonly time: number;
  readonly txCount: number;
  readonly proposer: string;
}

export async function latestBlocks(limit: number): Promise<BlockSummary[]> {
  const o = await getJson(`/v1/blocks?limit=${limit}`);
  return o.blocks as BlockSummary[];
}

export async function getCommit(height: number): Promise<CommitCertificate> {
  const o = await getJson(`/v1/commits/${height}`);
  return decodeCommit(fromBase64(String(o.commit)));
}

export async function getBlock(
  height: number,
  auth: Auth,
): Promise<{ block: Block; commit: CommitCertificate }> {
  const o = await getJson(`/v1/blocks/${height}`, auth);
  return {
    block: decodeBlock(fromBase64(String(o.block))),
    commit: decodeCommit(fromBase64(String(o.commit))),
  };
}

export async function getValidators(height?: number): Promise<ValidatorSet> {
  const o = await getJson(`/v1/validators${height === undefined ? '' : `?height=${height}`}`);
  return decodeValidatorSet(fromBase64(String(o.validatorSet)));
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
export interface JailedRow {
  readonly validator: string;
  readonly name: string;
  readonly orgId: string | null;
  readonly power: number;
  readonly since: number;
  readonly effective: number;
  readonly evidence: readonly string[];
}

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
