/**
 * mixed_tps (issue 20): the demo's own workload as it lands — member imports and registrations,
 * every recruitment step, transfers and sanctions, meeting plans and records, dues assessments,
 * payments and remittances — signed by the people who hold the posts and checked by the real
 * permission rules, on the demo's 4-validator consortium (`runDemo`, the code `npm start` runs,
 * in a temp directory, without the web app). Every receipt must be `ok` (the seeder stops on
 * anything else). The history is written date by date on a driven clock; the figure counts only
 * the time of the waves themselves (from a wave's first submission to its last receipt), not the
 * clock moves between dates. Small waves (a vote, a meeting record) are bound by one block's
 * latency rather than throughput; the mix is the demo's, about 70 % dues payments.
 * CPU per committed transaction: the four replay node processes' CPU time (/proc) over the waves.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '@djchain/cli';

/** CPU seconds (user + system) of this process's children running replay-node.ts, by pid. */
function replayCpu(): Map<number, number> {
  const out = new Map<number, number>();
  const tick = 100; // USER_HZ on Linux
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      if (!readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('replay-node.ts')) continue;
      out.set(Number(name), (Number(fields[11]) + Number(fields[12])) / tick);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return out;
}

export async function benchMixed(
  log: (line: string) => void,
  opts: { members: number; verifyPerSecond: number; cores: number },
): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'djbench-mixed-'));
  let waveMs = 0;
  let txs = 0;
  let waves = 0;
  let startedAt = 0;
  let cpuAtStart = new Map<number, number>();
  const cpu = new Map<number, number>();
  try {
    log(`mixed: the demo's history, ${opts.members} members, 4 validators`);
    const demo = await runDemo({
      dir,
      members: opts.members,
      seed: 20240701,
      reset: true,
      apiPort: 0,
      webPort: 0,
      web: false,
      validators: 4,
      onWave: (phase, n) => {
        if (phase === 'submit') {
          startedAt = performance.now();
          cpuAtStart = replayCpu();
          return;
        }
        waveMs += performance.now() - startedAt;
        txs += n;
        waves++;
        for (const [pid, c] of replayCpu())
          cpu.set(pid, (cpu.get(pid) ?? 0) + c - (cpuAtStart.get(pid) ?? c));
      },
    });
    await demo.stop();
    const tps = (txs * 1000) / waveMs;
    const limit = (opts.cores * opts.verifyPerSecond) / 4;
    const perNode = [...cpu.values()].map((c) => (c * 1e6) / txs);
    log(`mixed: ${txs} txs in ${waves} waves, ${(waveMs / 1000).toFixed(1)} s of waves`);
    return {
      mixed_txs: txs,
      mixed_waves: waves,
      mixed_wave_seconds: Number((waveMs / 1000).toFixed(1)),
      mixed_tps: Math.round(tps),
      ratio_mixed: Number((tps / limit).toFixed(3)),
      mixed_cpu_us_per_tx_per_node: Math.round(
        perNode.reduce((a, b) => a + b, 0) / Math.max(1, perNode.length),
      ),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
