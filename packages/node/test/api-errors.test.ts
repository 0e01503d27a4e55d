/** Over a real socket: malformed bodies, unknown routes, oversize payloads — each answer a registry code. */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { API_ERRORS, buildApi } from '../src/index.ts';
import { startNode, tempDir } from './helpers.ts';

const LIMIT = 4096;

async function setup(t: Parameters<typeof tempDir>[0]) {
  const node = startNode(tempDir(t));
  const api = buildApi(node, { bodyLimit: LIMIT, events: { maxClients: 1 } });
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  t.after(async () => {
    await api.close();
    node.close();
  });
  return { url };
}

/** The answer is the envelope with a registry code of `where: response`, its status, and no trace. */
function checkCoded(what: string, status: number, body: string, expected: keyof typeof API_ERRORS) {
  const json = JSON.parse(body) as { error: { code: string; message: string } };
  assert.equal(json.error.code, expected, what);
  const spec = API_ERRORS[json.error.code as keyof typeof API_ERRORS];
  assert.ok(spec, `${what}: ${json.error.code} is not in the registry`);
  assert.equal(spec.where, 'response', what);
  assert.equal(status, spec.status, what);
  assert.equal(typeof json.error.message, 'string');
  assert.doesNotMatch(
    body,
    /\bat \S+:\d+:\d+|node_modules|\/src\/|\.ts\b/,
    `${what}: leaks a trace or a path`,
  );
}

/** Sends raw bytes and returns the status and body of the answer. */
function raw(url: string, request: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => {
      text += d;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), body });
    });
    socket.end(request);
  });
}

test('malformed bodies, unknown routes and bad parameters answer with registry codes', async (t) => {
  const { url } = await setup(t);
  const post = (body: string, type = 'application/json') =>
    fetch(`${url}/v1/txs`, { method: 'POST', headers: { 'content-type': type }, body });
  const cases: Array<[string, () => Promise<Response>, keyof typeof API_ERRORS]> = [
    ['JSON cut short', () => post('{"txs": ["AA=='), 'REQUEST_INVALID'],
    ['not JSON at all', () => post('txs=1'), 'REQUEST_INVALID'],
    ['an array body', () => post('["AA=="]'), 'REQUEST_INVALID'],
    ['null body', () => post('null'), 'REQUEST_INVALID'],
    ['no txs', () => post('{}'), 'REQUEST_INVALID'],
    ['txs not a list', () => post('{"txs": "AA=="}'), 'REQUEST_INVALID'],
    ['an unknown field', () => post('{"txs": ["AA=="], "fee": 1}'), 'REQUEST_INVALID'],
    ['1001 transactions', () => post(JSON.stringify({ txs: Array(1001).fill('') })), 'REQUEST_INVALID'],
    ['text/plain body', () => post('{"txs": ["AA=="]}', 'text/plain'), 'REQUEST_INVALID'],
    ['form body', () => post('txs=AA', 'application/x-www-form-urlencoded'), 'REQUEST_INVALID'],
    ['unknown route', () => fetch(`${url}/v2/status`), 'ROUTE_NOT_FOUND'],
    ['wrong method', () => fetch(`${url}/v1/status`, { method: 'DELETE' }), 'ROUTE_NOT_FOUND'],
    ['GET on a POST route', () => fetch(`${url}/v1/txs`), 'ROUTE_NOT_FOUND'],
    ['bad percent-encoding', () => fetch(`${url}/v1/txs/%E0%A4%A`), 'REQUEST_INVALID'],
    ['an unknown query parameter', () => fetch(`${url}/v1/headers?from=1&evil=1`), 'REQUEST_INVALID'],
    ['a negative height', () => fetch(`${url}/v1/state?key=a&height=-1`), 'REQUEST_INVALID'],
    [
      'a wait too long',
      () => fetch(`${url}/v1/txs/${'0'.repeat(64)}/wait?timeoutMs=99999`),
      'REQUEST_INVALID',
    ],
    [
      'params nested too deeply',
      () => fetch(`${url}/v1/query/kv/item?params=${encodeURIComponent('['.repeat(40) + ']'.repeat(40))}`),
      'REQUEST_INVALID',
    ],
    ['an unknown event kind', () => fetch(`${url}/v1/events?types=block,gossip`), 'REQUEST_INVALID'],
    ['an entity with a slash', () => fetch(`${url}/v1/events?entity=a/b`), 'REQUEST_INVALID'],
    [
      'a malformed Last-Event-ID',
      () => fetch(`${url}/v1/events`, { headers: { 'last-event-id': 'yesterday' } }),
      'REQUEST_INVALID',
    ],
  ];
  for (const [what, send, code] of cases) {
    const res = await send();
    checkCoded(what, res.status, await res.text(), code);
  }
});

test('oversize payloads answer PAYLOAD_TOO_LARGE, announced or streamed', async (t) => {
  const { url } = await setup(t);
  const big = JSON.stringify({ txs: ['A'.repeat(LIMIT)] });
  const res = await fetch(`${url}/v1/txs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: big,
  });
  checkCoded('announced length', res.status, await res.text(), 'PAYLOAD_TOO_LARGE');
  // Chunked: the size is only known while reading.
  const chunked = await raw(
    url,
    'POST /v1/txs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n' +
      `Connection: close\r\n\r\n${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`,
  );
  checkCoded('chunked', chunked.status, chunked.body, 'PAYLOAD_TOO_LARGE');
});

test('requests the HTTP parser refuses and streams above the limit are coded too', async (t) => {
  const { url } = await setup(t);
  const garbage = await raw(url, 'HELLO WORLD\r\n\r\n');
  checkCoded('not HTTP', garbage.status, garbage.body, 'REQUEST_INVALID');
  const badLength = await raw(url, 'POST /v1/txs HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
  checkCoded('bad Content-Length', badLength.status, badLength.body, 'REQUEST_INVALID');
  // maxClients is 1 here: the second stream is refused with a code, the first goes on.
  const ctrl = new AbortController();
  const first = await fetch(`${url}/v1/events`, { signal: ctrl.signal });
  assert.equal(first.status, 200);
  const second = await fetch(`${url}/v1/events`);
  checkCoded('second stream', second.status, await second.text(), 'EVENTS_TOO_MANY_CLIENTS');
  ctrl.abort();
});
