/**
 * What validators exchange: signed proposals carrying their block, and signed votes. Votes are the
 * ledger's (their precommit signatures form commit certificates); proposals are signed here under
 * their own domain tag, so a proposal signature can never pass for a vote.
 */

import type { Proposal, Vote } from '@djchain/consensus';
import { fromHex, type Suite, toHex } from '@djchain/crypto';
import {
  type CommitCertificate,
  type SignedProposal,
  type SignedVote,
  signProposalBody,
  signVote,
  verifyProposalSignature,
  verifyVoteSignature,
} from '@djchain/ledger';

// The proposal's signed bytes are the ledger's: the evidence module verifies duplicate proposals.
export { PROPOSAL_TAG, type SignedProposal } from '@djchain/ledger';

/**
 * Consensus messages (proposal, vote, status) travel on the consensus channel; `commit` (a decided
 * block with its certificate, answering a status from a node that is behind) on the blocksync one.
 */
export type WireMessage =
  | { readonly kind: 'proposal'; readonly proposal: SignedProposal; readonly block: Uint8Array }
  | { readonly kind: 'vote'; readonly vote: SignedVote }
  /**
   * "I am at `height` (the next one to decide) and hold these messages" (keys from the machine's
   * `messageKey`). A peer at the same height answers with what is missing, a peer ahead with blocks.
   */
  | { readonly kind: 'status'; readonly height: number; readonly has: readonly string[] }
  /** A decided block and its commit certificate; `tip` is the sender's latest committed height. */
  | {
      readonly kind: 'commit';
      readonly block: Uint8Array;
      readonly commit: CommitCertificate;
      readonly tip: number;
    };

/**
 * How the driver reaches other validators. A single validator runs without one; the p2p package
 * provides the real one for clusters (authenticated, encrypted), tests an in-memory one.
 */
export interface Transport {
  /** Sends to every connected peer (validators and observers). */
  broadcast(msg: WireMessage): void;
  /** Sends to one peer (by validator public key hex), e.g. to answer a catch-up request. */
  send(peer: string, msg: WireMessage): void;
  /** Delivers messages from peers; `from` is the authenticated peer's public key hex. */
  onMessage(handler: (msg: WireMessage, from: string) => void): void;
  /** Called when a peer connects (optional: in-memory transports may omit it). */
  onPeer?(handler: (peer: string) => void): void;
}

export function signProposal(
  suite: Suite,
  secretKey: Uint8Array,
  chainId: string,
  p: Proposal,
): SignedProposal {
  const body = {
    height: p.height,
    round: p.round,
    blockHash: fromHex(p.value),
    validRound: p.validRound,
    proposer: fromHex(p.proposer),
  };
  return signProposalBody(suite, secretKey, chainId, body);
}

export function verifyProposal(suite: Suite, chainId: string, p: SignedProposal): boolean {
  return verifyProposalSignature(suite, chainId, p);
}

export function proposalOf(p: SignedProposal): Proposal {
  return {
    height: p.height,
    round: p.round,
    value: toHex(p.blockHash),
    validRound: p.validRound,
    proposer: toHex(p.proposer),
  };
}

/** The ledger vote for a machine vote: prevotes carry time 0 (only precommit times make BFT time). */
export function ledgerVote(v: Vote) {
  return {
    type: v.type,
    height: v.height,
    round: v.round,
    blockHash: v.value === null ? null : fromHex(v.value),
    time: v.type === 'precommit' ? (v.time ?? 0) : 0,
    validator: fromHex(v.validator),
  };
}

export function signMachineVote(suite: Suite, secretKey: Uint8Array, chainId: string, v: Vote): SignedVote {
  return signVote(suite, secretKey, chainId, ledgerVote(v));
}

export function machineVote(v: SignedVote): Vote {
  const base = {
    type: v.type,
    height: v.height,
    round: v.round,
    value: v.blockHash === null ? null : toHex(v.blockHash),
    validator: toHex(v.validator),
  };
  return v.type === 'precommit' ? { ...base, time: v.time } : base;
}

export function verifyWireVote(suite: Suite, chainId: string, v: SignedVote): boolean {
  return verifyVoteSignature(suite, chainId, v);
}
