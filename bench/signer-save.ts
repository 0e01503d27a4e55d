/**
 * signer_save_us: the time of one `SignerStateFile.save` (the double-sign guard's write before
 * every signature), on the machine's disk (a temporary directory under the OS temp dir; run it
 * where the data directories live). Each save carries a new signature at a new height, with a
 * record the size a four-validator chain writes (a proposal, a prevote, a precommit and a polka
 * of three prevotes). `node bench/signer-save.ts [saves]`, or `npm run bench -- --only signer`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PersistRecord, Vote } from '@djchain/consensus';
import { SignerStateFile } from '@djchain/node';

const HEX = (c: string) => c.repeat(64);

function recordAt(height: number, validator: string): PersistRecord {
  const value = HEX('b');
  const vote = (type: Vote['type'], v: string): Vote => ({ type, height, round: 0, value, validator: v });
  return {
    height,
    round: 0,
    step: 'precommit',
    lockedValue: value,
    lockedRound: 0,
    validValue: value,
    validRound: 0,
    lastSigned: { height, round: 0, step: 2 },
    signed: [
      { kind: 'proposal', proposal: { height, round: 0, value, validRound: -1, proposer: validator } },
      { kind: 'vote', vote: vote('prevote', validator) },
      { kind: 'vote', vote: { ...vote('precommit', validator), time: 1_780_000_000_000 + height } },
    ],
    polka: [vote('prevote', validator), vote('prevote', HEX('c')), vote('prevote', HEX('d'))],
  };
}

export function benchSignerSave(log: (line: string) => void, saves = 2000): { signer_save_us: number } {
  const root = mkdtempSync(join(tmpdir(), 'djbench-signer-'));
  try {
    const opts = { dataDir: root, chainId: 'bench-signer', validator: HEX('a') };
    const file = SignerStateFile.create(opts, null);
    for (let h = 1; h <= 20; h++) file.save(recordAt(h, opts.validator)); // warm-up
    const t0 = process.hrtime.bigint();
    for (let h = 21; h < 21 + saves; h++) file.save(recordAt(h, opts.validator));
    const us = Number(process.hrtime.bigint() - t0) / 1000 / saves;
    log(`signer state: ${saves} saves, ${us.toFixed(0)} µs a save (${Math.round(1e6 / us)} saves/s)`);
    return { signer_save_us: Math.round(us) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const saves = Number(process.argv[2] ?? 2000);
  console.log(JSON.stringify(benchSignerSave(console.log, saves)));
}
