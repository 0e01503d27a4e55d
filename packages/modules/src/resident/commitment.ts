/**
 * The clerk's in-person check is personal (who the person is, where they live): on chain only a
 * salted commitment
 *   commitment = H_tag("djchain/resident-check/v1", salt, cbor({resident, address, checkedOn, check}))
 * where `check` is what the clerk saw (kept sealed off chain by the service centre, like a member's
 * profile: `sealProfile` for the sealed form). A later dispute is settled by disclosing salt and
 * check to whoever is entitled, who recomputes the commitment. Salt and check are the caller's.
 */
import { encode, type Suite, taggedHash, toHex } from '@djchain/crypto';
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
