/**
 * The body of a signed request to the sealed-data service (`POST /sealed/declare`, `POST
 * /sealed/import`, `POST /sealed/resident-check`): `{ payload, signer, signature }`, the payload as
 * JSON text, signed by `signer` over the request kind's digest of that text (@djchain/client
 * sealedDeclareDigest, sealedImportDigest, sealedResidentCheckDigest).
 */
import { fromHex } from '@djchain/crypto';
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
