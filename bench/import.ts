/**
 * Import figures (issue 5): `djchain import members` of a generated 10,000-row roster through the
 * 4-validator cluster. Four `djchain start` processes from `djchain init --orgs`, whose shared
 * genesis holds a community 党委 with six 党支部 and its secretary (the clerk whose keystore signs
 * the import); the roster is written as xlsx; the import runs as the real CLI in a child process
 * against one validator (mempool gossip spreads the transactions). Timed from the spawn of the
 * command to its exit: it exits after the receipt of its last transaction, so that is the last
 * commit. Afterwards the bench checks on chain that every row's member exists.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { communityOrgs, fullMember, post, TERM_START } from '@djchain/testkit/community';
import { initConsortium } from '@djchain/testkit/consortium';
import { sleep } from '@djchain/testkit/ports';
import { patchConfig } from '@djchain/testkit/process';
import { BRANCHES, rosterRows, writeRosterXlsx } from './import-roster.ts';
import { djchain, type NodeProcess, startNode } from './proc.ts';

const MAIN = new URL('../packages/cli/src/main.ts', import.meta.url).pathname;
const PASSPHRASE = 'bench-import-passphrase';
const _VALIDATORS = 4;

export interface ImportOptions {
  readonly rows: number;
  /** cluster_tps measured in this run (the ratio's denominator). */
  readonly clusterTps: number;
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
      patchConfig(dir, { logLevel: 'warn', emptyBlockIntervalMs: 1000, maxBlockTxs: 5000 });
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
    const { rows, counts } = rosterRows(opts.rows, today);
    const roster = join(root, 'roster.xlsx');
    await writeRosterXlsx(roster, rows);
    log(`import: roster of ${rows.length} rows (${JSON.stringify(counts)})`);

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
      join(root, 'vault.json'),
      '--profiles',
      join(root, 'profiles.jsonl'),
      '--lang',
      'en',
    ];
    const t0 = performance.now();
    const done = await run(args, opts.nodeFlags ?? []);
    const seconds = (performance.now() - t0) / 1000;
    if (done.code !== 0)
      throw new Error(`import exited ${done.code}: ${done.stdout.slice(-2000)} ${done.stderr.slice(-2000)}`);
    log(`import: ${done.stdout.trim()}`);
    if (!done.stdout.includes(`, ${rows.length} imported,`))
      throw new Error('import: not every row was imported');

    // Every row's member is on chain, at every validator's latest height (one tx per row).
    const profiles = readFileSync(join(root, 'profiles.jsonl'), 'utf8').trim().split('\n');
    const members = profiles.map((l) => (JSON.parse(l) as { member: string }).member);
    if (new Set(members).size !== rows.length)
      throw new Error(`import: ${members.length} sealed profiles for ${rows.length} rows`);
    for (const url of urls) {
      const sample = members.filter((_, i) => i % 97 === 0 || i === members.length - 1);
      for (const id of sample) {
        const q = (await (
          await fetch(`${url}/v1/query/member/member?params=${encodeURIComponent(JSON.stringify({ id }))}`, {
            // As that node's operator: member records are not public.
            headers: { authorization: `Bearer ${tokens.get(url)}` },
          })
        ).json()) as {
          result: unknown;
        };
        if (q.result === null || q.result === undefined)
          throw new Error(`import: ${id} not on chain at ${url}`);
      }
    }

    // A re-run imports nobody twice (and is itself timed: the cost of the existence checks).
    const t1 = performance.now();
    const again = await run(args, []);
    const rerunSeconds = (performance.now() - t1) / 1000;
    if (again.code !== 0 || !again.stdout.includes(', 0 imported,'))
      throw new Error(`import re-run: ${again.code} ${again.stdout.slice(-1000)}`);

    const rowsPerS = Math.round(rows.length / seconds);
    const txs = rows.length;
    const tps = Math.round(txs / seconds);
    return {
      import_rows: rows.length,
      import_seconds: Number(seconds.toFixed(1)),
      import_rows_per_s: rowsPerS,
      import_tps: tps,
      import_ratio: Number((tps / opts.clusterTps).toFixed(3)),
      import_rerun_seconds: Number(rerunSeconds.toFixed(1)),
    };
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(root, { recursive: true, force: true });
  }
}
