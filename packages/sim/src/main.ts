/**
 * `npm run sim -- --seeds N --from S`: runs seeds S … S+N−1, prints one line per failure (with its
 * seed and how to replay it) and a summary line; exit code 1 when any seed failed.
 * `npm run sim -- --seed S [--trace]`: replays one seed twice and prints its trace hash each time
 * (two equal hashes show the run is deterministic); `--trace` prints every event of the first run.
 * `--unsafe-skip-lock-check` runs a deliberately broken machine (the invariants must catch it).
 */
import { parseArgs } from 'node:util';
import { failureLine, runSeed } from './run.ts';
import { makeScenario, summarize } from './scenario.ts';

const USAGE = 'usage: npm run sim -- --seeds N [--from S] | --seed S [--trace] [--unsafe-skip-lock-check]';

function intArg(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`SIM_BAD_ARGUMENT: --${name} must be a non-negative integer, got ${value}\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

function main(): number {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        seeds: { type: 'string' },
        from: { type: 'string' },
        seed: { type: 'string' },
        trace: { type: 'boolean' },
        'unsafe-skip-lock-check': { type: 'boolean' },
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
  const unsafe = values['unsafe-skip-lock-check'] === true ? { skipLockCheck: true } : undefined;
  const base = unsafe ? { unsafe } : {};

  if (typeof values.seed === 'string') {
    const seed = intArg('seed', values.seed, 0);
    const scenario = makeScenario(seed);
    console.log(`seed ${seed}: ${summarize(scenario)}`);
    const first = runSeed(seed, values.trace ? { ...base, trace: (line) => console.log(line) } : base);
    const second = runSeed(seed, base);
    for (const r of [first, second]) console.log(`trace hash ${r.traceHash} events ${r.events}`);
    if (first.traceHash !== second.traceHash) console.log('NONDETERMINISTIC: the two runs differ');
    console.log(
      first.ok
        ? `ok seed=${seed} heights=${first.minCorrectHeight} simTime=${first.simTimeMs}ms evidence=[${first.evidenceAgainst.join(',')}]`
        : failureLine(first, scenario),
    );
    return first.ok && first.traceHash === second.traceHash ? 0 : 1;
  }

  const count = intArg('seeds', values.seeds as string | undefined, 100);
  const from = intArg('from', values.from as string | undefined, 0);
  const started = performance.now();
  let failed = 0;
  let events = 0;
  for (let seed = from; seed < from + count; seed++) {
    const r = runSeed(seed, base);
    events += r.events;
    if (!r.ok) {
      failed++;
      console.log(failureLine(r, makeScenario(seed)));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${failed === 0 ? 'ok' : 'FAILED'}: ${count - failed}/${count} seeds passed (seeds ${from}..${from + count - 1}), ` +
      `${events} events, ${seconds.toFixed(1)} s, ${(count / seconds).toFixed(1)} seeds/s`,
  );
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
