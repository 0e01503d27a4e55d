/**
 * The read side of the index (issue 19, "the superior's web dashboards read from it"): a read-only
 * JSON API over the index's views for a street or district committee overseeing several chains,
 * served on loopback by `djchain index --serve PORT` (the indexer's own process: it holds the
 * PGlite database) or `djchain index serve` (a separate reader of a PostgreSQL server). The web
 * server forwards `/region/*` here for the committee's 辖区看板 (packages/web/src/server.ts).
 *
 * Every answer is `{ chains, rows, truncated }`: `chains` says, per chain, up to which height (and
 * header hash) its figures are proved (and the month and height of its operation index values);
 * `rows` are the figures, at most MAX_ROWS (`truncated` when there were more). Rows are ordered by
 * chain id, organization id and period — never by a figure or a score (国办函〔2026〕12号: no
 * ranking of organizations). Only parameterized SQL; only SELECTs; no personal field exists in
 * the index to answer.
 */

import type { ChainProof, RegionAnswer } from '@djchain/client';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Queryable } from './db.ts';

/** Rows in one answer at most; a larger result says `truncated: true` (narrow it with `chain`). */
export const MAX_ROWS = 2000;
/** Chains in one answer at most. */
export const MAX_CHAINS = 500;

export type { ChainProof, RegionAnswer } from '@djchain/client';

const CHAINS_SQL = `SELECT c.chain_id AS "chainId",
    (SELECT o.name FROM orgs o WHERE o.chain_id = c.chain_id AND o.parent IS NULL ORDER BY o.org LIMIT 1) AS name,
    c.suite, c.height, c.header_hash AS "headerHash", c.app_hash AS "appHash", c.time_ms AS "timeMs",
    m.month AS "indexMonth", m.height AS "indexHeight"
  FROM chains c LEFT JOIN index_months m ON m.chain_id = c.chain_id
  WHERE ($1::text IS NULL OR c.chain_id = $1)
  ORDER BY c.chain_id LIMIT ${MAX_CHAINS}`;

/** The organization's name, joined to a view `v` by chain and org. */
const ORG_NAME = `(SELECT o.name FROM orgs o WHERE o.chain_id = v.chain_id AND o.org = v.org) AS "orgName"`;

/** The figures of each route: one SELECT over one view, `$1` the chain filter, `$2` the row limit. */
const ROWS_SQL = {
  members: `SELECT v.chain_id AS "chainId", v.org, ${ORG_NAME}, v.status, v.members
    FROM members_by_status v WHERE ($1::text IS NULL OR v.chain_id = $1)
    ORDER BY v.chain_id, v.org, v.status LIMIT $2`,
  recruitment: `SELECT v.chain_id AS "chainId", v.phase, v.cases
    FROM recruitment_pipeline v WHERE ($1::text IS NULL OR v.chain_id = $1)
    ORDER BY v.chain_id, v.phase LIMIT $2`,
  dues: `SELECT v.chain_id AS "chainId", v.org, ${ORG_NAME}, v.month, v.paid_fen AS "paidFen"
    FROM dues_collected v WHERE ($1::text IS NULL OR v.chain_id = $1)
      AND ($3::text IS NULL OR v.month >= $3) AND ($4::text IS NULL OR v.month <= $4)
    ORDER BY v.chain_id, v.org, v.month LIMIT $2`,
  meetings: `SELECT v.chain_id AS "chainId", v.org, ${ORG_NAME}, v.kind, v.quarter, v.meetings
    FROM meetings_per_quarter v WHERE ($1::text IS NULL OR v.chain_id = $1)
      AND ($3::text IS NULL OR v.quarter >= $3) AND ($4::text IS NULL OR v.quarter <= $4)
    ORDER BY v.chain_id, v.org, v.quarter, v.kind LIMIT $2`,
  // The latest closed period of each organization (by period, never by a score), then by chain and org.
  index: `SELECT "chainId", org, "orgName", period, rules, overall, level, people, items, links,
      "peopleMissing", "itemsMissing", "linksMissing", "closedOn", height FROM (
    SELECT DISTINCT ON (v.chain_id, v.org) v.chain_id AS "chainId", v.org, ${ORG_NAME}, v.period, v.rules,
      v.overall, v.level, v.people, v.items, v.links, v.people_missing AS "peopleMissing",
      v.items_missing AS "itemsMissing", v.links_missing AS "linksMissing",
      to_char(v.closed_on, 'YYYY-MM-DD') AS "closedOn", v.height
    FROM index_values v WHERE ($1::text IS NULL OR v.chain_id = $1) AND v.every = $3
    ORDER BY v.chain_id, v.org, v.period DESC) latest
    ORDER BY "chainId", org LIMIT $2`,
} as const;

export type RegionRoute = keyof typeof ROWS_SQL;

export interface RegionQuery {
  readonly chain?: string;
  /** dues: first and last month (YYYY-MM); meetings: first and last quarter (YYYY-Qn). */
  readonly from?: string;
  readonly to?: string;
  /** index: month, quarter or year (default month). */
  readonly every?: 'month' | 'quarter' | 'year';
}

/** The chains and their proved heights (one chain with `chain`). */
export async function regionChains(db: Queryable, chain?: string): Promise<ChainProof[]> {
  return (await db.query<ChainProof>(CHAINS_SQL, [chain ?? null])).rows;
}

/** One route's answer: the chains' proved heights, the figures, and whether more rows exist. */
export async function regionAnswer(
  db: Queryable,
  route: RegionRoute,
  q: RegionQuery = {},
): Promise<RegionAnswer<Record<string, unknown>>> {
  const chain = q.chain ?? null;
  const extra =
    route === 'dues' || route === 'meetings'
      ? [q.from ?? null, q.to ?? null]
      : route === 'index'
        ? [q.every ?? 'month']
        : [];
  const found = (await db.query(ROWS_SQL[route], [chain, MAX_ROWS + 1, ...extra])).rows;
  return {
    chains: await regionChains(db, q.chain),
    rows: found.slice(0, MAX_ROWS),
    truncated: found.length > MAX_ROWS,
  };
}

const ID = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' } as const;
const MONTH = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;
const QUARTER = { type: 'string', pattern: '^\\d{4}-Q[1-4]$' } as const;

const QUERY_SCHEMAS: Record<RegionRoute | 'chains', object> = {
  chains: { chain: ID },
  members: { chain: ID },
  recruitment: { chain: ID },
  dues: { chain: ID, from: MONTH, to: MONTH },
  meetings: { chain: ID, from: QUARTER, to: QUARTER },
  index: { chain: ID, every: { type: 'string', enum: ['month', 'quarter', 'year'] } },
};

const error = (code: string, message: string) => ({ error: { code, message } });

/**
 * The API as a fastify app (not listening: `inject()` in tests, `listen` below). GET only; every
 * query string checked against its schema (unknown parameters refused); answers never cached.
 */
export function buildRegionApi(db: Queryable): FastifyInstance {
  // Unknown query parameters are refused, not silently dropped (fastify's default removes them).
  const app = Fastify({
    logger: false,
    bodyLimit: 1024,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
  });
  app.setErrorHandler((e: { validation?: unknown; statusCode?: number; message: string }, _req, reply) => {
    if (e.validation !== undefined) return reply.status(400).send(error('REQUEST_INVALID', e.message));
    const status = e.statusCode !== undefined && e.statusCode < 500 ? e.statusCode : 500;
    // A database failure is the operator's to read in the index's own log, not the caller's.
    return reply
      .status(status)
      .send(status === 500 ? error('INTERNAL', 'internal error') : error('REQUEST_INVALID', e.message));
  });
  app.setNotFoundHandler((_req, reply) => reply.status(404).send(error('NOT_FOUND', 'not found')));
  const querystring = (route: RegionRoute | 'chains') => ({
    type: 'object',
    additionalProperties: false,
    properties: QUERY_SCHEMAS[route],
  });
  app.get('/region/chains', { schema: { querystring: querystring('chains') } }, async (req) => {
    const q = req.query as RegionQuery;
    const chains = await regionChains(db, q.chain);
    return { chains, rows: chains, truncated: false };
  });
  for (const route of Object.keys(ROWS_SQL) as RegionRoute[])
    app.get(`/region/${route}`, { schema: { querystring: querystring(route) } }, async (req) =>
      regionAnswer(db, route, req.query as RegionQuery),
    );
  return app;
}

/** Serves the API on 127.0.0.1:`port` (0: any free port); resolves with its URL and a close. */
export async function serveRegion(
  db: Queryable,
  port: number,
): Promise<{ readonly url: string; close(): Promise<void> }> {
  const app = buildRegionApi(db);
  // Loopback only: the web server on the same machine is the one that forwards to it.
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return { url: `http://127.0.0.1:${bound}`, close: () => app.close() };
}
