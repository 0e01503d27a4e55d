/**
 * Filing a personal declaration's content through the sealed-data service
 * (packages/cli/src/sealed/declarations.ts): the member's page sends the content, signed by the
 * member's key over H_tag("djchain/sealed-declare/v1", chain id, payload); the service checks on
 * chain that the key is that member's current key, seals the content under the member's own key
 * and answers only the salted commitment, which the page then puts on chain with
 * declaration.declare. Reading it back goes through a committed declaration.recordRead and
 * `readSealed` (sealed.ts), like a profile.
 */
import type { KeyPair, Suite } from '@djchain/crypto/browser';
import type { FetchLike } from './http/transport.ts';
import { commitmentOf, postSealed, sealedDigest, signSealedRequest } from './sealed-request.ts';

export const SEALED_DECLARE_TAG = 'djchain/sealed-declare/v1';
export const SEALED_DECLARE_PATH = '/sealed/declare';
/** The longest content one declaration holds (characters); longer material is an attachment. */
export const SEALED_DECLARE_MAX_TEXT = 2000;

export interface SealedDeclarePayload {
  readonly chainId: string;
  /** The latest height the member saw: the service refuses a payload older than its window. */
  readonly height: number;
  readonly member: string;
  readonly kind: string;
  readonly matterOn: string;
  readonly text: string;
}

export interface SealedDeclareAnswer {
  /** The salted commitment to put on chain (declaration.declare or supplementDeclaration). */
  readonly commitment: string;
}

export function sealedDeclareDigest(suite: Suite, chainId: string, payload: string): Uint8Array {
  return sealedDigest(suite, SEALED_DECLARE_TAG, chainId, payload);
}

export function sealedDeclareRequest(suite: Suite, payload: SealedDeclarePayload, key: KeyPair) {
  return signSealedRequest(suite, SEALED_DECLARE_TAG, payload, key);
}

/** Seals the content at the service; refusals are HttpError with the service's code. */
export async function sealedDeclare(
  baseUrl: string,
  suite: Suite,
  payload: SealedDeclarePayload,
  key: KeyPair,
  fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init),
): Promise<SealedDeclareAnswer> {
  return commitmentOf(
    await postSealed(baseUrl, SEALED_DECLARE_PATH, sealedDeclareRequest(suite, payload, key), { fetchFn }),
  );
}
