/**
 * GET /v1/disclosure/feed.atom: the public items in force (党务公开) as an Atom 1.0 feed (RFC 4287),
 * for residents' feed readers. Only what `disclosure.inForce` answers for the scope `public` on the
 * latest block's China date goes in: never an item for Party members. Each entry links the portal's
 * page for the item (which checks it against the chain in the browser) and its content.
 */
import { ATOM_CONTENT_TYPE, ROUTES, routeUrl } from '@djchain/client/routes';
import type { RouteHandlerMethod } from 'fastify';
import type { DjNode } from '../node.ts';
import type { StateReader } from './access.ts';
import { attachmentRecord } from './attachment-access.ts';

interface FeedItem {
  readonly id: string;
  readonly org: string;
  readonly kind: string;
  readonly from: string;
  readonly until: string | null;
  readonly content: string | null;
  readonly corrects: string | null;
  readonly withdraws: string | null;
  readonly on: string;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
/** A China calendar date as an RFC 3339 instant (midnight, UTC+8). */
const day = (d: string) => `${d}T00:00:00+08:00`;

function entry(state: StateReader, chainId: string, item: FeedItem, orgName: (id: string) => string): string {
  const mark = item.withdraws !== null ? '（撤回）' : item.corrects !== null ? '（更正）' : '';
  const period = `公开期：${item.from} 至 ${item.until ?? '撤回或更正时止'}`;
  const link =
    item.withdraws !== null
      ? `撤回 ${item.withdraws}。`
      : item.corrects !== null
        ? `更正 ${item.corrects}。`
        : '';
  const lines = [
    '<entry>',
    `<id>urn:djchain:${esc(chainId)}:disclosure:${esc(item.id)}</id>`,
    `<title>${esc(`${orgName(item.org)}｜${item.kind}${mark}`)}</title>`,
    `<updated>${day(item.on)}</updated>`,
    `<published>${day(item.from)}</published>`,
    `<author><name>${esc(orgName(item.org))}</name></author>`,
    `<category term="${esc(item.kind)}"/>`,
    `<summary>${esc(link + period)}</summary>`,
    `<link rel="alternate" type="text/html" href="/#/disclosure/${encodeURIComponent(item.id)}"/>`,
  ];
  const a = item.content === null ? null : attachmentRecord(state, item.content);
  if (a !== null)
    lines.push(
      `<link rel="enclosure" type="${esc(a.mediaType)}" length="${a.size}" href="${routeUrl(ROUTES.attachmentGet, { hash: a.hash })}"/>`,
    );
  lines.push('</entry>');
  return lines.join('\n');
}

export function disclosureFeedRoute(node: DjNode, state: StateReader): RouteHandlerMethod {
  return async (_req, reply) => {
    const chainId = node.app.genesis.chainId;
    const height = state.height();
    const time = height === 0 ? node.app.genesis.time : node.app.store.blocks.getHeader(height)!.time;
    const r = state.query('disclosure', 'inForce', { scope: 'public' }) as { items?: FeedItem[] } | null;
    const items = r?.items ?? [];
    const names = new Map<string, string>();
    const orgName = (id: string) => {
      let n = names.get(id);
      if (n === undefined) {
        const o = state.query('org', 'org', { id }) as { name?: unknown } | null;
        n = typeof o?.name === 'string' ? o.name : id;
        names.set(id, n);
      }
      return n;
    };
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
      `<id>urn:djchain:${esc(chainId)}:disclosure</id>`,
      '<title>党务公开</title>',
      `<subtitle>${esc(`区块高度 ${height} 时公开期内的事项`)}</subtitle>`,
      `<updated>${new Date(time).toISOString()}</updated>`,
      `<link rel="self" type="application/atom+xml" href="${ROUTES.disclosureFeed.path}"/>`,
      '<generator>djchain</generator>',
      ...items.map((i) => entry(state, chainId, i, orgName)),
      '</feed>',
      '',
    ].join('\n');
    reply.header('content-type', ATOM_CONTENT_TYPE);
    return xml;
  };
}
