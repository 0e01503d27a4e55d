/**
 * Documents of step records (谈话记录, 思想汇报 …): the chain keeps the file's SHA-256 (`ref`); the
 * file itself goes to the node as an attachment (SDK `putAttachment`: `attachment.register` signed
 * by the post holder filling the form, or by the person themselves on a step they sign, then the
 * upload), scope `members` naming the person the
 * process is about — so the post holders of the branch and above, and that person, can fetch it
 * back from any entitled node (`getAttachment`, checked against its hash), not only from the
 * browser that recorded it. Nothing of the file's name comes on chain.
 */
import { attachmentHash } from '@djchain/client';
import type { KeyPair } from '@djchain/crypto/browser';
import { ATTACHMENT_MEDIA_TYPES } from '@djchain/modules/lists';
import type { Chain } from './chain.ts';
import { AppError } from './errors.ts';

/** Media types the chain records; anything else is octet-stream. */
const MEDIA: readonly string[] = ATTACHMENT_MEDIA_TYPES;

/** Reader scopes an organization's own document may have (attachment/store.ts, less `members`). */
export type OrgDocScope = 'public' | 'community' | 'org';

/**
 * Files `file` as an attachment of `org` readable by `member` (and the post holders of `org` and
 * above); returns its hash for the step's `ref`. A refused registration is thrown with its code.
 */
export function fileDocument(
  chain: Chain,
  file: File,
  to: { org: string; member: string },
  key: KeyPair,
): Promise<{ hash: string; name: string; size: number }> {
  return put(chain, file, { org: to.org, scope: 'members', members: [to.member] }, key);
}

/**
 * Files `file` as an organization's document with a reader range (党务公开 content, minutes of a
 * 四议两公开 meeting, a 请示): `public` for everyone, `community` for every Party member, `org` for the
 * members of `org` and those below it (and post holders above). Same checks as fileDocument.
 */
export function fileOrgDocument(
  chain: Chain,
  file: File,
  to: { org: string; scope: OrgDocScope },
  key: KeyPair,
): Promise<{ hash: string; name: string; size: number }> {
  return put(chain, file, { org: to.org, scope: to.scope }, key);
}

async function put(
  chain: Chain,
  file: File,
  to: { org: string; scope: OrgDocScope | 'members'; members?: string[] },
  key: KeyPair,
): Promise<{ hash: string; name: string; size: number }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const put = await chain.client.putAttachment(
    bytes,
    { ...to, mediaType: MEDIA.includes(file.type) ? file.type : 'application/octet-stream' },
    key,
  );
  const r = put.receipt?.receipt;
  if (r && r.status !== 'ok')
    throw new AppError(r.error?.code ?? 'TX_FAILED', r.error?.message ?? 'attachment refused');
  if (attachmentHash(bytes) !== put.hash)
    throw new AppError('CLIENT_ATTACHMENT_MISMATCH', 'the document hash differs from the bytes read');
  return { hash: put.hash, name: file.name, size: bytes.length };
}
