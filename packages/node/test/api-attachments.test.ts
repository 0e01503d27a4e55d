/**
 * Attachments through the real API (buildApi over a real node with the Party modules, on a socket,
 * called with the SDK): registered on chain then uploaded in one flow; read by the readers the
 * scope names and refused to an outsider with a coded reason (READ_FORBIDDEN naming the attachment)
 * and to an anonymous reader (AUTH_REQUIRED); uploads that are not the registered content refused;
 * the node's size limit; the SDK catches bytes that do not hash to the hash. Privacy: the content
 * never appears in the chain's database files nor in the node's log.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it, type TestContext } from 'node:test';
import { DjchainClient, HttpError, isClientError, ROUTES } from '@djchain/client';
import { getSuite, type KeyPair } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import { allModules } from '@djchain/modules';
import { fullMember } from '@djchain/testkit/community';
import { buildApi, createLog, openNode } from '../src/index.ts';
import { communityGenesis, memberKey } from './community.ts';
import { CHAIN, keyOf, tempDir } from './helpers.ts';

const suite = getSuite('intl');
const OPERATOR = 'operator-token-of-the-attachment-tests-0123456789';
/** A marker no chain data or log line may ever contain. */
const MINUTES = new TextEncoder().encode('MINUTES-7f3a 第一党支部党员大会记录：议题一、学习贯彻……（正文）');

async function community(t: TestContext, maxBytes?: number, orgId = 'c1') {
  const dir = tempDir(t);
  const key = keyOf(suite, 0);
  const genesis = communityGenesis(suite, [{ key, power: 1, orgId, name: `${orgId} 的节点` }]);
  const members = (genesis.modules as { member: { members: unknown[] } }).member.members;
  for (const [id, org] of [
    ['b1.m1', 'b1'],
    ['b1.m2', 'b1'],
  ] as const)
    members.push(fullMember(id, org, addressOf(suite, memberKey(suite, id).publicKey)));
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const node = openNode(
    {
      dataDir: dir,
      genesis,
      modules: allModules,
      driver: { emptyBlockIntervalMs: 20 },
      ...(maxBytes ? { attachments: { maxBytes } } : {}),
    },
    { key, log: createLog('debug', sink) },
  );
  const api = buildApi(node, { operatorToken: OPERATOR });
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await api.close();
    node.close();
  };
  t.after(close);
  const client = (opts: { token?: string; fetch?: typeof fetch } = {}) =>
    new DjchainClient({
      baseUrl: url,
      suite,
      chainId: CHAIN,
      trust: { kind: 'genesis', validators: genesis.validators },
      ...opts,
    });
  const as = async (name: string) => {
    const c = client();
    await c.signIn(memberKey(suite, name));
    return c;
  };
  return { dir, node, client, as, lines, close };
}

const code = (e: unknown) => (e instanceof HttpError ? e.apiCode : (e as { code?: string }).code);

describe('attachments through the API', () => {
  it('put at one flow; readers read; an outsider and an anonymous reader are refused with codes', async (t) => {
    const { dir, client, as, lines, close } = await community(t);
    const sec = memberKey(suite, 'b1.sec');
    const writer = client();
    const put = await writer.putAttachment(
      MINUTES,
      { org: 'b1', scope: 'org', mediaType: 'text/plain' },
      sec,
    );
    assert.equal(put.receipt?.receipt.status, 'ok');
    assert.equal(put.stored, true);
    const record = await writer.attachment(put.hash);
    assert.equal(record?.size, MINUTES.length);
    assert.equal(record?.scope, 'org');

    // Readers: the branch's member, the 党委's 书记 (above), the operator.
    for (const name of ['b1.m1', 'c1.sec'])
      assert.deepEqual(await (await as(name)).getAttachment(put.hash), MINUTES, name);
    assert.deepEqual(await client({ token: OPERATOR }).getAttachment(put.hash), MINUTES);

    // Another branch's 书记: refused, the reason coded and naming the attachment; the record too.
    const outsider = await as('b2.sec');
    await assert.rejects(outsider.getAttachment(put.hash), (e) => {
      assert.equal(code(e), 'READ_FORBIDDEN');
      assert.equal((e as HttpError).status, 403);
      assert.deepEqual((e as HttpError).details.details, { what: `attachment:${put.hash}` });
      return true;
    });
    await assert.rejects(outsider.attachment(put.hash), (e) => code(e) === 'READ_FORBIDDEN');
    await assert.rejects(client().getAttachment(put.hash), (e) => code(e) === 'AUTH_REQUIRED');
    // Nothing registered under a hash: its own code.
    await assert.rejects(
      client({ token: OPERATOR }).getAttachment('0'.repeat(64)),
      (e) => code(e) === 'ATTACHMENT_NOT_FOUND',
    );

    // Privacy: the content is in the attachment store only — not in chain.db (blocks, state,
    // receipts) nor in any log line; the hash is.
    await close();
    const marker = Buffer.from('MINUTES-7f3a');
    for (const f of ['chain.db', 'chain.db-wal']) {
      const p = join(dir, f);
      if (existsSync(p)) assert.equal(readFileSync(p).indexOf(marker), -1, `${f} holds no content`);
    }
    assert.ok(
      readFileSync(join(dir, 'chain.db')).indexOf(Buffer.from(put.hash)) >= 0,
      'the hash is on chain',
    );
    assert.ok(
      lines.some((l) => l.includes(put.hash)),
      'the log names the hash',
    );
    assert.ok(
      !lines.some((l) => l.includes('MINUTES-7f3a') || l.includes('党员大会记录')),
      'no content logged',
    );
  });

  it('scopes: public to anyone; members to the named only (and the posts above)', async (t) => {
    const { client, as } = await community(t);
    const sec = memberKey(suite, 'b1.sec');
    const notice = new TextEncoder().encode('党务公开：2025 年党费收缴情况');
    const pub = await client().putAttachment(notice, { org: 'b1', scope: 'public' }, sec);
    assert.deepEqual(await client().getAttachment(pub.hash), notice, 'anonymous reads a public one');
    const talk = new TextEncoder().encode('谈心谈话记录（要点）');
    const named = await client().putAttachment(
      talk,
      { org: 'b1', scope: 'members', members: ['b1.m2'] },
      sec,
    );
    assert.deepEqual(await (await as('b1.m2')).getAttachment(named.hash), talk);
    assert.deepEqual(await (await as('c1.sec')).getAttachment(named.hash), talk);
    await assert.rejects((await as('b1.m1')).getAttachment(named.hash), (e) => code(e) === 'READ_FORBIDDEN');
  });

  it('an upload that is not the registered content is refused, nothing kept', async (t) => {
    const { node, client } = await community(t);
    const sec = memberKey(suite, 'b1.sec');
    const writer = client();
    await writer.signIn(sec);
    const send = (params: Record<string, unknown>) =>
      writer.send({ module: 'attachment', action: 'register', params: params as never }, sec);
    const { attachmentHash } = await import('@djchain/client');
    const hash = attachmentHash(MINUTES);
    const r = await send({ hash, size: MINUTES.length, mediaType: 'text/plain', org: 'b1', scope: 'org' });
    assert.equal(r.receipt.status, 'ok');
    const forged = new Uint8Array(MINUTES);
    forged[5] = forged[5]! ^ 0xff;
    const upload = (body: Uint8Array) => writer.call(ROUTES.attachmentPut, { params: { hash }, body });
    await assert.rejects(upload(forged), (e) => code(e) === 'ATTACHMENT_HASH_MISMATCH');
    await assert.rejects(upload(MINUTES.slice(1)), (e) => code(e) === 'ATTACHMENT_SIZE_MISMATCH');
    assert.equal(node.attachments.store.has(hash), false);
    await assert.rejects(writer.getAttachment(hash), (e) => code(e) === 'ATTACHMENT_UNAVAILABLE');
    // Content for a hash nobody registered is not taken either.
    const other = new TextEncoder().encode('未登记的文件');
    await assert.rejects(
      writer.call(ROUTES.attachmentPut, { params: { hash: attachmentHash(other) }, body: other }),
      (e) => code(e) === 'ATTACHMENT_NOT_FOUND',
    );
    assert.deepEqual(node.attachments.store.list(), []);
    // The real content is then accepted.
    assert.deepEqual(await upload(MINUTES), { hash, size: MINUTES.length, stored: true });
  });

  it("the node's size limit: a clear coded refusal naming the limit", async (t) => {
    const { client } = await community(t, 1024);
    const big = new Uint8Array(2000).fill(0x41);
    const sec: KeyPair = memberKey(suite, 'b1.sec');
    await assert.rejects(client().putAttachment(big, { org: 'b1', scope: 'org' }, sec), (e) => {
      assert.equal(code(e), 'ATTACHMENT_TOO_LARGE');
      assert.deepEqual((e as HttpError).details.details, { size: 2000, limit: 1024 });
      return true;
    });
  });

  it('a node whose organization may not keep the attachment refuses its content', async (t) => {
    // This node is run by branch b2: b1's minutes (scope org) are not its to keep; a public one is.
    const { node, client } = await community(t, undefined, 'b2');
    const sec = memberKey(suite, 'b1.sec');
    await assert.rejects(client().putAttachment(MINUTES, { org: 'b1', scope: 'org' }, sec), (e) => {
      assert.equal(code(e), 'ATTACHMENT_WRONG_NODE');
      assert.deepEqual((e as HttpError).details.details, { org: 'b2' });
      return true;
    });
    assert.deepEqual(node.attachments.store.list(), []);
    const pub = await client().putAttachment(
      new TextEncoder().encode('公开通知'),
      { org: 'b1', scope: 'public' },
      sec,
    );
    assert.equal(pub.stored, true);
  });

  it('the SDK verifies the hash of what it downloads: altered bytes are refused', async (t) => {
    const { client } = await community(t);
    const put = await client().putAttachment(
      MINUTES,
      { org: 'b1', scope: 'public' },
      memberKey(suite, 'b1.sec'),
    );
    // Something between the node and the reader alters the answer (a lying node or proxy).
    const tampering: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/v1/attachments/')) return res;
      const bytes = new Uint8Array(await res.arrayBuffer());
      bytes[0] = bytes[0]! ^ 1;
      return new Response(bytes, { status: res.status, headers: res.headers });
    };
    await assert.rejects(client({ fetch: tampering }).getAttachment(put.hash), (e) =>
      isClientError(e, 'CLIENT_ATTACHMENT_MISMATCH'),
    );
  });
});
