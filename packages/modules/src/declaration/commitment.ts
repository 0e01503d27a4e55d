/**
 * A personal declaration's content is personal data: on chain only a salted commitment
 *   commitment = H_tag("djchain/declaration/v1", salt, cbor({member, kind, matterOn, text}))
 * which the sealed-data service computes when it seals the content (packages/cli/src/sealed) and
 * anyone holding the opened content and salt can recompute. Salt and content are the service's.
 */
import { decode, encode, type Suite, taggedHash, toHex } from '@djchain/crypto';

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

/**
 * The content sealed under the member's own key (as a profile is: member/profile.ts), with the salt
 * inside, so that whoever opens it can show it matches the commitment on chain. The member id is
 * bound as associated data: a line copied to another member does not open.
 */
export function sealDeclaration(
  suite: Suite,
  key: Uint8Array,
  nonce: Uint8Array,
  salt: Uint8Array,
  content: DeclarationContent,
): { sealed: Uint8Array; commitment: string } | null {
  const commitment = declarationCommitment(suite, salt, content);
  if (commitment === null) return null;
  const plaintext = encode({ salt, content: { ...content } });
  const aad = encode({ tag: DECLARATION_TAG, member: content.member });
  return { sealed: suite.aeadEncrypt(key, nonce, plaintext, aad), commitment };
}

/** Opens a sealed declaration; null when the key, nonce, member or bytes are wrong. */
export function openDeclaration(
  suite: Suite,
  key: Uint8Array,
  nonce: Uint8Array,
  member: string,
  sealed: Uint8Array,
): { salt: Uint8Array; content: DeclarationContent } | null {
  const plain = suite.aeadDecrypt(key, nonce, sealed, encode({ tag: DECLARATION_TAG, member }));
  if (plain === null) return null;
  const v = decode(plain) as unknown as { salt: Uint8Array; content: DeclarationContent };
  return { salt: v.salt, content: v.content };
}
