/** `djchain init` and `djchain start` as real processes: files, permissions, messages, the API. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeSignerState } from '@djchain/node';
import { djchain, startDjchain } from '@djchain/testkit/process';
import { checkConfig, defaultConfig, type NodeConfig, retentionOf } from '../src/files.ts';

function temp(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'djcli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('init writes a 0600 key, genesis and config; refuses to overwrite without --force', (t) => {
  const dir = join(temp(t), 'n');
  const r = djchain(['init', '--dir', dir, '--suite', 'gm', '--chain-id', 'street-1']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /已初始化/);
  assert.equal(statSync(join(dir, 'key.json')).mode & 0o777, 0o600);
  const genesis = JSON.parse(readFileSync(join(dir, 'genesis.json'), 'utf8'));
  assert.equal(genesis.suite, 'gm');
  assert.equal(genesis.chainId, 'street-1');
  assert.equal(genesis.validators[0].publicKey.length, 66);
  const again = djchain(['init', '--dir', dir, '--lang', 'en']);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already initialized.*--force/);
  assert.equal(djchain(['init', '--dir', dir, '--force']).status, 0);
  const bad = djchain(['init', '--dir', join(dir, 'x'), '--suite', 'rsa']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /intl（国际）或 gm（国密）/);
});

test('start on an uninitialized directory names the fix', (t) => {
  const dir = join(temp(t), 'empty');
  const r = djchain(['start', '--dir', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /先运行 djchain init --dir/);
  const en = djchain(['start', '--dir', dir, '--lang', 'en']);
  assert.match(en.stderr, /Run djchain init --dir/);
});

test('a bad config.json is refused with the field and the file named', (t) => {
  const dir = join(temp(t), 'n');
  assert.equal(djchain(['init', '--dir', dir]).status, 0);
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), maxBlockTxs: -1 }));
  const r = djchain(['start', '--dir', dir, '--lang', 'en']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /config\.json.*maxBlockTxs must be 1 to 10000/);
});

test('start serves the API and stops on SIGTERM', async (t) => {
  const dir = join(temp(t), 'n');
  assert.equal(djchain(['init', '--dir', dir, '--chain-id', 'cli-test']).status, 0);
  const running = await startDjchain(['start', '--dir', dir, '--port', '0']);
  t.after(() => running.child.kill('SIGKILL'));
  const status = await (await fetch(`${running.url}/v1/status`)).json();
  assert.equal(status.chainId, 'cli-test');
  assert.equal(status.height, 0);
  running.child.kill('SIGTERM');
  assert.equal(await running.exited, 0);
});

test('one process per directory; a validator without its signer file starts only with --signer-state-reset', async (t) => {
  const dir = join(temp(t), 'n');
  assert.equal(djchain(['init', '--dir', dir, '--chain-id', 'cli-lock']).status, 0);
  // A snapshot start of a validator is refused before anything is downloaded.
  const snap = djchain(['start', '--dir', dir, '--snapshot-from-peers', '--lang', 'en']);
  assert.equal(snap.status, 1);
  assert.match(snap.stderr, /signer-state\.json is missing or invalid.*--signer-state-reset/);
  const first = await startDjchain(['start', '--dir', dir, '--port', '0']);
  t.after(() => first.child.kill('SIGKILL'));
  const second = djchain(['start', '--dir', dir, '--port', '0']);
  assert.equal(second.status, 1);
  assert.match(second.stderr, new RegExp(`pid ${first.child.pid}.*node\\.lock`));
  assert.match(second.stderr, /只能运行一个节点/);
  // Let it sign something, then stop it and lose the signer file (a copied or restored chain.db).
  const url = `${first.url}/v1/status`;
  for (let i = 0; i < 200 && (await (await fetch(url)).json()).height < 2; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0);
  rmSync(join(dir, 'signer-state.json'));
  const refused = djchain(['start', '--dir', dir, '--port', '0', '--lang', 'en']);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /signer-state\.json is missing.*--signer-state-reset/);
  const reset = await startDjchain(['start', '--dir', dir, '--port', '0', '--signer-state-reset']);
  t.after(() => reset.child.kill('SIGKILL'));
  const floor = decodeSignerState(readFileSync(join(dir, 'signer-state.json'))).json.lastSigned;
  assert.equal(floor?.round, Number.MAX_SAFE_INTEGER);
  // Its API answers (so its signal handlers are installed) before it is stopped.
  assert.equal((await (await fetch(`${reset.url}/v1/status`)).json()).chainId, 'cli-lock');
  reset.child.kill('SIGTERM');
  assert.equal(await reset.exited, 0);
});

test('config.json stateRetention: defaults filled in, each field checked', () => {
  assert.deepEqual(retentionOf(defaultConfig), {
    keepVersions: 1000,
    stepVersions: 16,
    snapshotPinVersions: 10000,
  });
  assert.deepEqual(retentionOf({ ...defaultConfig, stateRetention: { keepVersions: 0 } }), {
    keepVersions: 0,
    stepVersions: 16,
    snapshotPinVersions: 10000,
  });
  const problem = (stateRetention: unknown) =>
    checkConfig({ ...defaultConfig, stateRetention } as unknown as NodeConfig);
  assert.equal(problem({ keepVersions: 50, stepVersions: 4 }), null);
  assert.match(problem({ keepVersions: 3 }) ?? '', /keepVersions must be 0 \(keep all\) or at least 10/);
  assert.match(problem({ keepVersions: -1 }) ?? '', /keepVersions must be an integer from 0/);
  assert.match(problem({ stepVersions: 0 }) ?? '', /stepVersions must be an integer from 1/);
  assert.match(problem({ keep: 5 }) ?? '', /stateRetention\.keep is unknown/);
  assert.match(problem([]) ?? '', /stateRetention must be an object/);
});
