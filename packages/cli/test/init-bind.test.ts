/**
 * `djchain init --orgs` with the documented `"bindHost": "0.0.0.0"` (p2p between machines) keeps
 * every node's API on 127.0.0.1; only a separate `apiHost` (file-wide or per organization) moves it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { djchain } from '@djchain/testkit/process';

const orgs = (extra: Record<string, unknown>, branch: Record<string, unknown> = {}) => ({
  chainId: 'bind-test',
  bindHost: '0.0.0.0',
  organizations: [
    { id: 'committee', name: '某社区党委', kind: 'committee', p2pPort: 27656, apiPort: 27657 },
    { id: 'branch-1', name: '第一党支部', kind: 'branch', p2pPort: 27666, apiPort: 27667, ...branch },
  ],
  ...extra,
});

function init(file: object): {
  out: string;
  stdout: string;
  config: (id: string) => { api: { host: string }; p2p: { listen: { host: string } } };
  done: () => void;
} {
  const root = mkdtempSync(join(tmpdir(), 'dj-bind-'));
  const orgsFile = join(root, 'orgs.json');
  writeFileSync(orgsFile, JSON.stringify(file));
  const r = djchain(['init', '--orgs', orgsFile, '--out', join(root, 'c'), '--lang', 'en']);
  assert.equal(r.status, 0, r.stderr);
  return {
    out: join(root, 'c'),
    stdout: r.stdout,
    config: (id) => JSON.parse(readFileSync(join(root, 'c', id, 'config.json'), 'utf8')),
    done: () => rmSync(root, { recursive: true, force: true }),
  };
}

test('bindHost 0.0.0.0 opens p2p only: the API stays on 127.0.0.1 and the CLI says so', () => {
  const r = init(orgs({}));
  try {
    for (const id of ['committee', 'branch-1']) {
      const c = r.config(id);
      assert.equal(c.p2p.listen.host, '0.0.0.0');
      assert.equal(c.api.host, '127.0.0.1');
    }
    assert.match(r.stdout, /API 127\.0\.0\.1:27657/);
    assert.match(r.stdout, /API 127\.0\.0\.1:27667/);
    assert.match(r.stdout, /bindHost applies to p2p only/);
  } finally {
    r.done();
  }
});

test('apiHost (file-wide, then per organization) is the only way to move the API', () => {
  const r = init(orgs({ apiHost: '10.0.0.5' }, { apiHost: '10.0.0.6' }));
  try {
    assert.equal(r.config('committee').api.host, '10.0.0.5');
    assert.equal(r.config('branch-1').api.host, '10.0.0.6');
    assert.equal(r.config('branch-1').p2p.listen.host, '0.0.0.0');
  } finally {
    r.done();
  }
});
