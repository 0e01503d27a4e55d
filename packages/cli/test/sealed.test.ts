/**
 * The trace is the gate (issue 10): personal fields leave the sealed-data service (`djchain sealed
 * serve`, a real process) only for a read record committed on chain, signed by the reader, naming
 * exactly the member and fields, used once and recently; `djchain export` leaves one trace per
 * member; `djchain vault erase` makes one member's profile unopenable while the chain and the
 * dossier stay as they were.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DjchainClient, type SignedTx, sealedReadRequest } from '@djchain/client';
import { idCheckChar } from '@djchain/client/roster';
import type { KeyPair, Value } from '@djchain/crypto';
import { djchain, type Spawned } from '@djchain/testkit/process';
import ExcelJS from 'exceljs';
import { loadGenesis } from '../src/commands/common.ts';
import { lastLines, openLine, openVault } from '../src/commands/vault.ts';
import {
  chainArgs,
  importArgs,
  secretaryArgs,
  secretaryClient,
  signedTx,
  startSealed,
  startTestChain,
  type TestChain,
  writeRoster,
} from './commands-node.ts';

function idFor(birth: string, male: boolean): string {
  const first17 = `110105${birth.replaceAll('-', '')}01${male ? 1 : 2}`;
  return first17 + idCheckChar(first17);
}

const ROWS: Record<string, string>[] = [
  {
    姓名: '张三',
    性别: '男',
    出生日期: '1970-05-06',
    身份证号: idFor('1970-05-06', true),
    民族: '汉族',
    入党日期: '1995-07-01',
    转正日期: '1996-07-01',
    所在支部: '第一党支部',
    人员类别: '正式党员',
    联系电话: '13912345678',
  },
  {
    姓名: '李四',
    性别: '女',
    出生日期: '1990-02-03',
    身份证号: idFor('1990-02-03', false),
    民族: '回族',
    入党日期: '2025-06-01',
    所在支部: 'b2',
    人员类别: '预备党员',
  },
];

let chain: TestChain;
let service: Spawned;
let client: DjchainClient;
let reader: KeyPair;
let vaultFile: string;
let profilesFile: string;
/** Member ids of 张三 and 李四 (from the vault's salt). */
let zhang: string;
let li: string;

before(async () => {
  chain = await startTestChain();
  vaultFile = join(chain.root, 'vault.json');
  profilesFile = join(chain.root, 'profiles.jsonl');
  const roster = join(chain.root, 'roster.xlsx');
  await writeRoster(roster, ROWS);
  const imp = djchain(importArgs(chain, roster, profilesFile));
  assert.equal(imp.status, 0, imp.stdout + imp.stderr);
  // The test's own reads (receipts, records, dossiers) as the secretary.
  const opened = await secretaryClient(chain);
  ({ client, secretary: reader } = opened);
  const { genesis } = opened;
  const suite = client.suite;
  const { vault } = openVault(vaultFile, genesis.chainId, suite);
  const byName = new Map<string, string>();
  for (const l of lastLines(profilesFile).values()) byName.set(openLine(suite, vault, l)!.name, l.member);
  zhang = byName.get('张三')!;
  li = byName.get('李四')!;
  assert.ok(zhang && li);
  service = await startSealed(chain, vaultFile, profilesFile);
});

after(() => {
  service?.stop();
  chain?.stop();
});

/** A signed read record (not submitted). */
async function sign(params: Value, key: KeyPair = reader, nonceOffset = 0): Promise<SignedTx> {
  return signedTx(client, key, 'member', 'recordProfileRead', params, nonceOffset);
}

/** Signs, submits and waits for a read record to commit. */
async function record(member: string, fields: string[] | undefined, purpose = '年度核对'): Promise<SignedTx> {
  const tx = await sign(fields === undefined ? { member, purpose } : { member, purpose, fields });
  const [r] = await client.submit([tx]);
  assert.ok(r?.accepted, JSON.stringify(r));
  const committed = await client.waitForReceipt(tx.hash);
  assert.equal(committed.receipt.status, 'ok', JSON.stringify(committed.receipt.error));
  return tx;
}

async function ask(
  url: string,
  tx: SignedTx,
  key: KeyPair = reader,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/sealed/read`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sealedReadRequest(client.suite, client.chainId, tx, key.secretKey)),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const codeOf = (r: { body: Record<string, unknown> }) =>
  (r.body.error as { code?: string } | undefined)?.code;

test('a read without a committed record is refused', async () => {
  const never = await sign({ member: zhang, purpose: '核对', fields: ['name'] });
  const r = await ask(service.url, never);
  assert.equal(r.status, 404);
  assert.equal(codeOf(r), 'SEALED_NO_RECORD');
  assert.equal(JSON.stringify(r.body).includes('张三'), false);
});

test('a committed record releases exactly its member and fields, once, to its signer only', async () => {
  const tx = await record(zhang, ['name', 'phone']);
  const stranger = client.suite.keyPairFromSeed(new Uint8Array(32).fill(9));
  const wrongKey = await ask(service.url, tx, stranger);
  assert.equal(wrongKey.status, 403);
  assert.equal(codeOf(wrongKey), 'SEALED_BAD_SIGNATURE');

  const r = await ask(service.url, tx);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.fields, { name: '张三', phone: '13912345678' });
  assert.equal(r.body.member, zhang);
  const rec = r.body.record as { txHash: string; height: number; reader: string; purpose: string };
  assert.equal(rec.txHash, tx.hash);
  assert.equal(rec.height, ((await client.getReceipt(tx.hash)) as { height: number }).height);
  assert.equal(rec.reader, chain.address);
  assert.equal(rec.purpose, '年度核对');

  const replay = await ask(service.url, tx);
  assert.equal(replay.status, 409);
  assert.equal(codeOf(replay), 'SEALED_RECORD_USED');
});

test('a record for other fields or another member does not release', async () => {
  const forLi = await record(li, ['name']);
  // The same request re-aimed at another member or at more fields is a different transaction,
  // validly signed but never committed: nothing is released.
  const otherMember = await sign({ member: zhang, purpose: '年度核对', fields: ['name'] }, reader, 1);
  const moreFields = await sign({ member: li, purpose: '年度核对', fields: ['idNumber', 'name'] }, reader, 1);
  for (const tx of [otherMember, moreFields]) {
    const r = await ask(service.url, tx);
    assert.equal(codeOf(r), 'SEALED_NO_RECORD');
  }
  // A trace without fields releases nothing either.
  const traceOnly = await record(li, undefined);
  assert.equal(codeOf(await ask(service.url, traceOnly)), 'SEALED_NOT_A_READ_RECORD');
  // The committed record still gives exactly what it names: 李四's name, nothing else.
  const r = await ask(service.url, forLi);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.fields, { name: '李四' });
});

test('a record older than the validity window is refused', async () => {
  const strict = await startSealed(chain, vaultFile, profilesFile, [
    '--validity',
    '1',
    '--used',
    join(chain.root, 'strict.used'),
  ]);
  try {
    const old = await record(zhang, ['name']);
    await record(li, undefined);
    await record(li, undefined);
    const r = await ask(strict.url, old);
    assert.equal(r.status, 410);
    assert.equal(codeOf(r), 'SEALED_RECORD_EXPIRED');
  } finally {
    strict.stop();
  }
});

test('export roster reads names through the service and leaves one trace per member', async () => {
  const out = join(chain.root, 'roster.out.xlsx');
  const exp = djchain([
    'export',
    'roster',
    '--out',
    out,
    ...chainArgs(chain),
    '--root',
    'c1',
    '--sealed',
    service.url,
    ...secretaryArgs(chain),
    '--purpose',
    '换届前核对名册',
  ]);
  assert.equal(exp.status, 0, exp.stdout + exp.stderr);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const names: string[] = [];
  wb.worksheets[0]!.eachRow((row) => names.push(String((row.values as unknown[])[3] ?? '')));
  assert.ok(names.includes('张三') && names.includes('李四'), names.join(','));
  for (const member of ['m-sec', zhang, li]) {
    const { verdict } = await client.getDossier(`member:${member}`);
    const traces = verdict.events.filter(
      (e) => e.type === 'member.ProfileRead' && (e.data as { purpose?: string }).purpose === '换届前核对名册',
    );
    assert.equal(traces.length, 1, member);
    assert.equal((traces[0]!.data as { by?: string }).by, 'm-sec');
  }
  // The old direct read of the vault is refused with the way to do it now.
  const old = djchain([
    'export',
    'roster',
    '--out',
    out,
    ...chainArgs(chain),
    '--vault',
    vaultFile,
    '--profiles',
    profilesFile,
  ]);
  assert.equal(old.status, 1);
  assert.match(old.stderr + old.stdout, /--sealed/);
});

/** GET /sealed/names with a node session token (or none). */
async function names(query: string, token?: string) {
  const res = await fetch(`${service.url}/sealed/names?${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('names go to readers the node entitles, by its read rules, and no other field', async () => {
  const token = client.session()!.token;
  // The secretary of c1 (the community) reads the whole roster's names.
  const all = await names('org=c1', token);
  assert.equal(all.status, 200, JSON.stringify(all.body));
  assert.deepEqual(all.body.names, { [zhang]: '张三', [li]: '李四' });
  assert.deepEqual(Object.keys(all.body).sort(), ['height', 'names']);
  // One branch: only its own people.
  assert.deepEqual((await names('org=b2', token)).body.names, { [li]: '李四' });
  assert.deepEqual((await names(`member=${zhang}`, token)).body.names, { [zhang]: '张三' });
  // Without a session: refused before anything is opened.
  const anon = await names('org=b1');
  assert.equal(anon.status, 401);
  assert.equal(codeOf(anon), 'SEALED_AUTH_REQUIRED');
  // A signed-in key that is nobody's post holder: the node's read rules refuse, so does the service.
  const { getSuite, randomKeyPair } = await import('@djchain/crypto');
  const other = new DjchainClient({
    baseUrl: chain.url,
    suite: client.suite,
    chainId: client.chainId,
    trust: { kind: 'genesis', validators: loadGenesis(chain.genesisFile).validators },
  });
  await other.signIn(randomKeyPair(getSuite(client.suite.id)));
  const stranger = await names('org=b1', other.session()!.token);
  assert.equal(stranger.status, 403);
  assert.equal(codeOf(stranger), 'SEALED_READ_FORBIDDEN');
  assert.equal((await names(`member=${li}`, other.session()!.token)).status, 403);
  // A malformed request.
  assert.equal((await names('org=c1&member=x', token)).status, 400);
  assert.equal((await names('', token)).status, 400);
});

test('erasing a member destroys their key: the profile no longer opens, the chain and dossier are unchanged', async () => {
  const before = await client.status();
  const onChain = (await client.query('member', 'member', { id: zhang })).result as {
    profileCommitment?: string;
  };
  const keyHex = (JSON.parse(readFileSync(vaultFile, 'utf8')) as { keys: Record<string, string> }).keys[
    zhang
  ]!;
  assert.match(keyHex, /^[0-9a-f]{64}$/);

  const erased = djchain(['vault', 'erase', `member:${zhang}`, '--vault', vaultFile]);
  assert.equal(erased.status, 0, erased.stdout + erased.stderr);
  const text = readFileSync(vaultFile, 'utf8');
  assert.equal(text.includes(keyHex), false, 'the key is gone from the key store');

  // Nothing was sent to the chain; the commitment is still there and the dossier still verifies.
  assert.equal((await client.status()).height, before.height);
  const after = (await client.query('member', 'member', { id: zhang })).result as {
    profileCommitment?: string;
  };
  assert.equal(after.profileCommitment, onChain.profileCommitment);
  const { verdict } = await client.getDossier(`member:${zhang}`);
  assert.equal(verdict.ok, true);

  // The sealed line is still in the file but cannot be opened, by the service or anyone with the vault.
  const { vault } = openVault(vaultFile, client.chainId, client.suite);
  assert.equal(openLine(client.suite, vault, lastLines(profilesFile).get(zhang)!), null);
  const r = await ask(service.url, await record(zhang, ['name']));
  assert.equal(r.status, 410);
  assert.equal(codeOf(r), 'SEALED_ERASED');
  // Other members are untouched.
  const other = await ask(service.url, await record(li, ['name']));
  assert.deepEqual(other.body.fields, { name: '李四' });
  // The names of the lists go with the key at once.
  assert.deepEqual((await names('org=c1', client.session()!.token)).body.names, { [li]: '李四' });
});
