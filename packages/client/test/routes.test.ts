/**
 * The route table's two pure helpers the SDK relies on: URL building and the check of answers
 * against a route's schema — and that every schema in the table uses only keywords the check
 * knows (so no answer passes unchecked). Server agreement is node/test/api-routes.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROUTES, routeUrl, schemaProblem } from '../src/index.ts';
import { CHECKED_KEYWORDS } from '../src/routes/index.ts';

describe('routeUrl', () => {
  it('fills path parameters percent-encoded and leaves undefined query entries out', () => {
    assert.equal(routeUrl(ROUTES.status, undefined), '/v1/status');
    assert.equal(routeUrl(ROUTES.dossier, { entity: 'member:m 1/x' }), '/v1/dossier/member%3Am%201%2Fx');
    assert.equal(
      routeUrl(ROUTES.query, { module: 'org', name: 'org' }, { params: '{"id":"c1"}', height: undefined }),
      '/v1/query/org/org?params=%7B%22id%22%3A%22c1%22%7D',
    );
    assert.equal(routeUrl(ROUTES.txWait, { hash: 'ab' }, { timeoutMs: 5 }), '/v1/txs/ab/wait?timeoutMs=5');
  });
});

describe('schemaProblem', () => {
  it('names the first way an answer breaks the schema', () => {
    const s = ROUTES.status.response;
    const good = {
      chainId: 'c',
      suite: 'gm',
      height: 3,
      time: 1,
      headerHash: null,
      stateRoot: 'ab'.repeat(32),
      validators: [{ publicKey: '00', power: 1 }],
      nodeId: 'x',
    };
    assert.equal(schemaProblem(s, good), null);
    assert.equal(schemaProblem(s, [good]), 'answer: expected object');
    assert.equal(schemaProblem(s, { ...good, suite: 'rsa' }), 'answer.suite: expected one of intl, gm');
    assert.equal(schemaProblem(s, { ...good, height: -1 }), 'answer.height: below 0');
    assert.equal(schemaProblem(s, { ...good, height: 1.5 }), 'answer.height: expected integer');
    assert.equal(
      schemaProblem(s, { ...good, stateRoot: 'AB'.repeat(32) }),
      'answer.stateRoot: does not match ^[0-9a-f]{64}$',
    );
    assert.equal(schemaProblem(s, { ...good, headerHash: 7 }), 'answer.headerHash: expected string or null');
    const { nodeId: _gone, ...missing } = good;
    assert.equal(schemaProblem(s, missing), 'answer.nodeId: missing');
    assert.equal(
      schemaProblem(s, { ...good, validators: [{ publicKey: '00', power: '1' }] }),
      'answer.validators[0].power: expected integer',
    );
    const h = ROUTES.healthz.response;
    assert.equal(schemaProblem(h, { ok: false, height: 1 }), 'answer.ok: expected true');
    const headers = ROUTES.headers.response;
    assert.equal(
      schemaProblem(headers, { headers: new Array(1001).fill('') }),
      'answer.headers: too many items',
    );
    assert.equal(
      schemaProblem({ type: 'object', additionalProperties: false }, { x: 1 }),
      'answer.x: not expected',
    );
    assert.equal(schemaProblem({ type: 'string', maxLength: 2 }, '党建链'), 'answer: too long');
    assert.equal(
      schemaProblem({ oneOf: [{ type: 'string' }, { type: 'integer' }] }, null),
      'answer: matches 0 of the oneOf schemas, not 1',
    );
    assert.equal(schemaProblem({ format: 'date' }, 'x'), 'answer: schema keyword format is not checked');
  });

  it('every schema of the table uses only keywords the check knows', () => {
    const known = new Set([...CHECKED_KEYWORDS, 'description', 'title', 'default']);
    const unknown: string[] = [];
    const walk = (schema: unknown, where: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const s = schema as Record<string, unknown>;
      for (const k of Object.keys(s)) if (!known.has(k)) unknown.push(`${where}: ${k}`);
      for (const [name, sub] of Object.entries((s.properties ?? {}) as object)) walk(sub, `${where}.${name}`);
      if (typeof s.items === 'object') walk(s.items, `${where}[]`);
      if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${where}.*`);
      for (const [i, sub] of ((s.oneOf ?? []) as unknown[]).entries()) walk(sub, `${where}|${i}`);
    };
    for (const [id, r] of Object.entries(ROUTES))
      for (const part of ['params', 'query', 'headers', 'body', 'response'] as const)
        walk((r as Record<string, unknown>)[part], `${id}.${part}`);
    assert.deepEqual(unknown, []);
  });
});
