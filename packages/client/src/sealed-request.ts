/**
 * The one shape of a signed request to the sealed-data service (packages/cli/src/sealed/): the
 * payload as JSON text, signed by the sender's key over H_tag(tag, chain id, payload), each kind of
 * request with its own domain tag (sealed-declare, sealed-import, sealed-resident-check) so a
 * signature for one can never be replayed as another; and the one way to post it and read the answer.
 */
import { type Suite, taggedHash, toHex } from '@djchain/crypto/browser';
import { ClientError, HttpError } from './errors.ts';
import type { FetchLike } from './http/transport.ts';

export interface SealedRequest {
  /** The payload, as the JSON text that was signed. */
  readonly payload: string;
  /** The signer's public key (hex). */
  readonly signer: string;
  /** The signature over H_tag(tag, chain id, payload) (hex). */
  readonly signature: string;
}

type SigningKey = { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array };

const utf8 = (s: string) => new TextEncoder().encode(s);

/** What a request of kind `tag` signs: H_tag(chain id, payload text). */
export function sealedDigest(suite: Suite, tag: string, chainId: string, payload: string): Uint8Array {
  return taggedHash(suite, tag, utf8(chainId), utf8(payload));
}

/** Signs `payload` (serialized here, once) as a request of kind `tag`. */
export function signSealedRequest(
  suite: Suite,
  tag: string,
  payload: { readonly chainId: string },
  key: SigningKey,
): SealedRequest {
  const text = JSON.stringify(payload);
  return {
    payload: text,
    signer: toHex(key.publicKey),
    signature: toHex(suite.sign(key.secretKey, sealedDigest(suite, tag, payload.chainId, text))),
  };
}

/**
 * POSTs `request` to the service's `path`; its JSON answer, or an HttpError with the service's code
 * (SEALED_UNAVAILABLE when the service answered nothing readable), or CLIENT_NETWORK.
 */
export async function postSealed(
  baseUrl: string,
  path: string,
  request: SealedRequest,
  opts: { timeoutMs?: number; fetchFn?: FetchLike } = {},
): Promise<Record<string, unknown>> {
  const fetchFn: FetchLike = opts.fetchFn ?? ((input, init) => globalThis.fetch(input, init));
  let res: Response;
  try {
    res = await fetchFn(`${baseUrl.replace(/\/$/, '')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
  } catch (e) {
    throw new ClientError('CLIENT_NETWORK', `sealed-data service unreachable: ${(e as Error).message}`);
  }
  const o = (await res.json().catch(() => null)) as
    | (Record<string, unknown> & { error?: { code?: string; message?: string } })
    | null;
  if (!res.ok || o === null || typeof o !== 'object') {
    const err = o?.error ?? {};
    throw new HttpError(res.status, err.code ?? 'SEALED_UNAVAILABLE', err.message ?? res.statusText);
  }
  return o;
}

/** The salted commitment of a sealing answer (64 hex digits), or CLIENT_BAD_RESPONSE. */
export function commitmentOf(o: Record<string, unknown>): { commitment: string } {
  if (typeof o.commitment !== 'string' || !/^[0-9a-f]{64}$/.test(o.commitment))
    throw new ClientError('CLIENT_BAD_RESPONSE', 'the answer holds no commitment');
  return { commitment: o.commitment };
}
