/**
 * The body of a signed request to the sealed-data service (`POST /sealed/declare`, `POST
 * /sealed/import`, `POST /sealed/resident-check`): `{ payload, signer, signature }`, the payload as
 * JSON text, signed by `signer` over the request kind's digest of that text (@djchain/client
 * sealedDeclareDigest, sealedImportDigest, sealedResidentCheckDigest).
 */
import type { DjchainClient } from '@djchain/client';
import { fromHex, type Suite } from '@djchain/crypto';
import { openVault, profileKeyOf, saveVault, withKeys } from '../commands/vault.ts';
import { type SealedCode, SealedError } from './errors.ts';

const HEX = /^(?:[0-9a-f]{2})+$/;

/**
 * The parsed payload (its fields still to be checked by the caller) and the signer's public key.
 * Refuses a malformed body or payload (SEALED_BAD_REQUEST) and a signature that does not verify
 * over `digest(payload)` (`badSignature`).
 */
export function signedPayload(
  verify: (signer: Uint8Array, digest: Uint8Array, signature: Uint8Array) => boolean,
  body: unknown,
  digest: (payload: string) => Uint8Array,
  badSignature: SealedCode,
): { payload: unknown; signer: Uint8Array } {
  const b = body as { payload?: unknown; signer?: unknown; signature?: unknown } | null;
  if (
    typeof b?.payload !== 'string' ||
    typeof b.signer !== 'string' ||
    !HEX.test(b.signer) ||
    typeof b.signature !== 'string' ||
    !HEX.test(b.signature)
  )
    throw new SealedError(
      'SEALED_BAD_REQUEST',
      'payload (JSON text), signer and signature (hex) are required',
    );
  const signer = fromHex(b.signer);
  if (!verify(signer, digest(b.payload), fromHex(b.signature))) throw new SealedError(badSignature);
  try {
    return { payload: JSON.parse(b.payload) as unknown, signer };
  } catch {
    throw new SealedError('SEALED_BAD_REQUEST', 'payload is not JSON');
  }
}

/**
 * A signed request of `client`'s chain: `signedPayload` (digest `digest(suite, chain id, text)`),
 * then the payload names this chain, has a whole `height` and passes `fields`; otherwise
 * SEALED_BAD_REQUEST saying `expected`.
 */
export function chainRequest<P extends { chainId: string; height: number }>(
  client: DjchainClient,
  body: unknown,
  digest: (suite: Suite, chainId: string, payload: string) => Uint8Array,
  badSignature: SealedCode,
  fields: (p: P) => boolean,
  expected: string,
): { payload: P; signer: Uint8Array } {
  const { payload, signer } = signedPayload(
    (k, d, sig) => client.suite.verify(k, d, sig),
    body,
    (text) => digest(client.suite, client.chainId, text),
    badSignature,
  );
  const p = payload as P;
  if (p?.chainId !== client.chainId || !Number.isSafeInteger(p.height) || !fields(p))
    throw new SealedError('SEALED_BAD_REQUEST', expected);
  return { payload: p, signer };
}

/**
 * The node's status, once the request's `height` is at most two blocks ahead of it and at most
 * `validityBlocks` behind; `expired` otherwise, SEALED_UNAVAILABLE when the node does not answer.
 */
export async function freshStatus(
  client: DjchainClient,
  height: number,
  validityBlocks: number,
  expired: SealedCode,
): Promise<Awaited<ReturnType<DjchainClient['status']>>> {
  let status: Awaited<ReturnType<DjchainClient['status']>>;
  try {
    status = await client.status();
  } catch (e) {
    throw new SealedError('SEALED_UNAVAILABLE', (e as Error).message);
  }
  if (height > status.height + 2 || status.height - height > validityBlocks) throw new SealedError(expired);
  return status;
}

/** The vault key `keyId` (drawn and stored, synced, first if there is none yet). */
export function storedKey(vaultFile: string, client: DjchainClient, keyId: string): Uint8Array {
  const before = openVault(vaultFile, client.chainId, client.suite).vault;
  const vault = withKeys(before, [keyId]);
  if (vault !== before) saveVault(vaultFile, vault);
  return profileKeyOf(client.suite, vault, keyId)!;
}

/** Runs handlers one at a time, in the order they are called (a failure does not stop the rest). */
export class OneAtATime {
  #queue: Promise<unknown> = Promise.resolve();

  run<T>(f: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(f);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
