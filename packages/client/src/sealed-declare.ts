/**
 * Filing a personal declaration's content through the sealed-data service
 * (packages/cli/src/sealed/declarations.ts): the member's page sends the content, signed by the
 * member's key over H_tag("djchain/sealed-declare/v1", chain id, payload); the service checks on
 * chain that the key is that member's current key, seals the content under the member's own key
 * and answers only the salted commitment, which the page then puts on chain with
 * declaration.declare. Reading it back goes through a committed declaration.recordRead and
 * `readSealed` (sealed.ts), like a profile.
 */
import { type KeyPair, type Suite, taggedHash, toHex } from '@djchain/crypto/browser';
import { ClientError, HttpError } from './errors.ts';
import type { FetchLike } from './http/transport.ts';

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

const utf8 = (s: string) => new TextEncoder().encode(s);

export function sealedDeclareDigest(suite: Suite, chainId: string, payload: string): Uint8Array {
  return taggedHash(suite, SEALED_DECLARE_TAG, utf8(chainId), utf8(payload));
}

export function sealedDeclareRequest(suite: Suite, payload: SealedDeclarePayload, key: KeyPair) {
  const text = JSON.stringify(payload);
  return {
    payload: text,
    signer: toHex(key.publicKey),
    signature: toHex(suite.sign(key.secretKey, sealedDeclareDigest(suite, payload.chainId, text))),
  };
}

/** Seals the content at the service; refusals are HttpError with the service's code. */
export async function sealedDeclare(
  baseUrl: string,
  suite: Suite,
  payload: SealedDeclarePayload,
  key: KeyPair,
  fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init),
): Promise<SealedDeclareAnswer> {
  let res: Response;
  try {
    res = await fetchFn(`${baseUrl.replace(/\/$/, '')}${SEALED_DECLARE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sealedDeclareRequest(suite, payload, key)),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new ClientError('CLIENT_NETWORK', `sealed-data service unreachable: ${(e as Error).message}`);
  }
  const o = (await res.json().catch(() => null)) as
    | (SealedDeclareAnswer & { error?: { code?: string; message?: string } })
    | null;
  if (!res.ok || o === null) {
    const err = o?.error ?? {};
    throw new HttpError(res.status, err.code ?? 'SEALED_UNAVAILABLE', err.message ?? res.statusText);
  }
  if (typeof o.commitment !== 'string' || !/^[0-9a-f]{64}$/.test(o.commitment))
    throw new ClientError('CLIENT_BAD_RESPONSE', 'the answer holds no commitment');
  return { commitment: o.commitment };
}
