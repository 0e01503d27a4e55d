/** Running seeds: one seed → one scenario → one simulation → one result. */
import { makeScenario, type Scenario, type ScenarioOptions, summarize } from './scenario.ts';
import { Simulation, type SimulationOptions, type SimulationResult } from './simulation.ts';

export interface RunOptions extends Partial<SimulationOptions> {
  readonly scenario?: Partial<ScenarioOptions>;
}

/** Runs the scenario the seed describes. */
export function runSeed(seed: number, opts: RunOptions = {}): Promise<SimulationResult> {
  const { scenario: scenarioOpts, ...simOpts } = opts;
  return runScenario(makeScenario(seed, scenarioOpts), simOpts);
}

/** Runs an explicit scenario (tests build special ones, e.g. a fixed partition). */
export function runScenario(
  scenario: Scenario,
  opts: Partial<SimulationOptions> = {},
): Promise<SimulationResult> {
  return new Simulation(scenario, opts).run();
}

/** The one-line report of a failed seed: what broke, where, and how to replay it. */
export function failureLine(r: SimulationResult, scenario: Scenario): string {
  const v = r.violation;
  const what = v === null ? 'ok' : `${v.code} at ${v.atMs} ms: ${v.message}`;
  return `FAIL seed=${r.seed} ${what} | ${summarize(scenario)} | replay: npm run sim -- --seed ${r.seed}`;
}
