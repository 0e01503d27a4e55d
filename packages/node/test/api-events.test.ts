/** GET /v1/events over a real socket: blocks, entity filter, warnings, resume, slow clients, the SDK. */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { type ChainEvent, DjchainClient } from '@djchain/client';
import { getSuite, toHex } from '@djchain/crypto';
import { encodeTx, headerHash, txHash } from '@djchain/ledger';
import type { ModuleDef } from '@djchain/runtime';
import { kvModule } from '@djchain/testkit/kv';
import { type ApiOptions, buildApi, type DjNode, openNode } from '../src/index.ts';
import { CHAIN, genesisFor, keyOf, Signer, tempDir, waitForHeight } from './helpers.ts';

/** Block-start hooks: a deadline warning about member:m1 every 4th block, optional bulky events. */
const hooksModule: ModuleDef = {
  name: 'hooks',
  actions: {},
  queries: {},
  genesis: (ctx, config) => ctx.store.set('cfg', config),
  beginBlock: (ctx) => {
    const cfg = ctx.store.get('cfg') as { noiseBytes: number };
    if (ctx.height % 4 === 0)
      ctx.emit({ type: 'hooks.DeadlineWarning', entities: ['member:m1'], data: { kind: 'talk' } });
    if (cfg.noiseBytes > 0)
      ctx.emit({ type: 'hooks.Noise', entities: ['org:noise'], data: { pad: 'x'.repeat(cfg.noiseBytes) } });
  },
};

type Msg = { id: string; kind: string; data: Record<string, unknown> };

const OPERATOR = 'operator-token-of-the-events-tests-0123456789';
const AS_OPERATOR = { authorization: `Bearer ${OPERATOR}` };

async function setup(t: Parameters<typeof tempDir>[0], noiseBytes = 0, api: Partial<ApiOptions> = {}) {
  const suite = getSuite('intl');
  const key = keyOf(suite, 0);
  const genesis = { ...genesisFor(suite, [key]), modules: { kv: { label: 'test' }, hooks: { noiseBytes } } };
  const node: DjNode = openNode(
    { dataDir: tempDir(t), genesis, modules: [kvModule, hooksModule], driver: { emptyBlockIntervalMs: 20 } },
    { key },
  );
  // These tests read as the node's operator (every event); who sees what is api-access.test.ts.
  const server = buildApi(node, { operatorToken: OPERATOR, ...api });
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  t.after(async () => {
    await server.close();
    node.close();
  });
  return { node, server, url, genesis, signer: new Signer(suite) };
}

const openStreams: AbortController[] = [];

/** Reads an event stream with fetch, parsing messages independently of the SDK. */
async function stream(url: string, headers: Record<string, string> = {}) {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers: { ...AS_OPERATOR, ...headers }, signal: ctrl.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const msgs: Msg[] = [];
  const state = { closed: false };
  void (async () => {
    const dec = new TextDecoder();
    let buf = '';
    try {
      const reader = res.body!.getReader();
      // Ends when the server closes the stream or the test aborts it.
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const lines = buf.slice(0, i).split('\n');
          buf = buf.slice(i + 2);
          const field = (f: string) => lines.find((l) => l.startsWith(`${f}: `))?.slice(f.length + 2);
          const data = field('data');
          if (data !== undefined)
            msgs.push({ id: field('id')!, kind: field('event')!, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted by the test
    }
    state.closed = true;
  })();
  openStreams.push(ctrl);
  return { msgs, state, close: () => ctrl.abort() };
}

/** Bounded wait: up to `tries` checks 25 ms apart (never asserts on time, only on the outcome). */
async function until(what: string, pred: () => boolean | Promise<boolean>, tries = 800): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`not reached: ${what}`);
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

test.after(() => {
  for (const c of openStreams) c.abort();
});

test('blocks on every commit, entity events and warnings by filter, resume by Last-Event-ID', async (t) => {
  const { node, url, signer } = await setup(t);
  const all = await stream(`${url}/v1/events`);
  const m1 = await stream(`${url}/v1/events?entity=member:m1&types=event,warning`);
  const m2 = await stream(`${url}/v1/events?entity=member:m2`);
  const alice = keyOf(node.suite, 1);
  const tx1 = signer.tx(alice, 'put', { id: 'm1', value: '入党申请' });
  const tx2 = signer.tx(alice, 'put', { id: 'm2', value: '转正' });
  const sent = await fetch(`${url}/v1/txs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ txs: [b64(encodeTx(tx1)), b64(encodeTx(tx2))] }),
  });
  assert.equal(sent.status, 200);
  const h2 = toHex(txHash(node.suite, tx2));
  const committed = await (
    await fetch(`${url}/v1/txs/${h2}/wait?timeoutMs=30000`, { headers: AS_OPERATOR })
  ).json();
  const height = committed.height as number;
  await waitForHeight(node, height + 8);
  await until('a warning about member:m1', () => m1.msgs.some((m) => m.kind === 'warning'));
  await until('the block after the commit', () =>
    all.msgs.some((m) => m.kind === 'block' && m.data.height === height + 8),
  );

  const blocks = all.msgs.filter((m) => m.kind === 'block');
  blocks.forEach((b, i) => {
    assert.equal(b.id, `${b.data.height}-0`);
    if (i > 0) assert.equal(b.data.height, (blocks[i - 1]!.data.height as number) + 1, 'no block missed');
  });
  const atCommit = blocks.find((b) => b.data.height === height)!;
  assert.equal(atCommit.data.txCount, 2);
  assert.equal(atCommit.data.hash, toHex(headerHash(node.suite, node.app.header(height)!)));
  assert.equal(atCommit.data.time, node.app.header(height)!.time);

  const puts = all.msgs.filter((m) => m.kind === 'event' && m.data.type === 'Put');
  assert.deepEqual(
    puts.map((m) => [m.data.entities, m.data.txHash, m.data.height]),
    [
      [['member:m1'], toHex(txHash(node.suite, tx1)), height],
      [['member:m2'], h2, height],
    ],
  );
  assert.deepEqual(puts[0]!.data.data, { value: '入党申请' });

  // member:m1's stream: its Put and its warnings, nothing else, no blocks.
  assert.ok(m1.msgs.length >= 2);
  for (const m of m1.msgs) assert.ok((m.data.entities as string[]).includes('member:m1'), m.id);
  assert.deepEqual(
    m1.msgs.filter((m) => m.kind === 'event').map((m) => m.data.type),
    ['Put'],
  );
  const warning = m1.msgs.find((m) => m.kind === 'warning')!;
  assert.equal(warning.data.type, 'hooks.DeadlineWarning');
  assert.equal(warning.data.txIndex, -1);
  assert.equal((warning.data.height as number) % 4, 0);
  assert.equal(warning.data.txHash, undefined);
  // member:m2's stream: blocks (not filtered out by types) and its one Put.
  assert.deepEqual(
    m2.msgs.filter((m) => m.kind !== 'block').map((m) => [m.kind, m.data.entities]),
    [['event', ['member:m2']]],
  );
  assert.ok(m2.msgs.some((m) => m.kind === 'block'));

  // Resume after the block message of the commit: the kept messages after it, in order.
  const resumed = await stream(`${url}/v1/events?types=block,event`, { 'last-event-id': `${height}-0` });
  await until('the replay', () => resumed.msgs.length >= 4);
  const after = (id: string) => {
    const [h, s] = id.split('-').map(Number) as [number, number];
    return h > height || (h === height && s > 0);
  };
  assert.deepEqual(
    resumed.msgs.slice(0, 4).map((m) => m.id),
    all.msgs
      .filter((m) => m.kind !== 'warning' && after(m.id))
      .slice(0, 4)
      .map((m) => m.id),
  );
  assert.equal(resumed.msgs[0]!.id, `${height}-${height % 4 === 0 ? 2 : 1}`, 'the first Put of the block');
  // An id from before the node's stream began: a gap message first.
  const old = await stream(`${url}/v1/events?types=block`, { 'last-event-id': '0-0' });
  await until('the gap', () => old.msgs.length >= 1);
  assert.equal(old.msgs[0]!.kind, 'gap');
  assert.equal(old.msgs[0]!.data.lastEventId, '0-0');
  for (const s of [all, m1, m2, resumed, old]) s.close();
});

test('a client that does not read is dropped; commits and the other clients go on', async (t) => {
  // 128 KiB of events per block fill the kernel's socket buffers within a few dozen blocks.
  const { node, url } = await setup(t, 128 * 1024, {
    events: { clientBufferBytes: 256 * 1024, replayBytes: 1024 * 1024 },
  });
  const fast = await stream(`${url}/v1/events?types=block`);
  const { port } = new URL(url);
  const slow = connect(Number(port), '127.0.0.1');
  const slowClosed = new Promise<void>((resolve) => slow.on('close', () => resolve()));
  slow.on('error', () => {});
  await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
  slow.write(
    `GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: Bearer ${OPERATOR}\r\n\r\n`,
  );
  slow.pause();
  const start = node.app.height();
  const metric = async (name: string) => {
    const text = await (await fetch(`${url}/metrics`)).text();
    return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1]);
  };
  await until('2 streams open', () => fast.msgs.length > 0);
  assert.equal(await metric('djchain_event_streams'), 2);
  await until(
    'the slow client dropped',
    async () => (await metric('djchain_event_streams_dropped_total')) === 1,
    2400,
  );
  const atDrop = node.app.height();
  assert.ok(atDrop > start, 'blocks were committed while the slow client sat unread');
  await waitForHeight(node, atDrop + 5);
  await until('the fast client at the drop height + 5', () =>
    fast.msgs.some((m) => m.data.height === atDrop + 5),
  );
  const heights = fast.msgs.map((m) => m.data.height as number);
  heights.forEach((h, i) => {
    if (i > 0) assert.equal(h, heights[i - 1]! + 1, 'the fast client missed nothing');
  });
  assert.equal(fast.state.closed, false);
  assert.equal(await metric('djchain_event_streams'), 1);
  slow.resume();
  await slowClosed;
  fast.close();
});

test('SDK: client.subscribe delivers blocks, an entity filter and unsubscribes', async (t) => {
  const { node, url, genesis } = await setup(t);
  const client = new DjchainClient({
    baseUrl: url,
    suite: node.suite,
    chainId: CHAIN,
    trust: { kind: 'genesis', validators: genesis.validators },
    token: OPERATOR,
  });
  const mine: ChainEvent[] = [];
  const blocks: ChainEvent[] = [];
  const errors: unknown[] = [];
  const stopMine = client.subscribe({ entity: 'member:m3', types: ['event', 'warning'] }, (e) =>
    mine.push(e),
  );
  const stopBlocks = client.subscribe({ types: ['block'], onError: (e) => errors.push(e) }, (e) =>
    blocks.push(e),
  );
  await until('the SDK streams open', () => blocks.length > 0);
  const receipt = await client.send(
    { module: 'kv', action: 'put', params: { id: 'm3', value: '党费' } },
    keyOf(node.suite, 2),
  );
  await until('the SDK event', () => mine.length >= 1);
  await until('the block of the receipt', () =>
    blocks.some((e) => e.kind === 'block' && e.data.height === receipt.height),
  );
  stopMine();
  stopBlocks();
  assert.equal(mine.length, 1);
  const e = mine[0]!;
  assert.equal(e.kind, 'event');
  if (e.kind === 'event') {
    assert.equal(e.data.txHash, receipt.hash);
    assert.equal(e.data.height, receipt.height);
    assert.deepEqual(e.data.entities, ['member:m3']);
  }
  assert.ok(blocks.every((b) => b.kind === 'block'));
  assert.deepEqual(errors, []);
  // Resume from an id through the SDK: the kept messages after it come first.
  const replay: ChainEvent[] = [];
  const stopReplay = client.subscribe(
    { entity: 'member:m3', types: ['event'], lastEventId: `${receipt.height - 1}-0` },
    (ev) => replay.push(ev),
  );
  await until('the replayed event', () => replay.length >= 1);
  stopReplay();
  assert.equal(replay[0]!.id, e.id);
  const open = async () =>
    /^djchain_event_streams (\d+)/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1];
  await until('the server sees the SDK streams closed', async () => (await open()) === '0', 400);
});
