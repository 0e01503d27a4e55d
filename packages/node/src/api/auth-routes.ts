/**
 * POST /v1/auth/challenge, POST /v1/auth/session, DELETE /v1/auth/session: a read session from a
 * signed challenge (sessions.ts). What the session may read is derived from state (access.ts) at
 * each height, so a post taken away stops its reads at the next block.
 */
import type { FastifyInstance } from 'fastify';
import type { StateReader } from './access.ts';
import { ApiError } from './errors.ts';
import { documented, hexHash } from './schemas.ts';
import type { Sessions } from './sessions.ts';

const hex = (max: number) => ({ type: 'string', pattern: '^[0-9a-f]+$', maxLength: max }) as const;

export function authRoutes(app: FastifyInstance, sessions: Sessions, state: StateReader): void {
  app.post(
    '/v1/auth/challenge',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: ['nonce', 'expiresAt'],
            properties: {
              nonce: { ...hexHash, description: 'single use' },
              expiresAt: { type: 'integer', description: 'ms since the epoch' },
            },
          },
        },
      },
      ...documented({
        tag: 'auth',
        summary: 'A single-use challenge to sign',
        description:
          'Sign `djchain/api-session/v1` ‖ 0x00 ‖ canonical CBOR of { chainId, nonce, expiry } with the key ' +
          '(@djchain/client `sessionSignBytes`), then POST /v1/auth/session before `expiresAt`.',
        errors: ['AUTH_TOO_MANY'],
        read: { rule: 'public', who: 'anyone' },
      }),
    },
    async (req) => sessions.challenge(req.djReader.client),
  );

  app.post(
    '/v1/auth/session',
    {
      schema: {
        body: {
          type: 'object',
          required: ['publicKey', 'nonce', 'expiry', 'signature'],
          additionalProperties: false,
          properties: {
            publicKey: { ...hex(66), description: 'the signing key, hex' },
            nonce: hexHash,
            expiry: { type: 'integer', minimum: 0, description: 'requested end, ms since the epoch' },
            signature: { ...hex(128), description: 'hex' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['token', 'address', 'expiresAt', 'member', 'posts'],
            properties: {
              token: { type: 'string', description: 'send as `Authorization: Bearer <token>`' },
              address: { type: 'string' },
              expiresAt: { type: 'integer', description: 'ms since the epoch (at most 30 minutes ahead)' },
              member: {
                type: ['string', 'null'],
                description: 'the member whose current key signed, if any',
              },
              posts: {
                type: 'array',
                items: { type: 'string', description: 'organizations this session reads (posts and below)' },
              },
            },
          },
        },
      },
      ...documented({
        tag: 'auth',
        summary: 'Open a read session with a signed challenge',
        description: 'The token is random, bound to the key, ends at `expiresAt`; no cookie is set.',
        errors: ['AUTH_CHALLENGE_UNKNOWN', 'AUTH_SIGNATURE_INVALID', 'AUTH_TOO_MANY'],
        read: { rule: 'public', who: 'anyone holding a key' },
      }),
    },
    async (req) => {
      const body = req.body as { publicKey: string; nonce: string; expiry: number; signature: string };
      const s = sessions.open(req.djReader.client, body);
      const scope = state.scopeOf(s.address);
      return { ...s, member: scope.member, posts: [...scope.orgs].sort() };
    },
  );

  app.delete(
    '/v1/auth/session',
    {
      schema: {
        response: {
          200: { type: 'object', required: ['ended'], properties: { ended: { type: 'boolean' } } },
        },
      },
      ...documented({
        tag: 'auth',
        summary: 'End the session of the bearer token',
        errors: [],
        read: { rule: 'signed-in', who: 'the session itself' },
      }),
    },
    async (req) => {
      const h = req.headers.authorization ?? '';
      const token = h.startsWith('Bearer ') ? h.slice(7) : '';
      if (!req.djReader.session) throw new ApiError('AUTH_REQUIRED');
      return { ended: sessions.end(token) };
    },
  );
}
