/**
 * The clerk's in-person check is personal (who the person is, where they live): on chain only a
 * salted commitment
 *   commitment = H_tag("djchain/resident-check/v1", salt, cbor({resident, address, checkedOn, check}))
 * where `check` is what the clerk saw. The sealed-data service draws the salt, computes the
 * commitment and keeps salt and check sealed (`sealResidentCheck`, under a key of that resident's
 * own in the service's vault; packages/cli/src/sealed/resident-checks.ts); the clerk's browser gets
 * the commitment only. A later dispute is settled by opening the sealed record, which recomputes the
 * commitment. Key, nonce and salt are the caller's: this code draws no randomness.
 */
import { decode, encode, type Suite, taggedHash, toHex } from '@djchain/crypto';
import { RESIDENT_CHECK_TAG } from '../lists.ts';

export { RESIDENT_CHECK_TAG };

export interface ResidentCheck {
  readonly resident: string;
  /** The key address bound by this check. */
  readonly address: string;
  readonly checkedOn: string;
  /** What the clerk checked (document kind, its number, the residence), never put on chain. */
  readonly check: string;
}

/** Hex commitment of a check under a salt of at least 16 bytes (null when the salt is too short). */
export function residentCheckCommitment(suite: Suite, salt: Uint8Array, c: ResidentCheck): string | null {
  if (salt.length < 16) return null;
  return toHex(
    taggedHash(
      suite,
      RESIDENT_CHECK_TAG,
      salt,
      encode({ resident: c.resident, address: c.address, checkedOn: c.checkedOn, check: c.check }),
    ),
  );
}

/** What is sealed besides the check: the community and the clerk (member id) who checked. */
export interface SealedResidentCheck {
  readonly salt: Uint8Array;
  readonly check: ResidentCheck;
  readonly org: string;
  readonly clerk: string;
}

/**
 * The check sealed with its salt (so that whoever opens it can show it matches the commitment on
 * chain), the resident id bound as associated data: a line copied to another resident does not open.
 */
export function sealResidentCheck(
  suite: Suite,
  key: Uint8Array,
  nonce: Uint8Array,
  record: SealedResidentCheck,
): { sealed: Uint8Array; commitment: string } | null {
  const commitment = residentCheckCommitment(suite, record.salt, record.check);
  if (commitment === null) return null;
  const c = record.check;
  const plaintext = encode({
    salt: record.salt,
    check: { resident: c.resident, address: c.address, checkedOn: c.checkedOn, check: c.check },
    org: record.org,
    clerk: record.clerk,
  });
  const aad = encode({ tag: RESIDENT_CHECK_TAG, resident: c.resident });
  return { sealed: suite.aeadEncrypt(key, nonce, plaintext, aad), commitment };
}

/** Opens a sealed check; null when the key, nonce, resident or bytes are wrong. */
export function openResidentCheck(
  suite: Suite,
  key: Uint8Array,
  nonce: Uint8Array,
  resident: string,
  sealed: Uint8Array,
): SealedResidentCheck | null {
  const plain = suite.aeadDecrypt(key, nonce, sealed, encode({ tag: RESIDENT_CHECK_TAG, resident }));
  if (plain === null) return null;
  return decode(plain) as unknown as SealedResidentCheck;
}
