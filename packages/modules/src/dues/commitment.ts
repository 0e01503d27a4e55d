/**
 * The income base is personal data: on chain only a salted commitment
 *   commitment = H_tag("djchain/dues-base/v1", salt, cbor({member, group, from, base}))
 * which the branch's tools compute when they assess, and `djchain dues audit` recomputes from the
 * sealed base to check both the commitment and the amount. Salt and base are the caller's.
 */
import { encode, type Suite, taggedHash, toHex } from '@djchain/crypto';
import type { YearMonth } from '../common/months.ts';
import type { DuesGroup } from './rates.ts';

export const DUES_BASE_TAG = 'djchain/dues-base/v1';

export interface DuesBase {
  readonly member: string;
  readonly group: DuesGroup;
  readonly from: YearMonth;
  /** Monthly base in fen. */
  readonly base: number;
}

/** Hex commitment of a base under a salt of at least 16 bytes (null when the salt is too short). */
export function duesBaseCommitment(suite: Suite, salt: Uint8Array, b: DuesBase): string | null {
  if (salt.length < 16) return null;
  return toHex(
    taggedHash(
      suite,
      DUES_BASE_TAG,
      salt,
      encode({ member: b.member, group: b.group, from: b.from, base: b.base }),
    ),
  );
}
