/**
 * `npm run sim -- --seeds N [--from S] [--workers W]`: runs seeds S … S+N−1 of the real node on W
 * threads, prints one line per failure as it comes (with its seed and how to replay it), a
 * progress line every 100 seeds and a summary line with seeds per second; exit code 1 when any
 * seed failed.
 * `npm run sim -- --seed S [--trace] [--mutant NAME]`: replays one seed twice and prints its trace
 * hash each time (two equal hashes show the run is deterministic); `--trace` prints every event.
 * `npm run sim -- --mutants [--seeds N] [--from S]`: runs every deliberately broken variant
 * (mutants.ts) over the seeds, and the real code too; a mutant is caught by a seed on which it
 * breaks an invariant while the real code holds them all. Prints each mutant's share of seeds and,
 * last, one JSON line `{"mutant_catch_min": …, "mutants": {…}}`.
 * `npm run sim -- --hierarchy [--seed S] [--communities N --streets N --districts N --days N
 * --interval MIN --transfers N]`: the hierarchy of anchored chains (hierarchy/run.ts) — 1,000
 * communities under 30 streets and 3 districts by default; a report, one JSON line last; exit code 1
 * when an invariant broke.
 */
import { parseArgs } from 'node:util';
import { BYZANTINE_BEHAVIOURS } from './byzantine.ts';
import { formatReport } from './hierarchy/report.ts';
import { defaultHierarchyOptions, runHierarchy } from './hierarchy/run.ts';
import { MUTANTS } from './mutants.ts';
import { defaultWorkers, type JobResult, runJobs } from './pool.ts';
import { failureLine, runSeed } from './run.ts';
import { makeScenario, summarize } from './scenario.ts';

const USAGE =
  'usage: npm run sim -- --seeds N [--from S] [--workers W] [--all-behaviours] | --seed S [--trace] [--mutant NAME] [--all-behaviours] | --mutants [--mutant NAME] [--seeds N] [--from S] [--workers W] | --hierarchy [--seed S] [--communities N] [--streets N] [--districts N] [--days N] [--interval MIN] [--transfers N]';

function intArg(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`SIM_BAD_ARGUMENT: --${name} must be a non-negative integer, got ${value}\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

async function replay(
  seed: number,
  trace: boolean,
  mutantName: string | undefined,
  all: boolean,
): Promise<number> {
  const mutant = MUTANTS.find((m) => m.name === mutantName);
  if (mutantName !== undefined && mutant === undefined) {
    console.error(`SIM_BAD_ARGUMENT: no mutant ${mutantName} (${MUTANTS.map((m) => m.name).join(', ')})`);
    return 2;
  }
  const scenarioOpts = all ? { behaviours: BYZANTINE_BEHAVIOURS } : {};
  // --all-behaviours is the mutant runs' setting: every behaviour, evidence of time-only conflicts asked.
  const strict = all ? { timeOnlyEvidence: true } : {};
  const base = mutant
    ? { unsafe: mutant.unsafe, scenario: scenarioOpts, ...strict }
    : { scenario: scenarioOpts, ...strict };
  const scenario = makeScenario(seed, scenarioOpts);
  console.log(`seed ${seed}${mutant ? ` mutant ${mutant.name}` : ''}: ${summarize(scenario)}`);
  const first = await runSeed(seed, trace ? { ...base, trace: (line) => console.log(line) } : base);
  const second = await runSeed(seed, base);
  for (const r of [first, second]) console.log(`trace hash ${r.traceHash} events ${r.events}`);
  if (first.traceHash !== second.traceHash) console.log('NONDETERMINISTIC: the two runs differ');
  console.log(
    first.ok
      ? `ok seed=${seed} height=${first.minCorrectHeight} simTime=${first.simTimeMs}ms txs=${first.txsCommitted}/${first.txsAdmitted} evidence=[${first.evidenceAgainst.join(',')}]`
      : failureLine(first, scenario),
  );
  return first.ok && first.traceHash === second.traceHash ? 0 : 1;
}

async function seeds(from: number, count: number, workers: number, all: boolean): Promise<number> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const jobs = Array.from({ length: count }, (_, i) => ({ seed: from + i, allBehaviours: all }));
  // Failures as they come and a progress line every 100 seeds: a long run that is cut short
  // still tells what it found.
  let done = 0;
  const results = await runJobs(jobs, workers, ({ result: r }) => {
    done++;
    if (!r.ok)
      console.log(failureLine(r, makeScenario(r.seed, all ? { behaviours: BYZANTINE_BEHAVIOURS } : {})));
    if (done % 100 === 0 && done < count) {
      const s = (performance.now() - started) / 1000;
      console.log(`… ${done}/${count} seeds in ${s.toFixed(0)} s (${(done / s).toFixed(2)} seeds/s)`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  let failed = 0;
  let events = 0;
  for (const { result: r } of results) {
    events += r.events;
    if (!r.ok) failed++;
  }
  // CPU time too: on a shared machine wall time says more about the neighbours than about the sim.
  console.log(
    `${failed === 0 ? 'ok' : 'FAILED'}: ${count - failed}/${count} seeds passed (seeds ${from}..${from + count - 1}), ` +
      `${events} events, ${seconds.toFixed(1)} s on ${workers} threads, ${(count / seconds).toFixed(2)} seeds/s ` +
      `(${cpuSeconds.toFixed(1)} CPU s, ${(count / cpuSeconds).toFixed(2)} seeds per CPU second)`,
  );
  return failed === 0 ? 0 : 1;
}

/** Every mutant on each seed (or only `only`, to measure one), with the real code as baseline. */
async function mutants(from: number, count: number, workers: number, only?: string): Promise<number> {
  const chosen = MUTANTS.filter((m) => only === undefined || m.name === only);
  if (chosen.length === 0) {
    console.error(`SIM_BAD_ARGUMENT: no mutant ${only} (${MUTANTS.map((m) => m.name).join(', ')})`);
    return 2;
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  const names = [undefined, ...chosen.map((m) => m.name)];
  const jobs = Array.from({ length: count }, (_, i) =>
    names.map((mutant) => ({ seed: from + i, allBehaviours: true, ...(mutant ? { mutant } : {}) })),
  ).flat();
  const results = await runJobs(jobs, workers);
  const seconds = (performance.now() - started) / 1000;
  const bySeed = new Map<number, Map<string | undefined, JobResult>>();
  for (const r of results) {
    const m = bySeed.get(r.seed) ?? new Map();
    m.set(r.mutant, r);
    bySeed.set(r.seed, m);
  }
  const baselineOk = [...bySeed.values()].filter((m) => m.get(undefined)?.result.ok).length;
  console.log(`real code: ${baselineOk}/${count} seeds hold every invariant`);
  const shares: Record<string, number> = {};
  for (const m of chosen) {
    let caught = 0;
    const codes = new Map<string, number>();
    const examples: number[] = [];
    for (const runs of bySeed.values()) {
      const base = runs.get(undefined)!.result;
      const r = runs.get(m.name)!.result;
      if (base.ok && !r.ok) {
        caught++;
        if (examples.length < 5) examples.push(r.seed);
        const code = r.violation!.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
    shares[m.name] = baselineOk === 0 ? 0 : Number((caught / baselineOk).toFixed(3));
    const by = [...codes].map(([c, n]) => `${c}×${n}`).join(' ');
    console.log(
      `mutant ${m.name}: caught by ${caught}/${baselineOk} seeds (${(100 * shares[m.name]!).toFixed(1)}%) ${by}` +
        (examples.length > 0
          ? ` — e.g. --seed ${examples.join(', ')} --mutant ${m.name} --all-behaviours`
          : ''),
    );
  }
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `${jobs.length} runs, ${seconds.toFixed(1)} s on ${workers} threads, ${(jobs.length / seconds).toFixed(2)} runs/s ` +
      `(${cpuSeconds.toFixed(1)} CPU s, ${(jobs.length / cpuSeconds).toFixed(2)} runs per CPU second)`,
  );
  const min = Math.min(...Object.values(shares));
  console.log(JSON.stringify({ mutant_catch_min: min, mutants: shares }));
  return min > 0 ? 0 : 1;
}

function hierarchy(values: Record<string, string | boolean | undefined>): number {
  const d = defaultHierarchyOptions;
  const arg = (name: string, fallback: number) => intArg(name, values[name] as string | undefined, fallback);
  const opts = {
    ...d,
    seed: arg('seed', d.seed),
    communities: arg('communities', d.communities),
    streets: arg('streets', d.streets),
    districts: arg('districts', d.districts),
    days: arg('days', d.days),
    intervalMinutes: arg('interval', d.intervalMinutes),
    transfers: arg('transfers', d.transfers),
  };
  if (opts.intervalMinutes < 10 || opts.streets < 2 || opts.districts < 1 || opts.days < 2) {
    console.error(
      `SIM_BAD_ARGUMENT: --interval ≥ 10 (the parent's least gap), --streets ≥ 2, --districts ≥ 1, --days ≥ 2\n${USAGE}`,
    );
    return 2;
  }
  const started = performance.now();
  const report = runHierarchy(opts, {
    progress: (line) => console.error(`${line} (${((performance.now() - started) / 1000).toFixed(0)} s)`),
  });
  for (const line of formatReport(report)) console.log(line);
  const cpu = process.cpuUsage();
  console.error(
    `${((performance.now() - started) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU s`,
  );
  return report.violations.length === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        seeds: { type: 'string' },
        from: { type: 'string' },
        seed: { type: 'string' },
        workers: { type: 'string' },
        trace: { type: 'boolean' },
        mutant: { type: 'string' },
        mutants: { type: 'boolean' },
        'all-behaviours': { type: 'boolean' },
        hierarchy: { type: 'boolean' },
        communities: { type: 'string' },
        streets: { type: 'string' },
        districts: { type: 'string' },
        days: { type: 'string' },
        interval: { type: 'string' },
        transfers: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    console.error(`SIM_BAD_ARGUMENT: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const workers = Math.max(1, intArg('workers', values.workers as string | undefined, defaultWorkers()));
  const from = intArg('from', values.from as string | undefined, 0);
  const all = values['all-behaviours'] === true;
  if (values.hierarchy) return hierarchy(values);
  if (typeof values.seed === 'string') {
    return replay(
      intArg('seed', values.seed, 0),
      values.trace === true,
      values.mutant as string | undefined,
      all,
    );
  }
  if (values.mutants) {
    const count = intArg('seeds', values.seeds as string | undefined, 50);
    return mutants(from, count, workers, values.mutant as string | undefined);
  }
  return seeds(from, intArg('seeds', values.seeds as string | undefined, 100), workers, all);
}

process.exitCode = await main();
