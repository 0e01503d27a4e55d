/**
 * @djchain/sim: the deterministic simulator of the REAL node (after TigerBeetle's VOPR). A seed
 * fixes the validators, their powers and faults, the network's behaviour and every choice the
 * scheduler makes; the nodes are `openNode` with the simulated transport, clock and timers;
 * invariants are checked after every step. See README.md.
 */
export { type Behaviour, BYZANTINE_BEHAVIOURS, Hostile } from './byzantine.ts';
export { CHAIN_ID, GENESIS_TIME, keyOf, simGenesis } from './genesis.ts';
export { Checker, type Violation, type ViolationCode } from './invariants.ts';
export { MUTANTS, type Mutant } from './mutants.ts';
export { Prng } from './prng.ts';
export { failureLine, type RunOptions, runScenario, runSeed } from './run.ts';
export {
  DEFAULT_BEHAVIOURS,
  defaultScenarioOptions,
  type Fault,
  healTime,
  KNOWN_OPEN,
  makeScenario,
  type Scenario,
  type ScenarioOptions,
  summarize,
  TIME_ONLY_EVIDENCE_DEFAULT,
} from './scenario.ts';
export {
  defaultSimulationOptions,
  FRAME_LIMIT,
  SIM_DRIVER,
  Simulation,
  type SimulationOptions,
  type SimulationResult,
  type Unsafe,
} from './simulation.ts';
