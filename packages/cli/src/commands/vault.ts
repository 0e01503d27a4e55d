/**
 * The operator's import vault and sealed-profile file (kept off chain, never sent to a node).
 *
 * vault.json (mode 0600, format version 2): a chain-specific 32-byte `salt` and the key store — one
 * random AEAD key per member (`keys`), and the members whose key was destroyed (`erased`, with the
 * date). Written whole to a temporary file, synced and renamed, so a crash leaves the old or the new
 * file, never half of one.
 *   - member id   = "m-" ‖ first 12 bytes (hex) of H_tag("djchain/cli/member-id/v1", salt, ID number):
 *     the same person always gets the same id on this chain (re-runs never duplicate), yet the id
 *     reveals nothing of the ID number to anyone without the salt.
 *   - key address = first 20 bytes of H_tag("djchain/cli/placeholder-address/v1", salt, member id):
 *     a placeholder no key signs for, until the member's own key is bound with
 *     member.requestKeyRecovery + member.approveKeyRecovery.
 *   - profile key = keys[member], drawn at random when the member's profile is first sealed. Keys
 *     share nothing, so destroying one (`djchain vault erase member:<id>`) makes that member's
 *     sealed profile unreadable for good while the commitment on chain, and every proof, stay valid.
 * Version 1 vaults derived every profile key from one master `profileKey`: they are refused, with
 * the command that converts them (`djchain vault migrate`, which writes each member's derived key
 * into the key store and drops the master key).
 * profiles.jsonl: one JSON line per sealed profile `{ member, row, nonce, sealed, commitment, ref }`
 * (hex); no personal field in clear. The last line of a member wins. Losing the vault loses the
 * ability to open the profiles and to recognise people already imported: back it up offline (and
 * know that a backup holds erased keys until it is destroyed too).
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fromHex, randomSeed, type Suite, taggedHash, toHex } from '@djchain/crypto';
import { openProfile, type Profile } from '@djchain/modules';
import { writeFileDurably } from '@djchain/node/light';
import { CliError } from '../i18n.ts';
import { parseJson, readText } from './common.ts';

export const VAULT_FORMAT = 'djchain-import-vault';
export const VAULT_VERSION = 2;

export interface Vault {
  readonly format: typeof VAULT_FORMAT;
  readonly version: typeof VAULT_VERSION;
  readonly chainId: string;
  readonly suite: string;
  readonly salt: string;
  /**
   * member id → hex AEAD key of that member's sealed profile (and declarations, dues bases);
   * `resident:<id>` → the key of that resident's sealed in-person checks (sealed/resident-checks.ts).
   */
  readonly keys: Readonly<Record<string, string>>;
  /** member id → ISO date its key was destroyed. */
  readonly erased: Readonly<Record<string, string>>;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const HEX32 = /^[0-9a-f]{64}$/;
const isRecordOf = (v: unknown, ok: (x: unknown) => boolean): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(ok);

export function saveVault(file: string, vault: Vault): void {
  // All at once (temporary file, fsync, rename, fsync of the folder): a crash leaves the old vault or the new.
  writeFileDurably(file, `${JSON.stringify(vault, null, 2)}\n`);
}

/** Reads a vault file of any version (for migrate); CliError badVault when it is not one. */
function readVaultFile(file: string): Record<string, unknown> {
  const v = parseJson(readText(file), file) as Record<string, unknown>;
  if (typeof v !== 'object' || v === null || v.format !== VAULT_FORMAT)
    throw new CliError('CLI_BAD_VAULT', { file });
  return v;
}

function checkV2(file: string, v: Record<string, unknown>): Vault {
  if (
    v.version !== VAULT_VERSION ||
    typeof v.salt !== 'string' ||
    !HEX32.test(v.salt) ||
    !isRecordOf(v.keys, (x) => typeof x === 'string' && HEX32.test(x)) ||
    !isRecordOf(v.erased, (x) => typeof x === 'string')
  )
    throw new CliError('CLI_BAD_VAULT', { file });
  return v as unknown as Vault;
}

/** A new vault of `chainId`: a fresh salt, no keys, nobody erased. */
export function emptyVault(chainId: string, suite: Suite): Vault {
  return {
    format: VAULT_FORMAT,
    version: VAULT_VERSION,
    chainId,
    suite: suite.id,
    salt: toHex(randomSeed()),
    keys: {},
    erased: {},
  };
}

/** Opens the vault of `file`, creating it (0600) when absent; refuses one of another chain or v1. */
export function openVault(file: string, chainId: string, suite: Suite): { vault: Vault; created: boolean } {
  if (!existsSync(file)) {
    const vault = emptyVault(chainId, suite);
    writeFileSync(file, `${JSON.stringify(vault, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return { vault, created: true };
  }
  const v = readVaultFile(file);
  if (v.version === 1) throw new CliError('CLI_VAULT_V1', { file });
  const vault = checkV2(file, v);
  if (vault.chainId !== chainId || vault.suite !== suite.id)
    throw new CliError('CLI_VAULT_OTHER_CHAIN', { file, chainId: String(vault.chainId), expected: chainId });
  return { vault, created: false };
}

export function memberIdOf(suite: Suite, vault: Pick<Vault, 'salt'>, idNumber: string): string {
  return `m-${toHex(taggedHash(suite, 'djchain/cli/member-id/v1', fromHex(vault.salt), utf8(idNumber))).slice(0, 24)}`;
}

export function placeholderAddress(suite: Suite, vault: Pick<Vault, 'salt'>, member: string): string {
  return toHex(
    taggedHash(suite, 'djchain/cli/placeholder-address/v1', fromHex(vault.salt), utf8(member)),
  ).slice(0, 40);
}

/** The member's profile key, or null (none drawn, or erased). */
export function profileKeyOf(suite: Suite, vault: Vault, member: string): Uint8Array | null {
  const k = Object.hasOwn(vault.keys, member) ? vault.keys[member] : undefined;
  return k === undefined ? null : fromHex(k).slice(0, suite.aeadKeyLength);
}

/**
 * The vault with a fresh random key for each of `members` that has none (an erased member who is
 * imported again gets a new key: that is newly collected data). Pure: the caller saves it before
 * anything sealed under the new keys is written.
 */
export function withKeys(vault: Vault, members: readonly string[]): Vault {
  const keys = { ...vault.keys };
  const erased = { ...vault.erased };
  let changed = false;
  for (const m of members) {
    if (Object.hasOwn(keys, m)) continue;
    keys[m] = toHex(randomSeed());
    delete erased[m];
    changed = true;
  }
  return changed ? { ...vault, keys, erased } : vault;
}

/** The vault without `member`'s key, marked erased on `date`. */
export function withoutKey(vault: Vault, member: string, date: string): Vault {
  const keys = { ...vault.keys };
  delete keys[member];
  return { ...vault, keys, erased: { ...vault.erased, [member]: date } };
}

/** The v1 derivation, kept only to migrate old vaults. */
function v1ProfileKey(suite: Suite, masterKey: string, member: string): string {
  return toHex(taggedHash(suite, 'djchain/cli/profile-key/v1', fromHex(masterKey), utf8(member)));
}

/**
 * Converts a v1 vault in place: every member with a line in `profilesFile` gets, in the key store,
 * the key v1 derived for them; the master key is dropped. Returns how many keys were written.
 */
export function migrateVault(file: string, profilesFile: string, suite: Suite): number {
  const v = readVaultFile(file);
  if (v.version === VAULT_VERSION) return 0;
  if (
    v.version !== 1 ||
    typeof v.salt !== 'string' ||
    typeof v.profileKey !== 'string' ||
    !HEX32.test(v.profileKey)
  )
    throw new CliError('CLI_BAD_VAULT', { file });
  if (v.suite !== suite.id) throw new CliError('CLI_BAD_VAULT', { file });
  const keys: Record<string, string> = {};
  for (const l of sealedLines(profilesFile)) keys[l.member] ??= v1ProfileKey(suite, v.profileKey, l.member);
  const vault: Vault = {
    format: VAULT_FORMAT,
    version: VAULT_VERSION,
    chainId: String(v.chainId),
    suite: suite.id,
    salt: v.salt,
    keys,
    erased: {},
  };
  saveVault(file, checkV2(file, vault as unknown as Record<string, unknown>));
  return Object.keys(keys).length;
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

/** Every well-formed line of a profiles file, in order (a torn last line is skipped). */
function sealedLines(file: string): SealedLine[] {
  if (!existsSync(file)) return [];
  const out: SealedLine[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const l = JSON.parse(line) as SealedLine;
      if (typeof l?.member === 'string' && typeof l.nonce === 'string' && typeof l.sealed === 'string')
        out.push(l);
    } catch {
      // A run killed mid-write leaves a torn last line that names nobody.
    }
  }
  return out;
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

/** Opens one sealed line with its member's key; null when erased, keyless or not openable. */
export function openLine(suite: Suite, vault: Vault, l: SealedLine): ImportedProfile | null {
  const key = profileKeyOf(suite, vault, l.member);
  if (key === null) return null;
  const opened = openProfile(suite, key, fromHex(l.nonce), l.member, fromHex(l.sealed));
  return opened ? (opened.profile as ImportedProfile) : null;
}

/** The last sealed line of each member. */
export function lastLines(file: string): Map<string, SealedLine> {
  const out = new Map<string, SealedLine>();
  for (const l of sealedLines(file)) out.set(l.member, l);
  return out;
}
