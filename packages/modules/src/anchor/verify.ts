/**
 * Decoding an anchor's parameters into the ledger's types and checking them with the shared
 * light-client step (`@djchain/ledger` checkLightStep, the SDK's own rules): the parent verifies
 * a child's header exactly as a light client of the child would, from the child's genesis set and
 * following its set changes through nextValidatorsHash.
 */
import { equalBytes, fromHex, getSuite, toHex, type Value } from '@djchain/crypto';
import {
  type CommitCertificate,
  checkLightStep,
  commitFromValue,
  type Header,
  headerFromValue,
  type LightReason,
  type TrustedHead,
  type ValidatorSet,
  validatorSetFromValue,
  validatorSetHash,
  validatorSetToValue,
  ZERO_HASH,
} from '@djchain/ledger';
import { ok, type ReadStore, type Result } from '@djchain/runtime';
import { type ErrorSpec, failure } from '../common/errors.ts';
import { AnchorErrors as E } from './errors.ts';
import { anchorKeys, type ChildRecord } from './store.ts';

/** A child's set larger than this is refused as a parameter (a block is no place for a huge set). */
export const MAX_CHILD_VALIDATORS = 128;

export interface Submission {
  readonly chain: string;
  readonly header: Header;
  readonly commit: CommitCertificate;
  readonly validators: ValidatorSet;
  readonly nextValidators?: ValidatorSet;
}

/** A validator set from its value form, or the module's BAD_PARAMS. */
export function decodeSet(v: Value, field: string): Result<ValidatorSet> {
  try {
    const set = validatorSetFromValue(v);
    if (set.validators.length > MAX_CHILD_VALIDATORS)
      return failure(E.BAD_PARAMS, { field, reason: `at most ${MAX_CHILD_VALIDATORS} validators` });
    return ok(set);
  } catch (e) {
    // The ledger's decoders throw a coded LedgerError; its message says which field.
    return failure(E.BAD_PARAMS, { field, reason: (e as Error).message.slice(0, 200) });
  }
}

export function decodeSubmission(shaped: { readonly [field: string]: Value }): Result<Submission> {
  let header: Header;
  let commit: CommitCertificate;
  try {
    header = headerFromValue(shaped.header!);
    commit = commitFromValue(shaped.commit!);
  } catch (e) {
    return failure(E.BAD_PARAMS, { reason: (e as Error).message.slice(0, 200) });
  }
  if (commit.precommits.length > MAX_CHILD_VALIDATORS)
    return failure(E.BAD_PARAMS, { field: 'commit', reason: 'too many precommits' });
  const validators = decodeSet(shaped.validators!, 'validators');
  if (!validators.ok) return validators;
  const base = { chain: shaped.chain as string, header, commit, validators: validators.value };
  if (shaped.nextValidators === undefined) return ok(base);
  const next = decodeSet(shaped.nextValidators, 'nextValidators');
  return next.ok ? ok({ ...base, nextValidators: next.value }) : next;
}

const REASONS: Record<LightReason, ErrorSpec> = {
  'chain-mismatch': E.CHAIN_MISMATCH,
  'bad-validators': E.BAD_VALIDATORS,
  'not-linked': E.NOT_LINKED,
  'untrusted-validators': E.UNTRUSTED_VALIDATORS,
  'commit-short': E.COMMIT_SHORT,
  'bad-signature': E.BAD_SIGNATURE,
  'bad-commit': E.BAD_COMMIT,
};

/** A stored set of the child by its hash, if the parent has seen it. */
export function storedSet(store: ReadStore, chain: string, hash: Uint8Array): ValidatorSet | undefined {
  const v = store.get(anchorKeys.set(chain, toHex(hash)));
  return v === undefined ? undefined : validatorSetFromValue(v);
}

/** What the parent trusts of the child now: its latest anchor, or its genesis set. */
export function trustedHead(store: ReadStore, child: ChildRecord): TrustedHead {
  const latest = child.latest;
  const renewed = renewalInForce(child);
  const nextHash = fromHex(
    renewed ? renewed.validatorsHash : latest ? latest.nextValidatorsHash : child.genesisValidatorsHash,
  );
  const next = storedSet(store, child.chain, nextHash);
  return {
    height: latest?.height ?? 0,
    hash: latest ? fromHex(latest.hash) : ZERO_HASH,
    nextValidatorsHash: nextHash,
    ...(next ? { nextValidators: next } : {}),
  };
}

/**
 * The whole check of one anchor against the child's record: chain, height above the latest, the
 * light-client step, and the next set known whenever the header names a different one (so the
 * next anchor can be checked at all).
 */
export function checkSubmission(store: ReadStore, child: ChildRecord, s: Submission, now: number): Result {
  const { header } = s;
  if (header.chainId !== child.chain) return failure(E.CHAIN_MISMATCH, { chain: header.chainId });
  const latest = child.latest?.height ?? 0;
  if (header.height <= latest) return failure(E.STALE, { height: header.height, latest });
  const since = trustedSince(child);
  const days = child.trustDays ?? DEFAULT_TRUST_DAYS;
  if (now - since > days * DAY) return failure(E.TRUST_EXPIRED, { since, trustDays: days });
  const suite = getSuite(child.suite);
  const step = checkLightStep(suite, child.chain, trustedHead(store, child), header, s.commit, s.validators);
  if (!step.ok) return failure(REASONS[step.reason], { reason: step.message, height: header.height });
  const sameNext = equalBytes(header.nextValidatorsHash, header.validatorsHash);
  if (s.nextValidators !== undefined) {
    if (!equalBytes(validatorSetHash(suite, s.nextValidators), header.nextValidatorsHash))
      return failure(E.BAD_VALIDATORS, { field: 'nextValidators' });
  } else if (!sameNext && !storedSet(store, child.chain, header.nextValidatorsHash)) {
    return failure(E.NEXT_SET_MISSING, { height: header.height });
  }
  // Bounded storage: one anchor per MIN_GAP of the child's time, except the headers that change
  // the set (the light client needs those to follow it).
  const prev = child.latest;
  if (prev && sameNext && header.time < prev.time + MIN_ANCHOR_GAP_MS)
    return failure(E.TOO_SOON, { height: header.height, latestTime: prev.time });
  return ok(undefined);
}

const DAY = 86_400_000;
/** A trusted header is trusted for this many days unless the registration says otherwise. */
export const DEFAULT_TRUST_DAYS = 14;
/** The least child time between two anchors of one chain (set changes excepted). */
export const MIN_ANCHOR_GAP_MS = 10 * 60_000;

/** The renewal of trust, when it is newer than the latest anchor. */
export function renewalInForce(child: ChildRecord): ChildRecord['renewed'] | undefined {
  const r = child.renewed;
  return r && r.afterHeight === (child.latest?.height ?? 0) ? r : undefined;
}

/**
 * Since when the parent trusts what it trusts of the child: the renewal in force, else the latest
 * anchored header's time, else the registration.
 */
export function trustedSince(child: ChildRecord): number {
  return renewalInForce(child)?.at ?? child.latest?.time ?? child.registeredTime;
}

export const setValue = validatorSetToValue;
