/** Route table: read sessions from a signed challenge (POST/DELETE /v1/auth/…). */
import { hexHash } from './schemas.ts';
import type { RouteSpec } from './spec.ts';

const hex = (max: number) => ({ type: 'string', pattern: '^[0-9a-f]+$', maxLength: max }) as const;

export const authRoutes = {
  authChallenge: {
    method: 'POST',
    path: '/v1/auth/challenge',
    response: {
      type: 'object',
      required: ['nonce', 'expiresAt'],
      properties: {
        nonce: { ...hexHash, description: 'single use' },
        expiresAt: { type: 'integer', description: 'ms since the epoch' },
      },
    },
    tag: 'auth',
    summary: 'A single-use challenge to sign',
    description:
      'Sign `djchain/api-session/v1` ‖ 0x00 ‖ canonical CBOR of { chainId, nonce, expiry } with the key ' +
      '(@djchain/client `sessionSignBytes`), then POST /v1/auth/session before `expiresAt`.',
    errors: ['AUTH_TOO_MANY'],
    read: { rule: 'public', who: 'anyone' },
  },
  authSession: {
    method: 'POST',
    path: '/v1/auth/session',
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
      type: 'object',
      required: ['token', 'address', 'expiresAt', 'member', 'posts'],
      properties: {
        token: { type: 'string', description: 'send as `Authorization: Bearer <token>`' },
        address: { type: 'string' },
        expiresAt: { type: 'integer', description: 'ms since the epoch (at most 30 minutes ahead)' },
        member: { type: ['string', 'null'], description: 'the member whose current key signed, if any' },
        posts: {
          type: 'array',
          items: { type: 'string', description: 'organizations this session reads (posts and below)' },
        },
      },
    },
    tag: 'auth',
    summary: 'Open a read session with a signed challenge',
    description: 'The token is random, bound to the key, ends at `expiresAt`; no cookie is set.',
    errors: ['AUTH_CHALLENGE_UNKNOWN', 'AUTH_SIGNATURE_INVALID', 'AUTH_TOO_MANY'],
    read: { rule: 'public', who: 'anyone holding a key' },
  },
  authEnd: {
    method: 'DELETE',
    path: '/v1/auth/session',
    response: { type: 'object', required: ['ended'], properties: { ended: { type: 'boolean' } } },
    tag: 'auth',
    summary: 'End the session of the bearer token',
    errors: [],
    read: { rule: 'signed-in', who: 'the session itself' },
  },
} as const satisfies Record<string, RouteSpec>;
