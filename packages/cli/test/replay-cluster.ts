/**
 * Four validator processes made by `djchain init --orgs` (a 党委 and three 党支部), joined over p2p,
 * each the demo's replay node (the same node as `djchain start` whose clock the test moves, so blocks
 * carry the test's dates as BFT time), on a genesis of the test's time and modules: where the dues
 * (issue 14) and service (issue 17) cluster tests start. Stopped and removed when the test ends.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { DjchainClient } from '@djchain/client';
import type { Suite } from '@djchain/crypto';
import { chinaTime } from '@djchain/modules';
import { initConsortium, readGenesis, shareGenesis } from '@djchain/testkit/consortium';
import { type Replay, startReplay, stopChild } from '../src/demo/run.ts';
import { waitForBlockTime } from '../src/demo/seed.ts';
import { loadDir } from '../src/files.ts';

/** The organizations on chain: the community 党委 (org0) and one branch (org1). */
export const CLUSTER_ORGS = [
  { id: 'org0', name: '东风社区党委', kind: '党委', parent: null, termStart: '2024-01-01' },
  { id: 'org1', name: '幸福里网格党支部', kind: '党支部', parent: 'org0', termStart: '2024-01-01' },
];

export interface ReplayCluster {
  readonly dirs: readonly string[];
  /** Each validator's API URL. */
  readonly urls: readonly string[];
  /** The genesis as the CLI loads it. */
  readonly genesis: ReturnType<typeof loadDir>['genesis'];
  /** The SDK over node `i`'s API, as that node's operator (its api-token). */
  readonly clientOf: (i: number) => DjchainClient;
  /** The SDK over the 党委's node. */
  readonly client: DjchainClient;
  /** Every validator's clock to `hour`:00 China time of `date`, then a block carrying it. */
  readonly on: (date: string, hour?: number) => Promise<void>;
}

export async function startReplayCluster(
  t: TestContext,
  opts: { readonly chainId: string; readonly suite: Suite; readonly time: number; readonly modules: unknown },
): Promise<ReplayCluster> {
  const root = mkdtempSync(join(tmpdir(), `dj${opts.chainId}-`));
  const replays: Replay[] = [];
  t.after(async () => {
    await Promise.all(replays.map((r) => stopChild(r.child)));
    rmSync(root, { recursive: true, force: true });
  });
  const { dirs } = await initConsortium(
    root,
    opts.chainId,
    ['committee', 'branch', 'branch', 'branch'],
    (i) => (i === 0 ? '东风社区党委' : `第${i}党支部`),
  );
  shareGenesis(dirs, { ...readGenesis(dirs), time: opts.time, modules: opts.modules }, { logLevel: 'warn' });
  for (const dir of dirs) replays.push(startReplay(dir));
  const urls = await Promise.all(replays.map((r) => r.ready));
  const loaded = loadDir(dirs[0]!).genesis;
  const clientOf = (i: number) =>
    new DjchainClient({
      baseUrl: urls[i]!,
      suite: opts.suite,
      chainId: loaded.chainId,
      trust: { kind: 'genesis', validators: loaded.validators },
      // Reads as the node's operator (its api-token), as the demo's writer does.
      token: readFileSync(join(dirs[i]!, 'api-token'), 'utf8').trim(),
      // A bound against a hang on a loaded machine, not a timing check.
      requestTimeoutMs: 60_000,
    });
  const client = clientOf(0);
  const on = async (date: string, hour = 9) => {
    const ms = chinaTime(date, hour);
    await Promise.all(replays.map((r) => r.setClock(ms)));
    await waitForBlockTime(client, ms, 120_000);
  };
  return { dirs, urls, genesis: loaded, clientOf, client, on };
}
