/** GET /v1/dossier/:entity — an entity's whole history, built with @djchain/client buildDossier. */
import { buildDossier } from '@djchain/client';
import { historyKey, readEvents, readHead } from '@djchain/runtime';
import type { RouteHandlerMethod } from 'fastify';
import type { DjNode } from '../node.ts';
import { keyBytes } from '../storage/state-view.ts';
import { requireEntity, type StateReader } from './access.ts';
import { b64 } from './encoding.ts';
import { ApiError } from './errors.ts';

/** The handler of GET /v1/dossier/:entity. */
export function dossierRoute(node: DjNode, state: StateReader): RouteHandlerMethod {
  const chain = node.app;
  return async (req) => {
    const { entity } = req.params as { entity: string };
    requireEntity(req.djReader.scope(), state, entity);
    const latest = chain.height();
    const height = (req.query as { height?: number }).height ?? latest;
    if (height < 1 || height > latest) throw new ApiError('HEIGHT_NOT_FOUND', undefined, { height, latest });
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
  };
}
