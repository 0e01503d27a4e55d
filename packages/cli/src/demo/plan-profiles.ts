/**
 * The demo's sealed profiles (issue 18, 不漏人's roster check): each person's profile — synthetic name,
 * birth date, key address and monthly dues base — stays off chain, sealed in the vault by the seeder
 * (sealed.ts); the chain gets only its salted commitment and a reference, as `djchain import` gives
 * them (`profileCommitment` and `profileRef` of `member.importMember` and `member.register`; for the
 * post holders in genesis, the same two fields of their genesis entry). Draws nothing from the
 * generator. It runs after the dues planner because the profile holds the dues base.
 */
import type { Suite } from '@djchain/crypto';
import { type Profile, profileCommitment } from '@djchain/modules';
import { profileSaltOf } from './plan-context.ts';
import type { DuesInfo, Person, PlannedTx } from './plan-types.ts';

/** The profile's reference on chain (the line of profiles.jsonl it names). */
export const profileRefOf = (member: string): string => `demo-${member}`;

/** Each member's monthly dues base in fen, for the based groups (the last assessment wins). */
export function profileBases(dues: readonly DuesInfo[]): Map<string, number> {
  return new Map(dues.flatMap((d) => (d.base === null ? [] : [[d.member, d.base] as const])));
}

/** The fields the demo knows of a person (the rest of a real roster's stay empty). */
export function demoProfile(
  p: { readonly name: string; readonly birthDate: string; readonly address: string },
  incomeBase: number,
): Profile {
  return {
    name: p.name,
    gender: '',
    birthDate: p.birthDate,
    idNumber: '',
    phone: '',
    address: p.address,
    education: '',
    occupation: '',
    incomeBase,
  };
}

export interface ProfileOnChain {
  readonly profileCommitment: string;
  readonly profileRef: string;
}

/** Every person's commitment and reference, by member id. */
export function planProfiles(
  suite: Suite,
  seed: number,
  people: readonly Person[],
  dues: readonly DuesInfo[],
): Map<string, ProfileOnChain> {
  const bases = profileBases(dues);
  return new Map(
    people.map((p) => [
      p.id,
      {
        profileCommitment: profileCommitment(
          suite,
          profileSaltOf(suite, seed, p.id),
          demoProfile(p, bases.get(p.id) ?? 0),
        ),
        profileRef: profileRefOf(p.id),
      },
    ]),
  );
}

/** A planned registration (import or register) with its person's commitment and reference. */
export function withProfile(t: PlannedTx, profiles: ReadonlyMap<string, ProfileOnChain>): PlannedTx {
  if (t.module !== 'member' || (t.action !== 'importMember' && t.action !== 'register')) return t;
  const onChain = profiles.get(t.params.id as string);
  return onChain ? { ...t, params: { ...t.params, ...onChain } } : t;
}
