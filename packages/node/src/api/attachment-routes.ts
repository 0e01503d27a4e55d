/**
 * POST /v1/attachments/:hash (upload) and GET /v1/attachments/:hash (download): the content of an
 * attachment registered on chain, read under the same rule as its record (attachment-access.ts).
 *
 * Upload is accepted only once `attachment.register` of the hash is committed — the chain, not the
 * node, decides who registers what — only from a signed-in reader of it, and only at a node whose
 * organization may keep it (ATTACHMENT_WRONG_NODE otherwise). The body streams
 * into the store (never held whole in memory), refused with nothing kept when it passes the
 * registered size or the node's limit or hashes to anything else. Download: a node entitled to
 * keep the content that does not hold it yet fetches it from its peers first (verified by hash);
 * the SDK verifies the hash again on its side. Content is never logged.
 */
import type { Readable } from 'node:stream';
import { ATTACHMENT_CONTENT_TYPE } from '@djchain/client/routes';
import type { FastifyInstance } from 'fastify';
import { isNodeError } from '../errors.ts';
import { orgOfNode } from '../net/attachment-wire.ts';
import type { DjNode } from '../node.ts';
import type { StateReader } from './access.ts';
import { requireAttachment } from './attachment-access.ts';
import { ApiError } from './errors.ts';
import type { Handlers } from './route.ts';

/** The refusals of the store, as the API's codes. */
function apiErrorOf(e: unknown, limit: number): unknown {
  if (isNodeError(e, 'NODE_ATTACHMENT_TOO_LARGE'))
    return new ApiError('ATTACHMENT_TOO_LARGE', undefined, { limit });
  if (isNodeError(e, 'NODE_ATTACHMENT_SIZE_MISMATCH'))
    return new ApiError('ATTACHMENT_SIZE_MISMATCH', undefined, e.details ?? {});
  if (isNodeError(e, 'NODE_ATTACHMENT_HASH_MISMATCH')) return new ApiError('ATTACHMENT_HASH_MISMATCH');
  return e;
}

export function attachmentRoutes(
  app: FastifyInstance,
  node: DjNode,
  state: StateReader,
): Pick<Handlers, 'attachmentPut' | 'attachmentGet'> {
  const { store, wire } = node.attachments;
  const limit = store.opts.maxBytes;
  // The body of an upload reaches the handler as the raw request stream: the store reads it while
  // hashing, bounded by the registered size.
  app.addContentTypeParser(ATTACHMENT_CONTENT_TYPE, (_req, payload, done) => done(null, payload));
  return {
    attachmentPut: async (req) => {
      const { hash } = req.params as { hash: string };
      const reader = req.djReader;
      if (!reader.operator && !reader.session) throw new ApiError('AUTH_REQUIRED');
      const rec = requireAttachment(reader.scope(), state, hash);
      // Content stays with the organizations entitled to it: not even an uploader puts it elsewhere.
      const self = orgOfNode(node.app, node.nodeId);
      const kept =
        rec.scope === 'public' ||
        rec.scope === 'community' ||
        (self !== null &&
          (state.query('attachment', 'entitled', { hash, org: self }) as { node?: unknown } | null)?.node ===
            true);
      if (!kept) throw new ApiError('ATTACHMENT_WRONG_NODE', undefined, { org: self });
      if (rec.size > limit) throw new ApiError('ATTACHMENT_TOO_LARGE', undefined, { size: rec.size, limit });
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared !== rec.size)
        throw new ApiError('ATTACHMENT_SIZE_MISMATCH', undefined, { size: rec.size, received: declared });
      const body = req.body as Readable | undefined;
      if (body === undefined || typeof (body as Readable).on !== 'function')
        throw new ApiError('REQUEST_INVALID', `send the content as ${ATTACHMENT_CONTENT_TYPE}`);
      let stored: boolean;
      try {
        stored = await store.put(hash, rec.size, body);
      } catch (e) {
        throw apiErrorOf(e, limit);
      }
      if (stored) {
        node.log.info({ hash, size: rec.size }, 'attachment stored');
        wire?.announce(hash);
      }
      return { hash, size: rec.size, stored };
    },
    attachmentGet: async (req, reply) => {
      const { hash } = req.params as { hash: string };
      const rec = requireAttachment(req.djReader.scope(), state, hash);
      if (!store.has(hash) && !(await wire?.fetch(hash))) throw new ApiError('ATTACHMENT_UNAVAILABLE');
      reply
        .header('content-type', ATTACHMENT_CONTENT_TYPE)
        .header('content-length', String(rec.size))
        .header('x-attachment-media-type', rec.mediaType)
        .header('content-disposition', `attachment; filename="${hash}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store');
      return reply.send(store.open(hash));
    },
  };
}
