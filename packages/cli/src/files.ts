/** The node directory: key.json (0600), genesis.json, config.json, chain.db. */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultTimeoutConfig, type TimeoutConfig } from '@djchain/consensus/timeouts';
import { fromHex, getSuite, type KeyPair, type SuiteId } from '@djchain/crypto';
import { ATTACHMENT_MAX_BYTES } from '@djchain/modules/lists';
import {
  defaultRetentionOptions,
  type GenesisJson,
  genesisFromJson,
  type RetentionOptions,
} from '@djchain/node/light';
import type { GenesisDoc } from '@djchain/runtime';
import { CliError } from './i18n.ts';

export const KEY_FILE = 'key.json';
export const GENESIS_FILE = 'genesis.json';
export const CONFIG_FILE = 'config.json';
/** The node operator's API token (reads everything, like the node's disk), mode 0600. */
export const API_TOKEN_FILE = 'api-token';

export interface KeyFile {
  readonly suite: SuiteId;
  readonly publicKey: string;
  readonly secretKey: string;
}

export interface NodeConfig {
  readonly api: { readonly host: string; readonly port: number };
  readonly logLevel: string;
  readonly emptyBlockIntervalMs: number;
  readonly maxBlockTxs: number;
  /** Module files for development and tests (see modules.ts). */
  readonly extraModules: readonly string[];
  /**
   * This node's consensus round timeouts (ms): timeout(r) = base + r × delta. Any field left out
   * keeps its default; slower links or hosts want larger bases (liveness only, never safety).
   */
  readonly consensusTimeouts: Partial<TimeoutConfig>;
  /** On an EMPTY directory, start from a snapshot of the p2p peers instead of block 1. */
  readonly snapshotFromPeers: boolean;
  /** With `snapshotFromPeers`: trust this header (height, hex hash) instead of walking from genesis. */
  readonly snapshotTrust: { readonly height: number; readonly hash: string } | null;
  /**
   * Which state versions this node keeps (older ones are pruned after commits): `keepVersions`
   * latest versions (0 = all, an archive node), `stepVersions` pruned per commit at most,
   * `snapshotPinVersions` how long a served snapshot's version is kept. Fields left out keep
   * their defaults.
   */
  readonly stateRetention: Partial<RetentionOptions>;
  /**
   * The attachment store under `<dir>/attachments`: `maxBytes`, the largest content this node
   * accepts and keeps (default 32 MiB; at most the chain's 256 MiB). A larger upload is refused
   * with ATTACHMENT_TOO_LARGE naming the limit.
   */
  readonly attachments: { readonly maxBytes?: number };
}

export const defaultConfig: NodeConfig = {
  api: { host: '127.0.0.1', port: 26657 },
  logLevel: 'info',
  emptyBlockIntervalMs: 5000,
  maxBlockTxs: 5000,
  extraModules: [],
  consensusTimeouts: {},
  snapshotFromPeers: false,
  snapshotTrust: null,
  stateRetention: {},
  attachments: {},
};

/** The consensus timeouts a config asks for, defaults filled in. */
export function timeoutsOf(c: NodeConfig): TimeoutConfig {
  return { ...defaultTimeoutConfig, ...c.consensusTimeouts };
}

const TIMEOUT_FIELDS = Object.keys(defaultTimeoutConfig);

/** The state retention a config asks for, defaults filled in. */
export function retentionOf(c: NodeConfig): RetentionOptions {
  return { ...defaultRetentionOptions, ...c.stateRetention };
}

const RETENTION_FIELDS = Object.keys(defaultRetentionOptions);
/** Bounds of each retention field (keepVersions: 0 keeps all; else at least 10 for consensus). */
const RETENTION_BOUNDS: Record<string, readonly [number, number]> = {
  keepVersions: [0, 1_000_000_000],
  stepVersions: [1, 10_000],
  snapshotPinVersions: [0, 1_000_000_000],
};

export function writeJson(file: string, value: unknown, mode = 0o644): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode });
  chmodSync(file, mode);
}

function readJson(dir: string, name: string): unknown {
  const file = join(dir, name);
  if (!existsSync(file)) throw new CliError('CLI_NOT_INITIALIZED', { dir, file: name });
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError('CLI_BAD_FILE', { file, dir, reason: (e as Error).message });
  }
}

export interface LoadedDir {
  readonly dir: string;
  readonly key: KeyPair;
  readonly genesis: GenesisDoc;
  readonly config: NodeConfig;
}

/** Reads and checks the three files, with messages that name the file and the fix. */
export function loadDir(dirArg: string): LoadedDir {
  const dir = resolve(dirArg);
  const keyJson = readJson(dir, KEY_FILE) as Partial<KeyFile>;
  const genesisJson = readJson(dir, GENESIS_FILE) as GenesisJson;
  const configJson = readJson(dir, CONFIG_FILE) as Partial<NodeConfig>;
  const keyFile = join(dir, KEY_FILE);
  const mode = statSync(keyFile).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new CliError('CLI_KEY_PERMISSIONS', { file: keyFile, mode: mode.toString(8) });
  let genesis: GenesisDoc;
  try {
    genesis = genesisFromJson(genesisJson);
  } catch (e) {
    throw new CliError('CLI_BAD_FILE', { file: join(dir, GENESIS_FILE), dir, reason: (e as Error).message });
  }
  let key: KeyPair;
  try {
    if (keyJson.suite !== genesis.suite)
      throw new CliError('CLI_BAD_FILE', {
        file: keyFile,
        dir,
        reason: `key suite ${keyJson.suite} is not the chain's ${genesis.suite}`,
      });
    const suite = getSuite(genesis.suite);
    const secretKey = fromHex(String(keyJson.secretKey));
    key = { secretKey, publicKey: suite.publicKeyOf(secretKey) };
    if (keyJson.publicKey !== undefined && Buffer.from(key.publicKey).toString('hex') !== keyJson.publicKey) {
      throw new CliError('CLI_BAD_FILE', {
        file: keyFile,
        dir,
        reason: 'publicKey does not match secretKey',
      });
    }
  } catch (e) {
    throw new CliError('CLI_BAD_FILE', { file: keyFile, dir, reason: (e as Error).message });
  }
  const config: NodeConfig = {
    ...defaultConfig,
    ...configJson,
    api: { ...defaultConfig.api, ...(configJson.api ?? {}) },
  };
  const problem = checkConfig(config);
  if (problem) throw new CliError('CLI_BAD_FILE', { file: join(dir, CONFIG_FILE), dir, reason: problem });
  return { dir, key, genesis, config };
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The first problem of a config, named by its field, or null. */
export function checkConfig(c: NodeConfig): string | null {
  const posInt = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
  if (typeof c.api.host !== 'string' || c.api.host.length === 0)
    return 'api.host must be a host name or address';
  if (!Number.isInteger(c.api.port) || c.api.port < 0 || c.api.port > 65535)
    return 'api.port must be 0 to 65535';
  if (!LEVELS.includes(c.logLevel)) return `logLevel must be one of ${LEVELS.join(', ')}`;
  if (!posInt(c.emptyBlockIntervalMs)) return 'emptyBlockIntervalMs must be a positive integer (ms)';
  if (!posInt(c.maxBlockTxs) || c.maxBlockTxs > 10_000) return 'maxBlockTxs must be 1 to 10000';
  if (!Array.isArray(c.extraModules) || c.extraModules.some((f) => typeof f !== 'string')) {
    return 'extraModules must be a list of file paths';
  }
  const ct = c.consensusTimeouts as Record<string, unknown> | null;
  if (ct === null || typeof ct !== 'object' || Array.isArray(ct))
    return `consensusTimeouts must be an object with fields ${TIMEOUT_FIELDS.join(', ')}`;
  for (const [k, v] of Object.entries(ct)) {
    if (!TIMEOUT_FIELDS.includes(k))
      return `consensusTimeouts.${k} is unknown (fields: ${TIMEOUT_FIELDS.join(', ')})`;
    // Bases below 100 ms make rounds fail on any hiccup; above 10 minutes a stalled round waits too long.
    const base = k.endsWith('BaseMs');
    if (!Number.isSafeInteger(v) || (v as number) < (base ? 100 : 0) || (v as number) > 600_000)
      return `consensusTimeouts.${k} must be an integer from ${base ? 100 : 0} to 600000 (ms)`;
  }
  const sr = c.stateRetention as Record<string, unknown> | null;
  if (sr === null || typeof sr !== 'object' || Array.isArray(sr))
    return `stateRetention must be an object with fields ${RETENTION_FIELDS.join(', ')}`;
  for (const [k, v] of Object.entries(sr)) {
    const bounds = RETENTION_BOUNDS[k];
    if (!bounds) return `stateRetention.${k} is unknown (fields: ${RETENTION_FIELDS.join(', ')})`;
    if (!Number.isSafeInteger(v) || (v as number) < bounds[0] || (v as number) > bounds[1])
      return `stateRetention.${k} must be an integer from ${bounds[0]} to ${bounds[1]}`;
  }
  // Consensus and block validation read the latest two versions; queries want some history.
  if (sr.keepVersions !== undefined && sr.keepVersions !== 0 && (sr.keepVersions as number) < 10)
    return 'stateRetention.keepVersions must be 0 (keep all) or at least 10';
  const at = c.attachments as Record<string, unknown> | null;
  if (at === null || typeof at !== 'object' || Array.isArray(at))
    return 'attachments must be an object with the field maxBytes';
  for (const [k, v] of Object.entries(at)) {
    if (k !== 'maxBytes') return `attachments.${k} is unknown (fields: maxBytes)`;
    if (!Number.isSafeInteger(v) || (v as number) < 1 || (v as number) > ATTACHMENT_MAX_BYTES)
      return `attachments.maxBytes must be an integer from 1 to ${ATTACHMENT_MAX_BYTES} (bytes)`;
  }
  if (typeof c.snapshotFromPeers !== 'boolean') return 'snapshotFromPeers must be true or false';
  const st = c.snapshotTrust;
  if (st !== null) {
    if (typeof st !== 'object' || !Number.isSafeInteger(st.height) || st.height < 1)
      return 'snapshotTrust.height must be a block height (1 or more)';
    if (typeof st.hash !== 'string' || !/^[0-9a-f]{64}$/.test(st.hash))
      return 'snapshotTrust.hash must be 64 lowercase hex digits (the header hash)';
  }
  return null;
}
