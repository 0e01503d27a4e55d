/**
 * keys, status, tx, query and dossier export/verify as real `djchain` processes against a real
 * node started with `djchain start`.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { djchain } from '@djchain/testkit/process';
import { commandMessages } from '../src/commands/index.ts';
import { secretaryArgs, startTestChain, type TestChain } from './commands-node.ts';

let chain: TestChain;
before(async () => {
  chain = await startTestChain();
});
after(() => chain?.stop());

const withKey = () => [...secretaryArgs(chain)];
const api = () => ['--api', chain.url, '--genesis', chain.genesisFile];

test('every command message has Chinese and English text', () => {
  for (const [key, m] of Object.entries(commandMessages)) assert.ok(m.zh.length > 0 && m.en.length > 0, key);
});

test('keys new writes a 0600 keystore in the client format; show prints it; a wrong passphrase is refused', () => {
  const file = join(chain.root, 'k2.json');
  const r = djchain(['keys', 'new', '--out', file, '--suite', 'gm', '--passphrase-file', chain.passFile]);
  assert.equal(r.status, 0, r.stderr);
  const k = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(k.format, 'djchain-keystore');
  assert.equal(k.suite, 'gm');
  assert.equal(k.kdf.name, 'scrypt');
  assert.ok(k.kdf.N >= 2 ** 15);
  assert.equal(k.cipher.name, 'aes-256-gcm');
  assert.ok(!JSON.stringify(k).includes('secretKey'));
  const again = djchain(['keys', 'new', '--out', file, '--passphrase-file', chain.passFile]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /已存在/);
  const show = djchain(['keys', 'show', file, '--check', '--passphrase-file', chain.passFile]);
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, new RegExp(k.address));
  assert.match(show.stdout, /口令正确/);
  const wrong = join(chain.root, 'wrong.txt');
  writeFileSync(wrong, 'not-the-passphrase\n');
  const bad = djchain(['keys', 'show', file, '--check', '--passphrase-file', wrong]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /口令错误/);
  const noPass = djchain(['keys', 'new', '--out', join(chain.root, 'k3.json')]);
  assert.equal(noPass.status, 1);
  assert.match(noPass.stderr, /需要口令/);
});

test('status reports the chain checked against the genesis file', () => {
  const r = djchain(['status', ...api()]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /链标识：cmd-test/);
  assert.match(r.stdout, /验证人：1 个/);
});

test('tx refused by a rule prints the code, the Chinese reason and the cited article', () => {
  // The branch secretary may suspend, but only 6 months after contact was lost (教育管理工作条例第三十三条).
  const today = new Date().toISOString().slice(0, 10);
  const r = djchain([
    'tx',
    'member.suspend',
    '--params',
    JSON.stringify({ member: 'm-sec', lostContactSince: today }),
    ...withKey(),
    ...api(),
  ]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /已上链/);
  assert.match(r.stdout, /代码：MEMBER_TOO_EARLY/);
  assert.match(r.stdout, /尚未达到规定的期限/);
  assert.match(r.stdout, /《中国共产党党员教育管理工作条例》第三十三条/);
  const unknown = djchain(['tx', 'member.nope', '--params', '{}', ...withKey(), ...api()]);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stdout, /RUNTIME_UNKNOWN_ACTION/);
});

test('tx that succeeds prints the verified receipt with its events', () => {
  const r = djchain([
    'tx',
    'member.recordProfileRead',
    '--params',
    JSON.stringify({ member: 'm-sec', purpose: '年度核对' }),
    ...withKey(),
    ...api(),
  ]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /交易已上链并通过验证/);
  assert.match(r.stdout, /member\.ProfileRead/);
});

test('query prints a module query result, read as the key of --key (a member record is not public)', () => {
  const anonymous = djchain([
    'query',
    'member.member',
    '--params',
    JSON.stringify({ id: 'm-sec' }),
    ...api(),
  ]);
  assert.equal(anonymous.status, 1);
  assert.match(anonymous.stderr, /AUTH_REQUIRED/);
  const r = djchain([
    'query',
    'member.member',
    '--params',
    JSON.stringify({ id: 'm-sec' }),
    ...withKey(),
    ...api(),
  ]);
  assert.equal(r.status, 0, r.stderr);
  const json = r.stdout.slice(r.stdout.indexOf('{'));
  const v = JSON.parse(json);
  assert.equal(v.status, '正式党员');
  assert.equal(v.org, 'b1');
  const bad = djchain(['query', 'member', ...api()]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /模块\.操作/);
});

test('dossier export verifies and writes; verify offline passes, and names the first broken link of a tampered file', () => {
  // A member registered by a transaction (events of genesis itself are not in dossiers: see report).
  const reg = djchain([
    'tx',
    'member.register',
    '--params',
    JSON.stringify({ id: 'm-d1', org: 'b1', address: 'ab'.repeat(20) }),
    ...withKey(),
    ...api(),
  ]);
  assert.equal(reg.status, 0, reg.stdout + reg.stderr);
  const read = djchain([
    'tx',
    'member.recordProfileRead',
    '--params',
    JSON.stringify({ member: 'm-d1', purpose: '年度核对' }),
    ...withKey(),
    ...api(),
  ]);
  assert.equal(read.status, 0, read.stdout + read.stderr);
  const file = join(chain.root, 'm-d1.dossier');
  // As the node's operator (its api-token file), as an operator's script would.
  const r = djchain([
    'dossier',
    'export',
    'member:m-d1',
    '--out',
    file,
    '--token-file',
    join(chain.dir, 'api-token'),
    ...api(),
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /档案已导出并验证/);
  const ok = djchain(['dossier', 'verify', file, '--genesis', chain.genesisFile]);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /✓ 提交证书/);
  assert.match(ok.stdout, /档案验证通过：member:m-d1/);
  assert.match(ok.stdout, /member\.ProfileRead/);
  // Change the purpose recorded in an event: the hash chain breaks at that event.
  const bytes = readFileSync(file);
  const at = bytes.indexOf(Buffer.from('年度核对'));
  assert.ok(at > 0);
  const tampered = Buffer.from(bytes);
  tampered.write('半年核对', at);
  const bad = join(chain.root, 'tampered.dossier');
  writeFileSync(bad, tampered);
  const v = djchain(['dossier', 'verify', bad, '--genesis', chain.genesisFile]);
  assert.equal(v.status, 1);
  assert.match(v.stdout, /✓ 链标识与密码套件/);
  assert.match(v.stdout, /档案验证失败：第一个断裂的环节是“事件哈希链前后相连”（第 \d+ 条事件）/);
  // Another chain's genesis: the chain check is the first to fail.
  const other = JSON.parse(readFileSync(chain.genesisFile, 'utf8'));
  const otherFile = join(chain.root, 'other-genesis.json');
  writeFileSync(otherFile, JSON.stringify({ ...other, chainId: 'other-chain' }));
  const w = djchain(['dossier', 'verify', file, '--genesis', otherFile]);
  assert.equal(w.status, 1);
  assert.match(w.stdout, /第一个断裂的环节是“链标识与密码套件”/);
});
