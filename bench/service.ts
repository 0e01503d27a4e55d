/**
 * `service_order_p99_ms`: a resident's order to the centre's dispatched record (issue 17), through
 * four real validator processes (`djchain init --orgs`, `djchain start`). Orders one at a time, as a
 * community's service centre receives them (the demo's load: tens a month, never concurrent): the
 * resident's signed order is submitted and its receipt committed and verified by the light client,
 * then the clerk's dispatch likewise; the figure is the time from the order's submission to the
 * dispatch's verified receipt — the chain's share of 派单, two commits (the clerk's reading time is
 * not the chain's). p50 and p99 (nearest rank) over `orders`.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDir } from '@djchain/cli';
import { type Action, addressOf, DjchainClient } from '@djchain/client';
import { getSuite, type KeyPair, type Value } from '@djchain/crypto';
import { initConsortium, shareGenesis } from '@djchain/testkit/consortium';
import { sleep } from '@djchain/testkit/ports';
import { type NodeProcess, startNode } from './proc.ts';

const SINCE = '2024-01-01';

function rank(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function benchService(
  log: (line: string) => void,
  opts: { orders: number },
): Promise<Record<string, number>> {
  const suite = getSuite('intl');
  const keyOf = (name: string): KeyPair =>
    suite.keyPairFromSeed(
      new Uint8Array(createHash('sha256').update(`djchain-bench-service/${name}`).digest()),
    );
  const clerk = keyOf('c-clerk');
  const sec = keyOf('c-sec');
  const resident = keyOf('res-1');
  const root = mkdtempSync(join(tmpdir(), 'djbench-service-'));
  const nodes: NodeProcess[] = [];
  try {
    const { dirs } = await initConsortium(root, 'bench-service', ['committee', 'branch', 'branch', 'branch']);
    const genesisFile = join(dirs[0]!, 'genesis.json');
    const genesis = JSON.parse(readFileSync(genesisFile, 'utf8'));
    genesis.modules = {
      org: {
        orgs: [
          { id: 'org0', name: '基准社区党委', kind: '党委', parent: null, termStart: SINCE },
          { id: 'org1', name: '第一党支部', kind: '党支部', parent: 'org0', termStart: SINCE },
        ],
        posts: [
          { org: 'org0', member: 'c-sec', post: '书记', since: SINCE },
          { org: 'org0', member: 'c-clerk', post: '党务工作者', since: SINCE },
        ],
      },
      member: {
        members: [
          ['c-sec', sec],
          ['c-clerk', clerk],
        ].map(([id, k]) => ({
          id,
          org: 'org1',
          address: addressOf(suite, (k as KeyPair).publicKey),
          status: '正式党员',
          since: '2010-07-01',
        })),
      },
    };
    shareGenesis(dirs, genesis, { logLevel: 'warn' });
    for (const dir of dirs) nodes.push(await startNode(dir, [], undefined));
    const loaded = loadDir(dirs[0]!).genesis;
    const client = new DjchainClient({
      baseUrl: nodes[0]!.url,
      suite,
      chainId: loaded.chainId,
      trust: { kind: 'genesis', validators: loaded.validators },
      token: readFileSync(join(dirs[0]!, 'api-token'), 'utf8').trim(),
      requestTimeoutMs: 60_000,
    });
    for (let i = 0; i < 600; i++) {
      const s = (await (await fetch(`${nodes[0]!.url}/v1/status`)).json()) as { height: number };
      if (s.height >= 1) break;
      await sleep(100);
    }
    const ok = async (key: KeyPair, module: string, action: string, params: Value) => {
      const r = await client.send({ module, action, params } as Action, key, { timeoutMs: 120_000 });
      if (r.receipt.status !== 'ok')
        throw new Error(`service bench: ${action}: ${JSON.stringify(r.receipt.error)}`);
    };
    await ok(clerk, 'resident', 'bind', {
      id: 'res-1',
      org: 'org0',
      address: addressOf(suite, resident.publicKey),
      commitment: 'ab'.repeat(32),
    });
    await ok(clerk, 'service', 'setItem', {
      id: 'law',
      org: 'org0',
      name: '法律咨询',
      kind: '法律咨询',
      provider: 'centre',
      when: '每周二上午',
      where: '社区党群服务中心',
      capacity: 1000,
      minutes: 45,
      open: true,
    });
    log(`service: ${opts.orders} orders, each to its dispatched record, through 4 validators`);
    const ms: number[] = [];
    for (let i = 0; i < opts.orders; i++) {
      const id = `bo-${i}`;
      const t0 = performance.now();
      await ok(resident, 'service', 'order', { id, org: 'org0', item: 'law' });
      await ok(clerk, 'service', 'dispatch', { order: id, provider: 'member:c-sec' });
      ms.push(performance.now() - t0);
      // Outside the measured span: the centre withdraws it, so the one resident stays within the
      // limit of active orders per resident (genesis openPerResident, default 5).
      await ok(clerk, 'service', 'withdraw', { order: id, reason: '基准测试订单' });
    }
    const sorted = [...ms].sort((a, b) => a - b);
    const out = {
      service_order_p99_ms: Math.round(rank(sorted, 99)),
      service_order_p50_ms: Math.round(rank(sorted, 50)),
      service_orders: ms.length,
    };
    log(`service: p50 ${out.service_order_p50_ms} ms, p99 ${out.service_order_p99_ms} ms`);
    return out;
  } finally {
    await Promise.all(nodes.map((n) => n.stop(5000)));
    rmSync(root, { recursive: true, force: true });
  }
}
