/**
 * Import figures (issue 5): `djchain import members` of a generated 10,000-row roster through the
 * 4-validator cluster. Four `djchain start` processes from `djchain init --orgs`, whose shared
 * genesis holds a community 党委 with six 党支部 and its secretary (the clerk whose keystore signs
 * the import); the roster is written as xlsx; the import runs as the real CLI in a child process
 * against one validator (mempool gossip spreads the transactions). Timed from the spawn of the
 * command to its exit: it exits after the receipt of its last transaction, so that is the last
 * commit. Afterwards the bench checks on chain that every row's member exists.
 *
 * The ratio's reference is measured on the SAME cluster right after each import (issue 20): the
 * nodes also load the kv module, and the cluster load generator (loadgen.ts, gossip path, every
 * receipt checked) offers as many `kv.put` transactions as the import had rows. Three such pairs,
 * each with its own roster; the figures are the medians (import_ratio the median of the three
 * pairs' ratios, not a ratio of medians).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { communityOrgs, fullMember, post, TERM_START } from '@djchain/testkit/community';
import { initConsortium } from '@djchain/testkit/consortium';
import { KV_MODULES_FILE } from '@djchain/testkit/kv';
import { sleep } from '@djchain/testkit/ports';
import { patchConfig } from '@djchain/testkit/process';
import { BRANCHES, rosterRows, writeRosterXlsx } from './import-roster.ts';
import { djchain, type NodeProcess, runJsonProcess, startNode } from './proc.ts';

const MAIN = new URL('../packages/cli/src/main.ts', import.meta.url).pathname;
const PASSPHRASE = 'bench-import-passphrase';
const _VALIDATORS = 4;

export interface ImportOptions {
  readonly rows: number;
  /** verify_per_s_one_core measured in this run (the reference load's offered rate). */
  readonly verifyPerSecond: number;
  /** Import/reference pairs (default 3). */
  readonly pairs?: number;
  /** Node flags for the import process and validator 0 (e.g. --cpu-prof --cpu-prof-dir DIR). */
  readonly nodeFlags?: readonly string[];
}

interface Done {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], nodeFlags: readonly string[]): Promise<Done> {
  const child = spawn(process.execPath, [...nodeFlags, MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-20_000);
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The community the import needs, in the shared genesis (as the CLI import test sets it up). */
function communityGenesis(secretaryAddress: string): Record<string, unknown> {
  const branches = BRANCHES.map((name, i) => ({
    id: `b${i + 1}`,
    name,
    kind: '党支部',
    parent: 'c1',
    termStart: TERM_START,
  }));
  return {
    org: {
      orgs: [...communityOrgs(['c1']), ...branches],
      // The committee's secretary imports (importMember: superior committee); register needs a post
      // in the person's branch, so the bench's clerk is secretary of each branch as well.
      posts: [post('c1', 'm-sec', '书记'), ...branches.map((b) => post(b.id, 'm-sec', '书记'))],
    },
    member: { members: [fullMember('m-sec', 'b1', secretaryAddress, '2005-07-01')] },
  };
}

export async function benchImport(
  log: (line: string) => void,
  opts: ImportOptions,
): Promise<Record<string, number | string>> {
  const root = mkdtempSync(join(tmpdir(), 'djbench-import-'));
  const nodes: NodeProcess[] = [];
  try {
    const { dirs } = await initConsortium(root, 'bench-import');
    const keyFile = join(root, 'secretary.json');
    const passFile = join(root, 'pass.txt');
    writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    djchain(['keys', 'new', '--out', keyFile, '--passphrase-file', passFile, '--label', '书记']);
    const address = (JSON.parse(readFileSync(keyFile, 'utf8')) as { address: string }).address;
    for (const dir of dirs) {
      // Every validator must hold the same genesis: the same modules go into each copy.
      const file = join(dir, 'genesis.json');
      const genesis = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...genesis, modules: communityGenesis(address) }, null, 2));
      patchConfig(dir, {
        logLevel: 'warn',
        emptyBlockIntervalMs: 1000,
        maxBlockTxs: 5000,
        // The reference load (kv.put) runs on the same nodes.
        extraModules: [KV_MODULES_FILE],
      });
    }
    for (const [i, dir] of dirs.entries())
      nodes.push(await startNode(dir, i === 0 ? (opts.nodeFlags ?? []) : [], undefined));
    const urls = nodes.map((n) => n.url);
    const tokens = new Map(urls.map((u, i) => [u, readFileSync(join(dirs[i]!, 'api-token'), 'utf8').trim()]));
    log(`import: 4 validators at ${urls.join(' ')}`);
    let status = { height: 0, time: 0 };
    for (let i = 0; i < 300 && status.height < 1; i++) {
      status = (await (await fetch(`${urls[0]}/v1/status`)).json()) as typeof status;
      if (status.height < 1) await sleep(100);
    }
    // The roster's "today" is the chain's China date (the import validates dates against it).
    const today = new Date(status.time + 8 * 3_600_000).toISOString().slice(0, 10);
    const pairs: Array<{ seconds: number; rowsPerS: number; refTps: number; ratio: number }> = [];
    let rerunSeconds = Number.NaN;
    for (let pair = 0; pair < (opts.pairs ?? 3); pair++) {
      const dir = join(root, `pair${pair}`);
      mkdirSync(dir);
      const { rows, counts } = rosterRows(opts.rows, today, 2026 + pair);
      const roster = join(dir, 'roster.xlsx');
      await writeRosterXlsx(roster, rows);
      log(`import ${pair + 1}: roster of ${rows.length} rows (${JSON.stringify(counts)})`);
      const args = [
        'import',
        'members',
        roster,
        '--api',
        urls[0]!,
        '--genesis',
        join(dirs[0]!, 'genesis.json'),
        '--key',
        keyFile,
        '--passphrase-file',
        passFile,
        '--vault',
        join(dir, 'vault.json'),
        '--profiles',
        join(dir, 'profiles.jsonl'),
        '--lang',
        'en',
      ];
      const t0 = performance.now();
      const done = await run(args, pair === 0 ? (opts.nodeFlags ?? []) : []);
      const seconds = (performance.now() - t0) / 1000;
      if (done.code !== 0)
        throw new Error(
          `import exited ${done.code}: ${done.stdout.slice(-2000)} ${done.stderr.slice(-2000)}`,
        );
      log(`import ${pair + 1}: ${done.stdout.trim()} in ${seconds.toFixed(1)} s`);
      if (!done.stdout.includes(`, ${rows.length} imported,`))
        throw new Error('import: not every row was imported');
      await checkOnChain(dir, rows.length, urls, tokens);
      if (pair === 0) {
        // A re-run imports nobody twice (and is itself timed: the cost of the existence checks).
        const t1 = performance.now();
        const again = await run(args, []);
        rerunSeconds = (performance.now() - t1) / 1000;
        if (again.code !== 0 || !again.stdout.includes(', 0 imported,'))
          throw new Error(`import re-run: ${again.code} ${again.stdout.slice(-1000)}`);
      }
      // The reference, right after on the same nodes: as many kv.put as rows, through gossip.
      const ref = (await runJsonProcess(new URL('./loadgen.ts', import.meta.url).pathname, {
        urls,
        tokens: urls.map((u) => tokens.get(u)!),
        suite: 'intl',
        chainId: 'bench-import',
        txs: rows.length,
        rate: Math.round((2 * availableParallelism() * opts.verifyPerSecond) / 4),
        tickMs: 100,
        pollMs: 10,
        timeoutMs: 300_000,
        seed: 31 + pair,
      })) as { txs: number; committed: number; receiptsOk: number; tps: number };
      if (ref.committed !== ref.txs || ref.receiptsOk !== ref.txs)
        throw new Error(`import reference: ${JSON.stringify(ref)}`);
      const rowsPerS = rows.length / seconds;
      pairs.push({ seconds, rowsPerS, refTps: ref.tps, ratio: rowsPerS / ref.tps });
      log(
        `import ${pair + 1}: ${rowsPerS.toFixed(0)} rows/s against kv.put ${ref.tps} tx/s on the same nodes`,
      );
    }
    const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      import_rows: opts.rows,
      import_pairs: pairs.length,
      import_seconds: Number(median(pairs.map((p) => p.seconds)).toFixed(1)),
      import_rows_per_s: Math.round(median(pairs.map((p) => p.rowsPerS))),
      import_reference_tps: Math.round(median(pairs.map((p) => p.refTps))),
      import_ratio: Number(median(pairs.map((p) => p.ratio)).toFixed(3)),
      import_ratios: pairs.map((p) => p.ratio.toFixed(3)).join(' '),
      import_rerun_seconds: Number(rerunSeconds.toFixed(1)),
    };
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(root, { recursive: true, force: true });
  }
}

/** Every row's member is on chain, at every validator's latest height (a sample; one tx per row). */
async function checkOnChain(
  dir: string,
  rows: number,
  urls: readonly string[],
  tokens: ReadonlyMap<string, string>,
): Promise<void> {
  const profiles = readFileSync(join(dir, 'profiles.jsonl'), 'utf8').trim().split('\n');
  const members = profiles.map((l) => (JSON.parse(l) as { member: string }).member);
  if (new Set(members).size !== rows)
    throw new Error(`import: ${members.length} sealed profiles for ${rows} rows`);
  for (const url of urls) {
    const sample = members.filter((_, i) => i % 97 === 0 || i === members.length - 1);
    for (const id of sample) {
      const q = (await (
        await fetch(`${url}/v1/query/member/member?params=${encodeURIComponent(JSON.stringify({ id }))}`, {
          // As that node's operator: member records are not public.
          headers: { authorization: `Bearer ${tokens.get(url)}` },
        })
      ).json()) as { result: unknown };
      if (q.result === null || q.result === undefined)
        throw new Error(`import: ${id} not on chain at ${url}`);
    }
  }
}
