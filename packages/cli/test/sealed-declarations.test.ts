/**
 * The trace is the gate for personal declarations too (issues 16 and 18): a member's content is
 * sealed by the sealed-data service (`djchain sealed serve`, a real process, beside a real node)
 * under the member's own key — only the commitment goes on chain — and it leaves again only for a
 * committed declaration.recordRead with a stated purpose, signed by the reader asking, once. A read
 * without a committed record, without a purpose or with a blank one is refused with a code, and
 * nothing of the content is in the refusal. The read is then in the member's read log.
 * On the same chain and service (issue 16, residents): the community clerk's in-person check of a
 * resident is sealed there too (`POST /sealed/resident-check`) — the service draws the salt and
 * answers only the commitment resident.bind puts on chain; a member without the clerk's post, a
 * stale request and another chain's are refused, and nothing is sealed for them.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  addressOf,
  buildTx,
  type DjchainClient,
  type SignedTx,
  sealedDeclareRequest,
  sealedReadRequest,
  sealedResidentCheckRequest,
  signTransaction,
} from '@djchain/client';
import { fromHex, getSuite, type KeyPair, toHex, type Value } from '@djchain/crypto';
import { openResidentCheck, residentCheckCommitment } from '@djchain/modules';
import { djchain, type Spawned } from '@djchain/testkit/process';
import { openVault } from '../src/commands/vault.ts';
import {
  chainArgs,
  secretaryArgs,
  secretaryClient,
  signedTx,
  startSealed,
  startTestChain,
  type TestChain,
} from './commands-node.ts';

const TEXT = '本人于二〇二六年十月赴新西兰探亲，持因私护照出行，往返十四天';
const FRAGMENTS = ['新西兰', '探亲', '因私护照'];

/** m-org, 组织委员 of c1 (a seeded key of the chain's suite, intl as `djchain keys new` makes). */
const ORGANIZER = (() => {
  const suite = getSuite('intl');
  return { suite, key: suite.keyPairFromSeed(new Uint8Array(32).fill(11)) };
})();

let chain: TestChain;
let service: Spawned;
let client: DjchainClient;
let member: KeyPair;
let declarationsFile: string;
let commitment: string;

before(async () => {
  // m-sec is also the clerk (党务工作者) of c1; m-org its 组织委员, a post that binds no resident
  // (a seeded key: no keystore to make).
  chain = await startTestChain({
    members: [{ id: 'm-org', org: 'b1', address: addressOf(ORGANIZER.suite, ORGANIZER.key.publicKey) }],
    posts: [
      { org: 'c1', member: 'm-sec', post: '党务工作者' },
      { org: 'c1', member: 'm-org', post: '组织委员' },
    ],
  });
  const vaultFile = join(chain.root, 'vault.json');
  ({ client, secretary: member } = await secretaryClient(chain));
  openVault(vaultFile, client.chainId, client.suite);
  declarationsFile = join(chain.root, 'declarations.jsonl');
  // A first block (a trace of the member's own profile, no fields): the chain has a height to read.
  const first = signTransaction(
    client.suite,
    member.secretKey,
    buildTx({
      chainId: client.chainId,
      module: 'member',
      action: 'recordProfileRead',
      params: { member: 'm-sec', purpose: '本人自查' },
      signer: member.publicKey,
      nonce: 0,
      expiry: 1_000_000,
    }),
  );
  await commit(first);
  service = await startSealed(chain, vaultFile, join(chain.root, 'profiles.jsonl'), [
    '--declarations',
    declarationsFile,
    // Two checks an hour for one clerk here (60 by default): the third is refused below.
    '--resident-checks-per-hour',
    '2',
  ]);
});

after(() => {
  service?.stop();
  chain?.stop();
});

const signed = (module: string, action: string, params: Value, key: KeyPair = member, skip = 0) =>
  signedTx(client, key, module, action, params, skip);

async function commit(tx: SignedTx) {
  const [r] = await client.submit([tx]);
  assert.ok(r?.accepted, JSON.stringify(r));
  return client.waitForReceipt(tx.hash);
}

async function post(path: string, body: unknown) {
  const res = await fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, text: '' };
}

const ask = (tx: SignedTx, key: KeyPair = member) =>
  post('/sealed/read', sealedReadRequest(client.suite, client.chainId, tx, key.secretKey));
const codeOf = (r: { body: Record<string, unknown> }) =>
  (r.body.error as { code?: string } | undefined)?.code;
const leaks = (r: { body: unknown }) => FRAGMENTS.some((f) => JSON.stringify(r.body).includes(f));

async function declareRequest(key: KeyPair, who = 'm-sec') {
  const height = (await client.status()).height;
  return sealedDeclareRequest(
    client.suite,
    {
      chainId: client.chainId,
      height,
      member: who,
      kind: '因私出国（境）',
      matterOn: '2026-01-02',
      text: TEXT,
    },
    key,
  );
}

test('the content is sealed at the service; only the commitment goes on chain', async () => {
  const stranger = client.suite.keyPairFromSeed(new Uint8Array(32).fill(5));
  const notMine = await post('/sealed/declare', await declareRequest(stranger));
  assert.equal(notMine.status, 403);
  assert.equal(codeOf(notMine), 'SEALED_DECLARE_NOT_PERMITTED');

  const r = await post('/sealed/declare', await declareRequest(member));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  commitment = r.body.commitment as string;
  assert.match(commitment, /^[0-9a-f]{64}$/);
  const file = readFileSync(declarationsFile, 'utf8');
  for (const f of FRAGMENTS) assert.equal(file.includes(f), false, `${f} in clear in the file`);

  const filed = await commit(
    await signed('declaration', 'declare', {
      id: 'd1',
      member: 'm-sec',
      kind: '因私出国（境）',
      matterOn: '2026-01-02',
      commitment,
    }),
  );
  assert.equal(filed.receipt.status, 'ok', JSON.stringify(filed.receipt.error));
  for (const e of filed.receipt.events) assert.equal(leaks({ body: e.data }), false, e.type);
});

test('a read without a committed record is refused, and gives nothing', async () => {
  const never = await signed('declaration', 'recordRead', { id: 'd1', purpose: '核实申报事项' });
  const r = await ask(never);
  assert.equal(r.status, 404);
  assert.equal(codeOf(r), 'SEALED_NO_RECORD');
  assert.equal(leaks(r), false);
});

test('a read without a purpose, or with a blank one, is refused by the chain and by the service', async () => {
  // No purpose: committed as a refused attempt (DECLARATION_PURPOSE_REQUIRED); the service does
  // not take it as a read record at all.
  const noPurpose = await signed('declaration', 'recordRead', { id: 'd1' });
  const refused = await commit(noPurpose);
  assert.equal(refused.receipt.error?.code, 'DECLARATION_PURPOSE_REQUIRED');
  const r1 = await ask(noPurpose);
  assert.equal(codeOf(r1), 'SEALED_NOT_A_READ_RECORD');
  assert.equal(leaks(r1), false);
  // A blank purpose is committed as a refusal (DECLARATION_PURPOSE_REQUIRED): nothing is released.
  const blank = await signed('declaration', 'recordRead', { id: 'd1', purpose: '   ' });
  const done = await commit(blank);
  assert.equal(done.receipt.error?.code, 'DECLARATION_PURPOSE_REQUIRED');
  const r2 = await ask(blank);
  assert.equal(r2.status, 403);
  assert.equal(codeOf(r2), 'SEALED_RECORD_FAILED');
  assert.equal(leaks(r2), false);
});

test('a committed record with a purpose releases the content once, to its signer; the read is logged', async () => {
  const tx = await signed('declaration', 'recordRead', { id: 'd1', purpose: '年度抽查核实' });
  const done = await commit(tx);
  assert.equal(done.receipt.status, 'ok', JSON.stringify(done.receipt.error));

  const stranger = client.suite.keyPairFromSeed(new Uint8Array(32).fill(6));
  assert.equal(codeOf(await ask(tx, stranger)), 'SEALED_BAD_SIGNATURE');

  const r = await ask(tx);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.fields, { kind: '因私出国（境）', matterOn: '2026-01-02', text: TEXT });
  assert.equal(r.body.member, 'm-sec');
  const rec = r.body.record as { txHash: string; purpose: string; height: number };
  assert.equal(rec.txHash, tx.hash);
  assert.equal(rec.purpose, '年度抽查核实');
  assert.equal(rec.height, done.height);

  const again = await ask(tx);
  assert.equal(again.status, 409);
  assert.equal(codeOf(again), 'SEALED_RECORD_USED');

  const log = (await client.query('declaration', 'readsOf', { member: 'm-sec' })).result as {
    what: string;
    reader: string;
    ref: string;
    purpose: string;
    txHash: string;
  }[];
  assert.deepEqual(
    log.map((e) => [e.what, e.reader, e.ref, e.purpose, e.txHash]),
    [
      ['profile', 'm-sec', '', '本人自查', log[0]!.txHash],
      ['declaration', 'm-sec', 'd1', '年度抽查核实', tx.hash],
    ],
  );
});

test('djchain declare files a declaration from the command line: sealed at the service, the commitment on chain', async () => {
  const text = '本人之子于二〇二六年十一月在杭州登记结婚，配偶为企业职员';
  const args = [...chainArgs(chain), ...secretaryArgs(chain), '--lang', 'en'];
  const filed = djchain([
    'declare',
    'file',
    '--kind',
    '婚姻变化',
    '--on',
    '2026-11-08',
    '--text',
    text,
    '--sealed',
    service.url,
    '--id',
    'd-cli',
    ...args,
  ]);
  assert.equal(filed.status, 0, filed.stdout + filed.stderr);
  assert.match(filed.stdout, /Declaration d-cli \(婚姻变化, matter of 2026-11-08\) filed/);
  // Nothing of the content in the command's output, the chain record or the service's file.
  for (const f of ['杭州', '登记结婚', '企业职员']) {
    assert.equal(filed.stdout.includes(f) || filed.stderr.includes(f), false, `${f} printed`);
    assert.equal(readFileSync(declarationsFile, 'utf8').includes(f), false, `${f} in clear in the file`);
  }
  const rec = (await client.query('declaration', 'declaration', { id: 'd-cli' })).result as {
    member: string;
    kind: string;
    matterOn: string;
    commitment: string;
  };
  assert.deepEqual(
    { member: rec.member, kind: rec.kind, matterOn: rec.matterOn },
    { member: 'm-sec', kind: '婚姻变化', matterOn: '2026-11-08' },
  );
  assert.match(rec.commitment, /^[0-9a-f]{64}$/);
  assert.equal(JSON.stringify(rec).includes('杭州'), false);

  const listed = djchain(['declare', 'list', ...args]);
  assert.equal(listed.status, 0, listed.stderr);
  assert.match(listed.stdout, /d-cli {2}婚姻变化 {2}matter 2026-11-08/);

  // A kind the chain does not list, named with the ones it does; too long for one declaration:
  // each refused before anything is sent.
  const kind = djchain([
    'declare',
    'file',
    '--kind',
    '买房',
    '--on',
    '2026-11-08',
    '--text',
    '无',
    '--sealed',
    service.url,
    ...args,
  ]);
  assert.equal(kind.status, 1);
  assert.match(kind.stdout + kind.stderr, /买房.*婚姻变化、因私出国（境）/);
  const long = djchain([
    'declare',
    'file',
    '--kind',
    '其他',
    '--on',
    '2026-11-08',
    '--text',
    '长'.repeat(2001),
    '--sealed',
    service.url,
    ...args,
  ]);
  assert.equal(long.status, 1);
  assert.match(long.stdout + long.stderr, /more than 2000/);
});

// The clerk's in-person check: an ID number and an address, never in clear outside the vault.
const CHECK = '居民身份证 110105194912310038，朝阳区幸福里3号楼2单元，本人到场核验';
const ID_NUMBER = '110105194912310038';
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function checkRequest(
  key: KeyPair,
  over: { height?: number; chainId?: string; org?: string; check?: string } = {},
) {
  const height = (await client.status()).height;
  return sealedResidentCheckRequest(
    client.suite,
    {
      chainId: over.chainId ?? client.chainId,
      height: over.height ?? height,
      org: over.org ?? 'c1',
      resident: 'res-1',
      address: 'ab'.repeat(20),
      check: over.check ?? CHECK,
    },
    key,
  );
}

test("a resident's in-person check is sealed only for the community clerk; the commitment goes on chain", async () => {
  const checksFile = join(chain.root, 'resident-checks.jsonl');
  const vaultFile = join(chain.root, 'vault.json');
  const keyIds = () => Object.keys(JSON.parse(readFileSync(vaultFile, 'utf8')).keys as object);
  const organizer = ORGANIZER.key;
  const stranger = client.suite.keyPairFromSeed(new Uint8Array(32).fill(7));
  const height = (await client.status()).height;
  const refusals: [string, unknown, number, string][] = [
    ['组织委员 of c1', await checkRequest(organizer), 403, 'SEALED_RESIDENT_CHECK_NOT_PERMITTED'],
    ['a key of no member', await checkRequest(stranger), 403, 'SEALED_RESIDENT_CHECK_NOT_PERMITTED'],
    [
      'the clerk, in a branch',
      await checkRequest(member, { org: 'b1' }),
      403,
      'SEALED_RESIDENT_CHECK_NOT_PERMITTED',
    ],
    [
      'stale (51 blocks)',
      await checkRequest(member, { height: height - 51 }),
      410,
      'SEALED_RESIDENT_CHECK_EXPIRED',
    ],
    [
      'another chain',
      await checkRequest(member, { chainId: 'other-chain' }),
      403,
      'SEALED_RESIDENT_CHECK_BAD_SIGNATURE',
    ],
  ];
  for (const [what, body, status, code] of refusals) {
    const r = await post('/sealed/resident-check', body);
    assert.equal(r.status, status, `${what}: ${JSON.stringify(r.body)}`);
    assert.equal(codeOf(r), code, what);
    assert.equal(JSON.stringify(r.body).includes(ID_NUMBER), false, what);
  }
  assert.equal(existsSync(checksFile), false, 'a refusal seals nothing');
  assert.equal(keyIds().includes('resident:res-1'), false, 'a refusal draws no key');

  const sent = await checkRequest(member);
  const r = await post('/sealed/resident-check', sent);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // The same request again (within its window): refused, nothing sealed a second time.
  const again = await post('/sealed/resident-check', sent);
  assert.deepEqual([again.status, codeOf(again)], [409, 'SEALED_RESIDENT_CHECK_REPLAYED']);
  assert.deepEqual(Object.keys(r.body), ['commitment'], 'the answer is the commitment only');
  const commitment = r.body.commitment as string;
  assert.match(commitment, /^[0-9a-f]{64}$/);

  // The vault file and the checks file: no ID number, no address of the check in clear.
  const file = readFileSync(checksFile, 'utf8');
  for (const f of [ID_NUMBER, '幸福里', '朝阳区'])
    assert.equal(file.includes(f) || readFileSync(vaultFile, 'utf8').includes(f), false, `${f} in clear`);
  const lines = file
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, string>);
  assert.equal(lines.length, 1);
  assert.deepEqual(Object.keys(lines[0]!).sort(), ['commitment', 'nonce', 'resident', 'sealed']);
  assert.equal(lines[0]!.resident, 'res-1');
  assert.equal(lines[0]!.commitment, commitment);

  // Opened with the resident's own key from the vault: the salt, and the record as sent (by hand).
  const vaultKey = (JSON.parse(readFileSync(vaultFile, 'utf8')).keys as Record<string, string>)[
    'resident:res-1'
  ]!;
  const opened = openResidentCheck(
    client.suite,
    fromHex(vaultKey).slice(0, client.suite.aeadKeyLength),
    fromHex(lines[0]!.nonce!),
    'res-1',
    fromHex(lines[0]!.sealed!),
  );
  assert.ok(opened, 'the line opens under the vault key resident:res-1');
  assert.equal(opened.salt.length, 16);
  assert.equal(opened.org, 'c1');
  assert.equal(opened.clerk, 'm-sec');
  const record = { resident: 'res-1', address: 'ab'.repeat(20), checkedOn: chinaToday(), check: CHECK };
  assert.equal(residentCheckCommitment(client.suite, opened.salt, record), commitment);
  assert.equal(JSON.stringify(r.body).includes(toHex(opened.salt)), false, 'the salt is not answered');
  assert.equal(JSON.stringify(r.body).includes(ID_NUMBER), false);

  // The clerk puts only the commitment on chain.
  const bound = await commit(
    await signed('resident', 'bind', { id: 'res-1', org: 'c1', address: 'ab'.repeat(20), commitment }),
  );
  assert.equal(bound.receipt.status, 'ok', JSON.stringify(bound.receipt.error));
  const onChain = (await client.query('resident', 'resident', { id: 'res-1' })).result as {
    commitment: string;
  };
  assert.equal(onChain.commitment, commitment);

  // The clerk's hourly limit (2 at this service's start): a second, different check is sealed, a
  // third is refused and seals nothing.
  const second = await post(
    '/sealed/resident-check',
    await checkRequest(member, { check: `${CHECK}（复核）` }),
  );
  assert.equal(second.status, 200, JSON.stringify(second.body));
  const third = await post(
    '/sealed/resident-check',
    await checkRequest(member, { check: `${CHECK}（三核）` }),
  );
  assert.deepEqual([third.status, codeOf(third)], [429, 'SEALED_RESIDENT_CHECK_RATE_LIMITED']);
  assert.equal(readFileSync(checksFile, 'utf8').trim().split('\n').length, 2, 'two checks sealed in all');
});
