/**
 * `djchain demo --hierarchy` (issue 19): three real node processes — a street chain and two
 * community chains — where the street anchors both communities, one community's member moves to the
 * other by a proved cross-chain transfer, and the indexer follows all three into PGlite. Checked
 * from outside with the SDK, each chain trusted from its own genesis file: the admission, the
 * anchors against the communities' own verified headers, the index rows; a second start reuses the
 * chains without doing the setup again. Waits are bounded; nothing depends on timing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DjchainClient, openKeystore } from '@djchain/client';
import { decode, getSuite, toHex } from '@djchain/crypto';
import { headerHash } from '@djchain/ledger';
import { type Spawned, startDjchain } from '@djchain/testkit/process';
import { nodeScrypt } from '../src/commands/scrypt.ts';
import { loadDir } from '../src/files.ts';
import { openIndexDb } from '../src/indexer/db.ts';

const suite = getSuite('intl');
const tmp = mkdtempSync(join(tmpdir(), 'djchain-hier-'));
const running = new Set<Spawned>();
after(async () => {
  for (const s of running) await s.stop(5_000, 'SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

const READY = /层级演示已就绪/;

async function start(): Promise<Spawned> {
  const s = await startDjchain(['demo', '--hierarchy', '--dir', tmp], {
    what: 'demo --hierarchy',
    pattern: /东风街道党工委（demo-street）：(http:\/\/127\.0\.0\.1:\d+)/,
    ready: (out) => READY.test(out),
    timeoutMs: 300_000, // a bound against a hang on a loaded machine, not a timing check
  });
  running.add(s);
  return s;
}

function clientOf(out: string, name: string, dir: string): DjchainClient {
  const url = new RegExp(`${name}（[a-z-]+）：(http://127\\.0\\.0\\.1:\\d+)`).exec(out)?.[1];
  assert.ok(url, `${name} URL in ${out}`);
  const { genesis } = loadDir(join(tmp, dir));
  return new DjchainClient({
    baseUrl: url,
    suite,
    chainId: genesis.chainId,
    trust: { kind: 'genesis', validators: genesis.validators },
    token: readFileSync(join(tmp, dir, 'api-token'), 'utf8').trim(),
  });
}

test('demo --hierarchy: anchoring up to the street, a proved transfer between communities, the indexer; a restart reuses it', async () => {
  const first = await start();
  const out = first.out();
  for (const line of [
    /东风街道党工委 已登记 东风社区党委 的链/,
    /东风街道党工委 已登记 朝阳社区党委 的链/,
    /朝阳社区党委 已登记 东风街道党工委 的链/,
    /已将 东风街道党工委 的区块头（高度 \d+）锚定到 朝阳社区党委/,
    /组织关系转接：东风社区党委 的 df-003 转出，朝阳社区党委 以 cy-101 接收/,
    /已将 东风社区党委 的区块头（高度 \d+）锚定到 东风街道党工委/,
    /已将 朝阳社区党委 的区块头（高度 \d+）锚定到 东风街道党工委/,
  ])
    assert.match(out, line);
  const street = clientOf(out, '东风街道党工委', 'street');
  const east = clientOf(out, '东风社区党委', 'dongfeng');
  const west = clientOf(out, '朝阳社区党委', 'chaoyang');

  // 朝阳 keeps only the street's light client: 东风's header was proved through the street's anchor.
  const held = (await west.query('anchor', 'children', {})).result as { chain: string }[];
  assert.deepEqual(
    held.map((c) => c.chain),
    ['demo-street'],
  );
  // 朝阳 admitted the member, the new history starting from a link to the old one.
  const member = (await west.query('member', 'member', { id: 'cy-101' })).result as { status: string };
  assert.equal(member.status, '正式党员');
  const { verdict } = await west.getDossier('member:cy-101');
  const inbound = verdict.dossier.events.find((e) => e.type === 'member.TransferredIn');
  assert.ok(inbound, 'member.TransferredIn in the dossier');
  const data = inbound.data as {
    fromChain: string;
    fromMember: string;
    fromHeight: number;
    fromHead: string;
  };
  assert.deepEqual([data.fromChain, data.fromMember], ['demo-dongfeng', 'df-003']);
  // … at a header of 东风 the street anchored: its record there names the same height.
  const anchoredOnStreet = await street.getState(
    `anchor/a/demo-dongfeng/${String(data.fromHeight).padStart(12, '0')}`,
  );
  assert.ok(anchoredOnStreet.value, `the street's anchor of 东风 at ${data.fromHeight}`);
  // … linked to df-003's history head on 东风 at the anchored height, read there with its proof.
  const old = await east.getState('hist/member:df-003', data.fromHeight);
  assert.equal(data.fromHead, toHex((decode(old.value!) as { head: Uint8Array }).head));
  // 东风's release record is proved, and names 朝阳.
  const release = await east.getState('transfer/t/df-t-001');
  const r = decode(release.value!) as { status: string; toChain: string };
  assert.deepEqual([r.status, r.toChain], ['released', 'demo-chaoyang']);

  // The street holds an anchor of each community, equal to the header that community's own light
  // client verifies at that height.
  for (const [client, chain] of [
    [east, 'demo-dongfeng'],
    [west, 'demo-chaoyang'],
  ] as const) {
    const latest = (await street.query('anchor', 'latest', { chain })).result as {
      height: number;
      hash: string;
    };
    const header = await client.verifiedHeader(latest.height);
    assert.equal(latest.hash, toHex(headerHash(suite, header)), chain);
  }

  // The indexer's first round, per chain (it opens its database after the demo says it is ready).
  const indexed = (chain: string) => new RegExp(`链 ${chain}：已索引至高度 \\d+（本次自 0 起`);
  const chains = ['demo-street', 'demo-dongfeng', 'demo-chaoyang'];
  for (let i = 0; i < 600 && !chains.every((c) => indexed(c).test(first.out())); i++)
    await new Promise((res) => setTimeout(res, 500));
  for (const chain of chains) assert.match(first.out(), indexed(chain));
  await dashboard(first.out(), { 'demo-chaoyang': west, 'demo-dongfeng': east, 'demo-street': street });
  first.child.kill('SIGINT');
  assert.equal(await first.exited, 0);
  running.delete(first);
  const db = await openIndexDb(join(tmp, 'index'));
  try {
    const rows = await db.query(
      `SELECT chain_id, member, org, status FROM members WHERE member IN ('df-003', 'cy-101') ORDER BY chain_id`,
    );
    assert.deepEqual(rows.rows, [
      { chain_id: 'demo-chaoyang', member: 'cy-101', org: 'b1', status: '正式党员' },
      { chain_id: 'demo-dongfeng', member: 'df-003', org: 'b1', status: '正式党员' },
    ]);
    const rowsOfChains = await db.query<{ chain_id: string }>(
      'SELECT chain_id FROM chains ORDER BY chain_id',
    );
    assert.deepEqual(
      rowsOfChains.rows.map((x) => x.chain_id),
      ['demo-chaoyang', 'demo-dongfeng', 'demo-street'],
    );
  } finally {
    await db.close();
  }

  // A second start: the same chains, no registration or transfer again.
  const second = await start();
  assert.doesNotMatch(second.out(), /已登记|组织关系转接/);
  const again = clientOf(second.out(), '朝阳社区党委', 'chaoyang');
  assert.equal(
    ((await again.query('member', 'member', { id: 'cy-101' })).result as { status: string }).status,
    '正式党员',
  );
  second.child.kill('SIGINT');
  assert.equal(await second.exited, 0);
  running.delete(second);
});

/**
 * The dashboards the demo serves: the index's API answers the three chains by chain id with their
 * community names, each proved to a height whose header hash is the chain's own verified header, and
 * the members written in the genesis files (by hand: 书记, 组织委员 and the branch's members; cy-101
 * admitted); the street's web app forwards /region/* only to a session the street's node lets read
 * its top organization's operation index — the street 书记's keystore the demo wrote.
 */
async function dashboard(out: string, clients: Record<string, DjchainClient>): Promise<void> {
  const api = /索引库的只读接口（辖区看板的数据，仅本机）：(http:\/\/127\.0\.0\.1:\d+)\/region\/chains/.exec(
    out,
  )?.[1];
  assert.ok(api, out);
  const chains = (await (await fetch(`${api}/region/chains`)).json()) as {
    rows: { chainId: string; name: string; height: number; headerHash: string }[];
  };
  assert.deepEqual(
    chains.rows.map((c) => [c.chainId, c.name]),
    [
      ['demo-chaoyang', '朝阳社区党委'],
      ['demo-dongfeng', '东风社区党委'],
      ['demo-street', '东风街道党工委'],
    ],
  );
  for (const c of chains.rows)
    assert.equal(
      c.headerHash,
      toHex(headerHash(suite, await clients[c.chainId]!.verifiedHeader(c.height))),
      c.chainId,
    );
  const members = (await (await fetch(`${api}/region/members`)).json()) as { rows: unknown[] };
  const full = (chainId: string, n: number) => ({
    chainId,
    org: 'b1',
    orgName: '第一党支部',
    status: '正式党员',
    members: n,
  });
  assert.deepEqual(members.rows, [
    full('demo-chaoyang', 5),
    full('demo-dongfeng', 5),
    full('demo-street', 2),
  ]);

  const web = /辖区看板（街道党工委）：(http:\/\/127\.0\.0\.1:\d+)\/#\/region/.exec(out)?.[1];
  assert.ok(web, `the street's web app (is packages/web built?) in ${out}`);
  const anonymous = await fetch(`${web}/region/chains`);
  assert.equal(anonymous.status, 401);
  const account = /以 (\S+street-secretary\.json) 登录，口令 djchain-demo/.exec(out)?.[1];
  assert.ok(account, out);
  const key = await openKeystore(readFileSync(account, 'utf8'), 'djchain-demo', suite, {
    scrypt: nodeScrypt,
  });
  const { token } = await clients['demo-street']!.signIn(key);
  const asSecretary = await fetch(`${web}/region/chains`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(asSecretary.status, 200);
  // The same chains (their heights may have moved on since: the indexer follows).
  const forwarded = (await asSecretary.json()) as typeof chains;
  assert.deepEqual(
    forwarded.rows.map((c) => [c.chainId, c.name]),
    chains.rows.map((c) => [c.chainId, c.name]),
  );
}
