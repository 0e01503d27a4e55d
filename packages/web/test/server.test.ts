/**
 * The web server without a browser: static files from a dist folder, /app-config.json from a
 * genesis file, /v1 forwarded to a (real, loopback) upstream server, no path escapes dist; and the
 * zh-CN error table is up to date with the modules' registries.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { configFromGenesisFile, serveWeb, WebError, type WebServer } from '../src/server.ts';

let dir: string;
let web: WebServer;
const upstream = createServer((req, res) => {
  res.writeHead(req.url === '/v1/missing' ? 404 : 200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ path: req.url, method: req.method }));
});

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'djweb-server-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>党建链</title>');
  writeFileSync(join(dir, 'dist', 'assets', 'a.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not served');
  writeFileSync(
    join(dir, 'genesis.json'),
    JSON.stringify({
      chainId: 'c',
      suite: 'gm',
      time: 0,
      validators: [{ publicKey: 'ab', power: 1, name: 'v0' }],
      modules: {
        org: {
          orgs: [
            { id: 'c1', parent: null },
            { id: 'b1', parent: 'c1' },
          ],
        },
      },
    }),
  );
  await new Promise<void>((ok) => upstream.listen(0, '127.0.0.1', ok));
  const port = (upstream.address() as AddressInfo).port;
  web = await serveWeb({
    nodeUrl: `http://127.0.0.1:${port}`,
    config: configFromGenesisFile(join(dir, 'genesis.json')),
    distDir: join(dir, 'dist'),
  });
});

after(async () => {
  await web?.close();
  await new Promise((ok) => upstream.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

it('serves the app, with index.html for unknown paths (hash routes)', async () => {
  const res = await fetch(`${web.url}/`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /党建链/);
  const js = await fetch(`${web.url}/assets/a.js`);
  assert.match(js.headers.get('content-type') ?? '', /javascript/);
  assert.match(js.headers.get('cache-control') ?? '', /immutable/);
  assert.match(await (await fetch(`${web.url}/no/such/page`)).text(), /党建链/);
});

/** One request written byte for byte on a socket (fetch() would normalise the path first). */
function raw(path: string, method = 'GET'): Promise<{ status: number; head: string; body: string }> {
  const { port } = new URL(web.url);
  return new Promise((ok, fail) => {
    const sock = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    sock.setTimeout(10_000, () => sock.destroy(new Error(`no answer for ${path}`)));
    sock.on('connect', () =>
      sock.write(`${method} ${path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`),
    );
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', fail);
    sock.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      ok({ status: Number(head.split(' ')[1]), head: head.toLowerCase(), body });
    });
  });
}

it('does not serve files outside dist, whatever the encoding (raw requests)', async () => {
  for (const path of [
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/..%252fsecret.txt',
    '/..\\secret.txt',
    '/..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/%2e%2e%5c%2e%2e%5csecret.txt',
    '/..%00/secret.txt',
  ]) {
    const r = await raw(path);
    assert.doesNotMatch(r.body, /not served/, path);
    assert.ok(r.status === 200 || r.status === 400 || r.status === 404, `${path}: ${r.status}`);
  }
});

it('answers 400 to a malformed path and keeps serving (it used to exit on a URIError)', async () => {
  for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js', '/v1/%E0%A4%A']) {
    const r = await raw(path);
    assert.equal(r.status, 400, path);
  }
  assert.equal((await raw('/%E0%A4%A')).status, 400);
  const again = await fetch(`${web.url}/`);
  assert.equal(again.status, 200);
});

it('sends CSP, no-framing, nosniff and referrer headers on pages, files and errors', async () => {
  for (const path of ['/', '/assets/a.js', '/app-config.json', '/%E0%A4%A', '/v1/status']) {
    const r = await raw(path);
    assert.match(r.head, /content-security-policy: default-src 'self';[^\r]*script-src 'self';/, path);
    assert.match(r.head, /content-security-policy: [^\r]*frame-ancestors 'none'/, path);
    assert.doesNotMatch(r.head, /script-src[^;]*unsafe-inline/, path);
    assert.match(r.head, /x-frame-options: deny/, path);
    assert.match(r.head, /x-content-type-options: nosniff/, path);
    assert.match(r.head, /referrer-policy: no-referrer/, path);
  }
});

it('serves the trust config from genesis: chain, suite, validators and the top organizations', async () => {
  const cfg = await (await fetch(`${web.url}/app-config.json`)).json();
  assert.deepEqual(cfg, {
    chainId: 'c',
    suite: 'gm',
    validators: [{ publicKey: 'ab', power: 1, name: 'v0' }],
    rootOrgs: ['c1'],
    region: false,
  });
});

it('forwards /v1 and /healthz to the node, status and body included', async () => {
  const r = await fetch(`${web.url}/v1/status?x=1`);
  assert.deepEqual(await r.json(), { path: '/v1/status?x=1', method: 'GET' });
  const post = await fetch(`${web.url}/v1/txs`, { method: 'POST', body: '{}' });
  assert.equal((await post.json()).method, 'POST');
  assert.equal((await fetch(`${web.url}/v1/missing`)).status, 404);
  assert.equal((await fetch(`${web.url}/healthz`)).status, 200);
  assert.equal((await fetch(`${web.url}/metrics`)).headers.get('content-type')?.includes('html'), true);
});

it('forwards /sealed/read to the sealed-data service when configured, 503 otherwise', async () => {
  const none = await fetch(`${web.url}/sealed/read`, { method: 'POST', body: '{}' });
  assert.equal(none.status, 503);
  assert.equal((await none.json()).error.code, 'SEALED_NOT_CONFIGURED');
  const port = (upstream.address() as AddressInfo).port;
  const withSealed = await serveWeb({
    nodeUrl: `http://127.0.0.1:${port}`,
    sealedUrl: `http://127.0.0.1:${port}`,
    config: configFromGenesisFile(join(dir, 'genesis.json')),
    distDir: join(dir, 'dist'),
  });
  try {
    const r = await fetch(`${withSealed.url}/sealed/read`, { method: 'POST', body: '{}' });
    assert.deepEqual(await r.json(), { path: '/sealed/read', method: 'POST' });
    assert.equal((await fetch(`${withSealed.url}/sealed/read`)).status, 405);
  } finally {
    await withSealed.close();
  }
});

/** A server on loopback answering with `answer`; what it was asked is kept in `seen`. */
async function stub(
  answer: (req: IncomingMessage) => { status: number; body: unknown },
): Promise<{ url: string; seen: { url: string; auth: string | undefined }[]; close(): Promise<void> }> {
  const seen: { url: string; auth: string | undefined }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization });
    const { status, body } = answer(req);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

it('/region/*: 503 without an index; an index elsewhere than this machine is refused at start', async () => {
  const none = await fetch(`${web.url}/region/chains`);
  assert.equal(none.status, 503);
  assert.equal((await none.json()).error.code, 'INDEX_NOT_CONFIGURED');
  for (const indexUrl of [
    'http://10.0.0.5:26800',
    'http://example.org:26800',
    'https://127.0.0.1:26800',
    'http://user@127.0.0.1:1',
    'no url',
  ])
    await assert.rejects(
      serveWeb({
        nodeUrl: 'http://127.0.0.1:1',
        indexUrl,
        config: configFromGenesisFile(join(dir, 'genesis.json')),
        distDir: join(dir, 'dist'),
      }).then(async (started) => {
        // Started after all (the defect): closed, so the failure ends the file instead of hanging it.
        await started.close();
        return started.url;
      }),
      (e: unknown) => e instanceof WebError && e.code === 'WEB_INDEX_NOT_LOOPBACK',
      indexUrl,
    );
});

it("/region/* forwarded to the index for a reader the node lets read the top organization's index, without the session", async () => {
  // The node: the operation index of c1 readable with "Bearer committee" only.
  const node = await stub((req) =>
    req.headers.authorization === 'Bearer committee'
      ? { status: 200, body: { height: 9, result: [] } }
      : { status: 403, body: { error: { code: 'READ_FORBIDDEN', message: 'no' } } },
  );
  const index = await stub((req) => ({
    status: 200,
    body: { chains: [], rows: [req.url], truncated: false },
  }));
  const region = await serveWeb({
    nodeUrl: node.url,
    indexUrl: index.url,
    config: configFromGenesisFile(join(dir, 'genesis.json')),
    distDir: join(dir, 'dist'),
  });
  try {
    assert.equal((await (await fetch(`${region.url}/app-config.json`)).json()).region, true);
    const as = (token?: string, path = '/region/dues?from=2026-01') =>
      fetch(`${region.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    // No session: refused here; a session the node refuses: the node's refusal. The index is not asked.
    const anonymous = await as();
    assert.equal(anonymous.status, 401);
    assert.equal((await anonymous.json()).error.code, 'AUTH_REQUIRED');
    const branch = await as('branch');
    assert.equal(branch.status, 403);
    assert.equal((await branch.json()).error.code, 'READ_FORBIDDEN');
    assert.deepEqual(index.seen, []);
    // The committee: the index's answer, path and query as asked; the index never sees the session.
    const committee = await as('committee');
    assert.equal(committee.status, 200);
    assert.deepEqual(await committee.json(), {
      chains: [],
      rows: ['/region/dues?from=2026-01'],
      truncated: false,
    });
    assert.deepEqual(index.seen, [{ url: '/region/dues?from=2026-01', auth: undefined }]);
    // What the node was asked: c1's yearly index history, with the reader's own session.
    assert.deepEqual(
      node.seen.map((x) => [decodeURIComponent(x.url), x.auth]),
      [
        ['/v1/query/insight/history?params={"org":"c1","every":"year"}', 'Bearer branch'],
        ['/v1/query/insight/history?params={"org":"c1","every":"year"}', 'Bearer committee'],
      ],
    );
    // A request line naming another host (`//host/region/…`) still goes to the index, and only there.
    const elsewhere = await fetch(`${region.url}//127.0.0.1:1/region/chains?chain=x`, {
      headers: { authorization: 'Bearer committee' },
    });
    assert.equal(elsewhere.status, 200, await elsewhere.clone().text());
    assert.deepEqual((await elsewhere.json()).rows, ['/region/chains?chain=x']);
    // Only GET of one level under /region/.
    assert.equal((await fetch(`${region.url}/region/chains`, { method: 'POST', body: '{}' })).status, 405);
    assert.equal((await as('committee', '/region/a/b')).status, 404);
    assert.equal(index.seen.length, 2);
  } finally {
    await region.close();
    await node.close();
    await index.close();
  }
});

it('sends scripts gzip-compressed to a browser that accepts it, plain otherwise', async () => {
  const zipped = await fetch(`${web.url}/assets/a.js`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(zipped.headers.get('content-encoding'), 'gzip');
  assert.equal(await zipped.text(), 'console.log(1)'); // fetch inflates it
  const plain = await fetch(`${web.url}/assets/a.js`, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(await plain.text(), 'console.log(1)');
});

it('while the demo writes its history: progress for the banner and transactions refused; afterwards neither', async () => {
  const progress = join(dir, 'seeding.json');
  const seeding = await serveWeb({
    nodeUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    config: configFromGenesisFile(join(dir, 'genesis.json')),
    distDir: join(dir, 'dist'),
    progressFile: progress,
  });
  try {
    writeFileSync(progress, JSON.stringify({ done: 120, total: 5922 }));
    assert.deepEqual(await (await fetch(`${seeding.url}/demo-progress.json`)).json(), {
      seeding: true,
      done: 120,
      total: 5922,
    });
    const refused = await fetch(`${seeding.url}/v1/txs`, { method: 'POST', body: '{}' });
    assert.equal(refused.status, 503);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'DEMO_SEEDING');
    // Reads still reach the node while seeding.
    assert.deepEqual(await (await fetch(`${seeding.url}/v1/status`)).json(), {
      path: '/v1/status',
      method: 'GET',
    });
    rmSync(progress);
    assert.deepEqual(await (await fetch(`${seeding.url}/demo-progress.json`)).json(), { seeding: false });
    const forwarded = await fetch(`${seeding.url}/v1/txs`, { method: 'POST', body: '{}' });
    assert.deepEqual(await forwarded.json(), { path: '/v1/txs', method: 'POST' });
    // A server that is not the demo's never reports seeding.
    assert.deepEqual(await (await fetch(`${web.url}/demo-progress.json`)).json(), { seeding: false });
  } finally {
    await seeding.close();
  }
});

it('refuses to start without a build, and a genesis file without the trust fields', async () => {
  await assert.rejects(
    serveWeb({
      nodeUrl: 'http://127.0.0.1:1',
      config: configFromGenesisFile(join(dir, 'genesis.json')),
      distDir: dir,
    }),
    (e: unknown) => e instanceof WebError && e.code === 'WEB_NOT_BUILT',
  );
  writeFileSync(join(dir, 'bad.json'), '{"chainId": 1}');
  assert.throws(
    () => configFromGenesisFile(join(dir, 'bad.json')),
    (e: unknown) => (e as WebError).code === 'WEB_BAD_GENESIS',
  );
});

it('the zh-CN error table matches the modules’ registries', () => {
  const script = new URL('../scripts/errors-zh.ts', import.meta.url).pathname;
  const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
