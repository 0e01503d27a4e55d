/**
 * A personal declaration's content is personal data: on chain only a salted commitment
 *   commitment = H_tag("djchain/declaration/v1", salt, cbor({member, kind, matterOn, text}))
 * which the sealed-data service computes when it seals the content (packages/cli/src/sealed) and
 * anyone holding the opened content and salt can recompute. Salt and content are the service's.
 */
import { encode, type Suite, taggedHash, toHex } from '@djchain/crypto';

export const DECLARATION_TAG = 'djchain/declaration/v1';

export interface DeclarationContent {
  readonly member: string;
  readonly kind: string;
  /** The date of the matter (the day the marriage was registered, the journey began …). */
  readonly matterOn: string;
  /** What the member declares, in their own words. */
  readonly text: string;
}

/** Hex commitment of a content under a salt of at least 16 bytes (null when the salt is too short). */
export function declarationCommitment(suite: Suite, salt: Uint8Array, c: DeclarationContent): string | null {
  if (salt.length < 16) return null;
  return toHex(
    taggedHash(
      suite,
      DECLARATION_TAG,
      salt,
      encode({ member: c.member, kind: c.kind, matterOn: c.matterOn, text: c.text }),
    ),
  );
}
