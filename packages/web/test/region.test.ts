/**
 * The 辖区看板's data (`src/app/region.ts`, no browser): the view orders chains by chain id and
 * organizations by id whatever the order or the scores of the rows (国办函〔2026〕12号: no ranking),
 * statuses and phases in the order of the membership's course, dues summed per month in integer
 * fen and shown in 元; the requests carry the reader's session and a refusal keeps its code (the
 * page shows the configuration help for INDEX_NOT_CONFIGURED). The page itself is checked in
 * Chromium in insight.test.ts (its existing chain).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type ChainProof, loadRegion, type RegionData, regionView, yuanText } from '../src/app/region.ts';

const proof = (chainId: string, name: string | null): ChainProof => ({
  chainId,
  name,
  suite: 'intl',
  height: 10,
  headerHash: 'ab'.repeat(32),
  appHash: 'cd'.repeat(32),
  timeMs: 0,
  indexMonth: null,
  indexHeight: null,
});

const index = (chainId: string, org: string, overall: number) => ({
  chainId,
  org,
  orgName: null,
  period: '2026-02',
  rules: '2026',
  overall,
  level: '一般',
  people: 0,
  items: 0,
  links: 0,
  peopleMissing: 0,
  itemsMissing: 0,
  linksMissing: 0,
  closedOn: '2026-03-01',
  height: 9,
});

const data: RegionData = {
  // Given out of order: the view puts them in chain-id order.
  chains: [proof('demo-west', '朝阳社区党委'), proof('demo-east', null)],
  members: [
    { chainId: 'demo-west', org: 'b2', orgName: '第二党支部', status: '正式党员', members: 7 },
    { chainId: 'demo-west', org: 'b1', orgName: '第一党支部', status: '正式党员', members: 3 },
    { chainId: 'demo-west', org: 'b1', orgName: '第一党支部', status: '群众', members: 1 },
    { chainId: 'demo-west', org: 'b1', orgName: '第一党支部', status: '预备党员', members: 2 },
  ],
  recruitment: [
    { chainId: 'demo-west', phase: 'probationary', cases: 2 },
    { chainId: 'demo-west', phase: 'applicant', cases: 5 },
  ],
  dues: [
    { chainId: 'demo-west', org: 'b2', orgName: '第二党支部', month: '2026-02', paidFen: 5 },
    { chainId: 'demo-west', org: 'b1', orgName: '第一党支部', month: '2026-02', paidFen: 1999 },
    { chainId: 'demo-west', org: 'b1', orgName: '第一党支部', month: '2026-01', paidFen: 120000 },
  ],
  meetings: [],
  // The best score first: the view must not keep (or make) that order.
  index: [index('demo-west', 'b2', 990), index('demo-west', 'b1', 100), index('demo-east', 'c1', 500)],
  truncated: false,
};

it('orders chains by chain id and organizations by id, never by a figure or a score', () => {
  const view = regionView(data);
  assert.deepEqual(
    view.map((c) => [c.proof.chainId, c.name, c.orgs.map((o) => o.org)]),
    [
      ['demo-east', 'demo-east', ['c1']],
      ['demo-west', '朝阳社区党委', ['b1', 'b2']],
    ],
  );
  const west = view[1]!;
  assert.deepEqual(
    west.orgs.map((o) => [o.name, o.index?.overall]),
    [
      ['第一党支部', 100],
      ['第二党支部', 990],
    ],
  );
  // Statuses and phases in the order of the course; members summed per organization and chain.
  assert.deepEqual(west.orgs[0]!.byStatus, [
    { status: '群众', members: 1 },
    { status: '预备党员', members: 2 },
    { status: '正式党员', members: 3 },
  ]);
  assert.deepEqual([west.orgs[0]!.members, west.orgs[1]!.members, west.members], [6, 7, 13]);
  assert.deepEqual(west.recruitment, [
    { phase: 'applicant', cases: 5 },
    { phase: 'probationary', cases: 2 },
  ]);
  // Dues per month over the chain's organizations, in time order: 1,200.00 元; 19.99 + 0.05 元.
  assert.deepEqual(west.duesByMonth, [
    { month: '2026-01', fen: 120000 },
    { month: '2026-02', fen: 2004 },
  ]);
  assert.deepEqual(
    west.duesByMonth.map((d) => yuanText(d.fen)),
    ['¥1200.00', '¥20.04'],
  );
  assert.deepEqual([yuanText(5), yuanText(0), yuanText(-20)], ['¥0.05', '¥0.00', '-¥0.20']);
});

it("asks /region/* with the reader's session; a refusal keeps its code", async () => {
  const asked: [string, string | undefined][] = [];
  const answer = (status: number, body: unknown) =>
    (async (url: string | URL | Request, init?: RequestInit) => {
      asked.push([String(url), (init?.headers as Record<string, string> | undefined)?.authorization]);
      return new Response(JSON.stringify(body), { status });
    }) as typeof fetch;
  const empty = { chains: [proof('x', null)], rows: [], truncated: false };
  const d = await loadRegion('tok', answer(200, empty));
  assert.deepEqual(
    asked.map(([u]) => u),
    ['chains', 'members', 'recruitment', 'dues', 'meetings', 'index'].map((r) => `./region/${r}`),
  );
  assert.ok(asked.every(([, auth]) => auth === 'Bearer tok'));
  assert.deepEqual([d.chains, d.truncated], [[], false]);
  await assert.rejects(
    loadRegion('tok', answer(503, { error: { code: 'INDEX_NOT_CONFIGURED', message: 'none' } })),
    (e: unknown) => (e as { code: string }).code === 'INDEX_NOT_CONFIGURED',
  );
});
