/**
 * `npm run bench [-- --json] [-- --quick] [-- --only crypto,state,node,disk,signer,cluster,floor,import,dues,orglife,insight,anchor,web,start,mixed,service,xchain] [-- --keys N]
 * [-- --txs N] [-- --suites intl,gm] [-- --cpu-prof DIR] [-- --batch N --in-flight N] [-- --rows N] [-- --import-prof DIR]`: figures measured on this machine in one run, and the ratios between them. Not a
 * test: it reads the clock. Progress goes to stderr; the result goes to stdout (one JSON line with
 * --json, a table otherwise). `--quick` is a small run (fewer keys and transactions) for checking
 * that the bench works; its figures are not the reported ones.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { benchAnchor } from './anchor.ts';
import { benchCluster } from './cluster.ts';
import { benchCrypto } from './crypto.ts';
import { benchDisk } from './disk.ts';
import { benchDues } from './dues.ts';
import { benchFloor } from './floor.ts';
import { benchImport } from './import.ts';
import { benchInsight } from './insight.ts';
import { benchMixed } from './mixed.ts';
import { benchSingleNode } from './node.ts';
import { benchOrgLife } from './orglife.ts';
import { benchService } from './service.ts';
import { benchSignerSave } from './signer-save.ts';
import { benchStart } from './start.ts';
import { benchState } from './state.ts';
import { benchWeb } from './web.ts';
import { benchXchain } from './xchain.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    keys: { type: 'string' },
    txs: { type: 'string' },
    suites: { type: 'string', default: 'intl,gm' },
    'cpu-prof': { type: 'string' },
    trace: { type: 'boolean', default: false },
    // Diagnostic: the cluster load handed to every validator (the old shape) instead of gossip.
    fanout: { type: 'boolean', default: false },
    // Rows of the generated roster for the import part (default 10,000; --quick 1,000).
    rows: { type: 'string' },
    'import-prof': { type: 'string' },
    // Single-node load shape (defaults are the reported conditions; other values for diagnosis).
    batch: { type: 'string' },
    'in-flight': { type: 'string' },
  },
});
const only = values.only ? new Set(values.only.split(',')) : null;
const want = (part: string) => only === null || only.has(part);
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const quick = values.quick;
const txs = Number(values.txs ?? (quick ? 2000 : 10_000));

const figures: Record<string, number | string> = {};
if (quick) figures.quick = 'true';
// Verification rates are measured in this run whenever a ratio needs them.
const needVerify =
  want('crypto') || want('node') || want('cluster') || want('import') || want('mixed') || want('floor');
if (needVerify) Object.assign(figures, benchCrypto(log));
if (want('state')) {
  Object.assign(figures, benchState(log, Number(values.keys ?? (quick ? 50_000 : 1_000_000))));
}
if (want('node')) {
  for (const suite of values.suites.split(',') as Array<'intl' | 'gm'>) {
    const r = await benchSingleNode(log, {
      suite,
      txs,
      signers: 100,
      batch: Number(values.batch ?? 1000),
      inFlight: Number(values['in-flight'] ?? 2),
      maxBlockTxs: 5000,
      ...(values['cpu-prof'] ? { cpuProfDir: values['cpu-prof'] } : {}),
    });
    const prefix = suite === 'intl' ? '' : 'gm_';
    const verify = Number(figures[`${prefix}verify_per_s_one_core`]);
    figures[`${prefix}single_node_tps`] = r.tps;
    figures[`${prefix}single_node_txs`] = r.txs;
    figures[`${prefix}single_node_blocks`] = r.blocks;
    figures[`${prefix}single_node_cpu_us_per_tx`] = r.cpuUsPerTx;
    figures[`${prefix}single_node_cpu_cores`] = r.cpuCores;
    figures[`${prefix}ratio_single`] = Number((r.tps / verify).toFixed(3));
    log(`${suite}: single_node_tps ${r.tps} over ${r.txs} txs in ${r.blocks} blocks`);
  }
}
if (want('disk')) Object.assign(figures, await benchDisk(log, { txs, blockTxs: 10 }));
if (want('signer')) Object.assign(figures, benchSignerSave(log, quick ? 200 : 2000));
if (want('cluster')) {
  Object.assign(
    figures,
    await benchCluster(log, {
      txs,
      verifyPerSecond: Number(figures.verify_per_s_one_core),
      trace: values.trace,
      fanout: values.fanout,
      ...(values['cpu-prof'] ? { cpuProfDir: values['cpu-prof'] } : {}),
    }),
  );
}

// The state store's share of a kv.put alone, and the ratio_cluster it leaves at most.
if (want('floor')) {
  Object.assign(
    figures,
    benchFloor(log, {
      txs,
      // The cluster's mean block under load when it ran in this run, else about that size.
      blockTxs: figures.cluster_blocks ? Math.round(txs / Number(figures.cluster_blocks)) : 1500,
      signers: 200,
      verifyPerSecond: Number(figures.verify_per_s_one_core),
    }),
  );
}

// The demo's workload (the path people use): ratio against the same verification limit as the cluster.
if (want('mixed')) {
  Object.assign(
    figures,
    await benchMixed(log, {
      members: quick ? 60 : 300,
      verifyPerSecond: Number(figures.verify_per_s_one_core),
      cores: availableParallelism(),
    }),
  );
}

if (want('import')) {
  Object.assign(
    figures,
    await benchImport(log, {
      rows: Number(values.rows ?? (quick ? 1000 : 10_000)),
      verifyPerSecond: Number(figures.verify_per_s_one_core),
      ...(values['import-prof']
        ? { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', values['import-prof']] }
        : {}),
    }),
  );
}

if (want('dues')) Object.assign(figures, await benchDues(log, { members: quick ? 1000 : 10_000 }));

if (want('orglife')) Object.assign(figures, await benchOrgLife(log, { members: quick ? 1000 : 10_000 }));
if (want('insight')) Object.assign(figures, await benchInsight(log, { members: quick ? 1000 : 10_000 }));
if (want('anchor')) Object.assign(figures, benchAnchor(log, { runs: quick ? 50 : 500 }));

if (want('web')) Object.assign(figures, await benchWeb(log, { runs: 20, loads: quick ? 3 : 5 }));

// Last: the first `npm start` (a 300-member demo; --quick 60) in a temp data directory.
if (want('service')) Object.assign(figures, await benchService(log, { orders: quick ? 10 : 50 }));
if (want('xchain')) Object.assign(figures, await benchXchain(log));
if (want('start'))
  Object.assign(figures, await benchStart(log, { members: quick ? 60 : 300, timeoutMs: 1_800_000 }));

if (values.json) {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(36)} ${value}`);
}
