/**
 * Signed block proposals: the exact bytes a proposer signs. They live here, not only in the node's
 * wire code, because a duplicate proposal (two different signed proposals of one proposer for one
 * height and round) is equivocation evidence that the chain itself verifies (modules/evidence).
 */
import { encode, type Suite, type Value } from '@djchain/crypto';
import { signingBytes } from './hashing.ts';
import { Fields } from './shape.ts';

/** Domain tag of proposal signatures: a proposal signature can never pass for a vote. */
export const PROPOSAL_TAG = 'djchain/proposal/v1';

export interface ProposalBody {
  readonly height: number;
  readonly round: number;
  readonly blockHash: Uint8Array;
  /** −1 when none. */
  readonly validRound: number;
  readonly proposer: Uint8Array;
}

export interface SignedProposal extends ProposalBody {
  readonly signature: Uint8Array;
}

/** "djchain/proposal/v1" ‖ 0x00 ‖ canonical CBOR of the body with `chainId`. */
export function proposalSignBytes(chainId: string, p: ProposalBody): Uint8Array {
  return signingBytes(
    PROPOSAL_TAG,
    encode({
      chainId,
      height: p.height,
      round: p.round,
      blockHash: p.blockHash,
      validRound: p.validRound,
      proposer: p.proposer,
    }),
  );
}

export function signProposalBody(
  suite: Suite,
  secretKey: Uint8Array,
  chainId: string,
  body: ProposalBody,
): SignedProposal {
  return { ...body, signature: suite.sign(secretKey, proposalSignBytes(chainId, body)) };
}

export function verifyProposalSignature(suite: Suite, chainId: string, p: SignedProposal): boolean {
  return suite.verify(p.proposer, proposalSignBytes(chainId, p), p.signature);
}

export function signedProposalToValue(p: SignedProposal): Value {
  return {
    height: p.height,
    round: p.round,
    blockHash: p.blockHash,
    validRound: p.validRound,
    proposer: p.proposer,
    signature: p.signature,
  };
}

/** Checks the shape (LEDGER_BAD_PROPOSAL); the signature is checked by `verifyProposalSignature`. */
export function signedProposalFromValue(v: Value): SignedProposal {
  const f: Fields = new Fields('LEDGER_BAD_PROPOSAL', 'proposal', v);
  const height = f.uint('height');
  const round = f.uint('round');
  const blockHash = f.bytes('blockHash');
  const validRound = f.raw('validRound');
  if (typeof validRound !== 'number' || !Number.isSafeInteger(validRound) || validRound < -1)
    f.fail('validRound', 'must be an integer ≥ -1');
  const proposer = f.bytes('proposer');
  const signature = f.bytes('signature');
  f.done();
  return { height, round, blockHash, validRound, proposer, signature };
}
