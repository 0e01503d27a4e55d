/**
 * The route table of the node's HTTP API: every route once (path, method, parameter, query, body
 * and answer schemas, read rule, documentation). The node serves exactly these (packages/node
 * src/api/route.ts) and generates /openapi.json from them; the SDK (DjchainClient) builds its
 * URLs and checks its answers with them. ARCHITECTURE.md, "The route table".
 */
import { attachmentRoutes } from './attachments.ts';
import { authRoutes } from './auth.ts';
import { chainRoutes } from './chain.ts';
import { disclosureRoutes } from './disclosure.ts';
import { opsRoutes } from './ops.ts';
import type { RouteSpec } from './spec.ts';
import { txRoutes } from './txs.ts';

export const ROUTES = {
  ...chainRoutes,
  ...txRoutes,
  ...authRoutes,
  ...opsRoutes,
  ...attachmentRoutes,
  ...disclosureRoutes,
} as const satisfies Record<string, RouteSpec>;

export type RouteId = keyof typeof ROUTES;

export { ATTACHMENT_CONTENT_TYPE } from './attachments.ts';
export { MAX_HEADERS } from './chain.ts';
export { CHECKED_KEYWORDS, schemaProblem } from './check.ts';
export { ATOM_CONTENT_TYPE } from './disclosure.ts';
export { API_VERSION, EVENT_KINDS } from './ops.ts';
export * as schemas from './schemas.ts';
export {
  type JsonSchema,
  type ObjectSchema,
  type PathParams,
  type ReadRule,
  type RouteInput,
  type RouteSpec,
  type RouteTag,
  routeUrl,
} from './spec.ts';
export { DEFAULT_WAIT_MS, MAX_TXS_PER_POST, MAX_WAIT_MS } from './txs.ts';
