/**
 * Light client (DESIGN §3, "spec" part: pure, no IO, no clock). From a trusted anchor — the genesis
 * validator set or a trusted header with its set — it accepts a header only with a commit
 * certificate signed by more than 2/3 of the voting power of the set in force at that height:
 * - adjacent (height = latest + 1): the header links to the latest by prevHash, and its set is the
 *   one the latest header named as next (nextValidatorsHash) — this follows validator-set changes;
 * - skipping (height > latest + 1): as CometBFT's light client (spec/light-client/verification),
 *   signers holding more than 1/3 of the trusted next set must be among the commit's signers, on
 *   top of the > 2/3 of the header's own set;
 * - ancestors: a header below a known one is accepted when its hash is the known one's prevHash.
 * Every check failure throws a ClientError whose code names the check.
 */
import { equalBytes, type Suite, toHex } from '@djchain/crypto/browser';
import {
  type CommitCertificate,
  checkLightStep,
  type Header,
  headerHash,
  type LightReason,
  type MerkleProof,
  type Receipt,
  type TrustedHead,
  type ValidatorSet,
  validatorSetHash,
  ZERO_HASH,
} from '@djchain/ledger';
import type { Proof } from '@djchain/state';
import { ClientError } from './errors.ts';
import { checkReceiptProof, checkStateProof } from './proofs.ts';

/** Where trust starts. */
export type TrustAnchor =
  | { readonly kind: 'genesis'; readonly validators: ValidatorSet }
  | {
      readonly kind: 'header';
      readonly header: Header;
      /** The set of `header.height` (must hash to header.validatorsHash). */
      readonly validators: ValidatorSet;
      /** The set of height + 1 when it differs; needed to verify the next header. */
      readonly nextValidators?: ValidatorSet;
    };

export interface LightClientOptions {
  readonly suite: Suite;
  readonly chainId: string;
  readonly trust: TrustAnchor;
}

/** The client's code for each failed check of the shared rules (`@djchain/ledger` checkLightStep). */
const LIGHT_CODES: Record<LightReason, ClientError['code']> = {
  'chain-mismatch': 'CLIENT_CHAIN_MISMATCH',
  'bad-validators': 'CLIENT_BAD_VALIDATORS',
  'not-linked': 'CLIENT_NOT_LINKED',
  'untrusted-validators': 'CLIENT_UNTRUSTED_VALIDATORS',
  'commit-short': 'CLIENT_COMMIT_SHORT',
  'bad-signature': 'CLIENT_BAD_SIGNATURE',
  'bad-commit': 'CLIENT_BAD_COMMIT',
};

interface Known {
  /** null for the genesis pseudo-entry at height 0. */
  readonly header: Header | null;
  readonly hash: Uint8Array;
  readonly nextValidatorsHash: Uint8Array;
}

export class LightClient {
  readonly suite: Suite;
  readonly chainId: string;
  private readonly known = new Map<number, Known>();
  /** Validator sets seen in verified headers, by hex of their hash. */
  private readonly sets = new Map<string, ValidatorSet>();
  private top: number;

  constructor(opts: LightClientOptions) {
    this.suite = opts.suite;
    this.chainId = opts.chainId;
    const { trust } = opts;
    const setHash = this.rememberSet(trust.validators);
    if (trust.kind === 'genesis') {
      this.known.set(0, { header: null, hash: ZERO_HASH, nextValidatorsHash: setHash });
      this.top = 0;
      return;
    }
    const h = trust.header;
    if (h.chainId !== this.chainId) this.fail('CLIENT_CHAIN_MISMATCH', 'trusted header is for another chain');
    if (!equalBytes(setHash, h.validatorsHash))
      this.fail('CLIENT_BAD_VALIDATORS', 'trusted set does not match the trusted header');
    if (trust.nextValidators) {
      if (!equalBytes(this.rememberSet(trust.nextValidators), h.nextValidatorsHash))
        this.fail('CLIENT_BAD_VALIDATORS', 'trusted next set does not match the trusted header');
    }
    this.known.set(h.height, {
      header: h,
      hash: headerHash(this.suite, h),
      nextValidatorsHash: h.nextValidatorsHash,
    });
    this.top = h.height;
  }

  /** Height of the highest verified header (0 when only the genesis set is trusted). */
  latestHeight(): number {
    return this.top;
  }

  /** The verified header at `height`, if any. */
  header(height: number): Header | undefined {
    return this.known.get(height)?.header ?? undefined;
  }

  /** Heights of every verified header, ascending. */
  heights(): number[] {
    return [...this.known.keys()].filter((h) => h > 0).sort((a, b) => a - b);
  }

  /** The validator set in force at a verified height, when the client has seen it. */
  validatorSet(height: number): ValidatorSet | undefined {
    const h = this.header(height);
    return h ? this.sets.get(toHex(h.validatorsHash)) : undefined;
  }

  /** The set that must sign height latest+1 (named by the latest header), when known. */
  nextValidatorSet(): ValidatorSet | undefined {
    return this.sets.get(toHex(this.known.get(this.top)!.nextValidatorsHash));
  }

  /** True when every hash in `validatorsHash` names a set that signed a verified header. */
  knowsSet(validatorsHash: Uint8Array): boolean {
    return this.sets.has(toHex(validatorsHash));
  }

  /**
   * Verifies `header` above the latest verified one with its commit and the set that signed it,
   * and records it. Re-verifying a known header with the same hash is a no-op; a different header
   * at a known height is CLIENT_NOT_LINKED (a fork).
   */
  verifyHeader(header: Header, commit: CommitCertificate, validators: ValidatorSet): Header {
    if (header.chainId !== this.chainId)
      this.fail('CLIENT_CHAIN_MISMATCH', 'header is for another chain', { chainId: header.chainId });
    const hash = headerHash(this.suite, header);
    if (header.height <= this.top) return this.sameAsKnown(header, hash);
    const base = this.known.get(this.top)!;
    const trusted: TrustedHead = {
      height: this.top,
      hash: base.hash,
      nextValidatorsHash: base.nextValidatorsHash,
      ...(this.sets.has(toHex(base.nextValidatorsHash))
        ? { nextValidators: this.sets.get(toHex(base.nextValidatorsHash))! }
        : {}),
    };
    const check = checkLightStep(this.suite, this.chainId, trusted, header, commit, validators);
    if (!check.ok) this.fail(LIGHT_CODES[check.reason], check.message, check.details);
    this.rememberSet(validators);
    this.known.set(header.height, { header, hash, nextValidatorsHash: header.nextValidatorsHash });
    this.top = header.height;
    return header;
  }

  /** Accepts a header below a verified one by hash link (its hash is the child's prevHash). */
  verifyAncestor(header: Header): Header {
    if (header.chainId !== this.chainId) this.fail('CLIENT_CHAIN_MISMATCH', 'header is for another chain');
    const hash = headerHash(this.suite, header);
    if (this.known.has(header.height)) return this.sameAsKnown(header, hash);
    const child = this.known.get(header.height + 1)?.header;
    if (!child)
      this.fail('CLIENT_HEIGHT_UNKNOWN', 'no verified header right above this one', {
        height: header.height,
      });
    if (!equalBytes(child.prevHash, hash))
      this.fail('CLIENT_NOT_LINKED', 'header is not the prevHash of the verified header above it', {
        height: header.height,
      });
    if (!equalBytes(header.nextValidatorsHash, child.validatorsHash))
      this.fail('CLIENT_NOT_LINKED', 'nextValidatorsHash is not the set of the header above it', {
        height: header.height,
      });
    this.known.set(header.height, { header, hash, nextValidatorsHash: header.nextValidatorsHash });
    return header;
  }

  /** Throws unless a verified header at `height` exists; returns it. */
  requireHeader(height: number): Header {
    const h = this.header(height);
    if (!h) this.fail('CLIENT_HEIGHT_UNKNOWN', `no verified header at height ${height}`, { height });
    return h;
  }

  /** The state proof of `key` (value, or absence when undefined) at verified height `height`. */
  verifyState(height: number, key: string, value: Uint8Array | undefined, proof: Proof): void {
    checkStateProof(this.suite, this.requireHeader(height), key, value, proof);
  }

  /** The receipt proof at verified height `height` (and, given, for transaction `txHash`). */
  verifyReceipt(height: number, receipt: Receipt, proof: MerkleProof, txHash?: Uint8Array): void {
    checkReceiptProof(this.suite, this.requireHeader(height), receipt, proof, txHash);
  }

  private sameAsKnown(header: Header, hash: Uint8Array): Header {
    const k = this.known.get(header.height);
    if (!k?.header)
      this.fail('CLIENT_HEIGHT_UNKNOWN', 'height below the latest is not verified; use verifyAncestor', {
        height: header.height,
      });
    if (!equalBytes(k.hash, hash))
      this.fail('CLIENT_NOT_LINKED', 'conflicts with the verified header at this height', {
        height: header.height,
      });
    return k.header;
  }

  private rememberSet(set: ValidatorSet): Uint8Array {
    const hash = validatorSetHash(this.suite, set);
    this.sets.set(toHex(hash), set);
    return hash;
  }

  private fail(code: ClientError['code'], message: string, details: Record<string, unknown> = {}): never {
    throw new ClientError(code, message, details);
  }
}
