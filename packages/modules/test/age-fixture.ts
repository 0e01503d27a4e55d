/**
 * Age commitments and proofs for tests and vectors. Vectors are JSON, so they name the inputs and
 * the harness computes the bytes:
 *   { "$ageCommitment": { "seed": "cand", "born": "2000-05-20" } }                → hex commitment
 *   { "$ageProof": { "seed": "cand", "born": "2000-05-20", "on": "2024-03-04",
 *                    "flip"?: true, "length"?: 31 } }                               → proof bytes
 * A seed is named: its bytes derive from the name, as a clerk's random draw would be fixed per person.
 * Commitments are cached (one chain of ~70k hashes per person and birth date, not per vector).
 */
import { createHash } from 'node:crypto';
import type { Suite, Value } from '@djchain/crypto';
import { ageCommitment, ageProof } from '../src/index.ts';

export function testSeed(name: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`djchain-test/age/${name}`).digest());
}

const commitments = new Map<string, string>();

export function testCommitment(suite: Suite, seed: string, born: string): string {
  const key = `${suite.id}|${seed}|${born}`;
  let c = commitments.get(key);
  if (c === undefined) {
    c = ageCommitment(suite, testSeed(seed), born);
    commitments.set(key, c);
  }
  return c;
}

interface ProofSpec {
  readonly seed: string;
  readonly born: string;
  readonly on: string;
  readonly minAge?: number;
  /** Flip one bit (a tampered proof). */
  readonly flip?: boolean;
  /** Cut or pad to this many bytes (a malformed proof). */
  readonly length?: number;
}

export function testProof(suite: Suite, spec: ProofSpec): Uint8Array {
  const p = ageProof(suite, testSeed(spec.seed), spec.born, spec.on, spec.minAge ?? 18);
  if (p === null)
    throw new Error(`no age proof exists: born ${spec.born}, ${spec.minAge ?? 18} on ${spec.on}`);
  let out = new Uint8Array(p);
  if (spec.flip) out[0] = out[0]! ^ 1;
  if (spec.length !== undefined) {
    const sized = new Uint8Array(spec.length);
    sized.set(out.subarray(0, spec.length));
    out = sized;
  }
  return out;
}

/** The value a `$ageCommitment` / `$ageProof` placeholder stands for, or undefined for other values. */
export function resolveAge(suite: Suite, v: { readonly [k: string]: Value }): Value | undefined {
  const keys = Object.keys(v);
  if (keys.length !== 1) return undefined;
  if (keys[0] === '$ageCommitment') {
    const c = v.$ageCommitment as { seed: string; born: string };
    return testCommitment(suite, c.seed, c.born);
  }
  if (keys[0] === '$ageProof') return testProof(suite, v.$ageProof as unknown as ProofSpec);
  return undefined;
}
