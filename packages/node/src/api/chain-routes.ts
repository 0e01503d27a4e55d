/**
 * GET /v1/status, /v1/headers, /v1/blocks (summaries), /v1/blocks/:height, /v1/commits/:height,
 * /v1/validators, /v1/state, /v1/query. What a light client needs (headers, commit certificates,
 * validator sets) is public; block bodies, state and queries follow access.ts.
 */

import { MAX_HEADERS } from '@djchain/client/routes';
import { encode, toHex, type Value } from '@djchain/crypto';
import { encodeBlock, encodeCommit, encodeHeader, encodeValidatorSet, headerHash } from '@djchain/ledger';
import { encodeProof, isStateError } from '@djchain/state';
import type { DjNode } from '../node.ts';
import { keyBytes } from '../storage/state-view.ts';
import { checkQuery, requireCommunity, requireStateKey, type StateReader } from './access.ts';
import { b64, jsonSafe, valueFromJson } from './encoding.ts';
import { ApiError } from './errors.ts';
import type { Handlers } from './route.ts';

type ChainHandlers = Pick<
  Handlers,
  'status' | 'headers' | 'block' | 'commit' | 'blocks' | 'validators' | 'state' | 'query'
>;

/** The handlers of the chain's routes (their schemas and read rules: the route table). */
export function chainRoutes(node: DjNode, state: StateReader): ChainHandlers {
  const { app: chain } = node;
  const blocks = chain.store.blocks;

  /** A committed height 1..latest (default latest); HEIGHT_NOT_FOUND otherwise. */
  const committedHeight = (h: number | undefined): number => {
    const latest = chain.height();
    const height = h ?? latest;
    if (height < 1 || height > latest) throw new ApiError('HEIGHT_NOT_FOUND', undefined, { height, latest });
    return height;
  };

  return {
    status: async () => {
      const height = chain.height();
      const header = height === 0 ? undefined : blocks.getHeader(height)!;
      return {
        chainId: chain.chainId,
        suite: node.suite.id,
        height,
        time: chain.latestTime(),
        headerHash: header ? toHex(headerHash(node.suite, header)) : null,
        stateRoot: toHex(chain.store.tree.root(height)),
        validators: chain
          .validators(height + 1)
          .validators.map((v) => ({ publicKey: toHex(v.publicKey), power: v.power })),
        nodeId: node.nodeId,
      };
    },

    headers: async (req) => {
      const q = req.query as { from?: number; to?: number };
      const latest = chain.height();
      const to = Math.min(q.to ?? latest, latest);
      const from = q.from ?? Math.max(1, to - MAX_HEADERS + 1);
      if (from > to + 1) throw new ApiError('REQUEST_INVALID', 'from must not be above to');
      const headers: string[] = [];
      for (let h = from; h <= to && headers.length < MAX_HEADERS; h++)
        headers.push(b64(encodeHeader(blocks.getHeader(h)!)));
      return { headers };
    },

    block: async (req) => {
      requireCommunity(req.djReader.scope(), 'block bodies');
      const height = committedHeight((req.params as { height: number }).height);
      return {
        block: b64(encodeBlock(blocks.getBlock(height)!)),
        commit: b64(encodeCommit(blocks.getCommit(height)!)),
      };
    },

    commit: async (req) => {
      const height = committedHeight((req.params as { height: number }).height);
      return { height, commit: b64(encodeCommit(blocks.getCommit(height)!)) };
    },

    blocks: async (req) => {
      const q = req.query as { to?: number; limit?: number };
      const latest = chain.height();
      const out = [];
      for (let h = Math.min(q.to ?? latest, latest); h >= 1 && out.length < (q.limit ?? 10); h--) {
        const header = blocks.getHeader(h)!;
        out.push({
          height: h,
          hash: toHex(headerHash(node.suite, header)),
          time: header.time,
          txCount: blocks.getBlock(h)!.txs.length,
          proposer: toHex(header.proposer),
        });
      }
      return { blocks: out };
    },

    validators: async (req) => {
      const latest = chain.height();
      const height = (req.query as { height?: number }).height ?? Math.max(1, latest);
      // The next height's set is already fixed (changes take effect two heights later).
      if (height < 1 || height > latest + 1)
        throw new ApiError('HEIGHT_NOT_FOUND', undefined, { height, latest });
      return { height, validatorSet: b64(encodeValidatorSet(chain.validators(height))) };
    },

    state: async (req) => {
      const q = req.query as { key: string; height?: number };
      requireStateKey(req.djReader.scope(), state, q.key);
      const height = committedHeight(q.height);
      const key = keyBytes(q.key);
      try {
        const value = chain.store.tree.get(key, height);
        const proof = chain.store.tree.prove(key, height);
        return {
          key: q.key,
          height,
          value: value === undefined ? null : b64(value),
          proof: b64(encodeProof(proof)),
          header: b64(encodeHeader(blocks.getHeader(height)!)),
        };
      } catch (e) {
        if (isStateError(e, 'STATE_VERSION_PRUNED'))
          throw new ApiError('STATE_VERSION_PRUNED', undefined, { height });
        throw e;
      }
    },

    query: async (req) => {
      const { module, name } = req.params as { module: string; name: string };
      const q = req.query as { params?: string; height?: number };
      const params = q.params === undefined ? null : valueFromJson(q.params);
      // The query's own shape first (defineQuery): a refusal is the caller's error, with the
      // module's code; the read rule then checks the parameters the query will read.
      const parsed = chain.executor.parseQuery(module, name, params);
      if (!parsed.ok) {
        const { code, message, details } = parsed.error;
        if (code === 'RUNTIME_UNKNOWN_QUERY' || code === 'RUNTIME_UNKNOWN_MODULE')
          throw new ApiError('QUERY_NOT_FOUND', message, { cause: code });
        throw new ApiError('REQUEST_INVALID', message, { cause: code, ...(details ?? {}) });
      }
      const answer = checkQuery(req.djReader.scope(), state, module, name, parsed.value as Value);
      const latest = chain.height();
      const height = q.height ?? latest;
      if (height > latest) throw new ApiError('HEIGHT_NOT_FOUND', undefined, { height, latest });
      const time = height === 0 ? chain.genesis.time : blocks.getHeader(height)!.time;
      let view: ReturnType<typeof chain.store.view>;
      try {
        view = chain.store.view(height);
      } catch (e) {
        if (isStateError(e, 'STATE_VERSION_PRUNED'))
          throw new ApiError('STATE_VERSION_PRUNED', undefined, { height });
        throw e;
      }
      const out = chain.executor.query(module, name, params, view, height, time);
      if (!out.ok) {
        const { code, message } = out.error;
        if (code === 'RUNTIME_UNKNOWN_QUERY' || code === 'RUNTIME_UNKNOWN_MODULE') {
          throw new ApiError('QUERY_NOT_FOUND', message, { cause: code });
        }
        throw new ApiError('QUERY_FAILED', message, { cause: code, ...(out.error.details ?? {}) });
      }
      // The result must be a canonical value (the same on every node).
      encode(out.value);
      return { height, result: answer(jsonSafe(out.value)) };
    },
  };
}
