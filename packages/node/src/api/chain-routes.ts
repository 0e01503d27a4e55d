/** GET /v1/status, /v1/headers, /v1/blocks/:height, /v1/validators, /v1/state, /v1/query. */
import { encode, toHex } from '@djchain/crypto';
import { encodeBlock, encodeCommit, encodeHeader, encodeValidatorSet, headerHash } from '@djchain/ledger';
import { encodeProof, isStateError } from '@djchain/state';
import type { FastifyInstance } from 'fastify';
import type { DjNode } from '../node.ts';
import { keyBytes } from '../storage/state-view.ts';
import { b64, jsonSafe, valueFromJson } from './encoding.ts';
import { ApiError } from './errors.ts';
import { base64, documented, height as heightParam, hexHash } from './schemas.ts';

const hexOrNull = { type: ['string', 'null'], pattern: '^[0-9a-f]{64}$' } as const;
const MAX_HEADERS = 1000;

export function chainRoutes(app: FastifyInstance, node: DjNode): void {
  const { app: chain } = node;
  const blocks = chain.store.blocks;

  /** A committed height 1..latest (default latest); HEIGHT_NOT_FOUND otherwise. */
  const committedHeight = (h: number | undefined): number => {
    const latest = chain.height();
    const height = h ?? latest;
    if (height < 1 || height > latest) throw new ApiError('HEIGHT_NOT_FOUND', undefined, { height, latest });
    return height;
  };

  app.get(
    '/v1/status',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: [
              'chainId',
              'suite',
              'height',
              'time',
              'headerHash',
              'stateRoot',
              'validators',
              'nodeId',
            ],
            properties: {
              chainId: { type: 'string' },
              suite: { type: 'string', enum: ['intl', 'gm'] },
              height: { ...heightParam, description: 'latest committed block' },
              time: { type: 'integer', description: 'BFT time of the latest block, ms since the epoch' },
              headerHash: { ...hexOrNull, description: 'null before the first block' },
              stateRoot: hexHash,
              validators: {
                type: 'array',
                description: 'the validator set of the next height',
                items: {
                  type: 'object',
                  required: ['publicKey', 'power'],
                  properties: { publicKey: { type: 'string' }, power: { type: 'integer' } },
                },
              },
              nodeId: { type: 'string', description: "this node's public key, hex" },
            },
          },
        },
      },
      ...documented({ tag: 'chain', summary: "The node's chain, height and validators", errors: [] }),
    },
    async () => {
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
  );

  app.get(
    '/v1/headers',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['headers'],
            properties: { headers: { type: 'array', maxItems: MAX_HEADERS, items: base64 } },
          },
        },
      },
      ...documented({
        tag: 'chain',
        summary: 'Headers from A to B inclusive',
        description: 'At most 1000, clamped to the latest height; `from` defaults to 999 below `to`.',
        errors: [],
      }),
    },
    async (req) => {
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
  );

  app.get(
    '/v1/blocks/:height',
    {
      schema: {
        params: { type: 'object', required: ['height'], properties: { height: heightParam } },
        response: {
          200: {
            type: 'object',
            required: ['block', 'commit'],
            properties: { block: base64, commit: { ...base64, description: 'the commit certificate' } },
          },
        },
      },
      ...documented({
        tag: 'chain',
        summary: 'A block and its commit certificate',
        errors: ['HEIGHT_NOT_FOUND'],
      }),
    },
    async (req) => {
      const height = committedHeight((req.params as { height: number }).height);
      return {
        block: b64(encodeBlock(blocks.getBlock(height)!)),
        commit: b64(encodeCommit(blocks.getCommit(height)!)),
      };
    },
  );

  app.get(
    '/v1/validators',
    {
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { height: heightParam } },
        response: {
          200: {
            type: 'object',
            required: ['height', 'validatorSet'],
            properties: { height: heightParam, validatorSet: base64 },
          },
        },
      },
      ...documented({
        tag: 'chain',
        summary: 'The validator set of a height',
        description: 'Height from 1 to latest+1 (the next set is fixed two heights ahead); default latest.',
        errors: ['HEIGHT_NOT_FOUND'],
      }),
    },
    async (req) => {
      const latest = chain.height();
      const height = (req.query as { height?: number }).height ?? Math.max(1, latest);
      // The next height's set is already fixed (changes take effect two heights later).
      if (height < 1 || height > latest + 1)
        throw new ApiError('HEIGHT_NOT_FOUND', undefined, { height, latest });
      return { height, validatorSet: b64(encodeValidatorSet(chain.validators(height))) };
    },
  );

  app.get(
    '/v1/state',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['key'],
          additionalProperties: false,
          properties: {
            key: { type: 'string', minLength: 1, maxLength: 1024, description: 'state key, UTF-8' },
            height: heightParam,
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['key', 'height', 'value', 'proof', 'header'],
            properties: {
              key: { type: 'string' },
              height: heightParam,
              value: { type: ['string', 'null'], description: 'base64 of the value, null when absent' },
              proof: { ...base64, description: 'proof of the key (or its absence) in the state root' },
              header: base64,
            },
          },
        },
      },
      ...documented({
        tag: 'chain',
        summary: "A state value with its proof in header H's state root",
        description: "The state after block H's transactions; H defaults to the latest.",
        errors: ['HEIGHT_NOT_FOUND', 'STATE_VERSION_PRUNED'],
      }),
    },
    async (req) => {
      const q = req.query as { key: string; height?: number };
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
  );

  app.get(
    '/v1/query/:module/:name',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            params: {
              type: 'string',
              maxLength: 65536,
              description: 'the parameters as JSON (integers only)',
            },
            height: heightParam,
          },
        },
        params: {
          type: 'object',
          required: ['module', 'name'],
          properties: {
            module: { type: 'string', minLength: 1, maxLength: 64 },
            name: { type: 'string', minLength: 1, maxLength: 64 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['height', 'result'],
            properties: {
              height: heightParam,
              result: { description: 'bytes as lowercase hex, big integers as decimal strings' },
            },
          },
        },
      },
      ...documented({
        tag: 'chain',
        summary: "A module's read-only query at height H (default latest)",
        description: 'Computed by the node, not proved.',
        errors: ['HEIGHT_NOT_FOUND', 'QUERY_NOT_FOUND', 'QUERY_FAILED', 'STATE_VERSION_PRUNED'],
      }),
    },
    async (req) => {
      const { module, name } = req.params as { module: string; name: string };
      const q = req.query as { params?: string; height?: number };
      const params = q.params === undefined ? null : valueFromJson(q.params);
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
      return { height, result: jsonSafe(out.value) };
    },
  );
}
