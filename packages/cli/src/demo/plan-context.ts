/**
 * What every planner of the demo plan shares: the one seeded generator (planners draw from it in a
 * fixed order, so the order of the planner calls in plan.ts is part of the plan), the people made
 * so far, the post holders, and the transactions with their waves.
 */
import { type KeyPair, type Suite, taggedHash, type Value } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import { addDays, addMonths, type IsoDate } from '@djchain/modules';
import { DemoError } from './errors.ts';
import { syntheticName } from './names.ts';
import type { Person, PersonRole, PlannedTx, PlanOptions } from './plan-types.ts';
import { createRng, type Rng } from './prng.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A person's signing key, derived from the demo seed (demo keys are reproducible by design). */
export function personKey(suite: Suite, seed: number, id: string): KeyPair {
  return suite.keyPairFromSeed(taggedHash(suite, 'djchain/demo/key/v1', utf8(`${seed}/${id}`)));
}

export function ageSeedOf(suite: Suite, seed: number, id: string): Uint8Array {
  return taggedHash(suite, 'djchain/demo/age/v1', utf8(`${seed}/${id}`));
}

/**
 * The salt of a member's dues-base commitment (dues.assess). Derived from the public seed like the
 * age seeds: the demo's bases are synthetic, and `djchain dues audit` can recompute the commitment.
 */
export function duesSaltOf(suite: Suite, seed: number, id: string): Uint8Array {
  return taggedHash(suite, 'djchain/demo/dues-salt/v1', utf8(`${seed}/${id}`));
}

/**
 * The salt of a person's sealed-profile commitment (plan-profiles.ts). Derived from the public seed
 * like the dues salts: the synthetic profile derives from the seed too, so the salt hides nothing the
 * seed does not already give away (a real roster's salts are random: `djchain import`).
 */
export function profileSaltOf(suite: Suite, seed: number, id: string): Uint8Array {
  return taggedHash(suite, 'djchain/demo/profile-salt/v1', utf8(`${seed}/${id}`));
}

/** Meeting days: the 6th and the 20th of each month; every planned date is one of them. */
export function slotOnOrAfter(d: IsoDate): IsoDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const mm = String(m).padStart(2, '0');
  if (day <= 6) return `${y}-${mm}-06`;
  if (day <= 20) return `${y}-${mm}-20`;
  return `${addMonths(`${y}-${mm}-01`, 1).slice(0, 7)}-06`;
}

/** The first meeting day at least `days` after `d`. */
export const at = (d: IsoDate, days: number): IsoDate => slotOnOrAfter(addDays(d, days));

export type Params = { [key: string]: Value };

export class PlanContext {
  readonly rng: Rng;
  readonly people: Person[] = [];
  readonly txs: PlannedTx[] = [];
  /** The holder of each post, by "org/post". */
  readonly holders = new Map<string, string>();
  /** Next wave per `${date}/${subject}`. */
  private readonly waves = new Map<string, number>();
  private seq = 0;

  readonly suite: Suite;
  readonly opts: PlanOptions;
  readonly genesisDate: IsoDate;

  constructor(suite: Suite, opts: PlanOptions, genesisDate: IsoDate) {
    this.suite = suite;
    this.opts = opts;
    this.genesisDate = genesisDate;
    this.rng = createRng(opts.seed);
  }

  get today(): IsoDate {
    return this.opts.today;
  }

  /** The first meeting day of the history (ordinary members are imported on it). */
  get firstSlot(): IsoDate {
    return slotOnOrAfter(addDays(this.genesisDate, 3));
  }

  /** The person holding `key` ("c1/书记"). */
  holder(key: string): string {
    const id = this.holders.get(key);
    if (id === undefined) throw new DemoError('DEMO_PLAN_INVALID', `demo plan: nobody holds ${key}`);
    return id;
  }

  /** A new person with the next id (m-0001, …) and a synthetic name. */
  newPerson(branch: string, role: PersonRole, post: string | null, birth: IsoDate): Person {
    const id = `m-${String(++this.seq).padStart(4, '0')}`;
    const p: Person = {
      id,
      name: syntheticName(this.rng),
      branch,
      role,
      post,
      birthDate: birth,
      address: addressOf(this.suite, personKey(this.suite, this.opts.seed, id).publicKey),
    };
    this.people.push(p);
    return p;
  }

  birthBetween(fromYear: number, toYear: number): IsoDate {
    return addDays(`${this.rng.int(fromYear, toYear)}-01-01`, this.rng.int(0, 364));
  }

  /** A document reference (the documents themselves stay off chain). */
  ref(): string {
    return `doc-${this.rng.hex(24)}`;
  }

  /** A meeting day between `fromMonths` and `toMonths` after genesis. */
  window(fromMonths: number, toMonths: number): IsoDate {
    return slotOnOrAfter(addDays(this.genesisDate, this.rng.int(fromMonths * 30, toMonths * 30)));
  }

  /** Plans a transaction about `subject` on `date`, in the next wave of that subject's day. */
  add(
    subject: string,
    date: IsoDate,
    signer: string,
    module: string,
    action: string,
    params: Params,
    vote = false,
  ): void {
    const k = `${date}/${subject}`;
    const wave = this.waves.get(k) ?? 0;
    this.waves.set(k, wave + 1);
    this.txs.push({ date, wave, signer, module, action, params, ...(vote ? { vote } : {}) });
  }
}
