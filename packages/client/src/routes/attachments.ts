/**
 * Route table: attachments — content kept off chain by the entitled nodes, addressed by its SHA-256,
 * registered on chain by `attachment.register` (packages/node/README.md, "Attachments").
 */
import { hexHash } from './schemas.ts';
import type { RouteSpec } from './spec.ts';

/** The content type attachments travel as, whatever their media type (the record holds that). */
export const ATTACHMENT_CONTENT_TYPE = 'application/octet-stream';

const params = {
  type: 'object',
  required: ['hash'],
  properties: { hash: { ...hexHash, description: 'SHA-256 of the content, lowercase hex' } },
} as const;

const READERS =
  'the readers of the attachment: anyone for a public one; post holders of its organization or above; ' +
  'otherwise the members its scope names (Party members of the community, of the organization and those ' +
  'below it, or the members listed) and the operator';

export const attachmentRoutes = {
  attachmentPut: {
    method: 'POST',
    path: '/v1/attachments/:hash',
    params,
    consumes: {
      type: ATTACHMENT_CONTENT_TYPE,
      description: 'the content: exactly the size registered on chain, hashing (SHA-256) to :hash',
    },
    response: {
      type: 'object',
      required: ['hash', 'size', 'stored'],
      properties: {
        hash: hexHash,
        size: { type: 'integer', minimum: 1 },
        stored: { type: 'boolean', description: 'false when this node held the content already' },
      },
    },
    tag: 'attachments',
    summary: 'Upload the content of a registered attachment',
    description:
      'Accepted only once `attachment.register` of this hash is committed, and only at a node whose ' +
      'organization may keep it (`attachment.entitled`): the node streams the body ' +
      'to a temporary file while hashing it, refuses it (keeping nothing) when it is larger than the ' +
      'registered size or the node’s `attachments.maxBytes`, or hashes to anything else, then keeps it ' +
      'durably (fsync, rename) and tells its peers, whose entitled nodes fetch it.',
    errors: [
      'ATTACHMENT_NOT_FOUND',
      'ATTACHMENT_TOO_LARGE',
      'ATTACHMENT_SIZE_MISMATCH',
      'ATTACHMENT_HASH_MISMATCH',
      'ATTACHMENT_WRONG_NODE',
      'RATE_LIMITED',
    ],
    read: { rule: 'resource', who: `signed in: ${READERS}` },
  },
  attachmentGet: {
    method: 'GET',
    path: '/v1/attachments/:hash',
    params,
    produces: {
      type: ATTACHMENT_CONTENT_TYPE,
      schema: { type: 'string', format: 'binary' },
      description:
        'the content (`x-attachment-media-type`: the media type registered); verify it: its SHA-256 must be :hash',
    },
    tag: 'attachments',
    summary: 'Download the content of an attachment',
    description:
      'The same read check as the record (`attachment.attachment`). A node entitled to keep the content ' +
      'that does not hold it yet fetches it from its peers first (verified by hash).',
    errors: ['ATTACHMENT_NOT_FOUND', 'ATTACHMENT_UNAVAILABLE'],
    read: { rule: 'resource', who: READERS },
  },
} as const satisfies Record<string, RouteSpec>;
