/**
 * Deliberately broken variants of the real code (TEST-ONLY switches, off by default: consensus
 * `MachineConfig.unsafe`, node `DriverOptions.unsafe` and `ApplicationOptions.unsafe`). A mutant is
 * caught by a seed when that seed's run breaks an invariant; `npm run sim -- --mutants` prints the
 * share of seeds that catch each one.
 */
import type { Unsafe } from './simulation.ts';

export interface Mutant {
  readonly name: string;
  readonly description: string;
  readonly unsafe: Unsafe;
}

export const MUTANTS: readonly Mutant[] = [
  {
    name: 'no-lock-check',
    description: 'the machine prevotes a new proposal whatever it is locked on (lines 23 and 29)',
    unsafe: { driver: { machine: { skipLockCheck: true } } },
  },
  {
    name: 'validator-counted-twice',
    description: "a validator's second precommit differing only in time counts as another vote",
    unsafe: { driver: { machine: { countTimeOnlyTwice: true } } },
  },
  {
    name: 'certificate-not-verified',
    description: "a block's last commit and a synced block's certificate are not verified",
    unsafe: { app: { skipCertificateCheck: true } },
  },
  {
    name: 're-sign-after-restart',
    description: 'a restarted node ignores its persisted consensus record',
    unsafe: { driver: { forgetRecordOnRestart: true } },
  },
  {
    name: 'no-proposer-check',
    description: 'a proposal from any validator is recorded, not only from proposer(h, r)',
    unsafe: { driver: { machine: { skipProposerCheck: true } } },
  },
  {
    name: 'time-only-equivocation-ignored',
    description: 'two precommits that differ only in time are not reported as evidence',
    unsafe: { driver: { machine: { ignoreTimeOnlyEquivocation: true } } },
  },
];
