/** The OpenAPI document against the registered routes, the error registry and API.md; the /docs page. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { apiRoutes } from '../src/api/server.ts';
import { API_ERRORS, buildApi } from '../src/index.ts';
import { startNode, tempDir } from './helpers.ts';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, { content: Record<string, { examples: object }> }> };
  'x-error-registry': Array<{ code: string; status: number; where: string; message: string }>;
};
type Operation = {
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }>;
};

async function setup(t: Parameters<typeof tempDir>[0]) {
  const node = startNode(tempDir(t));
  const api = buildApi(node);
  t.after(async () => {
    await api.close();
    node.close();
  });
  const res = await api.inject({ url: '/openapi.json' });
  assert.equal(res.statusCode, 200);
  return { api, doc: res.json() as Doc };
}

/** "METHOD /path" of the document, with OpenAPI `{param}` written back as `:param`. */
const docRoutes = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );

test('every registered route is in the document, with its path parameters and a 200 answer', async (t) => {
  const { api, doc } = await setup(t);
  assert.equal(doc.openapi, '3.1.0');
  const registered = apiRoutes(api).map((r) => `${r.method} ${r.url}`);
  assert.ok(registered.length >= 14, `only ${registered.length} routes`);
  assert.deepEqual(docRoutes(doc).sort(), [...new Set(registered)].sort());
  for (const [path, ops] of Object.entries(doc.paths)) {
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries(ops)) {
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      assert.deepEqual(declared.sort(), inPath.sort(), `${method} ${path} path parameters`);
      assert.ok(op.responses['200'], `${method} ${path} has no 200`);
      for (const [status, r] of Object.entries(op.responses)) {
        if (status === '200') continue;
        const codes = Object.keys(r.content?.['application/json']?.examples ?? {});
        assert.ok(codes.length > 0, `${method} ${path} ${status} names no code`);
        for (const c of codes) assert.equal(API_ERRORS[c as keyof typeof API_ERRORS].status, Number(status));
      }
    }
  }
});

test('every registry code is in the document; every response code is answered by some route', async (t) => {
  const { doc } = await setup(t);
  const registry = Object.entries(API_ERRORS).map(([code, s]) => ({ code, ...s }));
  assert.deepEqual(doc['x-error-registry'], registry);
  const answered = new Set<string>(
    Object.keys(doc.components.responses.ROUTE_NOT_FOUND!.content['application/json']!.examples),
  );
  for (const ops of Object.values(doc.paths))
    for (const op of Object.values(ops))
      for (const r of Object.values(op.responses))
        for (const c of Object.keys(r.content?.['application/json']?.examples ?? {})) answered.add(c);
  const responseCodes = registry.filter((e) => e.where === 'response').map((e) => e.code);
  assert.deepEqual(
    responseCodes.filter((c) => !answered.has(c)),
    [],
    'response codes no route documents',
  );
});

test('API.md and the document list the same routes', async (t) => {
  const { doc } = await setup(t);
  const md = readFileSync(new URL('../API.md', import.meta.url), 'utf8');
  const documented = [...md.matchAll(/^\|\s*`(GET|POST|PUT|DELETE) ([^`?\s]+)[^`]*`\s*\|/gm)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
  assert.deepEqual([...documented].sort(), docRoutes(doc).sort());
});

test('GET /docs is a self-contained page naming every route and code', async (t) => {
  const { api, doc } = await setup(t);
  const res = await api.inject({ url: '/docs' });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /^text\/html/);
  assert.doesNotMatch(res.body, /<script|https?:\/\/(?!127)/, 'no scripts, nothing fetched from elsewhere');
  for (const path of Object.keys(doc.paths)) assert.ok(res.body.includes(path), path);
  for (const code of Object.keys(API_ERRORS)) assert.ok(res.body.includes(code), code);
});
