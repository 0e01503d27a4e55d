/**
 * Cost of one on-chain age check (verifyAgeProof) per suite implementation:
 *   node packages/modules/scripts/age-bench.ts [rounds]
 * "typical" is an application in 2026 (m ≈ 70k hashes: the distance from the 2008 cutoff to 2200);
 * "worst" is the longest chain the check ever walks (m = AGE_CEILING, a claim about 1918).
 * Prints medians in ms; a measurement, not a test (timings depend on the machine).
 */
import { allSuites } from '@djchain/crypto';
import { AGE_CEILING, ageCommitment, ageCutoff, ageDay, ageProof, verifyAgeProof } from '../src/index.ts';

const rounds = Math.max(1, Math.min(50, Number(process.argv[2] ?? 5)));
const seed = new Uint8Array(32).fill(42);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(f: () => boolean): number {
  const runs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    if (!f()) throw new Error('proof did not verify');
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

const cases = [
  { label: 'typical', born: '2000-05-20', on: '2026-06-01' },
  { label: 'worst', born: '1900-01-01', on: '1918-01-01' },
];
console.log(`age check cost, median of ${rounds} (AGE_CEILING = ${AGE_CEILING} hashes)`);
for (const suite of allSuites) {
  const cells: string[] = [];
  for (const c of cases) {
    const commitment = ageCommitment(suite, seed, c.born);
    const proof = ageProof(suite, seed, c.born, c.on, 18)!;
    const m = AGE_CEILING - ageDay(ageCutoff(c.on, 18));
    const ms = time(() => verifyAgeProof(suite, commitment, proof, c.on, 18));
    cells.push(`${c.label} m=${m}: ${ms.toFixed(1)} ms (${((ms * 1000) / m).toFixed(2)} µs/hash)`);
  }
  console.log(`${suite.id}/${suite.impl}`.padEnd(13), cells.join('   '));
}
