/**
 * The node process of the first start's history replay (child of `djchain demo`, IPC channel).
 * It is the same node as `djchain start` (same files, modules, store, consensus, API) with one
 * difference: its clock is driven by the parent. The parent sets it to each planned date of the
 * history so that blocks carry those dates as BFT time and every module rule runs against them; then
 * hands the node back to the wall clock and stops it. Only the demo uses this; `djchain start` never
 * takes a clock from anyone.
 *
 *   node replay-node.ts --dir <node dir> [--empty-block-ms N] [--driven-empty-block-ms N] [--port N]   (messages: {clock: ms | null}, {stop: true})
 *
 * `--empty-block-ms` (default 30) and `--driven-empty-block-ms` (default the same) are for the web
 * tests, which drive a case past its deadline this way (blocks at once on each date) and then browse
 * the chain on the wall clock for minutes: a slower empty-block pace there keeps that run light.
 * `--port` (default 0, any free port): the demo gives the committee's replay node the API port its
 * `djchain start` will have, so the web app it starts early keeps one upstream address throughout.
 */
import { parseArgs } from 'node:util';
import { getSuite } from '@djchain/crypto';
import { buildApi, openNode } from '@djchain/node';
import { P2PNode } from '@djchain/p2p';
import { loadDir } from '../files.ts';
import { loadModules } from '../modules.ts';
import { operatorToken, p2pConfigOf } from '../start.ts';
import { DemoError } from './errors.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    'empty-block-ms': { type: 'string' },
    'driven-empty-block-ms': { type: 'string' },
    port: { type: 'string' },
  },
});
const send = (m: unknown) => process.send?.(m);

const { dir, key, genesis, config } = loadDir(String(values.dir));

/**
 * null: the wall clock; otherwise the driven time, advancing with real time from when it was set.
 * It starts at the genesis time, the first day of the history.
 */
let driven: { at: number; setAt: number } | null = { at: genesis.time, setAt: Date.now() };
const now = () => (driven === null ? Date.now() : driven.at + (Date.now() - driven.setAt));
/** The empty-block interval on the wall clock, and while the clock is driven (the same unless given). */
const wallInterval = values['empty-block-ms'] ? Number(values['empty-block-ms']) : 30;
const drivenInterval = values['driven-empty-block-ms']
  ? Number(values['driven-empty-block-ms'])
  : wallInterval;
const modules = await loadModules(config.extraModules);
// The consortium's peers, exactly as `djchain start` joins them (config.json's p2p section).
const p2pConfig = p2pConfigOf((config as { p2p?: unknown }).p2p);
if (typeof p2pConfig === 'string') throw new DemoError('DEMO_BAD_CONFIG', `config.json: ${p2pConfig}`);
const p2p =
  p2pConfig === null
    ? undefined
    : new P2PNode({
        chainId: genesis.chainId,
        suite: getSuite(genesis.suite),
        identity: key.secretKey,
        listen: p2pConfig.listen,
        peers: p2pConfig.peers.map((p) => ({ host: p.host, port: p.port, ...(p.id ? { id: p.id } : {}) })),
      });
const node = openNode(
  {
    dataDir: dir,
    genesis,
    modules,
    // Short empty-block interval: after the clock moves to the next date, a block at that date comes
    // at once (the block after it carries the date as its BFT time).
    driver: {
      emptyBlockIntervalMs: drivenInterval,
      maxBlockTxs: config.maxBlockTxs,
    },
  },
  {
    key,
    now,
    ...(p2p ? { p2p } : {}),
    onFatal: (e) => {
      send({ fatal: String((e as Error).message ?? e) });
      process.exit(1);
    },
  },
);
// The demo's writer reads its receipts as the operator (the same token `djchain start` uses).
const api = buildApi(node, { operatorToken: operatorToken(dir) });
await p2p?.start();
const url = await api.listen({ host: '127.0.0.1', port: values.port ? Number(values.port) : 0 });

process.on('message', (m: { clock?: number | null; stop?: boolean }) => {
  if (m.stop) {
    void api.close().then(async () => {
      await p2p?.stop();
      node.close();
      send({ stopped: true });
      process.exit(0);
    });
    return;
  }
  if (m.clock !== undefined) {
    // The clock never goes back: BFT time stays monotonic whatever the parent asks.
    const target = m.clock === null ? null : Math.max(m.clock, now());
    driven = target === null ? null : { at: target, setAt: Date.now() };
    node.driver.setEmptyBlockInterval(driven === null ? wallInterval : drivenInterval);
    send({ clockSet: m.clock });
  }
});
process.on('disconnect', () => {
  node.close();
  process.exit(1);
});
send({ ready: url });
