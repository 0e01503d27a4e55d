/**
 * The demo's key store and sealed profiles (the synthetic names, birth dates and addresses of
 * roster.json, each sealed under its own random key — not derived from the public seed), so the web
 * app's personal-field read goes through the real sealed-data service (`djchain sealed serve`).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomSeed, type Suite, toHex } from '@djchain/crypto';
import { sealProfile } from '@djchain/modules';
import {
  appendSealed,
  emptyVault,
  profileKeyOf,
  type SealedLine,
  saveVault,
  withKeys,
} from '../commands/vault.ts';
import type { Person } from './plan.ts';

export const DEMO_VAULT = 'vault.json';
export const DEMO_PROFILES = 'profiles.jsonl';

export function writeDemoVault(dir: string, suite: Suite, chainId: string, people: readonly Person[]): void {
  const vaultFile = join(dir, DEMO_VAULT);
  const profilesFile = join(dir, DEMO_PROFILES);
  const vault = withKeys(
    emptyVault(chainId, suite),
    people.map((p) => p.id),
  );
  saveVault(vaultFile, vault);
  if (existsSync(profilesFile)) writeFileSync(profilesFile, '', { mode: 0o600 });
  const lines: SealedLine[] = people.map((p, i) => {
    const nonce = randomSeed().slice(0, 12);
    const { sealed, commitment } = sealProfile(
      suite,
      profileKeyOf(suite, vault, p.id)!,
      nonce,
      p.id,
      randomSeed(),
      {
        name: p.name,
        gender: '',
        birthDate: p.birthDate,
        idNumber: '',
        phone: '',
        address: p.address,
        education: '',
        occupation: '',
        incomeBase: 0,
      },
    );
    return {
      member: p.id,
      row: i + 1,
      nonce: toHex(nonce),
      sealed: toHex(sealed),
      commitment,
      ref: `demo-${p.id}`,
    };
  });
  appendSealed(profilesFile, lines);
}
