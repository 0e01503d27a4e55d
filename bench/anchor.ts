/**
 * `anchor_verify_ms` (issue 19): what a parent chain spends verifying one anchor of a child chain —
 * `checkLightStep` (@djchain/ledger, the rule `anchor.submit` runs and the SDK's light client too)
 * over a real header whose commit certificate carries one precommit signature per validator:
 * the set check (hash of the set), the header hash, every signature, and the skipping rule's overlap.
 * A child of 4 validators (a community chain) skipping from an anchor 100 heights below; median of
 * `runs` verifications, per suite (`gm_` prefix for SM2/SM3).
 */
import { getSuite, type SuiteId } from '@djchain/crypto';
import {
  checkLightStep,
  type Header,
  signCommit,
  type ValidatorSet,
  validatorSetHash,
} from '@djchain/ledger';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measure(suiteId: SuiteId, validators: number, runs: number): number {
  const suite = getSuite(suiteId);
  const keys = Array.from({ length: validators }, (_, i) =>
    suite.keyPairFromSeed(new Uint8Array(32).fill(i + 1)),
  );
  const set: ValidatorSet = {
    validators: keys.map((k, i) => ({ publicKey: k.publicKey, power: 10, name: `节点${i}` })),
  };
  const setHash = validatorSetHash(suite, set);
  const trusted = {
    height: 100,
    hash: new Uint8Array(32).fill(7),
    nextValidatorsHash: setHash,
    nextValidators: set,
  };
  const header: Header = {
    chainId: 'bench-child',
    height: 200,
    time: 1_700_000_000_000,
    prevHash: new Uint8Array(32).fill(1),
    lastCommitHash: new Uint8Array(32).fill(2),
    txRoot: new Uint8Array(32).fill(3),
    receiptRoot: new Uint8Array(32).fill(4),
    stateRoot: new Uint8Array(32).fill(5),
    validatorsHash: setHash,
    nextValidatorsHash: setHash,
    proposer: keys[0]!.publicKey,
  };
  const commit = signCommit(suite, header.chainId, header, keys, set);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = checkLightStep(suite, 'bench-child', trusted, header, commit, set);
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error(`bench anchor: ${r.reason}`);
  }
  return median(times);
}

export function benchAnchor(log: (line: string) => void, opts: { runs: number }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const suite of ['intl', 'gm'] as const) {
    const ms = measure(suite, 4, opts.runs);
    const prefix = suite === 'intl' ? '' : 'gm_';
    out[`${prefix}anchor_verify_ms`] = Number(ms.toFixed(3));
    log(
      `anchor: ${suite} one anchor of a 4-validator child verified in ${ms.toFixed(3)} ms (median of ${opts.runs})`,
    );
  }
  return out;
}
