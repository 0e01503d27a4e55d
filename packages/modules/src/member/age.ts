/**
 * Age commitment: the chain checks "at least N full years old on date D" (党章第一条: 18 on the
 * application date) without ever seeing the birth date.
 *
 * Day numbers d(x) count days since 1900-01-01 (proleptic Gregorian). For a birth date b the chain
 * length is k = CEILING − d(b), CEILING = d(2200-01-01): the older, the longer. The clerk who checks
 * the ID draws a 32-byte seed s (kept in the sealed off-chain profile) and commits on chain only
 *   C = H^k(s),  H(x) = the chain suite's tagged hash under "djchain/age/v1".
 * "Born on or before the cutoff c" is k ≥ m with m = CEILING − d(c); the prover reveals
 * p = H^(k−m)(s) and anyone checks H^m(p) = C. Going from p back towards s would need a preimage,
 * so p shows k ≥ m and nothing more. Pure: the seed is a parameter, no randomness is drawn here.
 */
import { DjError, ONE_BLOCK_HEAD, type Suite, toHex } from '@djchain/crypto';
import { addDays, addYears, type IsoDate, isIsoDate, toDayNumber } from '../common/dates.ts';

export const AGE_TAG = 'djchain/age/v1';
/** Day 0 of the age chain; births before it cannot be committed. */
export const AGE_EPOCH: IsoDate = '1900-01-01';
/** Births on or after this day cannot be committed; k counts down to it. */
export const AGE_CEILING_DATE: IsoDate = '2200-01-01';
export const AGE_SEED_LENGTH = 32;
/** Bound of every loop here: no chain is longer than this many hashes (~110k). */
export const AGE_CEILING = toDayNumber(AGE_CEILING_DATE) - toDayNumber(AGE_EPOCH);
/** Ages above this are not a rule anyone states; refused as malformed. */
const MAX_AGE = 150;

export type AgeErrorCode = 'AGE_BAD_SEED' | 'AGE_DATE_OUT_OF_RANGE' | 'AGE_BAD_MIN_AGE' | 'AGE_BAD_CHAIN';

/** A caller error of the helpers (seed or chain value length, date outside 1900–2200, minimum age). */
export class AgeError extends DjError<AgeErrorCode> {
  constructor(code: AgeErrorCode, message: string) {
    super(code, message);
    this.name = 'AgeError';
  }
}

/** d(date): days since 1900-01-01. */
export function ageDay(date: IsoDate): number {
  if (!isIsoDate(date)) throw new AgeError('AGE_DATE_OUT_OF_RANGE', 'not a date YYYY-MM-DD');
  return toDayNumber(date) - toDayNumber(AGE_EPOCH);
}

/**
 * The latest birth date that is `minAge` full years old on `onDate`: b qualifies iff b ≤ cutoff.
 * Years are added with the project's month arithmetic, which clamps to the month's end (RULES.md,
 * "Month arithmetic clamps to the month's end"): someone born on 29 Feb turns 18 on 28 Feb of a common
 * year, exactly as `ageOn` counts. Hence D − N years alone is one day short when D is 28 Feb of a
 * common year and D − N years is a leap year: 29 Feb then qualifies as well.
 */
export function ageCutoff(onDate: IsoDate, minAge: number): IsoDate {
  checkMinAge(minAge);
  if (!isIsoDate(onDate) || onDate < '0200-01-01')
    throw new AgeError('AGE_DATE_OUT_OF_RANGE', 'not a date YYYY-MM-DD from the year 200 on');
  const back = addYears(onDate, -minAge);
  const next = addDays(back, 1);
  return addYears(next, minAge) <= onDate ? next : back;
}

function checkMinAge(minAge: number): void {
  if (!Number.isSafeInteger(minAge) || minAge < 0 || minAge > MAX_AGE)
    throw new AgeError('AGE_BAD_MIN_AGE', `minimum age must be an integer 0..${MAX_AGE}`);
}

/**
 * k for a birth date; throws when the date is outside [1900-01-01, 2200-01-01). k ≥ 1, so a
 * commitment is always a hash, never the seed itself.
 */
function chainLength(birthDate: IsoDate): number {
  const d = ageDay(birthDate);
  if (d < 0 || d >= AGE_CEILING)
    throw new AgeError(
      'AGE_DATE_OUT_OF_RANGE',
      `birth date outside ${AGE_EPOCH} … ${AGE_CEILING_DATE} (excl.)`,
    );
  return AGE_CEILING - d;
}

/** m for a claim "minAge on onDate", or null when the claim is outside the committable range. */
function claimLength(onDate: IsoDate, minAge: number): number | null {
  // Before the epoch every cutoff is too: no committed chain is that long.
  if (!isIsoDate(onDate) || onDate < AGE_EPOCH) return null;
  const m = AGE_CEILING - ageDay(ageCutoff(onDate, minAge));
  return m >= 0 && m <= AGE_CEILING ? m : null;
}

const TAG_BYTES = new TextEncoder().encode(AGE_TAG);

/**
 * H^n(x) with H(x) = taggedHash(suite, AGE_TAG, x), returned as a fresh array.
 * PERF: the same bytes as taggedHash (len(tag) ‖ tag ‖ len(x) ‖ x, lengths 4-byte big-endian), laid
 * out once in one buffer so the ~10^5 steps neither re-encode the tag nor allocate an input per step;
 * the suite's one-block loop (`Suite.oneBlockChain`: one SHA-256 or SM3 compression per step in
 * JavaScript), several times faster than a hash call per step. A proof's check on chain is up to
 * ~70,000 steps on every node.
 */
export function ageHashChain(suite: Suite, x: Uint8Array, n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0 || n > AGE_CEILING)
    throw new AgeError('AGE_BAD_CHAIN', `chain length must be 0..${AGE_CEILING}`);
  const head = 4 + TAG_BYTES.length;
  const buf = new Uint8Array(head + 4 + suite.hashLength);
  const view = new DataView(buf.buffer);
  view.setUint32(0, TAG_BYTES.length);
  buf.set(TAG_BYTES, 4);
  view.setUint32(head, suite.hashLength);
  if (!(x instanceof Uint8Array) || x.length !== suite.hashLength)
    throw new AgeError('AGE_BAD_CHAIN', 'chain values are one hash long');
  // PERF: this tag's steps fit one block of the suite's hash: its one-block loop, the same bytes.
  if (head + 4 === ONE_BLOCK_HEAD) return suite.oneBlockChain(buf.subarray(0, head + 4), x, n);
  let v: Uint8Array = x.slice();
  for (let i = 0; i < n; i++) {
    buf.set(v, head + 4);
    v = suite.hash(buf);
  }
  return v;
}

function checkSeed(suite: Suite, seed: Uint8Array): void {
  if (
    !(seed instanceof Uint8Array) ||
    seed.length !== AGE_SEED_LENGTH ||
    suite.hashLength !== AGE_SEED_LENGTH
  )
    throw new AgeError('AGE_BAD_SEED', `the age seed is ${AGE_SEED_LENGTH} bytes`);
}

/** C = H^k(seed) as hex: what the registering clerk puts on chain. */
export function ageCommitment(suite: Suite, seed: Uint8Array, birthDate: IsoDate): string {
  checkSeed(suite, seed);
  return toHex(ageHashChain(suite, seed, chainLength(birthDate)));
}

/**
 * p = H^(k−m)(seed), proving "at least minAge full years old on onDate"; null when the person is
 * younger (no such proof exists) or the date is outside the committable range.
 */
export function ageProof(
  suite: Suite,
  seed: Uint8Array,
  birthDate: IsoDate,
  onDate: IsoDate,
  minAge: number,
): Uint8Array | null {
  checkSeed(suite, seed);
  if (!isIsoDate(onDate)) throw new AgeError('AGE_DATE_OUT_OF_RANGE', 'not a date YYYY-MM-DD');
  const k = chainLength(birthDate);
  const m = claimLength(onDate, minAge);
  if (m === null || k < m) return null;
  return ageHashChain(suite, seed, k - m);
}

/**
 * Whether `proof` shows that the holder of `commitment` was at least minAge full years old on onDate:
 * H^m(proof) = commitment. At most AGE_CEILING hashes. Never throws on chain input: any malformed
 * commitment, proof or date is simply not a proof.
 */
export function verifyAgeProof(
  suite: Suite,
  commitment: string,
  proof: Uint8Array,
  onDate: IsoDate,
  minAge: number,
): boolean {
  if (typeof commitment !== 'string' || !/^[0-9a-f]{64}$/.test(commitment)) return false;
  if (!(proof instanceof Uint8Array) || proof.length !== suite.hashLength) return false;
  if (!Number.isSafeInteger(minAge) || minAge < 0 || minAge > MAX_AGE) return false;
  const m = claimLength(onDate, minAge);
  if (m === null) return false;
  return toHex(ageHashChain(suite, proof, m)) === commitment;
}
