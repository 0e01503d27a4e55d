/**
 * @djchain/consensus: Tendermint (arXiv 1807.04938, Algorithm 1) as a pure state machine.
 * See README.md for the rules mapped to code and tests, and the driver's contract.
 */
export { bftTime } from './bft-time.ts';
export { heldMessages, holds, type Message, messageKey } from './gossip.ts';
export { defaultMachineOptions, init, persistRecord, step } from './machine.ts';
export { compareHRS, type GuardDecision, guardSign, hrsOf } from './signer-guard.ts';
export { defaultTimeoutConfig, type TimeoutConfig, timeoutMs } from './timeouts.ts';
export type {
  Action,
  Env,
  Evidence,
  HRS,
  Input,
  MachineConfig,
  PersistRecord,
  Proposal,
  RoundMessages,
  Signed,
  State,
  Step,
  Validator,
  ValidatorSet,
  ValueId,
  Vote,
  VoteType,
} from './types.ts';
export { isOneThird, isQuorum, makeValidatorSet, powerOf, powerOfIds, proposer } from './validators.ts';
