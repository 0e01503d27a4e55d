/** `djchain init`: a node key (0600), genesis.json and config.json for a one-validator chain. */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getSuite, randomKeyPair, type SuiteId, toHex } from '@djchain/crypto';
import { DB_FILE, genesisToJson } from '@djchain/node';
import { CONFIG_FILE, defaultConfig, GENESIS_FILE, KEY_FILE, writeJson } from './files.ts';
import { CliError } from './i18n.ts';

export interface InitArgs {
  readonly dir: string;
  readonly suite: string;
  readonly chainId: string;
  readonly force: boolean;
  /** Genesis time (ms); the CLI passes the wall clock. */
  readonly time: number;
}

export interface InitResult {
  readonly dir: string;
  readonly chainId: string;
  readonly suite: SuiteId;
  readonly publicKey: string;
}

export function initDir(args: InitArgs): InitResult {
  const dir = resolve(args.dir);
  if (args.suite !== 'intl' && args.suite !== 'gm') throw new CliError('badSuite', { suite: args.suite });
  if (!/^[a-zA-Z0-9._-]{1,64}$/.test(args.chainId))
    throw new CliError('badChainId', { chainId: args.chainId });
  const files = [KEY_FILE, GENESIS_FILE, CONFIG_FILE, DB_FILE];
  if (files.some((f) => existsSync(join(dir, f)))) {
    if (!args.force) throw new CliError('alreadyInitialized', { dir });
    for (const f of [...files, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) rmSync(join(dir, f), { force: true });
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const suite = getSuite(args.suite);
  const key = randomKeyPair(suite);
  const publicKey = toHex(key.publicKey);
  writeJson(join(dir, KEY_FILE), { suite: suite.id, publicKey, secretKey: toHex(key.secretKey) }, 0o600);
  writeJson(
    join(dir, GENESIS_FILE),
    genesisToJson({
      chainId: args.chainId,
      suite: suite.id,
      time: args.time,
      validators: { validators: [{ publicKey: key.publicKey, power: 1, name: 'validator-0' }] },
      modules: {},
    }),
  );
  writeJson(join(dir, CONFIG_FILE), defaultConfig);
  return { dir, chainId: args.chainId, suite: suite.id, publicKey };
}
