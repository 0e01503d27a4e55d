/** Route table: 党务公开 — the public items in force as an Atom feed (RFC 4287) for residents' readers. */
import type { RouteSpec } from './spec.ts';

/** The media type of the feed. */
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

export const disclosureRoutes = {
  disclosureFeed: {
    method: 'GET',
    path: '/v1/disclosure/feed.atom',
    produces: {
      type: ATOM_CONTENT_TYPE,
      schema: { type: 'string' },
      description:
        'an Atom 1.0 feed: one entry per public item in force today (chain time), newest first; each entry ' +
        'links the portal page that checks it against the chain and, as an enclosure, its content',
    },
    tag: 'disclosure',
    summary: 'Public disclosures in force (Atom)',
    description:
      'The items of scope `public` the query `disclosure.inForce` answers for the latest block’s China date: ' +
      'organization, kind, period, and whether the entry corrects or withdraws an earlier one. Items for ' +
      'Party members only are never in it.',
    errors: [],
    read: { rule: 'public', who: 'anyone (public items only)' },
  },
} as const satisfies Record<string, RouteSpec>;
