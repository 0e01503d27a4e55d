/**
 * `djchain vault migrate|erase`: the operator's key store (vault.ts).
 *   migrate --vault v.json --profiles p.jsonl   v1 (one master key) → v2 (one random key per member)
 *   erase member:<id> --vault v.json            destroys one member's profile key (erasure)
 * Erasure touches nothing on chain: the profile commitment and every proof stay valid; only the
 * sealed profile can no longer be opened, by anyone, the sealed-data service included.
 */
import { resolve } from 'node:path';
import { chinaDate } from '@djchain/modules';
import { CliError, t } from '../i18n.ts';
import { guarded, need, type Parsed, parse, parseJson, readText, suiteOf } from './common.ts';
import type { CommandIo } from './io.ts';
import { migrateVault, openVault, saveVault, withoutKey } from './vault.ts';

function vaultMigrate(p: Parsed, io: CommandIo): number {
  const file = resolve(need(p, 'vault'));
  const v = parseJson(readText(file), file) as { suite?: unknown };
  const suite = suiteOf(String(v.suite));
  const count = migrateVault(file, resolve(need(p, 'profiles')), suite);
  io.out(t(p.lang, 'vaultMigrated', { file, count }));
  return 0;
}

function vaultErase(p: Parsed, io: CommandIo): number {
  const file = resolve(need(p, 'vault'));
  const target = p.positionals[1] ?? '';
  const member = target.startsWith('member:') ? target.slice('member:'.length) : target;
  if (member === '') throw new CliError('CLI_MISSING_ARG', { what: 'member:<id>' });
  const raw = parseJson(readText(file), file) as { chainId?: unknown; suite?: unknown };
  const { vault } = openVault(file, String(raw.chainId), suiteOf(String(raw.suite)));
  if (!Object.hasOwn(vault.keys, member)) throw new CliError('CLI_VAULT_NO_KEY', { file, member });
  saveVault(file, withoutKey(vault, member, chinaDate(Date.now())));
  io.out(t(p.lang, 'vaultErased', { file, member }));
  return 0;
}

export async function vaultCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, { vault: { type: 'string' }, profiles: { type: 'string' } });
  return guarded(p.lang, io, async () => {
    const sub = p.positionals[0];
    if (sub === 'migrate') return vaultMigrate(p, io);
    if (sub === 'erase') return vaultErase(p, io);
    throw new CliError('CLI_UNKNOWN_SUB', { sub: sub ?? '', choices: 'migrate, erase' });
  });
}
