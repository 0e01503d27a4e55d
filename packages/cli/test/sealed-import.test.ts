/**
 * The sealed-data service's import route (`POST /sealed/import`, a real `djchain sealed serve`
 * process beside a real node): a roster uploaded by a browser is checked with the CLI's row checks,
 * sealed where the vault is, and answered with only what goes on chain; the signed answer commits.
 * Nobody else gets anything sealed (or learns a member id from an ID number): a key of no member, a
 * signature by another key, and an old request are refused before anything is written.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  buildTx,
  type DjchainClient,
  HttpError,
  type SealedImportPayload,
  sealedImport,
  sealedImportRequest,
  signTransaction,
} from '@djchain/client';
import { idCheckChar } from '@djchain/client/roster';
import { type KeyPair, randomKeyPair, toHex } from '@djchain/crypto';
import type { Spawned } from '@djchain/testkit/process';
import { secretaryClient, startSealed, startTestChain, type TestChain } from './commands-node.ts';

function idFor(birth: string, seq: number): string {
  const first17 = `110105${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

const GOOD = {
  name: '郑红',
  gender: '女',
  birthDate: '1972-04-09',
  idNumber: idFor('1972-04-09', 32),
  joinedOn: '1999-07-01',
  convertedOn: '2000-07-01',
  branch: '第一党支部',
  category: '正式党员',
};
// Row 3: the check digit is wrong.
const BAD = { ...GOOD, name: '错号', idNumber: `${idFor('1980-01-01', 11).slice(0, 17)}0` };

let chain: TestChain;
let service: Spawned;
let client: DjchainClient;
let secretary: KeyPair;
let profilesFile: string;

const lines = () =>
  readFileSync(profilesFile, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

before(async () => {
  chain = await startTestChain();
  const vaultFile = join(chain.root, 'vault.json');
  profilesFile = join(chain.root, 'profiles.jsonl');
  writeFileSync(profilesFile, '', { mode: 0o600 });
  ({ client, secretary } = await secretaryClient(chain));
  service = await startSealed(chain, vaultFile, profilesFile);
});

after(() => {
  service?.stop();
  chain?.stop();
});

async function payload(rows: SealedImportPayload['rows'], heightOffset = 0): Promise<SealedImportPayload> {
  const height = (await client.status()).height;
  return { chainId: client.chainId, height: height + heightOffset, rows };
}

async function refusedWith(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (e: unknown) => e instanceof HttpError && e.apiCode === code);
}

test('a key of no member, another key’s signature and an old request are refused; nothing is sealed', async () => {
  const rows = [{ row: 2, raw: GOOD }];
  const stranger = randomKeyPair(client.suite);
  await refusedWith(
    sealedImport(service.url, sealedImportRequest(client.suite, await payload(rows), stranger)),
    'SEALED_IMPORT_NOT_PERMITTED',
  );
  const forged = {
    ...sealedImportRequest(client.suite, await payload(rows), stranger),
    signer: toHex(secretary.publicKey),
  };
  await refusedWith(sealedImport(service.url, forged), 'SEALED_IMPORT_BAD_SIGNATURE');
  await refusedWith(
    sealedImport(service.url, sealedImportRequest(client.suite, await payload(rows, -1000), secretary)),
    'SEALED_IMPORT_EXPIRED',
  );
  assert.equal(lines().length, 0);
});

test('the 党委 secretary’s upload: row errors by number, the rest sealed and answered as transactions that commit', async () => {
  const rows = [
    { row: 2, raw: GOOD },
    { row: 3, raw: BAD },
  ];
  const answer = await sealedImport(
    service.url,
    sealedImportRequest(client.suite, await payload(rows), secretary),
  );
  assert.deepEqual(
    answer.errors.map((e) => [e.row, e.column, e.zh]),
    [[3, '身份证号', '身份证号校验位错误']],
  );
  assert.equal(answer.plans.length, 1);
  const plan = answer.plans[0]!;
  assert.equal(plan.row, 2);
  assert.equal(plan.action, 'importMember');
  assert.equal(plan.params.org, 'b1');
  assert.equal(plan.params.status, '正式党员');
  assert.equal(plan.params.since, '2000-07-01');
  // Nothing personal in what goes on chain; the sealed line holds no field in clear.
  const onChain = JSON.stringify(answer);
  for (const v of [GOOD.name, GOOD.idNumber, GOOD.birthDate]) assert.ok(!onChain.includes(v), v);
  assert.equal(lines().length, 1);
  for (const v of [GOOD.name, GOOD.idNumber]) assert.ok(!lines()[0]!.includes(v));

  const height = (await client.status()).height;
  const signed = signTransaction(
    client.suite,
    secretary.secretKey,
    buildTx({
      chainId: client.chainId,
      module: 'member',
      action: plan.action,
      params: plan.params,
      signer: secretary.publicKey,
      nonce: height === 0 ? 0 : await client.nextNonce(chain.address, height),
      expiry: height + 100,
    }),
  );
  const [admitted] = await client.submit([signed]);
  assert.equal(admitted?.accepted, true);
  const r = await client.waitForReceipt(signed.hash, 60_000);
  assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
  const m = (await client.query('member', 'member', { id: plan.member })).result as { status: string };
  assert.equal(m.status, '正式党员');

  // The same upload again: the person is on chain, skipped, nothing sealed twice.
  const again = await sealedImport(
    service.url,
    sealedImportRequest(client.suite, await payload(rows), secretary),
  );
  assert.deepEqual(again.skipped, [{ row: 2, member: plan.member }]);
  assert.equal(again.plans.length, 0);
  assert.equal(lines().length, 1);
});
