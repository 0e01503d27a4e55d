/**
 * The two kinds of equivocation a validator can commit, as pairs of signed messages the chain checks
 * by itself (no node is trusted about them):
 * - two votes of one validator for one (height, round, type) whose signed contents differ — in the
 *   block voted for, or only in the vote's time (issue 9: a time-only-different precommit is two
 *   signed messages for one slot, and its second signature can poison a commit certificate);
 * - two proposals of one proposer for one (height, round) that differ in block or valid round.
 * Two signatures over the same content are not evidence (a suite may sign non-deterministically).
 */
import { equalBytes, type Suite, toHex, type Value } from '@djchain/crypto';
import {
  type SignedProposal,
  type SignedVote,
  signedProposalFromValue,
  signedProposalToValue,
  signedVoteFromValue,
  signedVoteToValue,
  verifyProposalSignature,
  verifyVoteSignature,
} from '@djchain/ledger';
import { ok, type Result } from '@djchain/runtime';
import { failure } from '../common/errors.ts';
import { EvidenceErrors as E } from './errors.ts';

/**
 * Bounds on byte fields, so a submission cannot be padded to fill a block (issue 9, fault 2): both
 * suites sign with 64 bytes (Ed25519; SM2 r‖s); public keys are 32 (Ed25519) or 33 (SM2) bytes,
 * checked against the chain's suite in verify (`keyBytesOf`).
 */
const SIGNATURE_BYTES = 64;
const HASH_LENGTH = 32;
const MAX_KEY = 33;
const KEY_BYTES = { intl: 32, gm: 33 } as const;

/** The public key length of the chain's suite. */
export function keyBytesOf(suite: Suite): number {
  return KEY_BYTES[suite.id];
}

export type Pair =
  | { readonly kind: 'vote'; readonly first: SignedVote; readonly second: SignedVote }
  | { readonly kind: 'proposal'; readonly first: SignedProposal; readonly second: SignedProposal };

/** The slot both messages claim: who, where, which step. */
export interface Slot {
  readonly validator: Uint8Array;
  readonly height: number;
  readonly round: number;
  /** 'prevote' | 'precommit' | 'proposal' */
  readonly type: string;
}

function checkBytes(key: Uint8Array, hash: Uint8Array | null, signature: Uint8Array): string | null {
  if (key.length > MAX_KEY) return 'key length';
  if (hash !== null && hash.length !== HASH_LENGTH) return 'block hash length';
  if (signature.length !== SIGNATURE_BYTES) return `signature length (${SIGNATURE_BYTES} bytes)`;
  return null;
}

/** Both messages of the shape-checked `{ first, second }`, or the module's BAD_PARAMS saying why not. */
export function decodePair(kind: Pair['kind'], shaped: { readonly [field: string]: Value }): Result<Pair> {
  let pair: Pair;
  try {
    pair =
      kind === 'vote'
        ? { kind, first: signedVoteFromValue(shaped.first!), second: signedVoteFromValue(shaped.second!) }
        : {
            kind,
            first: signedProposalFromValue(shaped.first!),
            second: signedProposalFromValue(shaped.second!),
          };
  } catch (e) {
    // The ledger's decoders throw a coded LedgerError; its message says which field.
    return failure(E.BAD_PARAMS, { reason: (e as Error).message.slice(0, 200) });
  }
  for (const m of [pair.first, pair.second]) {
    const key = 'validator' in m ? m.validator : m.proposer;
    const bad = checkBytes(key, m.blockHash, m.signature);
    if (bad) return failure(E.BAD_PARAMS, { reason: `bad ${bad}` });
  }
  return ok(pair);
}

export function slotOf(pair: Pair): Slot {
  if (pair.kind === 'vote') {
    const v = pair.first;
    return { validator: v.validator, height: v.height, round: v.round, type: v.type };
  }
  const p = pair.first;
  return { validator: p.proposer, height: p.height, round: p.round, type: 'proposal' };
}

const sameHash = (a: Uint8Array | null, b: Uint8Array | null) =>
  a === null || b === null ? a === b : equalBytes(a, b);

/** Both messages claim one slot and their signed contents differ. */
export function conflicting(pair: Pair): boolean {
  if (pair.kind === 'vote') {
    const [a, b] = [pair.first, pair.second];
    if (!equalBytes(a.validator, b.validator) || a.height !== b.height) return false;
    if (a.round !== b.round || a.type !== b.type) return false;
    return !sameHash(a.blockHash, b.blockHash) || a.time !== b.time;
  }
  const [a, b] = [pair.first, pair.second];
  if (!equalBytes(a.proposer, b.proposer) || a.height !== b.height || a.round !== b.round) return false;
  return !sameHash(a.blockHash, b.blockHash) || a.validRound !== b.validRound;
}

export function signaturesVerify(suite: Suite, chainId: string, pair: Pair): boolean {
  if (pair.kind === 'vote')
    return (
      verifyVoteSignature(suite, chainId, pair.first) && verifyVoteSignature(suite, chainId, pair.second)
    );
  return (
    verifyProposalSignature(suite, chainId, pair.first) &&
    verifyProposalSignature(suite, chainId, pair.second)
  );
}

/** The pair as stored: in a canonical order (by signature hex), whoever saw which first. */
export function pairToValues(pair: Pair): { first: Value; second: Value } {
  const enc = (m: SignedVote | SignedProposal) =>
    pair.kind === 'vote' ? signedVoteToValue(m as SignedVote) : signedProposalToValue(m as SignedProposal);
  const [a, b] =
    toHex(pair.first.signature) <= toHex(pair.second.signature)
      ? [pair.first, pair.second]
      : [pair.second, pair.first];
  return { first: enc(a), second: enc(b) };
}
