/**
 * One client cannot deny the API to the others (raw sockets, real server): a request trickled
 * byte by byte is cut, extra connections from one address are closed, one address cannot take
 * every event-stream slot, and writes are rate-limited per client. A connection on which no request
 * arrives in time is answered 408 REQUEST_TIMEOUT, and the SDK sends a read again once after it. Each
 * wait is bounded by a guard far above the configured limit; nothing asserts a duration.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { DjchainClient, HttpError } from '@djchain/client';
import { getSuite, toHex } from '@djchain/crypto';
import { encodeTx, txHash } from '@djchain/ledger';
import { kvModule } from '@djchain/testkit/kv';
import { buildApi, openNode } from '../src/index.ts';
import { CHAIN, genesisFor, keyOf, kvTxWith, startNode, tempDir } from './helpers.ts';

async function serve(t: Parameters<typeof tempDir>[0], opts: Parameters<typeof buildApi>[1]) {
  const node = startNode(tempDir(t));
  const api = buildApi(node, opts);
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  t.after(async () => {
    await api.close();
    node.close();
  });
  return { api, port: Number(new URL(url).port), url };
}

/** From 127.0.0.2: a client of its own (127.0.0.1 is the web server's, a proxy for many). */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' }, () => resolve(s));
    s.once('error', reject);
    // Read whatever comes, so that the end of the stream (and 'close') is seen.
    s.resume();
  });
}

/** Resolves true when the socket closes, false when `guardMs` passes first. */
function closedWithin(s: Socket, guardMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (s.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), guardMs);
    s.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Writes one byte at a time, every `everyMs`, until the socket closes or `max` bytes went. */
function trickle(s: Socket, text: string, everyMs: number): () => void {
  let i = 0;
  const timer = setInterval(() => {
    if (s.destroyed || i >= text.length) return clearInterval(timer);
    s.write(text[i++]!);
  }, everyMs);
  return () => clearInterval(timer);
}

const LIMITS = { requestTimeoutMs: 1500, headersTimeoutMs: 1000, checkIntervalMs: 200 };

test('a body trickled a byte at a time is cut once the request time is up', async (t) => {
  const { port } = await serve(t, { limits: LIMITS });
  const s = await open(port);
  s.on('error', () => {});
  let answer = '';
  s.on('data', (d) => {
    answer += String(d);
  });
  s.write(
    'POST /v1/txs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n',
  );
  const stop = trickle(s, '{"txs":["'.padEnd(4096, 'A'), 250);
  t.after(stop);
  // 4096 bytes at 4 per second would take 17 minutes; the request time is 1.5 s.
  const closed = await closedWithin(s, 20_000);
  s.destroy();
  assert.equal(closed, true, 'the connection is still open');
  assert.match(answer, /^HTTP\/1\.1 (408|400)/);
});

test('headers trickled a byte at a time are cut once the header time is up', async (t) => {
  const { port } = await serve(t, { limits: LIMITS });
  const s = await open(port);
  s.on('error', () => {});
  const stop = trickle(s, `GET /v1/status HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(4000)}\r\n\r\n`, 250);
  t.after(stop);
  const closed = await closedWithin(s, 20_000);
  s.destroy();
  assert.equal(closed, true, 'the connection is still open');
});

/** Opens a connection, writes nothing, and returns everything the node sends until it closes it. */
async function stalled(port: number): Promise<string> {
  const s = await open(port);
  s.on('error', () => {});
  let answer = '';
  s.on('data', (d) => {
    answer += String(d);
  });
  const closed = await closedWithin(s, 20_000);
  s.destroy();
  assert.equal(closed, true, 'the silent connection is still open');
  return answer;
}

test('a connection on which nothing arrives is answered 408 REQUEST_TIMEOUT and closed', async (t) => {
  const { port } = await serve(t, { limits: LIMITS });
  const answer = await stalled(port);
  assert.match(answer, /^HTTP\/1\.1 408 Request Timeout\r\n/);
  assert.match(answer, /\r\nConnection: close\r\n/);
  const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
  assert.equal(body.error.code, 'REQUEST_TIMEOUT');
});

test("after the node's 408 on a stalled connection the SDK sends a read again once, never a write", async (t) => {
  const { port, url } = await serve(t, { limits: LIMITS });
  const suite = getSuite('intl');
  // The first request of each kind goes out on a connection that stalled until the node answered
  // 408 (the real node's answer, read from a raw socket); the next ones through fetch.
  let stalls = 1;
  const calls: string[] = [];
  const fetchOnce = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    if (stalls > 0) {
      stalls--;
      const raw = await stalled(port);
      const status = Number(raw.slice('HTTP/1.1 '.length, 'HTTP/1.1 '.length + 3));
      return new Response(raw.slice(raw.indexOf('\r\n\r\n') + 4), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }
    return fetch(input, init);
  };
  const client = new DjchainClient({
    baseUrl: url,
    suite,
    chainId: CHAIN,
    trust: { kind: 'genesis', validators: genesisFor(suite, [keyOf(suite, 0)]).validators },
    fetch: fetchOnce,
  });
  const status = await client.status();
  assert.equal(status.chainId, CHAIN);
  assert.deepEqual(calls, ['GET /v1/status', 'GET /v1/status']);

  calls.length = 0;
  stalls = 1;
  await assert.rejects(
    () => client.submit([encodeTx(kvTxWith(suite, keyOf(suite, 0)))]),
    (e) => e instanceof HttpError && e.status === 408 && e.apiCode === 'REQUEST_TIMEOUT',
  );
  assert.deepEqual(calls, ['POST /v1/txs']);
});

test('connections beyond the per-client cap are closed; the first ones still work', async (t) => {
  const { port } = await serve(t, { limits: { maxConnectionsPerClient: 3 } });
  // The local web server (127.0.0.1) is a proxy for many residents: not capped per client.
  const proxy = await Promise.all(
    [0, 1, 2, 3, 4].map(
      () =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.1' }, () => resolve(s));
          s.once('error', reject);
        }),
    ),
  );
  for (const s of proxy) {
    const answer = new Promise<string>((resolve) => s.once('data', (d) => resolve(String(d))));
    s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(await answer, /^HTTP\/1\.1 200/);
    s.destroy();
  }
  const kept = [await open(port), await open(port), await open(port)];
  const extra = await open(port);
  extra.on('error', () => {});
  const closed = await closedWithin(extra, 10_000);
  extra.destroy();
  for (const s of kept) {
    const answer = new Promise<string>((resolve) => s.once('data', (d) => resolve(String(d))));
    s.resume();
    s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(await answer, /^HTTP\/1\.1 200/);
    s.destroy();
  }
  assert.equal(closed, true, 'the fourth connection is open');
});

test('one client cannot take every event-stream slot', async (t) => {
  const { url } = await serve(t, { events: { maxClientsPerClient: 2, maxClients: 100 } });
  const ctrls: AbortController[] = [];
  t.after(() => {
    for (const c of ctrls) c.abort();
  });
  const streamStatus = async () => {
    const ctrl = new AbortController();
    ctrls.push(ctrl);
    const res = await fetch(`${url}/v1/events?types=block`, { signal: ctrl.signal });
    return { status: res.status, body: res.status === 200 ? null : await res.json() };
  };
  assert.equal((await streamStatus()).status, 200);
  assert.equal((await streamStatus()).status, 200);
  const third = await streamStatus();
  assert.equal(third.status, 429);
  assert.equal(third.body.error.code, 'EVENTS_CLIENT_LIMIT');
});

test('writes are rate-limited per client, and the budget comes back with the next window', async (t) => {
  let now = 1_000_000;
  const { api } = await serve(t, {
    operatorToken: 'operator-token-of-the-limits-test-0123456789',
    limits: { writesPerWindow: 3, writeWindowMs: 60_000, now: () => now },
  });
  const post = (remoteAddress: string) =>
    api.inject({ method: 'POST', url: '/v1/txs', payload: { txs: ['AA=='] }, remoteAddress });
  for (let i = 0; i < 3; i++) assert.equal((await post('192.0.2.1')).statusCode, 200);
  const over = await post('192.0.2.1');
  assert.equal(over.statusCode, 429);
  assert.equal(over.json().error.code, 'RATE_LIMITED');
  assert.equal((await post('192.0.2.2')).statusCode, 200, 'another client is not held back');
  const asOperator = await api.inject({
    method: 'POST',
    url: '/v1/txs',
    payload: { txs: ['AA=='] },
    remoteAddress: '192.0.2.1',
    headers: { authorization: 'Bearer operator-token-of-the-limits-test-0123456789' },
  });
  assert.equal(asOperator.statusCode, 200, "the operator's own tools are not limited");
  now += 60_000;
  assert.equal((await post('192.0.2.1')).statusCode, 200);
});

test('closing the server cuts a connection still busy with a request (it does not wait out the request time)', async (t) => {
  // Default limits: the request time is 30 s. A stopping node must not wait for it.
  const node = startNode(tempDir(t));
  t.after(() => node.close());
  const api = buildApi(node, {});
  // The server has the request's headers: from here the connection is busy, not idle.
  let received!: () => void;
  const arrived = new Promise<void>((r) => {
    received = r;
  });
  api.addHook('onRequest', async () => received());
  const port = Number(new URL(await api.listen({ host: '127.0.0.1', port: 0 })).port);
  const s = await open(port);
  s.on('error', () => {});
  // Headers complete, 10 of the 100 body bytes: a request under way, not an idle keep-alive socket.
  s.write(
    'POST /v1/txs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"txs":["A',
  );
  await arrived;
  const closing = api.close();
  // The guard (20 s) is under the 30 s request time and far over the 2 s grace.
  const closed = await closedWithin(s, 20_000);
  s.destroy();
  await closing;
  assert.equal(closed, true, 'the busy connection held the closing server open');
});

test('closing the server answers a transaction long poll in flight before it waits for connections', async (t) => {
  // Two validators of equal power and one running: nothing commits, the transaction stays pending.
  const suite = getSuite('intl');
  const node = openNode(
    {
      dataDir: tempDir(t),
      genesis: genesisFor(suite, [keyOf(suite, 0), keyOf(suite, 1)]),
      modules: [kvModule],
      driver: { emptyBlockIntervalMs: 20 },
    },
    { key: keyOf(suite, 0) },
  );
  t.after(() => node.close());
  const api = buildApi(node, {});
  let waiting!: () => void;
  const inHandler = new Promise<void>((r) => {
    waiting = r;
  });
  api.addHook('preHandler', async (req) => {
    if (req.url.includes('/wait')) waiting();
  });
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  const tx = kvTxWith(suite, keyOf(suite, 2));
  const sent = await fetch(`${url}/v1/txs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ txs: [Buffer.from(encodeTx(tx)).toString('base64')] }),
  });
  assert.equal((await sent.json()).results[0].accepted, true);
  const poll = fetch(`${url}/v1/txs/${toHex(txHash(suite, tx))}/wait?timeoutMs=30000`).then(
    async (r) => ({ status: r.status, body: await r.json() }),
    (e: Error) => ({ status: 0, body: { error: { code: e.message } } }),
  );
  await inHandler;
  // The handler runs in the microtasks after its last hook: by the next macrotask it waits.
  await new Promise((r) => setImmediate(r));
  const closing = api.close();
  // Answered (the wait ran out early), not cut: the client learns the transaction is not committed.
  const answer = await poll;
  await closing;
  assert.equal(answer.body.error?.code, 'TX_WAIT_TIMEOUT', JSON.stringify(answer));
});
