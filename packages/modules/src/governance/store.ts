/** The governance module's records and key layout. */
import type { ReadStore } from '@djchain/runtime';
import { getRecord } from '../common/stores.ts';
import { DEFAULT_PARAMS, type GovernanceParams } from './params.ts';

export type ChangeOp = 'add' | 'remove' | 'power';
export type NodeRole = 'validator' | 'observer';

/** What a proposal changes. Adding a jailed validator back is its re-admission. */
export interface Change {
  readonly op: ChangeOp;
  readonly role: NodeRole;
  /** The node's public key, lowercase hex. */
  readonly publicKey: string;
  /** add: the organization running the node. */
  readonly org?: string;
  /** add: a name for people (default: the organization's name). */
  readonly name?: string;
  /** add validator, power: the voting power. */
  readonly power?: number;
}

export interface ApprovalRecord {
  /** The approving organization (validatorOrgs) or 'superior'. */
  readonly by: string;
  /** Member id of the 书记, or the superior body's key hex. */
  readonly signer: string;
  readonly at: number;
}

export interface ProposalRecord extends Change {
  readonly id: number;
  readonly reason: string | null;
  /** Member id of the proposing 书记. */
  readonly proposer: string | null;
  readonly proposedAt: number;
  /** Last height at which it may still be approved. */
  readonly expires: number;
  readonly approvals: readonly ApprovalRecord[];
  readonly status: 'pending' | 'applied';
  readonly appliedAt: number | null;
  /** First height the change is in force (appliedAt + 2 for validators, + 1 for observers). */
  readonly effective: number | null;
  /** True when an add brought a jailed validator back. */
  readonly readmitted: boolean;
}

export const govKeys = {
  params: 'params',
  seq: 'seq',
  proposal: (id: number) => `p/${String(id).padStart(10, '0')}`,
  proposalPrefix: 'p/',
  /** The pending proposal of a key (one at a time). */
  pendingFor: (keyHex: string) => `k/${keyHex}`,
};

export function governanceParams(store: ReadStore): GovernanceParams {
  return getRecord<GovernanceParams>(store, govKeys.params) ?? DEFAULT_PARAMS;
}

export function getProposal(store: ReadStore, id: number): ProposalRecord | undefined {
  return getRecord<ProposalRecord>(store, govKeys.proposal(id));
}

/** Pending and past its last height. */
export function isExpired(p: ProposalRecord, height: number): boolean {
  return p.status === 'pending' && height > p.expires;
}

/** The status people see: pending, applied, or expired (never stored: it follows from the height). */
export function statusAt(p: ProposalRecord, height: number): 'pending' | 'applied' | 'expired' {
  return isExpired(p, height) ? 'expired' : p.status;
}
