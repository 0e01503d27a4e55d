/**
 * The personal profile (name, gender, birth date, ID number, phone, address, education, occupation,
 * income base) never goes on chain. The node keeps it sealed with the chain suite's AEAD under a key
 * per member; on chain only a salted commitment
 *   commitment = H_tag("djchain/profile/v1", salt, cbor(profile))
 * so a disclosed profile can be checked against the chain, and destroying the key (erasure) leaves
 * every proof valid. Key, nonce and salt are injected by the caller: this code draws no randomness.
 */
import { decode, encode, type Suite, taggedHash, toHex, type Value } from '@djchain/crypto';
import { ModuleError } from '../common/errors.ts';

const PROFILE_TAG = 'djchain/profile/v1';

export interface Profile {
  readonly name: string;
  readonly gender: string;
  readonly birthDate: string;
  readonly idNumber: string;
  readonly phone: string;
  readonly address: string;
  readonly education: string;
  readonly occupation: string;
  /** Dues base in integer fen. */
  readonly incomeBase: number;
  /**
   * The 32-byte seed of the age commitment on chain (age.ts), drawn by the clerk at registration;
   * with birthDate it recomputes the commitment and makes the applicant's age proof.
   */
  readonly ageSeed?: Uint8Array;
}

/** Hex commitment of a profile under a salt (at least 16 bytes). */
export function profileCommitment(suite: Suite, salt: Uint8Array, profile: Profile): string {
  if (salt.length < 16) throw new ModuleError('MODULES_BAD_INPUT', 'profile salt must be at least 16 bytes');
  return toHex(taggedHash(suite, PROFILE_TAG, salt, encode(profile as unknown as Value)));
}

/** The sealed form kept off chain: salt and profile encrypted together, bound to the member id. */
export function sealProfile(
  suite: Suite,
  key: Uint8Array,
  nonce: Uint8Array,
  member: string,
  salt: Uint8Array,
  profile: Profile,
): { sealed: Uint8Array; commitment: string } {
  const plaintext = encode({ salt, profile: profile as unknown as Value });
  const aad = encode({ tag: PROFILE_TAG, member });
  return {
    sealed: suite.aeadEncrypt(key, nonce, plaintext, aad),
    commitment: profileCommitment(suite, salt, profile),
  };
}

/** Opens a sealed profile; null when the key, nonce, member or bytes are wrong. */
export function openProfile(
  suite: Suite,
  key: Uint8Array,
  nonce: Uint8Array,
  member: string,
  sealed: Uint8Array,
): { salt: Uint8Array; profile: Profile } | null {
  const plain = suite.aeadDecrypt(key, nonce, sealed, encode({ tag: PROFILE_TAG, member }));
  if (plain === null) return null;
  const v = decode(plain) as unknown as { salt: Uint8Array; profile: Profile };
  return { salt: v.salt, profile: v.profile };
}

/** Whether a disclosed profile and salt match the commitment on chain. */
export function checkProfile(suite: Suite, commitment: string, salt: Uint8Array, profile: Profile): boolean {
  return salt.length >= 16 && profileCommitment(suite, salt, profile) === commitment;
}
