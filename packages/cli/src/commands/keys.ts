/**
 * `djchain keys new|show`: keystore files (scrypt + AES-256-GCM, @djchain/client), the same format
 * the web app reads. The secret key is drawn here and written only encrypted, with mode 0600.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createKeystore, openKeystore, parseKeystore } from '@djchain/client';
import { randomKeyPair } from '@djchain/crypto';
import { CliError, t } from '../i18n.ts';
import {
  guarded,
  loadGenesis,
  need,
  opt,
  type Parsed,
  parse,
  passphrase,
  readText,
  suiteOf,
} from './common.ts';
import type { CommandIo } from './io.ts';
import { nodeScrypt } from './scrypt.ts';

const MIN_PASSPHRASE = 8;

async function keysNew(p: Parsed, io: CommandIo): Promise<number> {
  const out = resolve(need(p, 'out'));
  if (existsSync(out) && p.values.force !== true) throw new CliError('CLI_FILE_EXISTS', { file: out });
  const genesis = opt(p, 'genesis');
  const suite = suiteOf(genesis ? loadGenesis(genesis).suite : (opt(p, 'suite') ?? 'intl'));
  const pass = await passphrase(p, io, true);
  if ([...pass].length < MIN_PASSPHRASE) throw new CliError('CLI_PASSPHRASE_SHORT');
  const pair = randomKeyPair(suite);
  const label = opt(p, 'label');
  const file = await createKeystore(suite, pair.secretKey, pass, label === undefined ? {} : { label }, {
    scrypt: nodeScrypt,
  });
  pair.secretKey.fill(0);
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  io.out(
    t(p.lang, 'keyCreated', {
      file: out,
      suite: suite.id,
      address: file.address,
      publicKey: file.publicKey,
    }),
  );
  return 0;
}

async function keysShow(p: Parsed, io: CommandIo): Promise<number> {
  const path = p.positionals[1] ?? opt(p, 'key');
  if (path === undefined) throw new CliError('CLI_MISSING_ARG', { what: 'key.json' });
  const text = readText(path);
  const k = parseKeystore(text);
  io.out(
    t(p.lang, 'keyShow', {
      file: resolve(path),
      suite: k.suite,
      address: k.address,
      publicKey: k.publicKey,
      label: k.label ?? '-',
      N: k.kdf.N,
      r: k.kdf.r,
      p: k.kdf.p,
    }),
  );
  // --check proves the passphrase opens it (nothing is printed of the secret).
  if (p.values.check === true) {
    await openKeystore(text, await passphrase(p, io), suiteOf(k.suite), { scrypt: nodeScrypt });
    io.out(t(p.lang, 'keyOpened'));
  }
  return 0;
}

export async function keysCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    out: { type: 'string' },
    suite: { type: 'string' },
    genesis: { type: 'string' },
    label: { type: 'string' },
    key: { type: 'string' },
    force: { type: 'boolean' },
    check: { type: 'boolean' },
  });
  return guarded(p.lang, io, async () => {
    const sub = p.positionals[0];
    if (sub === 'new') return keysNew(p, io);
    if (sub === 'show') return keysShow(p, io);
    throw new CliError('CLI_UNKNOWN_SUB', { sub: sub ?? '', choices: 'new, show' });
  });
}
