/**
 * Importing a roster from a browser through the sealed-data service (packages/cli/src/sealed/import.ts).
 * The page holds no vault: the operator's service derives the member ids, seals each person's
 * profile under that member's own key and answers only what goes on chain — ids, placeholder key
 * addresses, commitments — for the page to sign and submit with the uploader's key, exactly as
 * `djchain import members` would. The request is signed by the uploader over
 * H_tag("djchain/sealed-import/v1", chain id, payload): the service checks the signer's posts on
 * chain before it seals anything, and refuses a payload older than its validity window.
 */
import type { Suite } from '@djchain/crypto/browser';
import { ClientError } from './errors.ts';
import type { FetchLike } from './http/transport.ts';
import type { RawRow, RowError } from './roster/index.ts';
import { postSealed, type SealedRequest, sealedDigest, signSealedRequest } from './sealed-request.ts';

export const SEALED_IMPORT_TAG = 'djchain/sealed-import/v1';
export const SEALED_IMPORT_PATH = '/sealed/import';
/** Rows one request may carry (a branch's roster is far smaller; larger files use the CLI). */
export const SEALED_IMPORT_MAX_ROWS = 2000;

export interface SealedImportPayload {
  readonly chainId: string;
  /** The latest height the uploader saw: the service refuses a payload older than its window. */
  readonly height: number;
  readonly rows: readonly { readonly row: number; readonly raw: RawRow }[];
}

/** The signed request (the payload's JSON text, the uploader's key, the signature over sealedImportDigest). */
export type SealedImportRequest = SealedRequest;

/** A row the service sealed: the transaction the uploader signs (member.importMember or register). */
export interface ImportPlan {
  readonly row: number;
  readonly member: string;
  readonly action: 'importMember' | 'register';
  readonly params: { readonly [k: string]: string };
}

export interface SealedImportAnswer {
  /** Every problem of every row (the CLI's checks, and rows the signer may not import). */
  readonly errors: readonly RowError[];
  /** Rows whose person is already on chain (nothing sealed, nothing to sign). */
  readonly skipped: readonly { readonly row: number; readonly member: string }[];
  readonly plans: readonly ImportPlan[];
}

export function sealedImportDigest(suite: Suite, chainId: string, payload: string): Uint8Array {
  return sealedDigest(suite, SEALED_IMPORT_TAG, chainId, payload);
}

export function sealedImportRequest(
  suite: Suite,
  payload: SealedImportPayload,
  key: { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array },
): SealedImportRequest {
  return signSealedRequest(suite, SEALED_IMPORT_TAG, payload, key);
}

/** Sends the request to the service at `baseUrl`; refusals are HttpError with the service's code. */
export async function sealedImport(
  baseUrl: string,
  request: SealedImportRequest,
  fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init),
): Promise<SealedImportAnswer> {
  const o = await postSealed(baseUrl, SEALED_IMPORT_PATH, request, { timeoutMs: 120_000, fetchFn });
  if (!Array.isArray(o.plans)) throw new ClientError('CLIENT_BAD_RESPONSE', 'the answer holds no plans');
  return o as unknown as SealedImportAnswer;
}
