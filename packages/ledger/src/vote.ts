/** Consensus votes: the exact bytes validators sign (consensus signs and checks these). */
import { encode, type Suite, type Value } from '@djchain/crypto';
import { decodeValue } from './codec.ts';
import { signingBytes, TAG } from './hashing.ts';
import { Fields } from './shape.ts';

export type VoteType = 'prevote' | 'precommit';

export interface Vote {
  readonly type: VoteType;
  readonly height: number;
  readonly round: number;
  /** The voted block's hash, or null for a nil vote. */
  readonly blockHash: Uint8Array | null;
  /** The voter's clock (ms) when voting; BFT time is the weighted median of precommit times. */
  readonly time: number;
  /** The voter's public key. */
  readonly validator: Uint8Array;
}

export interface SignedVote extends Vote {
  readonly signature: Uint8Array;
}

export function voteToValue(v: Vote): Value {
  return {
    type: v.type,
    height: v.height,
    round: v.round,
    blockHash: v.blockHash,
    time: v.time,
    validator: v.validator,
  };
}

function readVote(f: Fields): Vote {
  const type = f.str('type', 16);
  if (type !== 'prevote' && type !== 'precommit') f.fail('type', "must be 'prevote' or 'precommit'");
  const height = f.uint('height');
  const round = f.uint('round');
  const rawHash = f.raw('blockHash');
  const blockHash = rawHash === null ? null : f.bytes('blockHash', 32);
  const time = f.uint('time');
  const validator = f.bytes('validator');
  return { type, height, round, blockHash, time, validator };
}

export function voteFromValue(v: Value): Vote {
  const f: Fields = new Fields('LEDGER_BAD_VOTE', 'vote', v);
  const vote = readVote(f);
  f.done();
  return vote;
}

export function signedVoteToValue(v: SignedVote): Value {
  return { ...(voteToValue(v) as Record<string, Value>), signature: v.signature };
}

export function signedVoteFromValue(v: Value): SignedVote {
  const f: Fields = new Fields('LEDGER_BAD_VOTE', 'vote', v);
  const vote = readVote(f);
  const signature = f.bytes('signature');
  f.done();
  return { ...vote, signature };
}

export function encodeSignedVote(v: SignedVote): Uint8Array {
  return encode(signedVoteToValue(v));
}

export function decodeSignedVote(bytes: Uint8Array): SignedVote {
  return signedVoteFromValue(decodeValue('LEDGER_BAD_VOTE', 'vote', bytes));
}

/**
 * What a validator signs: "djchain/vote/v1" ‖ 0x00 ‖ canonical CBOR of the vote with `chainId`
 * added, so a vote can never count on another chain.
 */
export function voteSignBytes(chainId: string, v: Vote): Uint8Array {
  return signingBytes(TAG.vote, encode({ ...(voteToValue(v) as Record<string, Value>), chainId }));
}

export function signVote(suite: Suite, secretKey: Uint8Array, chainId: string, v: Vote): SignedVote {
  return { ...v, signature: suite.sign(secretKey, voteSignBytes(chainId, v)) };
}

export function verifyVoteSignature(suite: Suite, chainId: string, v: SignedVote): boolean {
  return suite.verify(v.validator, voteSignBytes(chainId, v), v.signature);
}
