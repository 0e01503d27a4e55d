/**
 * The demo says, in Chinese and English, that its keys and age seeds come from a public seed and are
 * for the demo only (issue 10, Low): checked on the text the demo prints once running.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe as describeDemo, type RunningDemo } from '../src/demo/index.ts';

test('the printed demo summary warns that demo keys and age seeds are public, in zh-CN and en', () => {
  const running = {
    dir: '/tmp/demo',
    apiUrl: 'http://127.0.0.1:1',
    webUrl: null,
    webNote: null,
    seededNow: true,
    validators: 4,
    apiUrls: ['http://127.0.0.1:1'],
    accountsDir: '/tmp/demo/accounts',
    marker: {
      planHash: 'x',
      seed: 20240701,
      members: 3,
      today: '2026-01-01',
      txs: 0,
      days: 0,
      height: 0,
      cases: [],
      accounts: [{ role: 'member', label: '普通党员', member: 'm-1' }],
      orgNames: { c1: '东风社区党委' },
      nodes: ['c1'],
    },
  } as unknown as RunningDemo;
  const text = describeDemo(running);
  assert.match(text, /注意：演示账户的密钥与年龄证明种子均由公开的种子（--seed 20240701）推导/);
  assert.match(text, /仅供演示/);
  assert.match(text, /Note: demo keys and age seeds are derived from a public seed \(--seed 20240701\)/);
  assert.match(text, /for the demo only/);
  // The summary itself follows --lang; the notice stays in both languages.
  assert.match(text, /党建链演示环境已就绪/);
  const en = describeDemo(running, 'en');
  assert.match(en, /The Dangjian Chain demo is ready/);
  assert.match(en, /Consensus: 4 validator processes/);
  assert.match(en, /first start: the demo community was seeded/);
  assert.doesNotMatch(en, /党建链演示环境已就绪/);
  assert.match(en, /仅供演示/);
  assert.match(en, /for the demo only/);
});
