/**
 * GET /v1/portal: what the public portal shows, computed by the node in one answer — the
 * organizations, the titles and terms of their posts (not who holds them) and, per branch, how
 * many members are 正式党员 and 预备党员. Aggregates only: no member id leaves this route.
 */
import type { RouteHandlerMethod } from 'fastify';
import type { DjNode } from '../node.ts';
import type { StateReader } from './access.ts';

/** Bounds of one answer (a community has dozens of organizations and hundreds of members). */
const MAX_ORGS = 2000;
const MAX_MEMBERS = 100_000;
const COUNTED = ['正式党员', '预备党员'] as const;

/** The handler of GET /v1/portal. */
export function portalRoute(node: DjNode, state: StateReader): RouteHandlerMethod {
  return async (req) => {
    const root = (req.query as { root?: string }).root;
    const height = state.height();
    // Members by organization, counted once per member from the member records.
    const counts = new Map<string, Record<string, number>>();
    const view = node.app.store.view(height);
    const prefix = 'member/m/';
    for (const key of view.keys(prefix, MAX_MEMBERS)) {
      const m = state.query('member', 'member', { id: key.slice(prefix.length) }) as {
        org?: unknown;
        status?: unknown;
      } | null;
      if (!m || typeof m.org !== 'string' || !COUNTED.includes(m.status as (typeof COUNTED)[number]))
        continue;
      const c = counts.get(m.org) ?? { 正式党员: 0, 预备党员: 0 };
      c[m.status as string] = (c[m.status as string] ?? 0) + 1;
      counts.set(m.org, c);
    }
    const roots = root !== undefined ? [root] : topOrgs(state, view);
    const orgs = [];
    const stack = [...roots].reverse();
    const seen = new Set<string>();
    while (stack.length > 0 && orgs.length < MAX_ORGS) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const o = state.query('org', 'org', { id }) as Record<string, unknown> | null;
      if (!o) continue;
      const posts = (state.query('org', 'posts', { org: id }) as Array<Record<string, unknown>> | null) ?? [];
      orgs.push({
        id,
        name: String(o.name),
        kind: String(o.kind),
        parent: typeof o.parent === 'string' ? o.parent : null,
        termStart: String(o.termStart),
        termYears: Number(o.termYears),
        posts: posts.map((p) => ({ post: String(p.post), since: String(p.since) })),
        members: counts.get(id) ?? { 正式党员: 0, 预备党员: 0 },
      });
      const kids = (state.query('org', 'children', { id }) as string[] | null) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
    return { height, orgs };
  };
}

/** Organizations without a parent, from the org records in state. */
function topOrgs(state: StateReader, view: { keys(prefix: string, limit: number): string[] }): string[] {
  const out: string[] = [];
  const prefix = 'org/o/';
  for (const key of view.keys(prefix, MAX_ORGS)) {
    const id = key.slice(prefix.length);
    if (id.includes('/')) continue;
    const o = state.query('org', 'org', { id }) as { parent?: unknown } | null;
    if (o && o.parent === null) out.push(id);
  }
  return out;
}
