/**
 * Sealing the clerk's in-person check of a resident through the sealed-data service
 * (packages/cli/src/sealed/resident-checks.ts): the clerk's page sends what was checked, signed by
 * the clerk's key over H_tag("djchain/sealed-resident-check/v1", chain id, payload); the service
 * checks on chain that the key's member holds a post that binds residents in that organization
 * (resident.binder), draws the salt, seals salt and check in its vault and answers only the salted
 * commitment, which the page then puts on chain with resident.bind. Neither the salt nor the check
 * comes back.
 */
import { type KeyPair, type Suite, taggedHash, toHex } from '@djchain/crypto/browser';
import { ClientError, HttpError } from './errors.ts';
import type { FetchLike } from './http/transport.ts';

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

const utf8 = (s: string) => new TextEncoder().encode(s);

export function sealedResidentCheckDigest(suite: Suite, chainId: string, payload: string): Uint8Array {
  return taggedHash(suite, SEALED_RESIDENT_CHECK_TAG, utf8(chainId), utf8(payload));
}

export function sealedResidentCheckRequest(suite: Suite, payload: SealedResidentCheckPayload, key: KeyPair) {
  const text = JSON.stringify(payload);
  return {
    payload: text,
    signer: toHex(key.publicKey),
    signature: toHex(suite.sign(key.secretKey, sealedResidentCheckDigest(suite, payload.chainId, text))),
  };
}

/** Seals the check at the service; refusals are HttpError with the service's code. */
export async function sealedResidentCheck(
  baseUrl: string,
  suite: Suite,
  payload: SealedResidentCheckPayload,
  key: KeyPair,
  fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init),
): Promise<SealedResidentCheckAnswer> {
  let res: Response;
  try {
    res = await fetchFn(`${baseUrl.replace(/\/$/, '')}${SEALED_RESIDENT_CHECK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sealedResidentCheckRequest(suite, payload, key)),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new ClientError('CLIENT_NETWORK', `sealed-data service unreachable: ${(e as Error).message}`);
  }
  const o = (await res.json().catch(() => null)) as
    | (SealedResidentCheckAnswer & { error?: { code?: string; message?: string } })
    | null;
  if (!res.ok || o === null) {
    const err = o?.error ?? {};
    throw new HttpError(res.status, err.code ?? 'SEALED_UNAVAILABLE', err.message ?? res.statusText);
  }
  if (typeof o.commitment !== 'string' || !/^[0-9a-f]{64}$/.test(o.commitment))
    throw new ClientError('CLIENT_BAD_RESPONSE', 'the answer holds no commitment');
  return { commitment: o.commitment };
}
