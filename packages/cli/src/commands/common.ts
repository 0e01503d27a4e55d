/** Shared parts of the commands: option parsing, language, files, passphrases, keystores, errors. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isClientError, openKeystore } from '@djchain/client';
import { getSuite, type KeyPair, type Suite } from '@djchain/crypto';
import { genesisFromJson } from '@djchain/node/light';
import type { GenesisDoc } from '@djchain/runtime';
import { CliError, type Lang, langOf, reason, t } from '../i18n.ts';
import type { CommandIo } from './io.ts';
import { nodeScrypt } from './scrypt.ts';

type OptionSpec = Record<
  string,
  { type: 'string' | 'boolean'; default?: string | boolean; short?: string; multiple?: boolean }
>;

export interface Parsed {
  /** A `multiple` option's value is a list. */
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
  readonly lang: Lang;
}

/** Parses `argv` with the options every command shares (--lang, --passphrase-file). */
export function parse(argv: string[], options: OptionSpec): Parsed {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      ...options,
      lang: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'token-file': { type: 'string' },
    },
  });
  return {
    values: values as Parsed['values'],
    positionals,
    lang: langOf(values.lang as string | undefined),
  };
}

export function need(p: Parsed, option: string): string {
  const v = p.values[option];
  if (typeof v !== 'string' || v.length === 0) throw new CliError('CLI_MISSING_OPTION', { option });
  return v;
}

export function opt(p: Parsed, option: string): string | undefined {
  const v = p.values[option];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError('CLI_CANNOT_READ', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError('CLI_BAD_JSON', { what, reason: (e as Error).message });
  }
}

export function loadGenesis(file: string): GenesisDoc {
  const json = parseJson(readText(file), file);
  try {
    return genesisFromJson(json);
  } catch (e) {
    throw new CliError('CLI_BAD_GENESIS', { file, reason: (e as Error).message });
  }
}

export function suiteOf(id: string): Suite {
  if (id !== 'intl' && id !== 'gm') throw new CliError('CLI_BAD_SUITE', { suite: id });
  return getSuite(id);
}

/**
 * The passphrase: --passphrase-file (first line), else env DJCHAIN_PASSPHRASE, else typed at the
 * terminal without echo (twice when `confirm`).
 */
export async function passphrase(p: Parsed, io: CommandIo, confirm = false): Promise<string> {
  const file = opt(p, 'passphrase-file');
  if (file !== undefined) return readText(file).split(/\r?\n/)[0] ?? '';
  const env = io.env.DJCHAIN_PASSPHRASE;
  if (env !== undefined && env.length > 0) return env;
  if (!io.promptSecret) throw new CliError('CLI_NO_PASSPHRASE');
  const first = await io.promptSecret(t(p.lang, 'passphrasePrompt'));
  if (confirm && (await io.promptSecret(t(p.lang, 'passphraseRepeat'))) !== first)
    throw new CliError('CLI_PASSPHRASE_MISMATCH');
  return first;
}

/** Opens the keystore of --key for `suite`. */
export async function openKey(p: Parsed, io: CommandIo, suite: Suite): Promise<KeyPair> {
  const text = readText(need(p, 'key'));
  return openKeystore(text, await passphrase(p, io), suite, { scrypt: nodeScrypt });
}

/** Runs a command body; people see a message in their language, scripts get exit code 1. */
export async function guarded(lang: Lang, io: CommandIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    io.err(`${t(lang, 'errorPrefix')}${describeError(lang, e)}\n`);
    return 1;
  }
}

function describeError(lang: Lang, e: unknown): string {
  if (e instanceof CliError) return t(lang, e.code, e.details);
  if (isClientError(e, 'CLIENT_KEYSTORE_BAD_PASSPHRASE')) return t(lang, 'badPassphrase');
  if (isClientError(e)) {
    const d = e.details as { apiCode?: string; code?: string };
    const code = d.apiCode ?? d.code ?? e.code;
    const english = e.message.replace(/^[A-Z_]+: /, '');
    return t(lang, 'CLI_CLIENT_ERROR', { code, reason: reason(lang, code, english) });
  }
  const err = e as { code?: string; message?: string; details?: object };
  const code = err.code ?? 'UNKNOWN';
  return t(lang, 'unexpected', { code, reason: reason(lang, code, err.message ?? String(e), err.details) });
}
