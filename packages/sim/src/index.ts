/**
 * @djchain/sim: the deterministic consensus simulator (after TigerBeetle's VOPR). A seed fixes the
 * validators, their powers and faults, the network's behaviour and every choice the scheduler
 * makes; invariants are checked after every step. See README.md.
 */
export { type Application, type Block, blockId, GENESIS_ROOT, TrivialApp } from './app.ts';
export { type Behaviour, BYZANTINE_BEHAVIOURS } from './byzantine.ts';
export { Checker, type Violation, type ViolationCode } from './invariants.ts';
export { Prng } from './prng.ts';
export { failureLine, type RunOptions, runScenario, runSeed } from './run.ts';
export {
  defaultScenarioOptions,
  type Fault,
  makeScenario,
  type Scenario,
  type ScenarioOptions,
  summarize,
} from './scenario.ts';
export {
  defaultSimulationOptions,
  Simulation,
  type SimulationOptions,
  type SimulationResult,
} from './simulation.ts';
