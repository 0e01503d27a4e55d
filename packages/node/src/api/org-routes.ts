/**
 * Aggregate reads of one organization and everything below it, each in one answer, so a page
 * does not ask once per member:
 *
 * - `GET /v1/orgs/:org/members`: the organizations of the subtree (id, name, kind, parent) and
 *   every person registered in them with the node's derived view (`member.member`);
 * - `GET /v1/orgs/:org/cases`: the same organizations and every recruitment process whose branch
 *   is among them, with its open deadlines (`recruitment.process`).
 *
 * Read rule: post holders of the organization or above (its dossier's rule), the community
 * committee, the operator — exactly who may read each member and process one by one. The answers
 * are the module queries' own, computed at one height; nothing here is proved.
 */
import type { RouteHandlerMethod } from 'fastify';
import type { DjNode } from '../node.ts';
import { requireOrg, type StateReader } from './access.ts';
import { jsonSafe } from './encoding.ts';

/** Bounds of one answer (a community has dozens of organizations and hundreds of members). */
const MAX_ORGS = 2000;
const MAX_RECORDS = 100_000;

interface OrgSummary {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly parent: string | null;
}

/** The organization and every one below it, depth first (bounded). */
export function subtree(state: StateReader, root: string): OrgSummary[] {
  const out: OrgSummary[] = [];
  const stack = [root];
  const seen = new Set<string>();
  while (stack.length > 0 && out.length < MAX_ORGS) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const o = state.query('org', 'org', { id }) as Record<string, unknown> | null;
    if (!o) continue;
    out.push({
      id,
      name: String(o.name),
      kind: String(o.kind),
      parent: typeof o.parent === 'string' ? o.parent : null,
    });
    const kids = (state.query('org', 'children', { id }) as string[] | null) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/** Ids under a module's record prefix at the latest height (ids hold no `/`). */
function idsUnder(node: DjNode, height: number, prefix: string): string[] {
  return node.app.store
    .view(height)
    .keys(prefix, MAX_RECORDS)
    .map((k) => k.slice(prefix.length))
    .filter((id) => id.length > 0 && !id.includes('/'));
}

/** The handlers of GET /v1/orgs/:org/members and /cases (specs in @djchain/client/routes). */
export function orgRoutes(
  node: DjNode,
  state: StateReader,
): { orgMembers: RouteHandlerMethod; orgCases: RouteHandlerMethod } {
  return {
    orgMembers: async (req) => {
      const { org } = req.params as { org: string };
      requireOrg(req.djReader.scope(), org);
      const height = state.height();
      const orgs = subtree(state, org);
      const inTree = new Set(orgs.map((o) => o.id));
      const members = [];
      for (const id of idsUnder(node, height, 'member/m/')) {
        const m = state.query('member', 'member', { id }) as { org?: unknown } | null;
        if (m && typeof m.org === 'string' && inTree.has(m.org)) members.push(jsonSafe(m as never));
      }
      return { height, org, orgs, members };
    },
    orgCases: async (req) => {
      const { org } = req.params as { org: string };
      requireOrg(req.djReader.scope(), org);
      const height = state.height();
      const orgs = subtree(state, org);
      const inTree = new Set(orgs.map((o) => o.id));
      const cases = [];
      for (const member of idsUnder(node, height, 'recruitment/p/')) {
        const p = state.query('recruitment', 'process', { member }) as { branch?: unknown } | null;
        if (p && typeof p.branch === 'string' && inTree.has(p.branch)) cases.push(jsonSafe(p as never));
      }
      return { height, org, orgs, cases };
    },
  };
}
