/**
 * Route table: the chain — status, headers, blocks, commit certificates, validator sets, state
 * with proofs, module queries, the portal's aggregates and dossiers.
 */
import { base64, height, hexHash, hexOrNull } from './schemas.ts';
import type { RouteSpec } from './spec.ts';

/** Headers in one GET /v1/headers answer. */
export const MAX_HEADERS = 1000;

const PUBLIC_CHAIN = { rule: 'public', who: 'anyone (what a light client needs)' } as const;
const heightParams = { type: 'object', required: ['height'], properties: { height } } as const;

/** The aggregate reads of an organization's subtree (GET /v1/orgs/:org/…). */
const ORG_PARAMS = {
  type: 'object',
  required: ['org'],
  properties: { org: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^/]+$' } },
} as const;
const ORG_ITEMS = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'name', 'kind', 'parent'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      parent: { type: ['string', 'null'] },
    },
  },
} as const;
/** The answer of a subtree read: the organization and those below it, and one list, `field`. */
const subtreeAnswer = (field: string, description: string) =>
  ({
    type: 'object',
    required: ['height', 'org', 'orgs', field],
    properties: {
      height,
      org: { type: 'string' },
      orgs: ORG_ITEMS,
      [field]: { type: 'array', description, items: { type: 'object', additionalProperties: true } },
    },
  }) as const;
const ORG_READ = {
  rule: 'resource',
  who: 'post holders of the organization or above, the community committee, the operator',
} as const;

export const chainRoutes = {
  status: {
    method: 'GET',
    path: '/v1/status',
    response: {
      type: 'object',
      required: ['chainId', 'suite', 'height', 'time', 'headerHash', 'stateRoot', 'validators', 'nodeId'],
      properties: {
        chainId: { type: 'string' },
        suite: { type: 'string', enum: ['intl', 'gm'] },
        height: { ...height, description: 'latest committed block' },
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
    tag: 'chain',
    summary: "The node's chain, height and validators",
    errors: [],
    read: PUBLIC_CHAIN,
  },
  headers: {
    method: 'GET',
    path: '/v1/headers',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } },
    },
    response: {
      type: 'object',
      required: ['headers'],
      properties: { headers: { type: 'array', maxItems: MAX_HEADERS, items: base64 } },
    },
    tag: 'chain',
    summary: 'Headers from A to B inclusive',
    description: 'At most 1000, clamped to the latest height; `from` defaults to 999 below `to`.',
    errors: [],
    read: PUBLIC_CHAIN,
  },
  block: {
    method: 'GET',
    path: '/v1/blocks/:height',
    params: heightParams,
    response: {
      type: 'object',
      required: ['block', 'commit'],
      properties: { block: base64, commit: { ...base64, description: 'the commit certificate' } },
    },
    tag: 'chain',
    summary: 'A block (its transactions) and its commit certificate',
    description:
      'Transactions carry member ids and parameters: bodies are for the community committee. ' +
      'Light clients read GET /v1/commits/{height}; the explorer lists GET /v1/blocks.',
    errors: ['HEIGHT_NOT_FOUND'],
    read: {
      rule: 'resource',
      who: 'holders of a post in a top organization (community committee, its 纪检委员 included) and the operator',
    },
  },
  commit: {
    method: 'GET',
    path: '/v1/commits/:height',
    params: heightParams,
    response: {
      type: 'object',
      required: ['height', 'commit'],
      properties: { height, commit: { ...base64, description: 'the commit certificate' } },
    },
    tag: 'chain',
    summary: 'The commit certificate of a height (for light clients)',
    errors: ['HEIGHT_NOT_FOUND'],
    read: PUBLIC_CHAIN,
  },
  blocks: {
    method: 'GET',
    path: '/v1/blocks',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        to: { type: 'integer', minimum: 1 },
        limit: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
    response: {
      type: 'object',
      required: ['blocks'],
      properties: {
        blocks: {
          type: 'array',
          items: {
            type: 'object',
            required: ['height', 'hash', 'time', 'txCount', 'proposer'],
            properties: {
              height,
              hash: hexHash,
              time: { type: 'integer' },
              txCount: { type: 'integer', minimum: 0 },
              proposer: { type: 'string', description: 'public key, hex' },
            },
          },
        },
      },
    },
    tag: 'chain',
    summary: 'The latest blocks as summaries (no transactions), newest first',
    description: '`limit` (default 10, at most 100) blocks at or below `to` (default latest).',
    errors: [],
    read: { rule: 'public', who: 'anyone (heights, hashes, times and transaction counts only)' },
  },
  validators: {
    method: 'GET',
    path: '/v1/validators',
    query: { type: 'object', additionalProperties: false, properties: { height } },
    response: {
      type: 'object',
      required: ['height', 'validatorSet'],
      properties: { height, validatorSet: base64 },
    },
    tag: 'chain',
    summary: 'The validator set of a height',
    description: 'Height from 1 to latest+1 (the next set is fixed two heights ahead); default latest.',
    errors: ['HEIGHT_NOT_FOUND'],
    read: PUBLIC_CHAIN,
  },
  state: {
    method: 'GET',
    path: '/v1/state',
    query: {
      type: 'object',
      required: ['key'],
      additionalProperties: false,
      properties: {
        key: { type: 'string', minLength: 1, maxLength: 1024, description: 'state key, UTF-8' },
        height,
      },
    },
    response: {
      type: 'object',
      required: ['key', 'height', 'value', 'proof', 'header'],
      properties: {
        key: { type: 'string' },
        height,
        value: { type: ['string', 'null'], description: 'base64 of the value, null when absent' },
        proof: { ...base64, description: 'proof of the key (or its absence) in the state root' },
        header: base64,
      },
    },
    tag: 'chain',
    summary: "A state value with its proof in header H's state root",
    description: "The state after block H's transactions; H defaults to the latest.",
    errors: ['HEIGHT_NOT_FOUND', 'STATE_VERSION_PRUNED'],
    read: {
      rule: 'resource',
      who:
        "anyone for `sys/` and `acct/` keys; `hist/<entity>` and `evt/<entity>/…` as the entity's dossier; " +
        'module records: the community committee and the operator',
    },
  },
  query: {
    method: 'GET',
    path: '/v1/query/:module/:name',
    params: {
      type: 'object',
      required: ['module', 'name'],
      properties: {
        module: { type: 'string', minLength: 1, maxLength: 64 },
        name: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        params: {
          type: 'string',
          maxLength: 65536,
          description: "the parameters as JSON (integers only), checked against the query's shape",
        },
        height,
      },
    },
    response: {
      type: 'object',
      required: ['height', 'result'],
      properties: {
        height,
        result: { description: 'bytes as lowercase hex, big integers as decimal strings' },
      },
    },
    tag: 'chain',
    summary: "A module's read-only query at height H (default latest)",
    description:
      'Computed by the node, not proved. Parameters of the wrong shape are refused (REQUEST_INVALID, ' +
      "details.cause the module's …_BAD_PARAMS code with the field). Each query has its read rule " +
      '(API.md, "Who may read what").',
    errors: ['HEIGHT_NOT_FOUND', 'QUERY_NOT_FOUND', 'QUERY_FAILED', 'STATE_VERSION_PRUNED'],
    read: {
      rule: 'resource',
      who: 'per query: public aggregates and rules; a member their own records; post holders their organizations and those below',
    },
  },
  portal: {
    method: 'GET',
    path: '/v1/portal',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { root: { type: 'string', minLength: 1, maxLength: 64 } },
    },
    response: {
      type: 'object',
      required: ['height', 'orgs'],
      properties: {
        height,
        orgs: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'name', 'kind', 'parent', 'termStart', 'termYears', 'posts', 'members'],
            properties: {
              id: { type: 'string' },
              name: { type: 'string' },
              kind: { type: 'string' },
              parent: { type: ['string', 'null'] },
              termStart: { type: 'string' },
              termYears: { type: 'integer' },
              posts: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['post', 'since'],
                  properties: { post: { type: 'string' }, since: { type: 'string' } },
                },
              },
              members: {
                type: 'object',
                description: 'members held by the organization, by status (正式党员, 预备党员)',
                additionalProperties: { type: 'integer' },
              },
            },
          },
        },
      },
    },
    tag: 'chain',
    summary: 'The public portal: organizations, post titles and terms, member counts by status',
    description:
      'Depth first from `root` (default: every top organization). Counts, never ids: this is the ' +
      'route the public portal reads, in one request.',
    errors: [],
    read: { rule: 'public', who: 'anyone (aggregates only)' },
  },
  orgMembers: {
    method: 'GET',
    path: '/v1/orgs/:org/members',
    params: ORG_PARAMS,
    response: subtreeAnswer(
      'members',
      'the `member.member` view of each person of these organizations, by id',
    ),
    tag: 'chain',
    summary: 'The roster of an organization and those below it, in one answer',
    description:
      "Every person registered in the subtree with the node's derived view (status, rights, party " +
      'age); what `member.member` answers one by one. No personal field: those are sealed off chain.',
    errors: [],
    read: ORG_READ,
  },
  orgCases: {
    method: 'GET',
    path: '/v1/orgs/:org/cases',
    params: ORG_PARAMS,
    response: subtreeAnswer(
      'cases',
      'the `recruitment.process` answer of each process of these branches, by member',
    ),
    tag: 'chain',
    summary: 'The recruitment cases of an organization and those below it, in one answer',
    description:
      'Every current process (any phase) whose branch is in the subtree, with its steps and open ' +
      'deadlines; what `recruitment.process` answers one by one.',
    errors: [],
    read: ORG_READ,
  },
  dossier: {
    method: 'GET',
    path: '/v1/dossier/:entity',
    params: {
      type: 'object',
      required: ['entity'],
      properties: { entity: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[^/]+$' } },
    },
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { height: { type: 'integer', minimum: 1 } },
    },
    response: {
      type: 'object',
      required: ['dossier'],
      properties: {
        dossier: {
          ...base64,
          description:
            "the entity's events, the proof of hist/<entity>, header H, its commit certificate and validator set",
        },
      },
    },
    tag: 'chain',
    summary: "An entity's whole history as a dossier that verifies offline",
    description: 'Built with @djchain/client buildDossier at H (default latest), e.g. entity `member:m123`.',
    errors: ['HEIGHT_NOT_FOUND', 'ENTITY_NOT_FOUND'],
    read: {
      rule: 'resource',
      who:
        '`member:<id>`: the member, post holders of their organization and above; `org:<id>`: post holders ' +
        'of it and above; `validator:`: anyone; other kinds: the community committee; always the operator',
    },
  },
} as const satisfies Record<string, RouteSpec>;
