/**
 * `djchain index` (issue 19) against one real node: the rows and views of the PGlite index equal
 * what the transactions submitted here must give (written by hand); a second run adds nothing;
 * one more transaction, announced on the event stream while following, adds exactly its rows; a
 * trust anchor the chain's headers do not verify against is refused with the light client's code
 * before the database is created; a node serving a block body that does not match the verified
 * header (a proxy drops a transaction) is refused and nothing is written.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addressOf, type DjchainClient, fromBase64, signAction, toBase64 } from '@djchain/client';
import { decode, encode, getSuite, type KeyPair, toHex, type Value } from '@djchain/crypto';
import { decodeBlock, encodeBlock, headerHash } from '@djchain/ledger';
import { PGlite } from '@electric-sql/pglite';
import { indexCommand } from '../src/commands/indexer.ts';
import { type IndexDb, openIndexDb, openServerDb } from '../src/indexer/db.ts';
import { hookEventsOf } from '../src/indexer/hooks.ts';
import { genesisOrgs } from '../src/indexer/orgs.ts';
import { buildRegionApi } from '../src/indexer/region.ts';
import { statementsOf } from '../src/indexer/rows.ts';
import { secretaryClient, startTestChain, type TestChain } from './commands-node.ts';

/**
 * A PostgreSQL server (`--pg`), e.g. postgres://djchain:djchain@127.0.0.1:5432/djchain_test — `.ci/run`
 * starts Debian's and sets it: the last test indexes the same chain into it and compares every
 * table and view with PGlite's. The indexer's tables there are dropped first.
 */
const PG = process.env.DJCHAIN_TEST_PG;
/** Every table and view of the indexer's schema (packages/cli/src/indexer/schema.ts). */
const RELATIONS = [
  'djchain_meta',
  'chains',
  'events',
  'members',
  'recruitment',
  'dues_payments',
  'meetings',
  'index_values',
  'index_months',
  'transfers',
  'transfer_arrivals',
  'warnings',
  'hook_cursors',
  'orgs',
  'members_by_status',
  'recruitment_pipeline',
  'dues_collected',
  'meetings_per_quarter',
  'transfers_out',
  'warnings_open',
];

let chain: TestChain;
let client: DjchainClient;
let secretary: KeyPair;
const suite = getSuite('intl');
before(async () => {
  if (PG !== undefined) {
    const db = await openServerDb(PG);
    const views =
      'members_by_status, recruitment_pipeline, dues_collected, meetings_per_quarter, transfers_out, warnings_open';
    await db.query(`DROP VIEW IF EXISTS ${views}`);
    await db.query(
      `DROP TABLE IF EXISTS djchain_meta, chains, events, members, recruitment, dues_payments, meetings,
        index_values, index_months, transfers, transfer_arrivals, warnings, hook_cursors, orgs`,
    );
    await db.close();
  }
  chain = await startTestChain();
  ({ client, secretary } = await secretaryClient(chain));
});
after(() => chain?.stop());

/** An empty PGlite data directory, made once (`freshIndexDb`). */
let template: string | undefined;

/**
 * A new PGlite index database of a test's own, `<chain.root>/<name>`: a copy of an empty data
 * directory made once, so that each does not run PGlite's initdb again (≈ 4–8 s of CPU each on this
 * machine); `openIndexDb` then creates the indexer's schema in it as in any new database. The
 * first test's database and one in memory (transfer rows) are still made from nothing.
 */
async function freshIndexDb(name: string): Promise<IndexDb> {
  if (template === undefined) {
    const dir = join(chain.root, 'pglite-template');
    await (await PGlite.create(dir)).close();
    template = dir;
  }
  const dir = join(chain.root, name);
  cpSync(template, dir, { recursive: true });
  return openIndexDb(dir);
}

/**
 * Signs `actions` as `key` (default the secretary) with consecutive nonces, submits them at once
 * (one block), waits for each; returns the height each was committed at.
 */
async function sendAll(
  actions: readonly [string, string, Record<string, unknown>][],
  key: KeyPair = secretary,
): Promise<number[]> {
  const { height } = await client.status();
  const address = addressOf(suite, key.publicKey);
  const nonce = height === 0 ? 0 : await client.nextNonce(address, height);
  const txs = actions.map(([module, action, params], i) =>
    signAction(suite, 'cmd-test', key, { module, action, params: params as never }, nonce + i, height + 100),
  );
  const results = await client.submit(txs);
  assert.ok(
    results.every((r) => r.accepted),
    JSON.stringify(results),
  );
  const heights: number[] = [];
  for (const tx of txs) {
    const r = await client.waitForReceipt(tx.hash, 30_000);
    assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
    heights.push(r.height);
  }
  return heights;
}

function indexArgs(db: string, genesis = chain.genesisFile, node = chain.url): string[] {
  return [
    '--node',
    node,
    '--genesis',
    genesis,
    ...(db.startsWith('postgres://') ? ['--pg', db] : ['--db', db]),
    '--token-file',
    join(chain.dir, 'api-token'),
  ];
}

/** `djchain index … --once` in this process. */
async function index(
  db: string,
  genesis = chain.genesisFile,
  node = chain.url,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (x: string) => out.push(x), err: (x: string) => err.push(x), env: {}, errIsTTY: false };
  const code = await indexCommand([...indexArgs(db, genesis, node), '--once'], io);
  return { code, out: out.join('\n'), err: err.join('') };
}

/** Runs `body` with the index at `dir` (PGlite) or a server URL open (PGlite: one process at a time, closed after). */
async function reading<T>(
  dir: string,
  body: (rows: (sql: string) => Promise<unknown[]>) => Promise<T>,
): Promise<T> {
  const db = dir.startsWith('postgres://') ? await openServerDb(dir) : await openIndexDb(dir);
  try {
    return await body(async (sql) => (await db.query(sql)).rows);
  } finally {
    await db.close();
  }
}

/** This month in China time (UTC+8), as the chain dates a payment recorded now. */
const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

test('index --once fills tables and views from verified blocks; a re-run adds nothing; following, one more tx adds its rows', async () => {
  const db = join(chain.root, 'index');
  // A first run before the transactions (it creates the database): the next resumes from its cursor.
  const h0 = (await client.status()).height;
  const zero = await index(db);
  assert.equal(zero.code, 0, zero.err);
  assert.match(zero.out, new RegExp(`链 cmd-test：已索引至高度 ${h0}（本次自 0 起`));
  await sendAll([
    ['member', 'register', { id: 'm-i1', org: 'b1', address: 'cd'.repeat(20) }],
    ['dues', 'assess', { member: 'm-sec', group: '学生', from: month, fen: 20 }],
    ['dues', 'recordPayment', { id: 'pay-1', member: 'm-sec', months: [month], fen: 20, method: '现金' }],
    ['orglife', 'plan', { id: 'mt-1', org: 'b1', kind: '支部党员大会', date: '2025-03-20' }],
    ['orglife', 'hold', { meeting: 'mt-1', heldOn: '2025-03-20', present: ['m-sec'] }],
  ]);
  const head = (await client.status()).height;
  const first = await index(db);
  assert.equal(first.code, 0, first.err);
  assert.match(
    first.out,
    new RegExp(`链 cmd-test：已索引至高度 ${head}（本次自 ${h0} 起，\\d+ 条事件，0 条运行指数记录）`),
  );

  const check = () =>
    reading(db, async (rows) => {
      assert.deepEqual(await rows('SELECT chain_id, height FROM chains'), [
        { chain_id: 'cmd-test', height: head },
      ]);
      assert.deepEqual(await rows('SELECT member, org, status FROM members ORDER BY member'), [
        { member: 'm-i1', org: 'b1', status: '群众' },
        { member: 'm-sec', org: 'b1', status: '正式党员' },
      ]);
      assert.deepEqual(await rows('SELECT org, status, members FROM members_by_status ORDER BY status'), [
        { org: 'b1', status: '正式党员', members: 1 },
        { org: 'b1', status: '群众', members: 1 },
      ]);
      assert.deepEqual(
        await rows('SELECT payment, member, org, months, paid_fen, status FROM dues_payments'),
        [
          {
            payment: 'pay-1',
            member: 'm-sec',
            org: 'b1',
            months: [month],
            paid_fen: 20,
            status: 'confirmed',
          },
        ],
      );
      assert.deepEqual(await rows('SELECT org, month, paid_fen FROM dues_collected'), [
        { org: 'b1', month, paid_fen: 20 },
      ]);
      assert.deepEqual(await rows('SELECT org, kind, quarter, meetings FROM meetings_per_quarter'), [
        { org: 'b1', kind: '支部党员大会', quarter: '2025-Q1', meetings: 1 },
      ]);
      assert.deepEqual(await rows('SELECT phase, cases FROM recruitment_pipeline'), []);
      return rows('SELECT count(*)::integer AS n FROM events');
    });
  const events = await check();

  // Again: the cursor is at the head, nothing is read or written twice.
  const second = await index(db);
  assert.equal(second.code, 0, second.err);
  assert.match(
    second.out,
    new RegExp(`已索引至高度 ${head}（本次自 ${head} 起，0 条事件，0 条运行指数记录）`),
  );
  assert.deepEqual(await check(), events);

  // Following (no --once): one more registration, announced on the event stream, is indexed as
  // exactly one more member and one more event; the command ends on the abort (SIGINT's path).
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (x: string) => out.push(x), err: (x: string) => err.push(x), env: {}, errIsTTY: false };
  const stop = new AbortController();
  // With the dashboards' API served from the same process (--serve, any free port).
  const following = indexCommand([...indexArgs(db), '--serve', '0'], io, stop.signal);
  // Caught up first (its first round reports), so only the stream can wake it for what follows.
  const caughtUp = new RegExp(`已索引至高度 ${head}（本次自 ${head} 起，0 条事件，0 条运行指数记录）`);
  for (let i = 0; i < 100 && !caughtUp.test(out.join('\n')); i++)
    await new Promise((r) => setTimeout(r, 100));
  assert.match(out.join('\n'), caughtUp, err.join(''));
  await sendAll([['member', 'register', { id: 'm-i2', org: 'b1', address: 'ce'.repeat(20) }]]);
  const next = (await client.status()).height;
  const done = new RegExp(`已索引至高度 ${next}（本次自 ${head} 起，1 条事件，0 条运行指数记录）`);
  // Bounded wait, well under the 30 s poll.
  for (let i = 0; i < 100 && !done.test(out.join('\n')); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(out.join('\n'), done);
  const api = /辖区看板的只读接口（JSON）：(http:\/\/127\.0\.0\.1:\d+)\/region\/chains/.exec(
    err.join(''),
  )?.[1];
  assert.ok(api, err.join(''));
  served = await regionFigures(api, next);
  stop.abort();
  assert.equal(await following, 0, err.join(''));
  assert.match(out.join('\n'), done);
  assert.match(err.join(''), /正在跟随 1 条链/);
  await reading(db, async (rows) => {
    assert.deepEqual(await rows('SELECT chain_id, height FROM chains'), [
      { chain_id: 'cmd-test', height: next },
    ]);
    assert.deepEqual(await rows(`SELECT member, org, status FROM members WHERE member = 'm-i2'`), [
      { member: 'm-i2', org: 'b1', status: '群众' },
    ]);
    assert.deepEqual(await rows('SELECT count(*)::integer AS n FROM members'), [{ n: 3 }]);
    const n = (events[0] as { n: number }).n;
    assert.deepEqual(await rows('SELECT count(*)::integer AS n FROM events'), [{ n: n + 1 }]);
  });
});

/** An answer of the dashboards' API (or its error envelope), as the tests read it. */
// biome-ignore lint/suspicious/noExplicitAny: the tests compare whole answers with deepEqual
type Answer = Record<string, any>;

/** GET `path` of the dashboards' API: status and JSON body. */
async function get(api: string, path: string, init?: RequestInit): Promise<{ status: number; body: Answer }> {
  const r = await fetch(api + path, init);
  return { status: r.status, body: await r.json() };
}

/** What the first test's served API answered (the standalone reader below must answer the same). */
let served: Record<string, unknown> | undefined;

/**
 * The dashboards' routes against the figures of the first test's transactions, written by hand;
 * the chains' proved height and header hash against the chain's own verified header.
 */
async function regionFigures(api: string, height: number): Promise<Record<string, unknown>> {
  const header = await client.verifiedHeader(height);
  const chains = await get(api, '/region/chains');
  assert.equal(chains.status, 200);
  assert.deepEqual(chains.body.chains, [
    {
      chainId: 'cmd-test',
      name: '东风社区党委',
      suite: 'intl',
      height,
      headerHash: toHex(headerHash(suite, header)),
      appHash: toHex(header.stateRoot),
      timeMs: header.time,
      indexMonth: null,
      indexHeight: null,
    },
  ]);
  const proofs = chains.body.chains;
  const rows = async (path: string) => {
    const r = await get(api, path);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    // Every answer says up to which height (and header hash) the figures are proved.
    assert.deepEqual(r.body.chains, proofs);
    assert.equal(r.body.truncated, false);
    return r.body.rows;
  };
  const b1 = { chainId: 'cmd-test', org: 'b1', orgName: '第一党支部' };
  const figures: Record<string, unknown> = {
    members: await rows('/region/members'),
    recruitment: await rows('/region/recruitment'),
    dues: await rows('/region/dues'),
    meetings: await rows('/region/meetings'),
    index: await rows('/region/index'),
  };
  assert.deepEqual(figures, {
    members: [
      { ...b1, status: '正式党员', members: 1 },
      { ...b1, status: '群众', members: 2 },
    ],
    recruitment: [],
    dues: [{ ...b1, month, paidFen: 20 }],
    meetings: [{ ...b1, kind: '支部党员大会', quarter: '2025-Q1', meetings: 1 }],
    index: [],
  });
  // Narrowed by period and chain: bounds are inclusive, an unknown chain has no rows.
  assert.deepEqual(await rows(`/region/dues?from=${month}&to=${month}`), figures.dues);
  assert.deepEqual(await rows('/region/meetings?from=2025-Q2'), []);
  assert.deepEqual((await get(api, '/region/members?chain=other')).body, {
    chains: [],
    rows: [],
    truncated: false,
  });
  // Aggregates only: no member id reaches an answer.
  assert.doesNotMatch(JSON.stringify(figures), /m-sec|m-i1|m-i2|pay-1|mt-1/);
  // Parameters outside their schema, unknown ones, other methods and paths are refused.
  for (const bad of [
    '/region/dues?from=2025-13',
    "/region/members?chain=x'--",
    '/region/index?every=week',
    '/region/members?sort=overall',
  ])
    assert.deepEqual(
      [bad, (await get(api, bad)).status, (await get(api, bad)).body.error.code],
      [bad, 400, 'REQUEST_INVALID'],
    );
  assert.equal((await get(api, '/region/members', { method: 'POST', body: '{}' })).status, 404);
  assert.equal((await get(api, '/region/nothing')).status, 404);
  return { chains: chains.body, ...figures };
}

/** `djchain index serve …` in this process: every route's answer (chains whole, rows of the others), then stopped. */
async function servedRows(args: string[]): Promise<Record<string, unknown>> {
  const err: string[] = [];
  const io = { out: () => {}, err: (x: string) => err.push(x), env: {}, errIsTTY: false };
  const stop = new AbortController();
  const serving = indexCommand(args, io, stop.signal);
  // Bounded wait for the printed address, or for the command's end (a refusal).
  let ended = false;
  void serving.finally(() => {
    ended = true;
  });
  let api: string | undefined;
  for (let i = 0; i < 100 && api === undefined && !ended; i++) {
    api = /(http:\/\/127\.0\.0\.1:\d+)\/region\/chains/.exec(err.join(''))?.[1];
    if (api === undefined) await new Promise((r) => setTimeout(r, 100));
  }
  try {
    assert.ok(api, err.join(''));
    const same: Record<string, unknown> = { chains: (await get(api, '/region/chains')).body };
    for (const r of ['members', 'recruitment', 'dues', 'meetings', 'index'])
      same[r] = (await get(api, `/region/${r}`)).body.rows;
    return same;
  } finally {
    stop.abort();
    assert.equal(await serving, 0, err.join(''));
  }
}

test("index serve: the dashboards' API alone, over the index the first test filled, answers the same", async () => {
  assert.ok(served, 'the first test served its figures');
  assert.deepEqual(await servedRows(['serve', '--db', join(chain.root, 'index'), '--port', '0']), served);
});

test("the index route: each organization's latest period, ordered by chain and organization, never by score", async () => {
  // A database of its own with rows written by hand: b2 scores above b1, z9 above both, all of
  // them must still come in id order (国办函〔2026〕12号).
  const db = await freshIndexDb('region-order');
  try {
    const row = (c: string, org: string, period: string, overall: number) =>
      db.query(
        `INSERT INTO index_values (chain_id, org, period, every, rules, overall, level, people, items, links,
          people_missing, items_missing, links_missing, closed_on, height)
         VALUES ($1, $2, $3, 'month', '2026', $4, '一般', 1, 2, 3, 0, 1, 2, '2026-03-01', 40)`,
        [c, org, period, overall],
      );
    await row('x-b', 'z9', '2026-02', 990);
    await row('x-a', 'b2', '2026-01', 900);
    await row('x-a', 'b2', '2026-02', 950);
    await row('x-a', 'b1', '2026-02', 100);
    await row('x-a', 'b1', '2026-01', 700);
    for (const c of ['x-b', 'x-a'])
      await db.query(
        `INSERT INTO chains (chain_id, suite, height, header_hash, app_hash, time_ms) VALUES ($1, 'intl', 41, 'ab', 'cd', 5)`,
        [c],
      );
    await db.query(`INSERT INTO index_months (chain_id, month, height) VALUES ('x-a', '2026-02', 40)`);
    const api = buildRegionApi(db);
    const r = await api.inject({ method: 'GET', url: '/region/index' });
    assert.equal(r.statusCode, 200);
    const body = r.json();
    assert.deepEqual(
      body.rows.map((x: { chainId: string; org: string; period: string; overall: number }) => [
        x.chainId,
        x.org,
        x.period,
        x.overall,
      ]),
      [
        ['x-a', 'b1', '2026-02', 100],
        ['x-a', 'b2', '2026-02', 950],
        ['x-b', 'z9', '2026-02', 990],
      ],
    );
    assert.deepEqual(
      body.chains.map(
        (c: { chainId: string; name: null; indexMonth: string | null; indexHeight: number | null }) => [
          c.chainId,
          c.name,
          c.indexMonth,
          c.indexHeight,
        ],
      ),
      [
        ['x-a', null, '2026-02', 40],
        ['x-b', null, null, null],
      ],
    );
    await api.close();
  } finally {
    await db.close();
  }
});

test('a trust anchor the headers do not verify against is refused with the light client code; nothing is written', async () => {
  const g = JSON.parse(readFileSync(chain.genesisFile, 'utf8'));
  // Another key in place of the validator's: the chain's commits do not verify against it.
  g.validators[0].publicKey = 'ab'.repeat(32);
  const file = join(chain.root, 'forged-genesis.json');
  writeFileSync(file, JSON.stringify(g));
  const db = join(chain.root, 'forged-index');
  const r = await index(db, file);
  assert.equal(r.code, 1);
  assert.match(r.err, /CLIENT_UNTRUSTED_VALIDATORS：验证人集合不可信/);
  // Refused before the database was opened: not even created.
  assert.equal(existsSync(db), false);
});

/** A proxy in front of the node (GET only) that serves what `alter` makes of each successful answer. */
async function proxy(
  target: string,
  alter: (url: string, body: Buffer) => Buffer,
): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    const headers: Record<string, string> = {};
    for (const h of ['authorization', 'accept', 'last-event-id'])
      if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
    void fetch(target + req.url, { headers }).then(async (r) => {
      const got = Buffer.from(await r.arrayBuffer());
      const body = r.ok ? alter(req.url ?? '', got) : got;
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** A proxy that serves every block body without its last transaction. */
function dropLastTx(target: string): Promise<{ url: string; close: () => void }> {
  return proxy(target, (url, body) => {
    if (!/^\/v1\/blocks\/\d+$/.test(url)) return body;
    const o = JSON.parse(body.toString('utf8'));
    const block = decodeBlock(fromBase64(o.block));
    o.block = toBase64(encodeBlock({ ...block, txs: block.txs.slice(0, -1) }));
    return Buffer.from(JSON.stringify(o));
  });
}

test('a block body that does not match the verified header is refused (CLI_INDEX_UNVERIFIED), nothing written; an honest node resumes', async () => {
  const db = join(chain.root, 'index');
  const cursor = await reading(db, (rows) => rows('SELECT chain_id, height FROM chains'));
  await sendAll([['member', 'register', { id: 'm-i3', org: 'b1', address: 'cf'.repeat(20) }]]);
  const proxy = await dropLastTx(chain.url);
  const lied = await index(db, chain.genesisFile, proxy.url).finally(proxy.close);
  assert.equal(lied.code, 1);
  assert.match(lied.err, /在高度 \d+ 提供的数据（block）与已验证的区块头不符，未写入任何数据/);
  await reading(db, async (rows) => {
    assert.deepEqual(await rows('SELECT chain_id, height FROM chains'), cursor);
    assert.deepEqual(await rows(`SELECT member FROM members WHERE member = 'm-i3'`), []);
  });
  const honest = await index(db);
  assert.equal(honest.code, 0, honest.err);
  await reading(db, async (rows) => {
    assert.deepEqual(await rows(`SELECT member, org, status FROM members WHERE member = 'm-i3'`), [
      { member: 'm-i3', org: 'b1', status: '群众' },
    ]);
  });
});

/** The China (UTC+8) date of a time in ms. */
const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

/** The warning ids of the organizations' overdue terms (kind "org.term", subject "<org>:<term end>"). */
// A community's organizations serve 5-year terms: from 2021-06-01 (genesis), ended 2026-06-01.
const TERM_WARNING = {
  c1: 'org.term/c1:2026-06-01',
  b1: 'org.term/b1:2026-06-01',
  b2: 'org.term/b2:2026-06-01',
};
const TERM_CITE = '《中国共产党支部工作条例（试行）》第九条';

test('block-start hook events and transfers: rows proved by state proofs, equal to the chain own queries', async () => {
  const db = join(chain.root, 'index');
  // m-i4 holds a key (it asks for its own transfer); m-i5 is released to another chain.
  const k4 = suite.keyPairFromSeed(new Uint8Array(32).fill(4));
  const [imported] = await sendAll([
    [
      'member',
      'importMember',
      {
        id: 'm-i4',
        org: 'b2',
        address: addressOf(suite, k4.publicKey),
        status: '正式党员',
        since: '2012-07-01',
      },
    ],
    [
      'member',
      'importMember',
      { id: 'm-i5', org: 'b1', address: 'd0'.repeat(20), status: '正式党员', since: '2013-07-01' },
    ],
  ]);
  // 换届 of b2: its term warning closes at the next block's start (a hook event, in no receipt).
  const [elected] = await sendAll([['org', 'electCommittee', { org: 'b2', committee: { 书记: 'm-i4' } }]]);
  const [requested] = await sendAll(
    [
      [
        'transfer',
        'requestTransfer',
        { id: 'tr-1', member: 'm-i4', to: 'b1', reason: '工作调动至第一党支部' },
      ],
    ],
    k4,
  );
  const [released] = await sendAll([
    [
      'transfer',
      'releaseOut',
      { id: 'rel-1', member: 'm-i5', toChain: 'cmd-other', to: 'b7', reason: '迁居外地社区', validDays: 30 },
    ],
  ]);
  const [accepted] = await sendAll([['transfer', 'acceptTransfer', { id: 'tr-1' }]]);
  assert.ok(imported! < elected! && elected! < requested! && requested! < released! && released! < accepted!);
  const releasedOn = chinaDay((await client.verifiedHeader(released!)).time);
  const r = await index(db);
  assert.equal(r.code, 0, r.err);

  await reading(db, async (rows) => {
    // Every hook event so far, by hand: the genesis hook's (height 0: the organizations, the
    // superior, the posts, m-sec), the first block's overdue terms and their warnings, and the
    // warning closed at the block after the election. Numbered by module (the order hooks run
    // in), then by the organization they were read from (b1 < b2 < c1), then its history.
    assert.deepEqual(
      await rows(
        `SELECT height, event_index, tx_hash, type, entities FROM events WHERE tx_index = -1 ORDER BY height, event_index`,
      ),
      [
        {
          height: 0,
          event_index: 0,
          tx_hash: '',
          type: 'member.Imported',
          entities: ['member:m-sec', 'org:b1'],
        },
        { height: 0, event_index: 1, tx_hash: '', type: 'org.Created', entities: ['org:b1'] },
        {
          height: 0,
          event_index: 2,
          tx_hash: '',
          type: 'org.PostAppointed',
          entities: ['member:m-sec', 'org:b1'],
        },
        { height: 0, event_index: 3, tx_hash: '', type: 'org.Created', entities: ['org:b2'] },
        { height: 0, event_index: 4, tx_hash: '', type: 'org.Created', entities: ['org:c1'] },
        { height: 0, event_index: 5, tx_hash: '', type: 'org.SuperiorNamed', entities: ['org:c1'] },
        {
          height: 0,
          event_index: 6,
          tx_hash: '',
          type: 'org.PostAppointed',
          entities: ['member:m-sec', 'org:c1'],
        },
        { height: 1, event_index: 0, tx_hash: '', type: 'org.TermOverdue', entities: ['org:b1'] },
        { height: 1, event_index: 1, tx_hash: '', type: 'org.TermOverdue', entities: ['org:b2'] },
        { height: 1, event_index: 2, tx_hash: '', type: 'org.TermOverdue', entities: ['org:c1'] },
        { height: 1, event_index: 3, tx_hash: '', type: 'warnings.Raised', entities: ['org:b1'] },
        { height: 1, event_index: 4, tx_hash: '', type: 'warnings.Raised', entities: ['org:b2'] },
        { height: 1, event_index: 5, tx_hash: '', type: 'warnings.Raised', entities: ['org:c1'] },
        { height: elected! + 1, event_index: 0, tx_hash: '', type: 'warnings.Closed', entities: ['org:b2'] },
      ],
    );
    const warnings = [
      {
        id: TERM_WARNING.b1,
        org: 'b1',
        due: '2026-06-01',
        status: 'open',
        closed_by: null,
        closed_height: null,
      },
      {
        id: TERM_WARNING.b2,
        org: 'b2',
        due: '2026-06-01',
        status: 'closed',
        closed_by: 'org.electCommittee',
        closed_height: elected! + 1,
      },
      {
        id: TERM_WARNING.c1,
        org: 'c1',
        due: '2026-06-01',
        status: 'open',
        closed_by: null,
        closed_height: null,
      },
    ].map((w) => ({
      ...w,
      kind: 'org.term',
      level: 'overdue',
      member: null,
      cite: TERM_CITE,
      raised_height: 1,
    }));
    assert.deepEqual(
      await rows(
        `SELECT id, org, due, status, closed_by, closed_height, kind, level, member, cite, raised_height
         FROM warnings ORDER BY id`,
      ),
      warnings,
    );
    assert.deepEqual(await rows('SELECT org, kind, level, warnings FROM warnings_open ORDER BY org'), [
      { org: 'b1', kind: 'org.term', level: 'overdue', warnings: 1 },
      { org: 'c1', kind: 'org.term', level: 'overdue', warnings: 1 },
    ]);
    // The chain's own register says the same.
    const open = (await client.query('warnings', 'open', { org: 'c1', subtree: true })).result as {
      id: string;
    }[];
    assert.deepEqual(open.map((w) => w.id).sort(), [TERM_WARNING.b1, TERM_WARNING.c1]);
    const closed = (await client.query('warnings', 'warning', { id: TERM_WARNING.b2 })).result as Record<
      string,
      unknown
    >;
    assert.deepEqual(
      [closed.status, closed.closedBy, closed.closedAt],
      ['closed', 'org.electCommittee', elected! + 1],
    );

    // Transfers: m-i4 moved b2 → b1 in the chain; m-i5 released to cmd-other's b7, frozen here.
    assert.deepEqual(
      await rows(
        'SELECT transfer, member, from_org, to_org, to_chain, status, expires_on::text, height FROM transfers ORDER BY transfer',
      ),
      [
        {
          transfer: 'rel-1',
          member: 'm-i5',
          from_org: 'b1',
          to_org: 'b7',
          to_chain: 'cmd-other',
          status: 'released',
          // 30 days valid: the day of release and 29 more.
          expires_on: new Date(Date.parse(`${releasedOn}T00:00:00Z`) + 29 * 86_400_000)
            .toISOString()
            .slice(0, 10),
          height: released,
        },
        {
          transfer: 'tr-1',
          member: 'm-i4',
          from_org: 'b2',
          to_org: 'b1',
          to_chain: null,
          status: 'accepted',
          expires_on: null,
          height: accepted,
        },
      ],
    );
    assert.deepEqual(
      await rows('SELECT member, org, status, transfer, to_chain, to_org FROM transfers_out'),
      [
        {
          member: 'm-i5',
          org: 'b1',
          status: '正式党员',
          transfer: 'rel-1',
          to_chain: 'cmd-other',
          to_org: 'b7',
        },
      ],
    );
    const members = [
      { member: 'm-i1', org: 'b1', status: '群众', transfer_out: null },
      { member: 'm-i2', org: 'b1', status: '群众', transfer_out: null },
      { member: 'm-i3', org: 'b1', status: '群众', transfer_out: null },
      { member: 'm-i4', org: 'b1', status: '正式党员', transfer_out: null },
      { member: 'm-i5', org: 'b1', status: '正式党员', transfer_out: 'rel-1' },
      { member: 'm-sec', org: 'b1', status: '正式党员', transfer_out: null },
    ];
    assert.deepEqual(
      await rows('SELECT member, org, status, transfer_out FROM members ORDER BY member'),
      members,
    );
    assert.deepEqual(await rows('SELECT org, status, members FROM members_by_status ORDER BY status'), [
      { org: 'b1', status: '正式党员', members: 3 },
      { org: 'b1', status: '群众', members: 3 },
    ]);
    // The chain's own answer for every member: the same organization and status; m-i5 frozen by rel-1.
    for (const m of members) {
      const v = (await client.query('member', 'member', { id: m.member })).result as {
        org: string;
        status: string;
      };
      assert.deepEqual(
        { member: m.member, org: v.org, status: v.status },
        { member: m.member, org: m.org, status: m.status },
      );
    }
    const held = (await client.query('transfer', 'responsible', { member: 'm-i5' })).result as {
      frozen: string | null;
    };
    assert.equal(held.frozen, 'rel-1');
    for (const id of ['rel-1', 'tr-1']) {
      const t = (await client.query('transfer', 'transfer', { id })).result as Record<string, unknown>;
      const [row] = (await rows(
        `SELECT member, from_org, to_org, to_chain, status, expires_on::text FROM transfers WHERE transfer = '${id}'`,
      )) as Record<string, unknown>[];
      assert.deepEqual(row, {
        member: t.member,
        from_org: t.from,
        to_org: t.to,
        to_chain: t.toChain ?? null,
        status: t.status,
        expires_on: t.expiresOn ?? null,
      });
    }
  });
});

/**
 * A proxy that forges the block-start hook events it serves: every history entry of a hook
 * (`evt/…` with txIndex -1) whose type is `type` gets `data.closedBy` changed, the proof left as is.
 */
function forgeHookEvent(
  target: string,
  type: string,
): Promise<{ url: string; close: () => void; forged: () => number }> {
  let forged = 0;
  return proxy(target, (url, body) => {
    const key = new URL(url, 'http://x').searchParams.get('key');
    if (!url.startsWith('/v1/state?') || key === null || !key.startsWith('evt/')) return body;
    const o = JSON.parse(body.toString('utf8'));
    if (o.value === null) return body;
    const v = decode(fromBase64(o.value)) as Record<string, unknown>;
    if (v.txIndex !== -1 || v.type !== type) return body;
    forged++;
    o.value = toBase64(
      encode({ ...v, data: { ...(v.data as object), closedBy: 'org.appointPost' } } as never),
    );
    return Buffer.from(JSON.stringify(o));
  }).then((p) => ({ ...p, forged: () => forged }));
}

test('a hook event the node alters is refused by its state proof (CLIENT_BAD_PROOF), nothing written; an honest node resumes', async () => {
  const db = join(chain.root, 'index');
  const k4 = suite.keyPairFromSeed(new Uint8Array(32).fill(4));
  // 换届 of b1 (m-i4 its new 书记); b1's term warning closes at the start of the block after.
  const [elected] = await sendAll([['org', 'electCommittee', { org: 'b1', committee: { 书记: 'm-i4' } }]]);
  const [next] = await sendAll(
    [['member', 'register', { id: 'm-i6', org: 'b1', address: 'd1'.repeat(20) }]],
    k4,
  );
  assert.equal(next, elected! + 1);
  const cursor = await reading(db, (rows) => rows('SELECT chain_id, height FROM chains'));
  const lying = await forgeHookEvent(chain.url, 'warnings.Closed');
  const lied = await index(db, chain.genesisFile, lying.url).finally(lying.close);
  assert.equal(lied.code, 1);
  assert.equal(lying.forged(), 1);
  assert.match(lied.err, /CLIENT_BAD_PROOF/);
  await reading(db, async (rows) => {
    assert.deepEqual(await rows('SELECT chain_id, height FROM chains'), cursor);
    assert.deepEqual(await rows(`SELECT status FROM warnings WHERE id = '${TERM_WARNING.b1}'`), [
      { status: 'open' },
    ]);
    assert.deepEqual(await rows(`SELECT member FROM members WHERE member = 'm-i6'`), []);
  });
  const honest = await index(db);
  assert.equal(honest.code, 0, honest.err);
  await reading(db, async (rows) => {
    assert.deepEqual(
      await rows(`SELECT status, closed_by, closed_height FROM warnings WHERE id = '${TERM_WARNING.b1}'`),
      [{ status: 'closed', closed_by: 'org.electCommittee', closed_height: next }],
    );
    assert.deepEqual(
      await rows(
        `SELECT height, event_index, type, entities FROM events WHERE tx_index = -1 AND height = ${next}`,
      ),
      [{ height: next, event_index: 0, type: 'warnings.Closed', entities: ['org:b1'] }],
    );
    assert.deepEqual(await rows('SELECT org, kind, level, warnings FROM warnings_open'), [
      { org: 'c1', kind: 'org.term', level: 'overdue', warnings: 1 },
    ]);
  });
});

test('hook events read from several histories are taken once, from the first watched entity they name, numbered by module', () => {
  const ev = (module: string, type: string, entities: string[], data: Record<string, string> = {}) => ({
    module,
    type,
    entities,
    data,
  });
  const shared = ev('warnings', 'warnings.Raised', ['member:m1', 'org:b1', 'org:b2'], { id: 'w1' });
  const read = new Map([
    [
      'org:b2',
      [
        { seq: 4, height: 9, txIndex: -1, event: shared },
        { seq: 5, height: 9, txIndex: -1, event: ev('dues', 'dues.MonthClosed', ['org:b2']) },
        // A transaction's event: its receipt gives it, not the hook reading.
        { seq: 6, height: 9, txIndex: 0, event: ev('member', 'member.Registered', ['member:m2', 'org:b2']) },
      ],
    ],
    [
      'org:b1',
      [
        { seq: 7, height: 8, txIndex: -1, event: ev('org', 'org.TermOverdue', ['org:b1']) },
        { seq: 8, height: 9, txIndex: -1, event: shared },
      ],
    ],
  ]);
  const got = hookEventsOf(read, new Set(['org:b1', 'org:b2']));
  assert.deepEqual(
    [...got.entries()].map(([h, list]) => [
      h,
      list.map((x) => [x.eventIndex, x.event.type, x.event.entities.join(',')]),
    ]),
    [
      [8, [[0, 'org.TermOverdue', 'org:b1']]],
      [
        9,
        [
          [0, 'dues.MonthClosed', 'org:b2'],
          [1, 'warnings.Raised', 'member:m1,org:b1,org:b2'],
        ],
      ],
    ],
  );
  // Watching b2 only, the shared event is taken from b2's history.
  const b2 = hookEventsOf(new Map([['org:b2', read.get('org:b2')!]]), new Set(['org:b2']));
  assert.deepEqual(
    b2.get(9)!.map((x) => x.event.type),
    ['dues.MonthClosed', 'warnings.Raised'],
  );
});

test('org rows: the genesis ones by name, and one created on chain named by its org.Created (PGlite)', async () => {
  const db = await freshIndexDb('org-rows');
  try {
    for (const st of genesisOrgs('x', {
      org: {
        orgs: [
          { id: 'c1', name: '东风社区党委', kind: '党委', termStart: '2024-01-01' },
          { id: 'b1', name: '第一党支部', kind: '党支部', parent: 'c1', termStart: '2024-01-01' },
        ],
      },
    }))
      await db.query(st.sql, st.params);
    const at = { chainId: 'x', height: 7, date: '2026-12-05', txIndex: 0, eventIndex: 0, txHash: 'ab' };
    const data = { org: 'b3', orgName: '第三党支部', kind: '党支部', parent: 'c1' };
    for (const st of statementsOf(
      { module: 'org', type: 'org.Created', entities: ['org:b3', 'org:c1'], data },
      at,
    ))
      await db.query(st.sql, st.params);
    const rows = await db.query('SELECT org, name, kind, parent, height FROM orgs ORDER BY org');
    assert.deepEqual(rows.rows, [
      { org: 'b1', name: '第一党支部', kind: '党支部', parent: 'c1', height: 0 },
      { org: 'b3', name: '第三党支部', kind: '党支部', parent: 'c1', height: 7 },
      { org: 'c1', name: '东风社区党委', kind: '党委', parent: null, height: 0 },
    ]);
  } finally {
    await db.close();
  }
});

/** The data of chain x's release of `member` from b1 to chain y's b9 (written by hand, as the module emits it). */
const releaseToY = (transfer: string, member: string): Record<string, Value> => ({
  transfer,
  member,
  from: 'b1',
  toChain: 'y',
  to: 'b9',
  reason: '迁居',
  expiresOn: '2027-03-04',
  sanctions: 0,
});

test('a member released to another chain is linked to where it arrived, whichever chain is indexed first (PGlite)', async () => {
  const db = await freshIndexDb('arrivals');
  try {
    const apply = async (
      chainId: string,
      height: number,
      type: string,
      entities: string[],
      data: Record<string, Value>,
    ) => {
      const at = { chainId, height, date: '2026-12-05', txIndex: 0, eventIndex: 0, txHash: 'ab' };
      for (const st of statementsOf({ module: type.split('.')[0]!, type, entities, data }, at))
        await db.query(st.sql, st.params);
    };
    const arrival = (chainId: string, id: string, transfer: string) =>
      apply(chainId, 4, 'member.TransferredIn', [`member:${id}`, 'org:b9'], {
        member: id,
        org: 'b9',
        status: '正式党员',
        since: '2019-07-01',
        fromChain: 'x',
        fromMember: 'm1',
        fromOrg: 'b1',
        transfer,
        fromHeight: 3,
        fromHeader: 'aa',
        fromHead: 'bb',
        fromCount: 5,
        sanctions: [],
      });
    // Chain y indexed first: m1 arrives there as y-7, answering x's release r1.
    await arrival('y', 'y-7', 'r1');
    // A chain the release did not name claims the same transfer: never linked.
    await arrival('w', 'w-1', 'r1');
    await apply('x', 1, 'member.Imported', ['member:m1', 'org:b1'], {
      member: 'm1',
      org: 'b1',
      status: '正式党员',
    });
    await apply('x', 2, 'member.Imported', ['member:m2', 'org:b1'], {
      member: 'm2',
      org: 'b1',
      status: '正式党员',
    });
    for (const [member, transfer] of [
      ['m1', 'r1'],
      ['m2', 'r2'],
    ] as const)
      await apply(
        'x',
        3,
        'transfer.ReleasedOut',
        [`member:${member}`, 'org:b1'],
        releaseToY(transfer, member),
      );
    const out = () =>
      db.query(
        'SELECT member, transfer, to_chain, arrived_member, arrived_height FROM transfers_out ORDER BY member',
      );
    assert.deepEqual((await out()).rows, [
      { member: 'm1', transfer: 'r1', to_chain: 'y', arrived_member: 'y-7', arrived_height: 4 },
      { member: 'm2', transfer: 'r2', to_chain: 'y', arrived_member: null, arrived_height: null },
    ]);
    // Chain y's arrival of m2 indexed after x's release: linked as well.
    await arrival('y', 'y-8', 'r2');
    assert.deepEqual((await out()).rows[1], {
      member: 'm2',
      transfer: 'r2',
      to_chain: 'y',
      arrived_member: 'y-8',
      arrived_height: 4,
    });
  } finally {
    await db.close();
  }
});

test('transfer rows: released then reclaimed, refused, withdrawn (in-process, PGlite)', async () => {
  // PGlite in memory: nothing on disk.
  const db = await openIndexDb('memory://');
  try {
    let h = 0;
    const apply = async (type: string, entities: string[], data: Record<string, Value>) => {
      h++;
      const at = { chainId: 'x', height: h, date: '2026-12-05', txIndex: 0, eventIndex: 0, txHash: 'ab' };
      for (const st of statementsOf({ module: type.split('.')[0]!, type, entities, data }, at))
        await db.query(st.sql, st.params);
    };
    await apply('member.Imported', ['member:m1', 'org:b1'], { member: 'm1', org: 'b1', status: '预备党员' });
    await apply('member.Imported', ['member:m2', 'org:b1'], { member: 'm2', org: 'b1', status: '正式党员' });
    await apply('transfer.ReleasedOut', ['member:m1', 'org:b1'], releaseToY('r1', 'm1'));
    const out = () => db.query('SELECT member, org, status, transfer, to_chain, to_org FROM transfers_out');
    assert.deepEqual((await out()).rows, [
      { member: 'm1', org: 'b1', status: '预备党员', transfer: 'r1', to_chain: 'y', to_org: 'b9' },
    ]);
    await apply('transfer.Reclaimed', ['member:m1', 'org:b1'], {
      transfer: 'r1',
      member: 'm1',
      toChain: 'y',
    });
    await apply('transfer.Requested', ['member:m2', 'org:b1', 'org:b2'], {
      transfer: 't1',
      member: 'm2',
      from: 'b1',
      to: 'b2',
      reason: '调动',
    });
    await apply('transfer.Refused', ['member:m2', 'org:b1', 'org:b2'], {
      transfer: 't1',
      member: 'm2',
      reason: '不符',
    });
    await apply('transfer.Requested', ['member:m2', 'org:b1', 'org:b2'], {
      transfer: 't2',
      member: 'm2',
      from: 'b1',
      to: 'b2',
      reason: '调动',
    });
    await apply('transfer.Withdrawn', ['member:m2', 'org:b1', 'org:b2'], { transfer: 't2', member: 'm2' });
    assert.deepEqual((await out()).rows, []);
    assert.deepEqual(
      (await db.query('SELECT transfer, member, to_chain, status, height FROM transfers ORDER BY transfer'))
        .rows,
      [
        { transfer: 'r1', member: 'm1', to_chain: 'y', status: 'reclaimed', height: 4 },
        { transfer: 't1', member: 'm2', to_chain: null, status: 'refused', height: 6 },
        { transfer: 't2', member: 'm2', to_chain: null, status: 'withdrawn', height: 8 },
      ],
    );
    // Neither a refused nor a withdrawn request moves the membership; a reclaimed one is back.
    assert.deepEqual(
      (await db.query('SELECT member, org, status, transfer_out FROM members ORDER BY member')).rows,
      [
        { member: 'm1', org: 'b1', status: '预备党员', transfer_out: null },
        { member: 'm2', org: 'b1', status: '正式党员', transfer_out: null },
      ],
    );
  } finally {
    await db.close();
  }
});

test('a PostgreSQL server gets the same rows as PGlite, in every table and view', {
  skip: PG === undefined ? 'DJCHAIN_TEST_PG is not set (.ci/run starts a server and sets it)' : false,
}, async () => {
  const pglite = join(chain.root, 'index');
  const server = PG!;
  // PGlite first brought up to the head, then the server indexed from nothing to the same head.
  const a = await index(pglite);
  assert.equal(a.code, 0, a.err);
  const head = (await client.status()).height;
  const b = await index(server);
  assert.equal(b.code, 0, b.err);
  assert.match(
    b.out,
    new RegExp(`链 cmd-test：已索引至高度 ${head}（本次自 0 起，\\d+ 条事件，0 条运行指数记录）`),
  );
  const dump = (dir: string) =>
    reading(dir, async (rows) => {
      const out: Record<string, string[]> = {};
      for (const r of RELATIONS)
        out[r] = (await rows(`SELECT * FROM ${r}`)).map((x) => JSON.stringify(x)).sort();
      return out;
    });
  const onServer = await dump(server);
  assert.deepEqual(onServer, await dump(pglite));
  // What the earlier tests wrote, by hand: seven members registered, imported or in genesis, the chain at its head.
  assert.deepEqual(
    onServer.chains!.map((x) => JSON.parse(x).height),
    [head],
  );
  assert.deepEqual(onServer.members!.map((x) => JSON.parse(x).member).sort(), [
    'm-i1',
    'm-i2',
    'm-i3',
    'm-i4',
    'm-i5',
    'm-i6',
    'm-sec',
  ]);
  assert.ok(onServer.events!.length > 0);
  // The hook events: 7 of the genesis hook, 6 of the first block, the two warnings closed.
  assert.equal(onServer.events!.filter((x) => JSON.parse(x).tx_index === -1).length, 15);
  assert.deepEqual(onServer.transfers!.map((x) => JSON.parse(x).transfer).sort(), ['rel-1', 'tr-1']);
  assert.deepEqual(onServer.warnings!.map((x) => JSON.parse(x).status).sort(), ['closed', 'closed', 'open']);

  // The dashboards' separate reader over the server (read-only session): the same rows as PGlite's.
  const viaServer = await servedRows(['serve', '--pg', server, '--port', '0']);
  const viaPglite = await servedRows(['serve', '--db', pglite, '--port', '0']);
  assert.deepEqual(viaServer, viaPglite);
  // Its session writes nothing: the server refuses a write in it.
  const ro = await openServerDb(server, { readOnly: true });
  try {
    await assert.rejects(
      ro.query(`INSERT INTO djchain_meta (key, value) VALUES ('x', 'y')`),
      /read-only transaction/,
    );
  } finally {
    await ro.close();
  }
  assert.deepEqual(
    (viaServer.chains as Answer).rows.map((c: { height: number }) => c.height),
    [head],
  );
});

test('an approved expulsion makes the member 出党 in members; another sanction changes nothing (in-process, PGlite)', async () => {
  const db = await freshIndexDb('expulsion');
  try {
    let h = 0;
    const apply = async (type: string, data: Record<string, Value>) => {
      h++;
      const at = { chainId: 'x', height: h, date: '2026-12-05', txIndex: 0, eventIndex: 0, txHash: 'ab' };
      const entities = [`member:${data.member as string}`, 'org:b1'];
      for (const st of statementsOf({ module: type.split('.')[0]!, type, entities, data }, at))
        await db.query(st.sql, st.params);
    };
    await apply('member.Imported', { member: 'm1', org: 'b1', status: '正式党员' });
    await apply('member.Imported', { member: 'm2', org: 'b1', status: '正式党员' });
    // The data as discipline/actions.ts emitDecision writes it.
    await apply('discipline.SanctionApproved', {
      sanction: 's1',
      member: 'm1',
      kind: '开除党籍',
      effectiveFrom: '2026-12-05',
      observationEnds: null,
      status: '出党',
      exitReason: '开除',
    });
    await apply('discipline.SanctionApproved', {
      sanction: 's2',
      member: 'm2',
      kind: '严重警告',
      effectiveFrom: '2026-12-05',
      observationEnds: null,
    });
    const rows = await db.query('SELECT member, status FROM members ORDER BY member');
    assert.deepEqual(rows.rows, [
      { member: 'm1', status: '出党' },
      { member: 'm2', status: '正式党员' },
    ]);
  } finally {
    await db.close();
  }
});
