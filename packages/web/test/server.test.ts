/**
 * The web server without a browser: static files from a dist folder, /app-config.json from a
 * genesis file, /v1 forwarded to a (real, loopback) upstream server, no path escapes dist; and the
 * zh-CN error table is up to date with the modules' registries.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
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
