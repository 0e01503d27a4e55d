/**
 * POST /v1/auth/challenge, POST /v1/auth/session, DELETE /v1/auth/session: a read session from a
 * signed challenge (sessions.ts). What the session may read is derived from state (access.ts) at
 * each height, so a post taken away stops its reads at the next block.
 */
import type { StateReader } from './access.ts';
import { ApiError } from './errors.ts';
import type { Handlers } from './route.ts';
import type { Sessions } from './sessions.ts';

/** The handlers of the session routes. */
export function authRoutes(
  sessions: Sessions,
  state: StateReader,
): Pick<Handlers, 'authChallenge' | 'authSession' | 'authEnd'> {
  return {
    authChallenge: async (req) => sessions.challenge(req.djReader.client),

    authSession: async (req) => {
      const body = req.body as { publicKey: string; nonce: string; expiry: number; signature: string };
      const s = sessions.open(req.djReader.client, body);
      const scope = state.scopeOf(s.address);
      return { ...s, member: scope.member, posts: [...scope.orgs].sort() };
    },

    authEnd: async (req) => {
      const h = req.headers.authorization ?? '';
      const token = h.startsWith('Bearer ') ? h.slice(7) : '';
      if (!req.djReader.session) throw new ApiError('AUTH_REQUIRED');
      return { ended: sessions.end(token) };
    },
  };
}
