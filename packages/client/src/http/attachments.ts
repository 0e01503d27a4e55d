/**
 * Attachments in the SDK: the content's SHA-256 (whatever the chain's suite: attachments are
 * addressed by SHA-256 everywhere), and the check every download passes before its bytes are
 * returned — a node (or anything between) that serves other bytes is caught here.
 */
import { intlBrowser, toHex } from '@djchain/crypto/browser';
import { ClientError } from '../errors.ts';

/** Reader scopes of `attachment.register` (@djchain/modules src/attachment/store.ts). */
export type AttachmentScope = 'public' | 'community' | 'org' | 'members';

/** What `attachment.register` records, besides the hash and size the SDK computes. */
export interface AttachmentMeta {
  readonly org: string;
  readonly scope: AttachmentScope;
  /** The readers of a `members` scope (sorted by the SDK). */
  readonly members?: readonly string[];
  /** One of the media types the module lists (default application/octet-stream). */
  readonly mediaType?: string;
}

/** The on-chain record (query `attachment.attachment`). */
export interface AttachmentRecord {
  readonly hash: string;
  readonly size: number;
  readonly mediaType: string;
  readonly org: string;
  readonly scope: AttachmentScope;
  readonly members: readonly string[];
  readonly by: string | null;
  readonly registeredOn: string;
}

/** SHA-256 of `content`, lowercase hex. */
export function attachmentHash(content: Uint8Array): string {
  return toHex(intlBrowser.hash(content));
}

/** The bytes, when they hash to `hash`; CLIENT_ATTACHMENT_MISMATCH otherwise. */
export function verifyAttachment(hash: string, bytes: Uint8Array): Uint8Array {
  const got = attachmentHash(bytes);
  if (got !== hash)
    throw new ClientError('CLIENT_ATTACHMENT_MISMATCH', `content hashes to ${got}, not ${hash}`, {
      hash,
      got,
      size: bytes.length,
    });
  return bytes;
}
