/**
 * The CLI's one message catalog (src/i18n.ts): every message and every coded error the CLI can print
 * has a zh-CN and an English text. The registries are enumerated here, so a code added to any of
 * them without texts fails this file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CLIENT_ERROR_CODES } from '@djchain/client';
import * as modules from '@djchain/modules';
import { ERROR_REGISTRIES } from '@djchain/modules';
import { API_ERRORS, NODE_ERROR_CODES } from '@djchain/node';
import { RUNTIME_ERROR_CODES } from '@djchain/runtime';
import { commands } from '../src/commands/index.ts';
import { DEMO_ERROR_CODES } from '../src/demo/errors.ts';
import { CliError, messageTable, reason, t, textsOf } from '../src/i18n.ts';
import { SEALED_ERRORS } from '../src/sealed/errors.ts';

const CHINESE = /[\u4e00-\u9fff]/;

test('every message of the catalog has a Chinese and an English text', () => {
  const keys = Object.keys(messageTable);
  assert.ok(keys.length > 150, `only ${keys.length} messages`);
  for (const [key, m] of Object.entries(messageTable)) {
    assert.ok(m['zh-CN'].length > 0 && m.en.length > 0, key);
  }
});

test('every coded error of the modules, runtime, node, API, client, sealed service and demo has both texts', () => {
  const codes = [
    ...ERROR_REGISTRIES.flatMap((r) => Object.values(r).map((s) => s.code)),
    ...RUNTIME_ERROR_CODES,
    ...NODE_ERROR_CODES,
    ...Object.keys(API_ERRORS),
    ...CLIENT_ERROR_CODES,
    ...Object.keys(SEALED_ERRORS),
    ...DEMO_ERROR_CODES,
  ];
  assert.ok(codes.length > 200, `only ${codes.length} codes enumerated`);
  const missing = codes.filter((code) => {
    const texts = textsOf(code);
    return texts === undefined || !CHINESE.test(texts['zh-CN']) || texts.en.length === 0;
  });
  assert.deepEqual(missing, []);
});

test('ERROR_REGISTRIES holds every registry the modules export (a new module cannot be left out)', () => {
  const exported = Object.entries(modules).filter(([name]) => /^[A-Z]\w*Errors$/.test(name));
  assert.ok(exported.length >= 8, exported.map(([n]) => n).join());
  for (const [name, registry] of exported) assert.ok(ERROR_REGISTRIES.includes(registry as never), name);
});

test('the two admission codes that lacked Chinese have it now', () => {
  assert.match(textsOf('RUNTIME_UNKNOWN_SIGNER')?.['zh-CN'] ?? '', /签名人不是链上登记的账户/);
  assert.match(textsOf('MEMPOOL_NEW_KEY_LIMIT')?.['zh-CN'] ?? '', /未登记的密钥/);
});

test('reason: Chinese from the catalog (details filled, the message after it), English the message itself', () => {
  // A module code: the registry's Chinese; the message is the registry's English, so nothing follows.
  assert.equal(
    reason('zh-CN', 'MEMBER_EXISTS', 'A member with this id already exists.'),
    '该党员编号已存在。',
  );
  // A client code with a more precise message: it follows in brackets.
  assert.equal(
    reason('zh-CN', 'CLIENT_NETWORK', 'connect ECONNREFUSED 127.0.0.1:1'),
    '无法连接节点。（connect ECONNREFUSED 127.0.0.1:1）',
  );
  // Placeholders from details, {reason} from the message.
  assert.equal(
    reason('zh-CN', 'DEMO_BAD_FLAG', 'x', { name: 'members', min: 1, max: 5000, value: 'abc' }),
    '--members 应为 1 到 5000 之间的整数（收到 abc）',
  );
  assert.equal(reason('zh-CN', 'DEMO_NODE_FAILED', 'exited (1)'), '演示节点进程意外退出：exited (1)');
  assert.equal(
    reason('en', 'MEMBER_EXISTS', 'A member with this id already exists.'),
    'A member with this id already exists.',
  );
  assert.equal(reason('zh-CN', 'SOMETHING_UNKNOWN', 'as it came'), 'as it came');
});

test('a CliError is coded, carries its parameters and prints in either language', () => {
  const e = new CliError('CLI_MISSING_OPTION', { option: 'api' });
  assert.equal(e.code, 'CLI_MISSING_OPTION');
  assert.equal(e.name, 'CliError');
  assert.deepEqual(e.details, { option: 'api' });
  assert.equal(e.message, 'Missing option --api.');
  assert.equal(t('zh-CN', e.code, e.details), '缺少选项 --api。');
});

test('the demo and the commands print through the catalog: no Chinese text inline in their code', () => {
  // Domain values (org kinds, statuses, posts), spreadsheet headings and on-chain purposes are data.
  for (const file of [
    'demo/index.ts',
    'demo/run.ts',
    'commands/chain.ts',
    'commands/dossier.ts',
    'main.ts',
  ]) {
    const code = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line));
    const inline = code.filter((line) => CHINESE.test(line) && !/'党建链'/.test(line));
    assert.deepEqual(inline, [], file);
  }
});

test('the usage text names every client-side command, in both languages', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const usage = t(lang, 'commandsUsage');
    for (const name of Object.keys(commands))
      assert.match(usage, new RegExp(`djchain ${name} `), `${lang}: ${name}`);
  }
  // The dues command's subcommands (issue 14).
  for (const sub of ['rate', 'status', 'assess', 'pay', 'confirm', 'close', 'audit', 'import', 'export'])
    assert.match(t('zh-CN', 'commandsUsage'), new RegExp(`djchain dues ${sub} `), sub);
});
