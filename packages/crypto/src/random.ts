/**
 * The one place the package reads randomness: fresh key pairs for the node and the CLI.
 * Web Crypto's getRandomValues exists in Node and browsers alike.
 */
import type { KeyPair, Suite } from './types.ts';

/** 32 bytes from the platform CSPRNG. */
export function randomSeed(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}

/** A fresh key pair: `suite.keyPairFromSeed` of a random seed. */
export function randomKeyPair(suite: Suite): KeyPair {
  return suite.keyPairFromSeed(randomSeed());
}
