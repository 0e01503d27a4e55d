/** GET /v1/dossier/:entity — an entity's whole history, built with @djchain/client buildDossier. */
import { buildDossier } from '@djchain/client';
import { historyKey, readEvents, readHead } from '@djchain/runtime';
import type { FastifyInstance } from 'fastify';
import type { DjNode } from '../node.ts';
import { keyBytes } from '../storage/state-view.ts';
import { requireEntity, type StateReader } from './access.ts';
import { b64 } from './encoding.ts';
import { ApiError } from './errors.ts';
import { base64, documented } from './schemas.ts';

export function dossierRoute(app: FastifyInstance, node: DjNode, state: StateReader): void {
  const chain = node.app;
  app.get(
    '/v1/dossier/:entity',
    {
      schema: {
        params: {
          type: 'object',
          required: ['entity'],
          properties: { entity: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[^/]+$' } },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { height: { type: 'integer', minimum: 1 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['dossier'],
            properties: {
              dossier: {
                ...base64,
                description:
                  "the entity's events, the proof of hist/<entity>, header H, its commit certificate and validator set",
              },
            },
          },
        },
      },
      ...documented({
        tag: 'chain',
        summary: "An entity's whole history as a dossier that verifies offline",
        description:
          'Built with @djchain/client buildDossier at H (default latest), e.g. entity `member:m123`.',
        errors: ['HEIGHT_NOT_FOUND', 'ENTITY_NOT_FOUND'],
        read: {
          rule: 'resource',
          who:
            '`member:<id>`: the member, post holders of their organization and above; `org:<id>`: post holders ' +
            'of it and above; `validator:`: anyone; other kinds: the community committee; always the operator',
        },
      }),
    },
    async (req) => {
      const { entity } = req.params as { entity: string };
      requireEntity(req.djReader.scope(), state, entity);
      const latest = chain.height();
      const height = (req.query as { height?: number }).height ?? latest;
      if (height < 1 || height > latest)
        throw new ApiError('HEIGHT_NOT_FOUND', undefined, { height, latest });
      const view = chain.store.view(height);
      if (readHead(view, entity).count === 0)
        throw new ApiError('ENTITY_NOT_FOUND', undefined, { entity, height });
      const commit = chain.store.blocks.getCommit(height)!;
      const dossier = buildDossier({
        suite: node.suite,
        chainId: chain.chainId,
        entity,
        events: readEvents(view, entity),
        proof: chain.store.tree.prove(keyBytes(historyKey(entity)), height),
        header: chain.store.blocks.getHeader(height)!,
        commit,
        validatorSet: chain.validators(height),
      });
      return { dossier: b64(dossier) };
    },
  );
}
