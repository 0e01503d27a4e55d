/**
 * The operator's import vault and sealed-profile file (kept off chain, never sent to a node).
 *
 * vault.json (mode 0600): a chain-specific 32-byte `salt` and a 32-byte `profileKey`, drawn once.
 *   - member id   = "m-" ‖ first 12 bytes (hex) of H_tag("djchain/cli/member-id/v1", salt, ID number):
 *     the same person always gets the same id on this chain (re-runs never duplicate), yet the id
 *     reveals nothing of the ID number to anyone without the salt.
 *   - key address = first 20 bytes of H_tag("djchain/cli/placeholder-address/v1", salt, member id):
 *     a placeholder no key signs for, until the member's own key is bound with
 *     member.requestKeyRecovery + member.approveKeyRecovery.
 *   - profile key = H_tag("djchain/cli/profile-key/v1", profileKey, member id), cut to the suite's
 *     AEAD key length; each member's profile is sealed under its own key (member.sealProfile).
 * profiles.jsonl: one JSON line per sealed profile `{ member, row, nonce, sealed, commitment, ref }`
 * (hex); no personal field in clear. The last line of a member wins. Losing the vault loses the
 * ability to open the profiles and to recognise people already imported: back it up offline.
 */
import { appendFileSync, chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fromHex, randomSeed, type Suite, taggedHash, toHex } from '@djchain/crypto';
import { openProfile, type Profile } from '@djchain/modules';
import { parseJson, readText } from './common.ts';
import { CmdError } from './messages.ts';

export interface Vault {
  readonly format: 'djchain-import-vault';
  readonly version: 1;
  readonly chainId: string;
  readonly suite: string;
  readonly salt: string;
  readonly profileKey: string;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Opens the vault of `file`, creating it (0600) when absent; refuses one of another chain. */
export function openVault(file: string, chainId: string, suite: Suite): { vault: Vault; created: boolean } {
  if (!existsSync(file)) {
    const vault: Vault = {
      format: 'djchain-import-vault',
      version: 1,
      chainId,
      suite: suite.id,
      salt: toHex(randomSeed()),
      profileKey: toHex(randomSeed()),
    };
    writeFileSync(file, `${JSON.stringify(vault, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return { vault, created: true };
  }
  const v = parseJson(readText(file), file) as Partial<Vault>;
  const hex32 = (x: unknown) => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x);
  if (v.format !== 'djchain-import-vault' || v.version !== 1 || !hex32(v.salt) || !hex32(v.profileKey))
    throw new CmdError('badVault', { file });
  if (v.chainId !== chainId || v.suite !== suite.id)
    throw new CmdError('vaultOtherChain', { file, chainId: String(v.chainId), expected: chainId });
  return { vault: v as Vault, created: false };
}

export function memberIdOf(suite: Suite, vault: Vault, idNumber: string): string {
  return `m-${toHex(taggedHash(suite, 'djchain/cli/member-id/v1', fromHex(vault.salt), utf8(idNumber))).slice(0, 24)}`;
}

export function placeholderAddress(suite: Suite, vault: Vault, member: string): string {
  return toHex(
    taggedHash(suite, 'djchain/cli/placeholder-address/v1', fromHex(vault.salt), utf8(member)),
  ).slice(0, 40);
}

export function profileKeyOf(suite: Suite, vault: Vault, member: string): Uint8Array {
  const k = taggedHash(suite, 'djchain/cli/profile-key/v1', fromHex(vault.profileKey), utf8(member));
  return k.slice(0, suite.aeadKeyLength);
}

export interface SealedLine {
  readonly member: string;
  readonly row: number;
  readonly nonce: string;
  readonly sealed: string;
  readonly commitment: string;
  readonly ref: string;
}

export function appendSealed(file: string, lines: readonly SealedLine[]): void {
  if (lines.length === 0) return;
  appendFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''), { mode: 0o600 });
}

/** The roster's extra fields sealed along with the profile (historical dates stay off chain too). */
export interface ImportedProfile extends Profile {
  readonly ethnicity: string;
  readonly category: string;
  readonly joinedOn: string | null;
  readonly convertedOn: string | null;
  readonly appliedOn: string | null;
  readonly activistOn: string | null;
  readonly candidateOn: string | null;
}

/** Opens every sealed profile of the file; the last line per member wins, unopenable lines are skipped. */
export function readProfiles(file: string, suite: Suite, vault: Vault): Map<string, ImportedProfile> {
  const out = new Map<string, ImportedProfile>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let l: SealedLine;
    try {
      l = JSON.parse(line) as SealedLine;
    } catch {
      continue;
    }
    const opened = openProfile(
      suite,
      profileKeyOf(suite, vault, l.member),
      fromHex(l.nonce),
      l.member,
      fromHex(l.sealed),
    );
    if (opened) out.set(l.member, opened.profile as ImportedProfile);
  }
  return out;
}
