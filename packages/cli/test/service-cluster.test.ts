/**
 * The service centre end to end through real nodes (issue 17): four validator processes made by
 * `djchain init --orgs`, joined over p2p, each the demo's replay node (its clock moved by the test, so
 * blocks carry the test's dates as BFT time). Over the HTTP API with the SDK: the centre's clerk binds
 * two residents, sets a grid, registers one of them as a 双报到 member and puts a menu item; a resident
 * orders → the clerk dispatches (派单) → the 双报到 member accepts (接单) → completes with evidence →
 * the resident confirms and rates (评单). Every receipt is verified by the light client; the public
 * figures count the service; the member's statement (their account's dossier) verifies and lists it,
 * and is fetched from another validator too. Waits are bounded polls, never timings.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { type Action, addressOf, verifyServiceStatement } from '@djchain/client';
import { getSuite, type KeyPair, type Value } from '@djchain/crypto';
import { chinaTime } from '@djchain/modules';
import { CLUSTER_ORGS, startReplayCluster } from './replay-cluster.ts';

const suite = getSuite('intl');
const keyOf = (name: string): KeyPair =>
  suite.keyPairFromSeed(new Uint8Array(createHash('sha256').update(`djchain-service-e2e/${name}`).digest()));
const PEOPLE = ['c-sec', 'c-clerk', 'b-sec', 'b-m'] as const;
const key = Object.fromEntries(PEOPLE.map((p) => [p, keyOf(p)])) as Record<(typeof PEOPLE)[number], KeyPair>;
const resident = keyOf('res-1');
const volunteer = keyOf('res-v');
const SINCE = '2024-01-01';
const EVIDENCE = 'e1'.repeat(32);

test('order → dispatch → accept → done → rating through four real nodes; the 双报到 statement verifies', async (t) => {
  const {
    genesis: loaded,
    clientOf,
    client,
    on,
  } = await startReplayCluster(t, {
    chainId: 'service-e2e',
    suite,
    time: chinaTime('2025-03-01', 9),
    modules: {
      org: {
        orgs: CLUSTER_ORGS,
        posts: [
          { org: 'org0', member: 'c-sec', post: '书记', since: SINCE },
          { org: 'org0', member: 'c-clerk', post: '党务工作者', since: SINCE },
          { org: 'org1', member: 'b-sec', post: '书记', since: SINCE },
        ],
      },
      member: {
        members: PEOPLE.map((id) => ({
          id,
          org: id.startsWith('c-') ? 'org0' : 'org1',
          address: addressOf(suite, key[id].publicKey),
          status: '正式党员',
          since: '2010-07-01',
        })),
      },
    },
  });
  const ok = async (signer: KeyPair, module: string, action: string, params: Value) => {
    const r = await client.send({ module, action, params } as Action, signer, { timeoutMs: 120_000 });
    assert.equal(r.receipt.status, 'ok', `${module}.${action}: ${JSON.stringify(r.receipt.error)}`);
    return r;
  };
  const clerk = key['c-clerk'];

  // The centre sets up: two residents bound after the in-person check (commitments only), the
  // evidence photo's hash, a grid, a 双报到 registration and a menu item the registration provides.
  await on('2025-03-03');
  for (const [id, k] of [
    ['res-1', resident],
    ['res-v', volunteer],
  ] as const)
    await ok(clerk, 'resident', 'bind', {
      id,
      org: 'org0',
      address: addressOf(suite, k.publicKey),
      commitment: createHash('sha256').update(id).digest('hex'),
    });
  await ok(clerk, 'attachment', 'register', {
    hash: EVIDENCE,
    size: 2048,
    mediaType: 'image/jpeg',
    org: 'org0',
    scope: 'org',
  });
  await ok(clerk, 'service', 'setGrid', {
    id: 'grid-1',
    org: 'org0',
    name: '幸福里网格',
    branch: 'org1',
    leader: 'member:b-sec',
    members: ['member:b-m', 'resident:res-v'],
    households: 320,
    residents: 860,
  });
  await ok(clerk, 'service', 'register', {
    id: 'dsb-1',
    org: 'org0',
    kind: 'member',
    unit: '区税务局',
    accounts: ['resident:res-v'],
    homeOrg: 'tax-chain:b9',
    commitment: '每年为社区提供法律咨询不少于12小时',
    hoursPerYear: 12,
    document: EVIDENCE,
  });
  await ok(clerk, 'service', 'setItem', {
    id: 'law',
    org: 'org0',
    name: '法律咨询',
    kind: '法律咨询',
    provider: 'unit',
    providerRef: 'dsb-1',
    when: '每周二上午',
    where: '社区党群服务中心',
    capacity: 10,
    minutes: 45,
    open: true,
  });

  // The flow, one step a day: order, dispatch, accept, done with evidence, confirmed and rated.
  const ordered = await ok(resident, 'service', 'order', {
    id: 'o1',
    org: 'org0',
    item: 'law',
    grid: 'grid-1',
  });
  assert.deepEqual(
    ordered.receipt.events.map((e) => e.type),
    ['service.Ordered'],
  );
  await on('2025-03-04');
  const dispatched = await ok(clerk, 'service', 'dispatch', { order: 'o1', provider: 'resident:res-v' });
  assert.equal((dispatched.receipt.events[0]!.data as { late: boolean }).late, false);
  await on('2025-03-05');
  await ok(volunteer, 'service', 'accept', { order: 'o1' });
  await on('2025-03-06');
  await ok(volunteer, 'service', 'complete', { order: 'o1', evidence: EVIDENCE });
  const before = (await client.query('service', 'registration', { id: 'dsb-1' })).result as {
    served: { orders: number; minutes: number };
  };
  assert.deepEqual(before.served, { orders: 0, minutes: 0 }, 'nothing counts before the resident confirms');
  await on('2025-03-07');
  await ok(resident, 'service', 'confirm', { order: 'o1', rating: 5, review: '讲解清楚，很有帮助' });

  const order = (await client.query('service', 'order', { id: 'o1' })).result as {
    status: string;
    rating: number;
    acts: { act: string; on: string; late: boolean }[];
  };
  assert.equal(order.status, 'confirmed');
  assert.equal(order.rating, 5);
  assert.deepEqual(
    order.acts.map((a) => [a.act, a.on, a.late]),
    [
      ['order', '2025-03-03', false],
      ['dispatch', '2025-03-04', false],
      ['accept', '2025-03-05', false],
      ['complete', '2025-03-06', false],
      ['confirm', '2025-03-07', false],
    ],
  );
  const after = (await client.query('service', 'registration', { id: 'dsb-1' })).result as {
    served: { orders: number; minutes: number };
  };
  assert.deepEqual(after.served, { orders: 1, minutes: 45 });
  assert.deepEqual((await client.query('service', 'stats', {})).result, [
    { month: '2025-03', kind: '法律咨询', orders: 1, ratingSum: 5 },
  ]);

  // The statement for the member's own branch: their account's dossier, proved, from another node.
  const other = clientOf(2);
  const { bytes } = await other.getDossier('resident:res-v');
  const v = verifyServiceStatement(bytes, {
    suite,
    chainId: loaded.chainId,
    validatorSets: [loaded.validators],
  });
  assert.ok(v.ok, v.ok ? '' : String(v.error));
  assert.deepEqual(
    v.statement.services.map((s) => [s.order, s.kind, s.minutes, s.rating]),
    [['o1', '法律咨询', 45, 5]],
  );
  assert.equal(v.statement.minutes, 45);
});
