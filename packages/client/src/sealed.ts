/**
 * Reading sealed personal fields through the sealed-data service (packages/cli/src/sealed): the
 * reader first commits a read record (member.recordProfileRead naming the member, the fields and
 * the purpose), then asks the service with the record's transaction and a signature, by the same
 * key, over H_tag("djchain/sealed-read/v1", chain id, tx hash). The tag keeps the signature from
 * being usable as anything else (a transaction signs "djchain/tx/v1"); binding the tx hash makes it
 * good for that one record only. The service answers with exactly the named fields, bound to the
 * record: its tx hash, height and index.
 */
import { fromHex, type Suite, taggedHash, toHex } from '@djchain/crypto/browser';
import { ClientError, HttpError } from './errors.ts';
import type { FetchLike } from './http/transport.ts';
import type { SignedTx } from './tx.ts';

export const SEALED_READ_TAG = 'djchain/sealed-read/v1';
/** The service's path (the web server forwards it to the service). */
export const SEALED_READ_PATH = '/sealed/read';

/** What the reader signs to ask for the fields of read record `txHash` (hex). */
export function sealedReadDigest(suite: Suite, chainId: string, txHash: string): Uint8Array {
  return taggedHash(suite, SEALED_READ_TAG, new TextEncoder().encode(chainId), fromHex(txHash));
}

export interface SealedReadRequest {
  /** Base64 of the signed read-record transaction. */
  readonly tx: string;
  /** Hex signature over sealedReadDigest by the transaction's signer. */
  readonly signature: string;
}

export function sealedReadRequest(suite: Suite, chainId: string, record: SignedTx, secretKey: Uint8Array) {
  const signature = toHex(suite.sign(secretKey, sealedReadDigest(suite, chainId, record.hash)));
  return { tx: record.base64, signature } satisfies SealedReadRequest;
}

/** The service's answer: the named fields only, and the record they were released for. */
export interface SealedAnswer {
  readonly member: string;
  /** Field → value; a named field the profile does not hold is absent. */
  readonly fields: Readonly<Record<string, string | number | null>>;
  readonly record: {
    readonly txHash: string;
    readonly height: number;
    readonly index: number;
    /** Address of the reader (the record's signer). */
    readonly reader: string;
    readonly purpose: string;
  };
}

/**
 * Asks the service at `baseUrl` for the fields of a committed read record. Refusals are HttpError
 * with the service's code (SEALED_NO_RECORD, SEALED_RECORD_USED, SEALED_ERASED, …).
 */
export async function readSealed(
  baseUrl: string,
  suite: Suite,
  chainId: string,
  record: SignedTx,
  secretKey: Uint8Array,
  fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init),
): Promise<SealedAnswer> {
  const body = JSON.stringify(sealedReadRequest(suite, chainId, record, secretKey));
  let res: Response;
  try {
    res = await fetchFn(`${baseUrl.replace(/\/$/, '')}${SEALED_READ_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new ClientError('CLIENT_NETWORK', `sealed-data service unreachable: ${(e as Error).message}`);
  }
  const o = (await res.json().catch(() => null)) as
    | (SealedAnswer & { error?: { code?: string; message?: string } })
    | null;
  if (!res.ok || o === null) {
    const err = o?.error ?? {};
    throw new HttpError(res.status, err.code ?? 'SEALED_UNAVAILABLE', err.message ?? res.statusText);
  }
  if (o.record?.txHash !== record.hash)
    throw new ClientError('CLIENT_BAD_RESPONSE', 'the answer is bound to another read record');
  return o;
}
