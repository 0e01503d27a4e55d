/**
 * The dues cycle end to end through real nodes (issue 14): four validator processes made by
 * `djchain init --orgs`, joined over p2p, each the demo's replay node (the same node as `djchain
 * start` whose clock the test moves to each date, so blocks carry those dates as BFT time and the
 * month close runs at real month boundaries). Over the HTTP API with the SDK: the organizer assesses
 * two members (one base sealed as a commitment), the clerk records a payment, a member reports one
 * and the clerk confirms it; one member then pays nothing for three months and the first block of
 * the fourth month warns; the branch remits (never above what it holds), the 党委 acknowledges and
 * remits on, the street 党工委 above the chain acknowledges. Every receipt is verified by the light
 * client; the warning is proved in the member's dossier, the remittance record by a state proof, and
 * another node serves the same proved receipt. The operation index and credit that the month closes
 * give (issue 18) are the same on all four validators and after a replay of the chain from genesis.
 * Waits are bounded polls, never timings.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Action, addressOf, type VerifiedReceipt } from '@djchain/client';
import { decode, getSuite, type KeyPair, type Value } from '@djchain/crypto';
import { chinaTime, duesBaseCommitment } from '@djchain/modules';
import { ChainStore, replayChain } from '@djchain/node';
import { Executor } from '@djchain/runtime';
import { indexCommand } from '../src/commands/indexer.ts';
import { openIndexDb } from '../src/indexer/db.ts';
import { chainModules } from '../src/modules.ts';
import { CLUSTER_ORGS, startReplayCluster } from './replay-cluster.ts';

const suite = getSuite('intl');
const keyOf = (name: string): KeyPair =>
  suite.keyPairFromSeed(new Uint8Array(createHash('sha256').update(`djchain-dues-e2e/${name}`).digest()));
const PEOPLE = ['c-sec', 'c-org', 'b-sec', 'b-org', 'b-clerk', 'm-a', 'm-b'] as const;
const key = Object.fromEntries(PEOPLE.map((p) => [p, keyOf(p)])) as Record<(typeof PEOPLE)[number], KeyPair>;
const street = keyOf('street');
const SINCE = '2024-01-01';

test('assess, pay, confirm, month close → warning, remit, acknowledgments: through four real nodes, proved', async (t) => {
  const member = (id: (typeof PEOPLE)[number]) => ({
    id,
    org: 'org1',
    address: addressOf(suite, key[id].publicKey),
    status: '正式党员',
    since: '2010-07-01',
  });
  const { clientOf, client, on, dirs, urls, genesis } = await startReplayCluster(t, {
    chainId: 'dues-e2e',
    suite,
    time: chinaTime('2025-01-02', 9),
    modules: {
      org: {
        orgs: CLUSTER_ORGS,
        posts: [
          { org: 'org0', member: 'c-sec', post: '书记', since: SINCE },
          { org: 'org0', member: 'c-org', post: '组织委员', since: SINCE },
          { org: 'org1', member: 'b-sec', post: '书记', since: SINCE },
          { org: 'org1', member: 'b-org', post: '组织委员', since: SINCE },
          { org: 'org1', member: 'b-clerk', post: '党务工作者', since: SINCE },
        ],
        superior: { name: '东风街道党工委', address: addressOf(suite, street.publicKey) },
      },
      member: { members: PEOPLE.map(member) },
    },
  });
  const send = async (signer: KeyPair, action: string, params: Value): Promise<VerifiedReceipt> =>
    client.send({ module: 'dues', action, params } as Action, signer, { timeoutMs: 120_000 });
  const ok = async (signer: KeyPair, action: string, params: Value) => {
    const r = await send(signer, action, params);
    assert.equal(r.receipt.status, 'ok', `${action}: ${JSON.stringify(r.receipt.error)}`);
    return r;
  };
  const refused = async (signer: KeyPair, action: string, params: Value, code: string) => {
    const r = await send(signer, action, params);
    assert.equal(r.receipt.status, 'failed', action);
    assert.equal(r.receipt.error?.code, code);
  };

  // January: the organizer assesses. m-a is salaried at 4500.00 元 → 1% = 45.00 元 (4500 fen); the
  // chain gets the commitment, never the base. m-b is retired at 3000.00 元 → 0.5% = 15.00 元.
  await on('2025-01-06');
  const salt = new Uint8Array(16).fill(9);
  const base = { member: 'm-a', group: '在职', from: '2025-01', base: 450_000 } as const;
  const commitment = duesBaseCommitment(suite, salt, base)!;
  await refused(
    key['b-org'],
    'assess',
    { member: 'm-a', group: '在职', from: '2025-01', fen: 2000, commitment },
    'DUES_WRONG_AMOUNT',
  );
  const assessed = await ok(key['b-org'], 'assess', {
    member: 'm-a',
    group: '在职',
    from: '2025-01',
    fen: 4500,
    commitment,
  });
  assert.ok(!JSON.stringify(assessed.receipt.events).includes('450000'), 'no base in the events');
  const baseB = { member: 'm-b', group: '离退休', from: '2025-01', base: 300_000 } as const;
  await ok(key['b-org'], 'assess', {
    member: 'm-b',
    group: '离退休',
    from: '2025-01',
    fen: 1500,
    commitment: duesBaseCommitment(suite, salt, baseB)!,
  });

  // The clerk records m-a's January; m-b reports January and the clerk confirms it.
  await on('2025-01-20');
  const payA = { id: 'pay-a-2025-01', member: 'm-a', months: ['2025-01'], fen: 4500, method: '现金' };
  await ok(key['b-clerk'], 'recordPayment', payA);
  await refused(key['b-clerk'], 'recordPayment', { ...payA, id: 'pay-a-again' }, 'DUES_ALREADY_PAID');
  const payB = (m: string) => ({
    id: `pay-b-${m}`,
    member: 'm-b',
    months: [m],
    fen: 1500,
    method: '转账',
    reference: `TX${m.replace('-', '')}`,
  });
  await ok(key['m-b'], 'reportPayment', payB('2025-01'));
  const confirmed = await ok(key['b-clerk'], 'confirmPayment', { id: 'pay-b-2025-01', accepted: true });
  assert.deepEqual(
    confirmed.receipt.events.map((e) => e.type),
    ['dues.PaymentConfirmed'],
  );

  // February to April: m-b pays each month, m-a nothing.
  for (const m of ['2025-02', '2025-03', '2025-04']) {
    await on(`${m}-20`);
    await ok(key['b-clerk'], 'recordPayment', payB(m));
  }
  // The first block of May closes April: m-a's three unpaid months raise the warning, proved in the
  // member's dossier (every event linked to the history head in a verified header's state).
  await on('2025-05-06');
  const { verdict } = await client.getDossier('member:m-a');
  const warnings = verdict.events.filter((e) => e.type === 'dues.ArrearsWarning');
  assert.equal(warnings.length, 1);
  assert.deepEqual((warnings[0]!.data as { months: string[] }).months, ['2025-02', '2025-03', '2025-04']);
  assert.match((warnings[0]!.data as { cite: string }).cite, /第十三条/);
  const ofB = await client.getDossier('member:m-b');
  assert.ok(!ofB.verdict.events.some((e) => e.type === 'dues.ArrearsWarning'), 'm-b paid: no warning');

  // Remittance: the branch holds 45.00 + 4 × 15.00 = 105.00 元; more is refused, that much is sent.
  await refused(
    key['b-clerk'],
    'remit',
    { id: 'remit-too-much', org: 'org1', fen: 10_501, period: '2025-H1' },
    'DUES_REMIT_EXCEEDS_HELD',
  );
  await ok(key['b-clerk'], 'remit', { id: 'remit-b-2025', org: 'org1', fen: 10_500, period: '2025-H1' });
  // The branch cannot acknowledge its own remittance; the 党委's organizer does.
  await refused(key['b-sec'], 'acknowledgeRemittance', { id: 'remit-b-2025' }, 'DUES_NOT_PERMITTED');
  const ack = await ok(key['c-org'], 'acknowledgeRemittance', { id: 'remit-b-2025' });
  // The 党委 sends it on to the street 党工委, which acknowledges it with the key genesis names.
  await ok(key['c-org'], 'remit', { id: 'remit-c-2025', org: 'org0', fen: 10_500, period: '2025-H1' });
  await ok(street, 'acknowledgeRemittanceAbove', { id: 'remit-c-2025' });

  // The records proved: the remittance's state entry against a verified header …
  const state = await client.getState('dues/m/remit-b-2025');
  const rec = decode(state.value!) as { status: string; fen: number; to: string; acknowledgedOn: string };
  assert.deepEqual(
    [rec.status, rec.fen, rec.to, rec.acknowledgedOn],
    ['acknowledged', 10_500, 'org0', '2025-05-06'],
  );
  // … and the acknowledgment's receipt served by another validator, proved by its own light client.
  const other = clientOf(3);
  const again = await other.getReceipt(ack.hash);
  assert.equal(again.status, 'committed');
  if (again.status === 'committed') {
    assert.equal(again.height, ack.height);
    assert.deepEqual(again.receipt.events, ack.receipt.events);
  }
  // The books balance: collected = remitted + held, for the branch and the 党委.
  const books = async (org: string) =>
    (await client.query('dues', 'books', { org })).result as {
      collected: number;
      received: number;
      remitted: number;
      held: number;
    };
  const b = await books('org1');
  assert.deepEqual([b.collected, b.received, b.remitted, b.held], [10_500, 0, 10_500, 0]);
  const c = await books('org0');
  assert.deepEqual([c.collected, c.received, c.remitted, c.held], [0, 10_500, 10_500, 0]);
  // The books month by month (dues.ledger), worked by hand: the branch collected 45.00 + 15.00 in
  // January, 15.00 in each of February to April, and sent 105.00 in May; the 党委 received it and
  // sent it on in May. Each month's figure drills down to its records.
  const ledger = async (org: string) =>
    (await client.query('dues', 'ledger', { org, year: 2025 })).result as {
      openingHeld: number;
      months: {
        month: string;
        collected: number;
        received: number;
        remitted: number;
        held: number;
        payments: string[];
        remittances: string[];
      }[];
    };
  const lb = await ledger('org1');
  assert.equal(lb.openingHeld, 0);
  assert.deepEqual(
    lb.months.slice(0, 6).map((m) => [m.month, m.collected, m.received, m.remitted, m.held]),
    [
      ['2025-01', 6000, 0, 0, 6000],
      ['2025-02', 1500, 0, 0, 7500],
      ['2025-03', 1500, 0, 0, 9000],
      ['2025-04', 1500, 0, 0, 10_500],
      ['2025-05', 0, 0, 10_500, 0],
      ['2025-06', 0, 0, 0, 0],
    ],
  );
  assert.deepEqual(lb.months[0]!.payments, ['pay-a-2025-01', 'pay-b-2025-01']);
  assert.deepEqual(lb.months[4]!.remittances, ['remit-b-2025']);
  const lc = await ledger('org0');
  assert.deepEqual(
    [lc.months[4]!.received, lc.months[4]!.remitted, lc.months[4]!.held, lc.months[4]!.remittances],
    [10_500, 10_500, 0, ['remit-b-2025', 'remit-c-2025']],
  );

  // The operation index and credit (issue 18) are state each validator computes by itself at the
  // month close: asked of all four at one height they are the same, and they tell the story above.
  const at = (await client.status()).height;
  for (const i of [1, 2, 3])
    for (let tries = 0; tries < 600 && (await clientOf(i).status()).height < at; tries++)
      await new Promise((r) => setTimeout(r, 100));
  const insight = async (i: number, name: string, params: Value) =>
    (await clientOf(i).query('insight', name, params, at)).result;
  const asked = await Promise.all(
    [0, 1, 2, 3].map(async (i) => ({
      march: await insight(i, 'period', { org: 'org1', period: '2025-03' }),
      quarter: await insight(i, 'period', { org: 'org0', period: '2025-Q1' }),
      history: await insight(i, 'history', { org: 'org1' }),
      creditA: await insight(i, 'credit', { member: 'm-a', year: 2025 }),
      creditB: await insight(i, 'credit', { member: 'm-b', year: 2025 }),
      orgCredit: await insight(i, 'orgCredit', { org: 'org1', year: 2025 }),
    })),
  );
  for (const i of [1, 2, 3]) assert.deepEqual(asked[i], asked[0], `validator ${i} at height ${at}`);
  type Credit = { total: number; entries: { kind: string; on: string; points: number }[] };
  const points = (c: unknown) => (c as Credit).entries.map((e) => [e.kind, e.on, e.points]);
  // Closed months January to April: m-a paid January on time and nothing after; m-b every month.
  assert.deepEqual(points(asked[0]!.creditA), [
    ['duesOnTime', '2025-01', 1],
    ['duesUnpaid', '2025-02', -1],
    ['duesUnpaid', '2025-03', -1],
    ['duesUnpaid', '2025-04', -1],
  ]);
  assert.equal((asked[0]!.creditA as Credit).total, -2);
  assert.deepEqual(points(asked[0]!.creditB), [
    ['duesOnTime', '2025-01', 1],
    ['duesOnTime', '2025-02', 1],
    ['duesOnTime', '2025-03', 1],
    ['duesOnTime', '2025-04', 1],
  ]);
  // March in the branch's index: m-a is not accounted for in dues, m-b is.
  type Missing = { member: string; items: string[] }[];
  const march = (asked[0]!.march as { people: { missing: Missing } }).people.missing;
  assert.ok(march.find((p) => p.member === 'm-a')?.items.includes('dues'), JSON.stringify(march));
  assert.ok(!march.find((p) => p.member === 'm-b')?.items.includes('dues'), JSON.stringify(march));
  assert.deepEqual(
    (asked[0]!.history as { period: string }[]).map((r) => r.period),
    ['2025-01', '2025-02', '2025-03', '2025-04'],
  );

  // And after a replay: node 1's blocks executed again from genesis into a new file (each block's
  // state root checked as it goes), then the same records read there — the index records as bytes
  // against node 0's state proofs, the credit as the same module query over the replayed state.
  const source = new ChainStore({ file: join(dirs[1]!, 'chain.db'), suite });
  const replayFile = join(dirs[1]!, 'replay-check.db');
  try {
    replayChain(source.blocks, { genesis, modules: chainModules, file: replayFile });
  } finally {
    source.close();
  }
  const replayed = new ChainStore({ file: replayFile, suite });
  try {
    for (const key of ['insight/x/org1/2025-03', 'insight/x/org0/2025-Q1', 'insight/closed']) {
      const proved = await client.getState(key, at);
      assert.ok(proved.value !== undefined, key);
      assert.deepEqual(replayed.view(at).get(key), proved.value, key);
    }
    const executor = new Executor({ chainId: genesis.chainId, suite, modules: chainModules });
    const time = replayed.blocks.getHeader(at)!.time;
    for (const [member, seen] of [
      ['m-a', asked[0]!.creditA],
      ['m-b', asked[0]!.creditB],
    ] as const) {
      const r = executor.query('insight', 'credit', { member, year: 2025 }, replayed.view(at), at, time);
      assert.ok(r.ok);
      assert.deepEqual(JSON.parse(JSON.stringify(r.value)), seen, member);
    }
  } finally {
    replayed.close();
  }

  // The indexer (issue 19) reads the same records by state proofs into PostgreSQL (PGlite here):
  // org0 and org1 for January to April, and both for the first quarter — 10 records, each row the
  // chain's own figures.
  const indexDir = join(dirs[0]!, 'index-check');
  const indexOnce = async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (x: string) => out.push(x), err: (x: string) => err.push(x), env: {}, errIsTTY: false };
    const args = ['--node', urls[0]!, '--genesis', join(dirs[0]!, 'genesis.json'), '--db', indexDir];
    const code = await indexCommand([...args, '--token-file', join(dirs[0]!, 'api-token'), '--once'], io);
    assert.equal(code, 0, err.join(''));
    return out.join('\n');
  };
  assert.match(await indexOnce(), /条事件，10 条运行指数记录）/);
  // Again: the month cursor is at April, nothing is read twice.
  assert.match(await indexOnce(), /条事件，0 条运行指数记录）/);
  const db = await openIndexDb(indexDir);
  try {
    const rows = (
      await db.query(
        `SELECT org, period, every, rules, overall, level, people, items, links, people_missing, items_missing, links_missing
       FROM index_values ORDER BY org, period`,
      )
    ).rows as Record<string, unknown>[];
    assert.deepEqual(
      rows.map((r) => `${r.org} ${r.period}`),
      [
        'org0 2025-01',
        'org0 2025-02',
        'org0 2025-03',
        'org0 2025-04',
        'org0 2025-Q1',
        'org1 2025-01',
        'org1 2025-02',
        'org1 2025-03',
        'org1 2025-04',
        'org1 2025-Q1',
      ],
    );
    type History = {
      period: string;
      rules: string;
      overall: number;
      level: string;
      people: number;
      items: number;
      links: number;
      missing: { people: number; items: number; links: number };
    };
    for (const org of ['org0', 'org1']) {
      for (const every of ['month', 'quarter'] as const) {
        const chain = (await client.query('insight', 'history', { org, every })).result as History[];
        assert.deepEqual(
          rows
            .filter((r) => r.org === org && r.every === every)
            .map((r) => ({ ...r, org: undefined, every: undefined })),
          chain.map((h) => ({
            org: undefined,
            every: undefined,
            period: h.period,
            rules: h.rules,
            overall: h.overall,
            level: h.level,
            people: h.people,
            items: h.items,
            links: h.links,
            people_missing: h.missing.people,
            items_missing: h.missing.items,
            links_missing: h.missing.links,
          })),
          `${org} ${every}`,
        );
      }
    }
  } finally {
    await db.close();
  }
});
