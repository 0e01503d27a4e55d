/** Commit certificates (DESIGN §4): precommits of more than 2/3 of voting power for one block. */
import { encode, equalBytes, type KeyPair, type Suite, type Value } from '@djchain/crypto';
import { type TimedPower, weightedMedianTime } from './bft-time.ts';
import { decodeValue } from './codec.ts';
import { LedgerError } from './errors.ts';
import { domainHash, TAG } from './hashing.ts';
import { type Header, headerHash } from './header.ts';
import { Fields } from './shape.ts';
import { totalPower, type ValidatorSet } from './validators.ts';
import { signVote, voteSignBytes } from './vote.ts';

export interface CommitSig {
  /** Index in the validator set of the block's height. */
  readonly validatorIndex: number;
  readonly time: number;
  readonly signature: Uint8Array;
}

export interface CommitCertificate {
  readonly height: number;
  readonly round: number;
  readonly blockHash: Uint8Array;
  /** Canonically in ascending validatorIndex, one per validator (see `makeCommit`). */
  readonly precommits: readonly CommitSig[];
}

export function commitToValue(c: CommitCertificate): Value {
  return {
    height: c.height,
    round: c.round,
    blockHash: c.blockHash,
    precommits: c.precommits.map((p) => ({
      validatorIndex: p.validatorIndex,
      time: p.time,
      signature: p.signature,
    })),
  };
}

export function commitFromValue(v: Value): CommitCertificate {
  const f: Fields = new Fields('LEDGER_BAD_COMMIT', 'commit', v);
  const height = f.uint('height');
  const round = f.uint('round');
  const blockHash = f.bytes('blockHash', 32);
  const precommits = f.list('precommits', 10_000).map((item, i): CommitSig => {
    const g: Fields = new Fields('LEDGER_BAD_COMMIT', `precommits[${i}]`, item);
    const sig = {
      validatorIndex: g.uint('validatorIndex'),
      time: g.uint('time'),
      signature: g.bytes('signature'),
    };
    g.done();
    return sig;
  });
  f.done();
  return { height, round, blockHash, precommits };
}

export function encodeCommit(c: CommitCertificate): Uint8Array {
  return encode(commitToValue(c));
}

export function decodeCommit(bytes: Uint8Array): CommitCertificate {
  return commitFromValue(decodeValue('LEDGER_BAD_COMMIT', 'commit', bytes));
}

/** The next header's lastCommitHash: H_tag("djchain/commit/v1", canonical CBOR of the commit). */
export function commitHash(suite: Suite, c: CommitCertificate): Uint8Array {
  return domainHash(suite, TAG.commit, encodeCommit(c));
}

/** A commit in canonical form: precommits sorted by validator index, the first of duplicates kept. */
export function makeCommit(height: number, round: number, blockHash: Uint8Array, sigs: readonly CommitSig[]) {
  const seen = new Set<number>();
  const precommits = [...sigs]
    .sort((a, b) => a.validatorIndex - b.validatorIndex)
    .filter((s) => !seen.has(s.validatorIndex) && seen.add(s.validatorIndex));
  return { height, round, blockHash, precommits } satisfies CommitCertificate;
}

/**
 * A commit certificate for `header` signed by `keys` at once, for whoever holds the validators'
 * secret keys outside consensus (test chains, the simulator, benchmarks). Each key signs a precommit
 * on `chainId` at round `round` (default 0) and time `time(validatorIndex)` (default half a second
 * after the header); its index is its place in `set` (-1 for a key outside it, as a forger's).
 */
export function signCommit(
  suite: Suite,
  chainId: string,
  header: Header,
  keys: readonly KeyPair[],
  set: ValidatorSet,
  opts: { readonly round?: number; readonly time?: (validatorIndex: number) => number } = {},
): CommitCertificate {
  const round = opts.round ?? 0;
  const blockHash = headerHash(suite, header);
  const sigs = keys.map((k): CommitSig => {
    const validatorIndex = set.validators.findIndex((v) => equalBytes(v.publicKey, k.publicKey));
    const time = opts.time ? opts.time(validatorIndex) : header.time + 500;
    const vote = {
      type: 'precommit' as const,
      height: header.height,
      round,
      blockHash,
      time,
      validator: k.publicKey,
    };
    return { validatorIndex, time, signature: signVote(suite, k.secretKey, chainId, vote).signature };
  });
  return makeCommit(header.height, round, blockHash, sigs);
}

export type CommitCheck =
  | { readonly ok: true; readonly signedPower: number; readonly totalPower: number }
  | { readonly ok: false; readonly error: LedgerError };

/**
 * Checks that `commit` certifies `header` under `set` (the header height's validators): same height,
 * block hash = headerHash(header), every signature valid for its validator's precommit, and the
 * distinct signers' power strictly more than 2/3 of the total. A validator signing twice counts once;
 * any bad signature or unknown index rejects the whole certificate.
 */
export function verifyCommit(
  suite: Suite,
  set: ValidatorSet,
  header: Header,
  commit: CommitCertificate,
): CommitCheck {
  const bad = (message: string, context: Record<string, unknown> = {}): CommitCheck => ({
    ok: false,
    error: new LedgerError('LEDGER_BAD_COMMIT', message, context),
  });
  if (commit.height !== header.height) return bad('commit is for another height', { height: commit.height });
  if (!equalBytes(commit.blockHash, headerHash(suite, header))) return bad('commit is for another block');
  const total = totalPower(set);
  const counted = new Set<number>();
  let signed = 0;
  for (const p of commit.precommits) {
    const v = set.validators[p.validatorIndex];
    if (!v) return bad('unknown validator index', { validatorIndex: p.validatorIndex });
    const bytes = voteSignBytes(header.chainId, {
      type: 'precommit',
      height: commit.height,
      round: commit.round,
      blockHash: commit.blockHash,
      time: p.time,
      validator: v.publicKey,
    });
    if (!suite.verify(v.publicKey, bytes, p.signature)) {
      return bad('invalid precommit signature', { validatorIndex: p.validatorIndex });
    }
    if (counted.has(p.validatorIndex)) continue;
    counted.add(p.validatorIndex);
    signed += v.power;
  }
  // Strictly more than 2/3: exactly 2/3 is not a quorum.
  if (3 * signed <= 2 * total)
    return bad('less than or equal to 2/3 of voting power signed', { signed, total });
  return { ok: true, signedPower: signed, totalPower: total };
}

/**
 * BFT time of the next block: `weightedMedianTime` over the commit's own signers (each validator
 * once, as `@djchain/consensus` bftTime), so validators under 1/3 of the power cannot pull it
 * outside the correct voters' clocks. LEDGER_BAD_COMMIT when the signers hold no more than 2/3 of
 * the set's power (not a commit).
 */
export function commitTime(set: ValidatorSet, commit: CommitCertificate): number {
  const seen = new Set<number>();
  const entries: TimedPower[] = [];
  let signed = 0;
  for (const p of commit.precommits) {
    const v = set.validators[p.validatorIndex];
    if (!v || seen.has(p.validatorIndex)) continue;
    seen.add(p.validatorIndex);
    entries.push({ time: p.time, power: v.power });
    signed += v.power;
  }
  const time = weightedMedianTime(entries);
  if (time === null || 3 * signed <= 2 * totalPower(set)) {
    throw new LedgerError('LEDGER_BAD_COMMIT', 'precommits hold no more than 2/3 of the power');
  }
  return time;
}
