/**
 * Attachments round-trip through real nodes (issue 15): four `djchain start` processes made by
 * `djchain init --orgs` run a community (党委 org0; branches org1, org2, org3), each node run by its
 * organization. The 书记 of org1 puts the minutes with `djchain attach put` at org1's node (scope
 * `org`: org1's members and the posts above) while the 党委's node is down; restarted, that node
 * hears of them when it reconnects and fetches them from org1's node over p2p (verified by hash);
 * a member of org1 gets them with `djchain attach get` at the 党委's node;
 * the node of org2 (not entitled) never holds them and does not fetch them; a member of org2 is
 * refused at org1's node with READ_FORBIDDEN in Chinese. Privacy: the content is in no chain.db and
 * in no node's log. Waits are bounded polls, not timings.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { initConsortium, newKeystore, orgsOf, readGenesis, shareGenesis } from '@djchain/testkit/consortium';
import { until } from '@djchain/testkit/ports';
import { djchain, type Spawned, startDjchain } from '@djchain/testkit/process';

const MARKER = 'MINUTES-c9d1';
const MINUTES = `${MARKER} 第一党支部2025年第一季度党员大会记录\n议题：学习党章；民主评议安排。\n`;

test('put at one node, read at an entitled node, refused to an outsider, never held by a node not entitled', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'djattach-'));
  const running: (Spawned | undefined)[] = [];
  const logs: string[] = ['', '', '', ''];
  t.after(() => {
    for (const r of running) r?.child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });
  const { orgs, dirs } = await initConsortium(
    root,
    'attach-test',
    ['committee', 'branch', 'branch', 'branch'],
    (i) => (i === 0 ? '东风社区党委' : `第${i}党支部`),
  );
  const pass = join(root, 'pass.txt');
  writeFileSync(pass, 'attach-test-pass\n');
  const keystore = (name: string) => newKeystore(root, pass, name);
  const sec1 = keystore('sec1');
  const m1 = keystore('m1');
  const m2 = keystore('m2');
  const genesis = readGenesis(dirs);
  genesis.modules = {
    org: {
      orgs: orgsOf(orgs, '2024-06-01'),
      posts: [{ org: 'org1', member: 'm-sec1', post: '书记', since: '2024-06-01' }],
    },
    member: {
      members: [
        { id: 'm-sec1', org: 'org1', address: sec1.address, status: '正式党员', since: '2008-07-01' },
        { id: 'm-1', org: 'org1', address: m1.address, status: '正式党员', since: '2010-07-01' },
        { id: 'm-2', org: 'org2', address: m2.address, status: '正式党员', since: '2012-07-01' },
      ],
    },
  };
  shareGenesis(dirs, genesis, { logLevel: 'info', emptyBlockIntervalMs: 200 });
  const genesisFile = join(dirs[0]!, 'genesis.json');
  const urls = orgs.map((o) => `http://127.0.0.1:${o.apiPort}`);
  for (let i = 0; i < 4; i++) {
    running[i] = await startDjchain(['start', '--dir', dirs[i]!]);
    running[i]!.child.stderr!.on('data', (d) => {
      logs[i] += String(d);
    });
  }
  await until('height 2', async () => {
    const s = (await (await fetch(`${urls[0]}/v1/status`)).json()) as { height: number };
    return s.height >= 2;
  });
  const cli = (args: string[]) => {
    const r = djchain([...args, '--genesis', genesisFile, '--passphrase-file', pass]);
    return { ...r, out: r.stdout + r.stderr };
  };

  // The 党委's node is down while the minutes are put (3 of 4 validators keep committing).
  await running[0]!.stop();
  running[0] = undefined;
  const file = join(root, 'minutes.txt');
  writeFileSync(file, MINUTES);
  const hash = createHash('sha256').update(MINUTES).digest('hex');
  /** Sec1 puts the minutes for org1 (scope: the organization) at node `i`. */
  const putAt = (i: number) =>
    cli(['attach', 'put', file, '--org', 'org1', '--scope', 'org', '--key', sec1.file, '--api', urls[i]!]);
  const put = putAt(1);
  assert.equal(put.status, 0, put.out);
  assert.match(put.out, new RegExp(`哈希（SHA-256）：${hash}`));
  const held = (i: number) => existsSync(join(dirs[i]!, 'attachments', hash.slice(0, 2), hash));
  assert.ok(held(1), 'the uploading node keeps it');
  // Not at a node of an organization that may not keep it (org2): refused, nothing kept there.
  const wrong = putAt(2);
  assert.equal(wrong.status, 1, wrong.out);
  assert.match(wrong.out, /ATTACHMENT_WRONG_NODE/);

  assert.equal(held(0), false);
  // Back up, the 党委's node (entitled: the organization above) hears of the minutes when it
  // reconnects and fetches them from org1's node.
  running[0] = await startDjchain(['start', '--dir', dirs[0]!]);
  running[0]!.child.stderr!.on('data', (d) => {
    logs[0] += String(d);
  });
  await until('org0 holds the minutes', async () => held(0));
  const got = join(root, 'got.txt');
  const get = cli(['attach', 'get', hash, '-o', got, '--key', m1.file, '--api', urls[0]!]);
  assert.equal(get.status, 0, get.out);
  assert.equal(readFileSync(got, 'utf8'), MINUTES);
  assert.match(get.out, /附件已下载并核对哈希/);

  // An outsider (a member of org2) is refused, in Chinese, with the code.
  const refused = cli([
    'attach',
    'get',
    hash,
    '-o',
    join(root, 'no.txt'),
    '--key',
    m2.file,
    '--api',
    urls[1]!,
  ]);
  assert.equal(refused.status, 1);
  assert.match(refused.out, /READ_FORBIDDEN/);
  assert.match(refused.out, /无权读取该内容/);
  assert.equal(existsSync(join(root, 'no.txt')), false);

  // org2's node is not entitled: asked by an entitled reader it does not fetch, and it never held it.
  const at2 = cli(['attach', 'get', hash, '-o', join(root, 'no2.txt'), '--key', m1.file, '--api', urls[2]!]);
  assert.equal(at2.status, 1);
  assert.match(at2.out, /ATTACHMENT_UNAVAILABLE/);
  assert.equal(held(2), false);
  assert.equal(held(3), false);

  // A public notice put at org3's node reaches every node at once (announced after the upload).
  const notice = join(root, 'notice.txt');
  writeFileSync(notice, `${MARKER} 党务公开：2025年党费收缴情况\n`);
  const noticeHash = createHash('sha256').update(readFileSync(notice)).digest('hex');
  const sec3 = cli([
    'attach',
    'put',
    notice,
    '--org',
    'org1',
    '--scope',
    'public',
    '--key',
    sec1.file,
    '--api',
    urls[3]!,
  ]);
  assert.equal(sec3.status, 0, sec3.out);
  const holds = (i: number, h: string) => existsSync(join(dirs[i]!, 'attachments', h.slice(0, 2), h));
  await until('every node holds the notice', async () => [0, 1, 2, 3].every((i) => holds(i, noticeHash)));

  // Privacy: the content is in the attachment store only — no chain.db, no log line.
  for (const r of running) await r?.stop();
  running.length = 0;
  for (let i = 0; i < 4; i++) {
    for (const f of ['chain.db', 'chain.db-wal']) {
      const p = join(dirs[i]!, f);
      if (existsSync(p)) assert.equal(readFileSync(p).indexOf(Buffer.from(MARKER)), -1, `${f} of node ${i}`);
    }
    assert.ok(!logs[i]!.includes(MARKER) && !logs[i]!.includes('党员大会记录'), `log of node ${i}`);
  }
  assert.ok(logs[1]!.includes(hash), 'node 1 logs the hash it stored');
});
