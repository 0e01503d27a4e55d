/**
 * One step of the light-client rules (DESIGN §3), pure: may `header`, certified by `commit` of
 * `validators`, follow a trusted header? Shared by the SDK's light client (`@djchain/client`) and
 * the parent chain's anchor module (`@djchain/modules` anchor/), which may not import the client —
 * so both verify a child chain's header by the same code.
 * - adjacent (height = trusted + 1): prevHash is the trusted hash, the set is the one the trusted
 *   header named as next (nextValidatorsHash) — this follows validator-set changes;
 * - skipping (height > trusted + 1): as CometBFT's light client (spec/light-client/verification),
 *   signers holding more than 1/3 of the trusted next set must be among the commit's signers, on
 *   top of the > 2/3 of the header's own set.
 * A failure is a value naming the check (`reason`); each caller turns it into its own coded error.
 */
import { equalBytes, type Suite, toHex } from '@djchain/crypto';
import { type CommitCertificate, verifyCommit } from './commit.ts';
import { type Header, headerHash, ZERO_HASH } from './header.ts';
import { totalPower, type ValidatorSet, validatorSetHash } from './validators.ts';

/** The latest header a verifier trusts (height 0: the genesis set, hash ZERO_HASH). */
export interface TrustedHead {
  readonly height: number;
  readonly hash: Uint8Array;
  readonly nextValidatorsHash: Uint8Array;
  /** The set named by nextValidatorsHash, when known (required to skip). */
  readonly nextValidators?: ValidatorSet;
}

export type LightReason =
  | 'chain-mismatch'
  | 'bad-validators'
  | 'not-linked'
  | 'untrusted-validators'
  | 'commit-short'
  | 'bad-signature'
  | 'bad-commit';

export type LightCheck =
  | { readonly ok: true; readonly hash: Uint8Array }
  | {
      readonly ok: false;
      readonly reason: LightReason;
      readonly message: string;
      readonly details: Record<string, unknown>;
    };

/**
 * Checks `header` strictly above `trusted` (the caller handles heights at or below it). `chainId`
 * is the chain the verifier follows; `validators` the set that signed (must hash to the header's
 * validatorsHash).
 */
export function checkLightStep(
  suite: Suite,
  chainId: string,
  trusted: TrustedHead,
  header: Header,
  commit: CommitCertificate,
  validators: ValidatorSet,
): LightCheck {
  const fail = (reason: LightReason, message: string, details: Record<string, unknown> = {}): LightCheck => ({
    ok: false,
    reason,
    message,
    details: { height: header.height, ...details },
  });
  if (header.chainId !== chainId)
    return fail('chain-mismatch', 'header is for another chain', { chainId: header.chainId });
  if (header.height <= trusted.height)
    return fail('not-linked', 'header is not above the trusted one', { trusted: trusted.height });
  const setHash = validatorSetHash(suite, validators);
  if (!equalBytes(setHash, header.validatorsHash))
    return fail('bad-validators', 'the given set is not the header’s validatorsHash');
  if (header.height === trusted.height + 1) {
    if (!equalBytes(header.prevHash, trusted.hash))
      return fail('not-linked', 'prevHash is not the hash of the previous header');
    if (trusted.height === 0 && !equalBytes(header.lastCommitHash, ZERO_HASH))
      return fail('not-linked', 'the first block must have a zero lastCommitHash');
    if (!equalBytes(setHash, trusted.nextValidatorsHash))
      return fail('untrusted-validators', 'the set is not the one the previous header named as next');
    const c = commitCheck(suite, header, commit, validators);
    if (c) return c;
  } else {
    const next = trusted.nextValidators;
    if (!next || !equalBytes(validatorSetHash(suite, next), trusted.nextValidatorsHash))
      return fail('untrusted-validators', 'cannot skip: the next set of the latest header is unknown', {
        latest: trusted.height,
      });
    const c = commitCheck(suite, header, commit, validators);
    if (c) return c;
    const o = overlap(next, validators, commit);
    if (3 * o.signed <= o.total)
      return fail('untrusted-validators', 'signers hold at most 1/3 of the trusted set', o);
  }
  return { ok: true, hash: headerHash(suite, header) };
}

function commitCheck(
  suite: Suite,
  header: Header,
  commit: CommitCertificate,
  set: ValidatorSet,
): LightCheck | null {
  const check = verifyCommit(suite, set, header, commit);
  if (check.ok) return null;
  const e = check.error;
  const details = { height: header.height, ...e.details };
  const reason: LightReason =
    'signed' in e.details ? 'commit-short' : e.message.includes('signature') ? 'bad-signature' : 'bad-commit';
  return { ok: false, reason, message: e.message, details };
}

/** Power in `trusted` of the commit's distinct signers (indices into `signers`). */
function overlap(
  trusted: ValidatorSet,
  signers: ValidatorSet,
  commit: CommitCertificate,
): { signed: number; total: number } {
  const power = new Map(trusted.validators.map((v) => [toHex(v.publicKey), v.power]));
  let signed = 0;
  const seen = new Set<string>();
  for (const p of commit.precommits) {
    const v = signers.validators[p.validatorIndex];
    if (!v) continue;
    const key = toHex(v.publicKey);
    if (seen.has(key)) continue;
    seen.add(key);
    signed += power.get(key) ?? 0;
  }
  return { signed, total: totalPower(trusted) };
}
