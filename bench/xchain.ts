/**
 * `xchain_transfer_ms` (issue 19): one 组织关系转接 between two community chains, each one real
 * validator process (`djchain init`, `djchain start`): the sending chain records the release
 * (`transfer.releaseOut`), the receiving chain — which registered the sender (two committee keys)
 * — anchors the sender's header holding it (`relayAnchor`: the relayer's light client of the
 * sender first, then `anchor.submit` verified again on chain), the dossier is read with its state
 * proofs (`transferDossier`) and the receiving branch admits (`member.admitTransfer`, proved against
 * the anchored state root). The figure is the time from the release's submission to the
 * admission's verified receipt: the chains' share. In service the anchor interval (configured;
 * minutes to a day) dominates the latency, not this. One transfer per run: a second anchor of the
 * same child within 10 minutes of its time is refused (ANCHOR_TOO_SOON), by design.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDir, registerChild, relayAnchor, transferDossier } from '@djchain/cli';
import { type Action, addressOf, DjchainClient } from '@djchain/client';
import { getSuite, type KeyPair, type Value } from '@djchain/crypto';
import { initConsortium } from '@djchain/testkit/consortium';
import { sleep } from '@djchain/testkit/ports';
import { patchConfig } from '@djchain/testkit/process';
import { type NodeProcess, startNode } from './proc.ts';

const SINCE = '2024-01-01';
const suite = getSuite('intl');
const keyOf = (name: string): KeyPair =>
  suite.keyPairFromSeed(new Uint8Array(createHash('sha256').update(`djchain-bench-xchain/${name}`).digest()));

interface Started {
  readonly client: DjchainClient;
  readonly dir: string;
  readonly node: NodeProcess;
}

/** A one-validator chain: 党委 c1 and 党支部 b1, members with their keys, posts as given. */
async function startChain(
  root: string,
  chainId: string,
  members: readonly [string, KeyPair][],
  posts: readonly [string, string, string][],
): Promise<Started> {
  mkdirSync(root, { recursive: true });
  const { dirs } = await initConsortium(root, chainId, ['committee']);
  const dir = dirs[0]!;
  const genesisFile = join(dir, 'genesis.json');
  const genesis = JSON.parse(readFileSync(genesisFile, 'utf8'));
  genesis.modules = {
    org: {
      orgs: [
        { id: 'c1', name: '社区党委', kind: '党委', parent: null, termStart: SINCE },
        { id: 'b1', name: '第一党支部', kind: '党支部', parent: 'c1', termStart: SINCE },
      ],
      posts: posts.map(([org, member, post]) => ({ org, member, post, since: SINCE })),
    },
    member: {
      members: members.map(([id, k]) => ({
        id,
        org: 'b1',
        address: addressOf(suite, k.publicKey),
        status: '正式党员',
        since: '2010-07-01',
      })),
    },
  };
  writeFileSync(genesisFile, JSON.stringify(genesis, null, 2));
  patchConfig(dir, { logLevel: 'warn' });
  const node = await startNode(dir, [], undefined);
  const loaded = loadDir(dir).genesis;
  const client = new DjchainClient({
    baseUrl: node.url,
    suite,
    chainId: loaded.chainId,
    trust: { kind: 'genesis', validators: loaded.validators },
    token: readFileSync(join(dir, 'api-token'), 'utf8').trim(),
    requestTimeoutMs: 60_000,
  });
  for (let i = 0; i < 600; i++) {
    const s = (await (await fetch(`${node.url}/v1/status`)).json()) as { height: number };
    if (s.height >= 1) break;
    await sleep(100);
  }
  return { client, dir, node };
}

async function ok(client: DjchainClient, key: KeyPair, module: string, action: string, params: Value) {
  const r = await client.send({ module, action, params } as Action, key, { timeoutMs: 120_000 });
  if (r.receipt.status !== 'ok')
    throw new Error(`xchain bench: ${action}: ${JSON.stringify(r.receipt.error)}`);
  return r;
}

export async function benchXchain(log: (line: string) => void): Promise<Record<string, number>> {
  const root = mkdtempSync(join(tmpdir(), 'djbench-xchain-'));
  const sSec = keyOf('s-sec');
  const sOrg = keyOf('s-org');
  const cSec = keyOf('c-sec');
  const nodes: NodeProcess[] = [];
  try {
    // The receiving chain (street-r): its 书记 and 组织委员 register the sender; the 书记 also holds
    // b1's post and admits. The sending chain (community-s): its 书记 releases m-x.
    const receiver = await startChain(
      join(root, 'r'),
      'street-r',
      [
        ['s-sec', sSec],
        ['s-org', sOrg],
      ],
      [
        ['c1', 's-sec', '书记'],
        ['c1', 's-org', '组织委员'],
        ['b1', 's-sec', '书记'],
      ],
    );
    nodes.push(receiver.node);
    const sender = await startChain(
      join(root, 's'),
      'community-s',
      [
        ['c-sec', cSec],
        ['m-x', keyOf('m-x')],
      ],
      [
        ['c1', 'c-sec', '书记'],
        ['b1', 'c-sec', '书记'],
      ],
    );
    nodes.push(sender.node);
    const child = {
      chainId: 'community-s',
      suite: 'intl' as const,
      validators: loadDir(sender.dir).genesis.validators,
      name: '东风社区',
      intervalMinutes: 60,
    };
    for (const k of [sSec, sOrg]) {
      const r = await registerChild(receiver.client, k, child);
      if (r.receipt.status !== 'ok')
        throw new Error(`xchain bench: register: ${JSON.stringify(r.receipt.error)}`);
    }
    log('xchain: one transfer community-s → street-r (release, anchor, admit), one validator each');
    const t0 = performance.now();
    const released = await ok(sender.client, cSec, 'transfer', 'releaseOut', {
      id: 'x1',
      member: 'm-x',
      toChain: 'street-r',
      to: 'b1',
      reason: '居住地变更',
    });
    const t1 = performance.now();
    const anchored = await relayAnchor(sender.client, receiver.client, sSec, released.height);
    if (anchored.receipt.status !== 'ok')
      throw new Error(`xchain bench: anchor: ${JSON.stringify(anchored.receipt.error)}`);
    const t2 = performance.now();
    const dossier = await transferDossier(sender.client, 'x1', 'm-x', released.height);
    const params = { id: 'm-y', address: addressOf(suite, keyOf('m-y').publicKey), org: 'b1', ...dossier };
    const admitted = await ok(receiver.client, sSec, 'member', 'admitTransfer', params);
    const t3 = performance.now();
    if (!admitted.receipt.events.some((e) => e.type === 'member.TransferredIn'))
      throw new Error('xchain bench: no member.TransferredIn');
    const out = {
      xchain_transfer_ms: Math.round(t3 - t0),
      xchain_release_ms: Math.round(t1 - t0),
      xchain_anchor_ms: Math.round(t2 - t1),
      xchain_admit_ms: Math.round(t3 - t2),
      xchain_dossier_bytes:
        (dossier.transferValue as Uint8Array).length +
        (dossier.transferProof as Uint8Array).length +
        (dossier.historyValue as Uint8Array).length +
        (dossier.historyProof as Uint8Array).length,
    };
    log(
      `xchain: ${out.xchain_transfer_ms} ms (release ${out.xchain_release_ms}, anchor ${out.xchain_anchor_ms}, dossier and admission ${out.xchain_admit_ms}); dossier ${out.xchain_dossier_bytes} bytes`,
    );
    return out;
  } finally {
    await Promise.all(nodes.map((n) => n.stop(5000)));
    rmSync(root, { recursive: true, force: true });
  }
}
