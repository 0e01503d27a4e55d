/**
 * Anchoring and a transfer between chains with real node processes (issue 19): two chains of one
 * validator each, started as `djchain start` processes. The street chain registers the community
 * chain (`djchain anchor register`), the community releases a member (`transfer.releaseOut`), the
 * relayer anchors the community's latest header on the street chain (`djchain anchor submit`: read
 * and verified by its light client of the community, verified again on chain), and the street
 * chain admits the member with the release and history proved against that anchored header
 * (`member.admitTransfer`), once — the replay is refused. The reclaim proof of a release the
 * receiver never admitted is built from the receiver and verified by hand (`djchain anchor reclaim`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decode, toHex } from '@djchain/crypto';
import { headerHash } from '@djchain/ledger';
import { decodeProof, verifyProof } from '@djchain/state';
import { djchain } from '@djchain/testkit/process';
import { reclaimProof, transferDossier } from '../src/commands/anchor.ts';
import {
  chainArgs,
  secretaryArgs,
  secretaryClient,
  startTestChain,
  type TestChain,
} from './commands-node.ts';

const utf8 = new TextEncoder();

describe('anchoring and a cross-chain transfer between two real nodes', () => {
  let street: TestChain;
  let community: TestChain;
  before(async () => {
    [street, community] = await Promise.all([
      startTestChain({ chainId: 'street-s', organizer: true }),
      startTestChain({ chainId: 'community-c', members: [{ id: 'm-x', org: 'b1' }] }),
    ]);
  });
  after(() => {
    street?.stop();
    community?.stop();
  });

  const anchorArgs = () => [
    '--child',
    community.url,
    '--child-genesis',
    community.genesisFile,
    ...chainArgs(street),
    ...secretaryArgs(street),
  ];

  it('registers the community chain, anchors its header, admits the released member once', async () => {
    const register = (keyFile: string) =>
      djchain([
        'anchor',
        'register',
        ...anchorArgs(),
        '--key',
        keyFile,
        '--name',
        '东风社区',
        '--interval',
        '60',
        '--lang',
        'en',
      ]);
    // The 书记 alone only proposes; the 组织委员's identical registration makes it.
    const proposed = register(street.keyFile);
    assert.equal(proposed.status, 0, proposed.stdout + proposed.stderr);
    assert.match(proposed.stdout, /Registration of child chain community-c proposed/);

    // The community's branch releases m-x to the street chain's b1.
    const released = djchain([
      'tx',
      'transfer.releaseOut',
      '--params',
      JSON.stringify({ id: 'x1', member: 'm-x', toChain: 'street-s', to: 'b1', reason: '居住地变更' }),
      ...chainArgs(community),
      ...secretaryArgs(community),
      '--lang',
      'en',
    ]);
    assert.equal(released.status, 0, released.stdout + released.stderr);

    // Nothing is anchored on one person's word; the 组织委员's identical registration makes it.
    const early = djchain(['anchor', 'submit', ...anchorArgs(), '--lang', 'en']);
    assert.equal(early.status, 1);
    assert.match(early.stdout, /ANCHOR_UNKNOWN_CHAIN/);
    const reg = register(street.organizerKeyFile);
    assert.equal(reg.status, 0, reg.stdout + reg.stderr);
    assert.match(
      reg.stdout,
      /Child chain community-c registered by two post holders \(trusting period 14 days\)/,
    );

    const sub = djchain(['anchor', 'submit', ...anchorArgs(), '--lang', 'en']);
    assert.equal(sub.status, 0, sub.stdout + sub.stderr);
    assert.match(sub.stdout, /Header \d+ of child chain community-c/);

    const c = await secretaryClient(community);
    const s = await secretaryClient(street);
    const height = (await c.client.status()).height;
    const header = await c.client.verifiedHeader(height);
    const latest = (await s.client.query('anchor', 'latest', { chain: 'community-c' })).result as {
      height: number;
      hash: string;
      stateRoot: string;
    };
    assert.equal(latest.height, height);
    assert.equal(latest.hash, toHex(headerHash(c.client.suite, header)));
    assert.equal(latest.stateRoot, toHex(header.stateRoot));

    // Anchoring the same height again is stale.
    const again = djchain(['anchor', 'submit', ...anchorArgs(), '--height', String(height), '--lang', 'en']);
    assert.equal(again.status, 1);
    assert.match(again.stdout, /ANCHOR_STALE/);

    const dossier = await transferDossier(c.client, 'x1', 'm-x', height);
    const admit = (id: string) =>
      s.client.send(
        {
          module: 'member',
          action: 'admitTransfer',
          params: { id, address: 'e'.repeat(38) + id.slice(-2), org: 'b1', ...dossier },
        },
        s.secretary,
      );
    const r = await admit('m-y01');
    assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
    const e = r.receipt.events.find((x) => x.type === 'member.TransferredIn')!;
    const old = await c.client.getState('hist/member:m-x', height);
    const head = decode(old.value!) as { head: Uint8Array };
    assert.equal((e.data as { fromHead: string }).fromHead, toHex(head.head));
    const member = (await s.client.query('member', 'member', { id: 'm-y01' })).result as { status: string };
    assert.equal(member.status, '正式党员');

    const replay = await admit('m-y02');
    assert.equal(replay.receipt.status, 'failed');
    assert.equal(replay.receipt.error?.code, 'MEMBER_TRANSFER_REPLAYED');

    // The reclaim proof (`djchain anchor reclaim`, for the sending chain): read from the receiver
    // and checked by the reader's light client. An admitted release has none; for one never
    // admitted, the proof shows the admission key absent under the receiver's state root — and it
    // proves nothing about the admitted one's key.
    const at = (await s.client.status()).height;
    await assert.rejects(reclaimProof(s.client, 'community-c', 'x1', at), (e) => {
      assert.equal((e as { code?: string }).code, 'CLI_ADMITTED');
      return true;
    });
    const none = await reclaimProof(s.client, 'community-c', 'x9', at);
    assert.equal(none.id, 'x9');
    assert.equal(none.height, at);
    const root = (await s.client.verifiedHeader(at)).stateRoot;
    const absent = (key: string) =>
      verifyProof((d) => s.client.suite.hash(d), root, utf8.encode(key), undefined, decodeProof(none.proof));
    assert.equal(absent('member/xin/community-c/x9'), true);
    assert.equal(absent('member/xin/community-c/x1'), false);
    // The command on the sending chain (community), which has no anchor of the street chain.
    const reclaim = djchain([
      'anchor',
      'reclaim',
      '--child',
      street.url,
      '--transfer',
      'x1',
      ...chainArgs(community),
      ...secretaryArgs(community),
      '--lang',
      'en',
    ]);
    assert.equal(reclaim.status, 1, reclaim.stdout + reclaim.stderr);
    assert.match(reclaim.stdout + reclaim.stderr, /holds no anchored header of receiving chain street-s/);

    const status = djchain(['anchor', 'status', ...chainArgs(street), '--lang', 'en']);
    assert.equal(status.status, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`community-c \\(东风社区\\)  latest anchored height ${height}`));
  });
});
