/** Waiting for a child's URL: found, refused when the child exits first, bounded when it never prints. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePorts, until } from '@djchain/testkit/ports';
import { spawnForUrl } from '@djchain/testkit/process';

const node = (code: string) => [process.execPath, ['-e', code]] as const;

test('resolves with the URL the child prints, and stops it', async () => {
  const [cmd, args] = node(
    "console.log('starting'); setTimeout(() => console.log('listening on http://127.0.0.1:4321/'), 50); setInterval(() => {}, 1000);",
  );
  const p = await spawnForUrl(cmd, args, { what: 'printer' });
  assert.equal(p.url, 'http://127.0.0.1:4321');
  assert.match(p.out(), /starting/);
  await p.stop(2000);
  assert.notEqual(p.child.exitCode ?? p.child.signalCode, null);
});

test('waits for `ready` as well as the URL', async () => {
  const [cmd, args] = node(
    "console.log('http://127.0.0.1:1'); setTimeout(() => console.log('ready'), 100); setInterval(() => {}, 1000);",
  );
  const p = await spawnForUrl(cmd, args, { ready: (out) => out.includes('ready') });
  assert.match(p.out(), /ready/);
  await p.stop(2000);
});

test('rejects with the output when the child exits before printing a URL', async () => {
  const [cmd, args] = node("console.error('no config'); process.exit(3);");
  await assert.rejects(spawnForUrl(cmd, args, { what: 'failing' }), /failing exited \(3\).*no config/s);
});

test('rejects and kills the child when no URL comes in time', async () => {
  const [cmd, args] = node('setInterval(() => {}, 1000);');
  await assert.rejects(spawnForUrl(cmd, args, { what: 'silent', timeoutMs: 300 }), /silent printed no URL/);
});

test('freePorts gives distinct ports; until gives up after its tries', async () => {
  const ports = await freePorts(4);
  assert.equal(new Set(ports).size, 4);
  let calls = 0;
  await assert.rejects(
    until(
      'never',
      () => {
        calls++;
        return false;
      },
      3,
      1,
    ),
    /condition not reached: never/,
  );
  assert.equal(calls, 3);
});
