/**
 * The demo's key store and sealed profiles (the synthetic names, birth dates and addresses of
 * roster.json, each sealed under its own random key — not derived from the public seed), so the web
 * app's personal-field read goes through the real sealed-data service (`djchain sealed serve`).
 * A member's profile is sealed with the plan's salt (plan-profiles.ts), so it opens to the commitment
 * their registration put on chain.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomSeed, type Suite, toHex } from '@djchain/crypto';
import { sealDeclaration, sealProfile } from '@djchain/modules';
import {
  appendSealed,
  emptyVault,
  profileKeyOf,
  type SealedLine,
  saveVault,
  withKeys,
} from '../commands/vault.ts';
import type { DeclarationInfo, DemoResident, Person } from './plan.ts';
import { demoProfile, profileRefOf } from './plan-profiles.ts';

export const DEMO_VAULT = 'vault.json';
export const DEMO_PROFILES = 'profiles.jsonl';
/** Beside the profiles, where `djchain sealed serve` looks for them by default. */
export const DEMO_DECLARATIONS = 'declarations.jsonl';

/**
 * `bases`: each member's monthly dues base in fen (the plan's dues assessments): sealed as the
 * profile's `incomeBase`, the only place the demo keeps it (the chain has its salted commitment).
 */
export function writeDemoVault(
  dir: string,
  suite: Suite,
  chainId: string,
  people: readonly Person[],
  bases: ReadonlyMap<string, number> = new Map(),
  residents: readonly DemoResident[] = [],
  declarations: readonly DeclarationInfo[] = [],
  salts: {
    /** A declaration's salt: the commitment on chain is the plan's. */
    readonly declaration?: (id: string) => Uint8Array;
    /** A member's profile salt (plan-profiles.ts): the commitment on chain is the plan's. */
    readonly profile?: (member: string) => Uint8Array;
  } = {},
): void {
  const vaultFile = join(dir, DEMO_VAULT);
  const profilesFile = join(dir, DEMO_PROFILES);
  const vault = withKeys(emptyVault(chainId, suite), [
    ...people.map((p) => p.id),
    ...residents.map((r) => r.id),
  ]);
  saveVault(vaultFile, vault);
  if (existsSync(profilesFile)) writeFileSync(profilesFile, '', { mode: 0o600 });
  // Residents (issue 16) are sealed beside the members: their names and key addresses only; the
  // sealed-data service never lists them (its names follow the node's roster read rules).
  const members = new Set(people.map((p) => p.id));
  const everyone = [
    ...people,
    ...residents.map((r) => ({ id: r.id, name: r.name, birthDate: '', address: r.address })),
  ];
  const lines: SealedLine[] = everyone.map((p, i) => {
    const nonce = randomSeed().slice(0, 12);
    // A member's salt is the plan's (their commitment is on chain); a resident's has no commitment to match.
    const salt = members.has(p.id) && salts.profile ? salts.profile(p.id) : randomSeed();
    const profile = demoProfile(p, bases.get(p.id) ?? 0);
    const { sealed, commitment } = sealProfile(
      suite,
      profileKeyOf(suite, vault, p.id)!,
      nonce,
      p.id,
      salt,
      profile,
    );
    return {
      member: p.id,
      row: i + 1,
      nonce: toHex(nonce),
      sealed: toHex(sealed),
      commitment,
      ref: profileRefOf(p.id),
    };
  });
  appendSealed(profilesFile, lines);
  // The personal declarations' contents, under the same members' keys, with the plan's salts (the
  // commitments on chain are the plan's).
  const declarationsFile = join(dir, DEMO_DECLARATIONS);
  const sealedDeclarations = declarations.map((d) => {
    const nonce = randomSeed().slice(0, 12);
    const { member, kind, matterOn, text } = d;
    const salt = salts.declaration?.(d.id) ?? new Uint8Array(0);
    const out = sealDeclaration(suite, profileKeyOf(suite, vault, member)!, nonce, salt, {
      member,
      kind,
      matterOn,
      text,
    })!;
    return `${JSON.stringify({ member, commitment: out.commitment, nonce: toHex(nonce), sealed: toHex(out.sealed) })}\n`;
  });
  writeFileSync(declarationsFile, sealedDeclarations.join(''), { mode: 0o600 });
}
