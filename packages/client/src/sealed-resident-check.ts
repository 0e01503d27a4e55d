/**
 * Sealing the clerk's in-person check of a resident through the sealed-data service
 * (packages/cli/src/sealed/resident-checks.ts): the clerk's page sends what was checked, signed by
 * the clerk's key over H_tag("djchain/sealed-resident-check/v1", chain id, payload); the service
 * checks on chain that the key's member holds a post that binds residents in that organization
 * (resident.binder), draws the salt, seals salt and check in its vault and answers only the salted
 * commitment, which the page then puts on chain with resident.bind. Neither the salt nor the check
 * comes back.
 */
import type { KeyPair, Suite } from '@djchain/crypto/browser';
import type { FetchLike } from './http/transport.ts';
import { commitmentOf, postSealed, sealedDigest, signSealedRequest } from './sealed-request.ts';

export const SEALED_RESIDENT_CHECK_TAG = 'djchain/sealed-resident-check/v1';
export const SEALED_RESIDENT_CHECK_PATH = '/sealed/resident-check';
/** The longest description of one check (characters). */
export const SEALED_RESIDENT_CHECK_MAX_TEXT = 500;

export interface SealedResidentCheckPayload {
  readonly chainId: string;
  /** The latest height the clerk saw: the service refuses a payload older than its window. */
  readonly height: number;
  /** The community organization the resident is bound in (resident.bind's org). */
  readonly org: string;
  readonly resident: string;
  /** The key address the resident showed. */
  readonly address: string;
  /** What the clerk checked (document kind, its number, the residence). */
  readonly check: string;
}

export interface SealedResidentCheckAnswer {
  /** The salted commitment to put on chain (resident.bind or rebind). */
  readonly commitment: string;
}

export function sealedResidentCheckDigest(suite: Suite, chainId: string, payload: string): Uint8Array {
  return sealedDigest(suite, SEALED_RESIDENT_CHECK_TAG, chainId, payload);
}

export function sealedResidentCheckRequest(suite: Suite, payload: SealedResidentCheckPayload, key: KeyPair) {
  return signSealedRequest(suite, SEALED_RESIDENT_CHECK_TAG, payload, key);
}

/** Seals the check at the service; refusals are HttpError with the service's code. */
export async function sealedResidentCheck(
  baseUrl: string,
  suite: Suite,
  payload: SealedResidentCheckPayload,
  key: KeyPair,
  fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init),
): Promise<SealedResidentCheckAnswer> {
  return commitmentOf(
    await postSealed(baseUrl, SEALED_RESIDENT_CHECK_PATH, sealedResidentCheckRequest(suite, payload, key), {
      fetchFn,
    }),
  );
}
