/**
 * Node admission governed on chain, with real processes (issue 9): four validator processes made by
 * `djchain init --orgs` run a community whose genesis names the 街道党工委's key as the approval body.
 * The 党委's 书记 proposes a fifth organization's node with `djchain validators propose`, the
 * superior approves with `djchain validators approve`; the change is in force exactly two heights
 * after the approving block; the fifth process, unknown to everyone's registry until then, is
 * admitted, syncs and signs; with one of the original four stopped, the chain keeps committing only
 * because the fifth votes (4 of 5 equal powers are needed). Waits are bounded polls, not timings.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fromHex, getSuite } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import { initConsortium, newKeystore, orgsOf, readGenesis, shareGenesis } from '@djchain/testkit/consortium';
import { until } from '@djchain/testkit/ports';
import { djchain, type Spawned, startDjchain } from '@djchain/testkit/process';

test('a governed fifth validator takes effect at h+2 and the chain keeps committing with it', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'djgov-'));
  const running: (Spawned | undefined)[] = [];
  t.after(() => {
    for (const r of running) r?.child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });
  const { orgs, dirs } = await initConsortium(
    root,
    'governance-test',
    ['committee', 'branch', 'branch', 'branch', 'branch'],
    (i) => (i === 0 ? '东风社区党委' : `第${i}党支部`),
  );

  // Keystores of the 党委's 书记 and of the 街道党工委 (the approval body), made by the CLI.
  const pass = join(root, 'pass.txt');
  writeFileSync(pass, 'governance-test-pass\n');
  const keystore = (name: string) => newKeystore(root, pass, name);
  const secretary = keystore('secretary');
  const street = keystore('street');

  // One genesis for all five: the fifth organization's node is NOT a validator at genesis.
  const genesis = readGenesis(dirs);
  const fifth = genesis.validators.pop() as { publicKey: string; name: string };
  const suite = getSuite('intl');
  assert.equal(addressOf(suite, fromHex(secretary.publicKey)), secretary.address);
  genesis.modules = {
    org: {
      orgs: orgsOf(orgs, '2024-06-01'),
      posts: [{ org: 'org0', member: 'm-sec', post: '书记', since: '2024-06-01' }],
    },
    member: {
      members: [
        { id: 'm-sec', org: 'org1', address: secretary.address, status: '正式党员', since: '2008-07-01' },
      ],
    },
    governance: { approval: { by: 'superior', name: '街道党工委', publicKey: street.publicKey } },
  };
  shareGenesis(dirs, genesis, { logLevel: 'warn', emptyBlockIntervalMs: 200 });
  const genesisFile = join(dirs[0]!, 'genesis.json');
  const urls = orgs.map((o) => `http://127.0.0.1:${o.apiPort}`);
  const status = async (i: number) =>
    (await (await fetch(`${urls[i]}/v1/status`)).json()) as {
      height: number;
      validators: { publicKey: string; power: number }[];
    };
  for (let i = 0; i < 4; i++) running[i] = await startDjchain(['start', '--dir', dirs[i]!]);
  await until('height 2', async () => (await status(0)).height >= 2);

  const cli = (args: string[]) => {
    const r = djchain([
      ...args,
      '--api',
      urls[0]!,
      '--genesis',
      genesisFile,
      '--passphrase-file',
      pass,
      '--lang',
      'en',
    ]);
    return { ...r, out: r.stdout + r.stderr };
  };
  // Refusals first: the superior's key cannot propose; the 书记 cannot approve.
  /** `validators propose add` of the fifth validator for org4, power 1, then `extra`. */
  const proposeFifth = (extra: string[]) =>
    cli([
      'validators',
      'propose',
      'add',
      '--public-key',
      fifth.publicKey,
      '--org',
      'org4',
      '--power',
      '1',
      ...extra,
    ]);
  const wrong = proposeFifth(['--key', street.file]);
  assert.equal(wrong.status, 1);
  assert.match(wrong.out, /GOVERNANCE_NOT_PERMITTED/);
  const proposed = proposeFifth([
    '--name',
    fifth.name,
    '--reason',
    '第四党支部成立，运行本组织节点',
    '--key',
    secretary.file,
  ]);
  assert.equal(proposed.status, 0, proposed.out);
  assert.match(proposed.out, /governance\.Proposed/);
  const byWrongBody = cli(['validators', 'approve', '1', '--org', 'org0', '--key', secretary.file]);
  assert.equal(byWrongBody.status, 1);
  assert.match(byWrongBody.out, /GOVERNANCE_WRONG_APPROVER/);
  const listed = cli(['validators', 'list']);
  assert.equal(listed.status, 0, listed.out);
  assert.match(listed.out, /Pending proposals: 1/);

  const approved = cli(['validators', 'approve', '1', '--key', street.file]);
  assert.equal(approved.status, 0, approved.out);
  assert.match(approved.out, /governance\.ValidatorAdded/);
  const h = Number(/height: (\d+)/.exec(approved.out)![1]);
  const again = cli(['validators', 'approve', '1', '--key', street.file]);
  assert.match(again.out, /GOVERNANCE_NOT_PENDING/);

  // In force at h+2, not before: the set of height h+1 has 4, of h+2 has 5 (status shows height+1's).
  const setAt = async (height: number) => {
    const r = (await (await fetch(`${urls[0]}/v1/validators?height=${height}`)).json()) as {
      validatorSet: string;
    };
    return Buffer.from(r.validatorSet, 'base64');
  };
  await until(`height ${h + 2}`, async () => (await status(0)).height >= h + 2);
  const { decodeValidatorSet } = await import('@djchain/ledger');
  assert.equal(decodeValidatorSet(await setAt(h + 1)).validators.length, 4);
  assert.equal(decodeValidatorSet(await setAt(h + 2)).validators.length, 5);

  // The fifth process is now in every registry: it connects, syncs and votes.
  running[4] = await startDjchain(['start', '--dir', dirs[4]!]);
  const top = (await status(0)).height;
  await until('the fifth node syncs', async () => (await status(4)).height >= top);
  // Stop one of the original four: 4 of 5 equal powers must sign, so the fifth's votes are needed.
  running[3]!.child.kill('SIGKILL');
  await running[3]!.exited;
  running[3] = undefined;
  const stopped = (await status(0)).height;
  await until(
    'the chain commits with the fifth validator',
    async () => (await status(0)).height >= stopped + 5,
  );
  await until('the fifth node follows', async () => (await status(4)).height >= stopped + 5);
  const headers = async (i: number) =>
    ((await (await fetch(`${urls[i]}/v1/headers?from=1&to=${stopped + 5}`)).json()) as { headers: string[] })
      .headers;
  assert.deepEqual(await headers(4), await headers(0), 'one chain');
  const list = cli(['validators', 'list']);
  assert.match(list.out, new RegExp(`${fifth.name}\\s+power 1\\s+org org4`));
});
