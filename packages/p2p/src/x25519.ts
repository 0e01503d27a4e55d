/**
 * Ephemeral X25519 (RFC 7748) on node:crypto for the handshake's key agreement. The static identity
 * keys are signing keys of the chain suite; only these one-use keys take part in the Diffie-Hellman.
 */
import { createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { concatBytes, fromHex } from '@djchain/crypto';
import { P2PError } from './errors.ts';

const SPKI_PREFIX = fromHex('302a300506032b656e032100');

/** A one-use key pair; `publicKey` is the raw 32-byte u-coordinate. */
export interface EphemeralKey {
  readonly publicKey: Uint8Array;
  readonly privateKey: KeyObject;
}

/** A fresh ephemeral key pair from the platform CSPRNG. */
export function createEphemeral(): EphemeralKey {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKey: new Uint8Array(spki.subarray(SPKI_PREFIX.length)), privateKey };
}

/**
 * The shared secret of our ephemeral and the peer's raw public key. Refuses (P2P_BAD_HANDSHAKE) keys
 * of the wrong length and low-order points, whose all-zero result an attacker could predict.
 */
export function sharedSecret(own: EphemeralKey, peerPublic: Uint8Array): Uint8Array {
  if (peerPublic.length !== 32) throw new P2PError('P2P_BAD_HANDSHAKE', 'ephemeral key must be 32 bytes');
  let secret: Uint8Array;
  try {
    const publicKey = createPublicKey({
      key: Buffer.from(concatBytes(SPKI_PREFIX, peerPublic)),
      format: 'der',
      type: 'spki',
    });
    secret = new Uint8Array(diffieHellman({ privateKey: own.privateKey, publicKey }));
  } catch {
    throw new P2PError('P2P_BAD_HANDSHAKE', 'ephemeral key agreement failed');
  }
  let any = 0;
  for (const b of secret) any |= b;
  if (any === 0) throw new P2PError('P2P_BAD_HANDSHAKE', 'low-order ephemeral key');
  return secret;
}
