/** `djchain init`: a node key (0600), genesis.json and config.json for a one-validator chain. */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getSuite, randomKeyPair, type SuiteId, toHex } from '@djchain/crypto';
import { DB_FILE, genesisToJson } from '@djchain/node/light';
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
  if (args.suite !== 'intl' && args.suite !== 'gm')
    throw new CliError('CLI_BAD_SUITE', { suite: args.suite });
  if (!/^[a-zA-Z0-9._-]{1,64}$/.test(args.chainId))
    throw new CliError('CLI_BAD_CHAIN_ID', { chainId: args.chainId });
  const files = [KEY_FILE, GENESIS_FILE, CONFIG_FILE, DB_FILE];
  if (files.some((f) => existsSync(join(dir, f)))) {
    if (!args.force) throw new CliError('CLI_ALREADY_INITIALIZED', { dir });
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

/** One organization of the consortium file (see packages/cli/README.md). */
export interface OrgEntry {
  /** Directory name and a stable id: letters, digits, "-" or "_". */
  readonly id: string;
  readonly name: string;
  /**
   * committee | generalBranch | branch (validators by default) | superior, commission (the county-level
   * discipline commission named in genesis: observers by default).
   */
  readonly kind: 'committee' | 'generalBranch' | 'branch' | 'superior' | 'commission';
  readonly role?: 'validator' | 'observer';
  readonly power?: number;
  /** Where its node is reached by peers (p2p); peers dial `host`. */
  readonly host?: string;
  /** Address its API binds to; default the file's `apiHost`, else 127.0.0.1 (never `bindHost`). */
  readonly apiHost?: string;
  readonly p2pPort: number;
  readonly apiPort: number;
}

export interface OrgsFile {
  readonly chainId: string;
  readonly suite?: 'intl' | 'gm';
  /** Default host of every node (127.0.0.1 for one machine; set each org's host when distributed). */
  readonly host?: string;
  /** Address the nodes' p2p listeners bind to; default: the node's host. 0.0.0.0 on separate machines. */
  readonly bindHost?: string;
  /**
   * Address the nodes' HTTP APIs bind to: 127.0.0.1 unless set here (or per organization). Kept
   * apart from `bindHost` so that opening p2p to the other machines never opens the API with it.
   */
  readonly apiHost?: string;
  readonly organizations: readonly OrgEntry[];
}

export interface ClusterNode {
  readonly id: string;
  readonly dir: string;
  readonly role: 'validator' | 'observer';
  readonly publicKey: string;
  /** Where its API listens (127.0.0.1 unless the file's `apiHost` says otherwise). */
  readonly api: string;
}

export interface InitClusterArgs {
  readonly orgs: unknown;
  readonly out: string;
  readonly force: boolean;
  readonly time: number;
}

const KINDS = ['committee', 'generalBranch', 'branch', 'superior', 'commission'];

function checkOrgs(raw: unknown): OrgsFile {
  const bad = (reason: string): never => {
    throw new CliError('CLI_BAD_ORGS', { reason });
  };
  if (typeof raw !== 'object' || raw === null) return bad('the file must hold a JSON object');
  const f = raw as Partial<OrgsFile>;
  if (typeof f.chainId !== 'string' || !/^[a-zA-Z0-9._-]{1,64}$/.test(f.chainId))
    bad('chainId must be 1 to 64 letters, digits, ".", "_" or "-"');
  if (f.suite !== undefined && f.suite !== 'intl' && f.suite !== 'gm') bad('suite must be "intl" or "gm"');
  for (const [at, h] of [['apiHost', f.apiHost] as const, ['bindHost', f.bindHost] as const])
    if (h !== undefined && (typeof h !== 'string' || h.length === 0))
      bad(`${at} must be a host name or address`);
  if (!Array.isArray(f.organizations) || f.organizations.length === 0)
    bad('organizations must be a non-empty list');
  const ids = new Set<string>();
  const ports = new Set<string>();
  (f.organizations as OrgEntry[]).forEach((o, i) => {
    const at = `organizations[${i}]`;
    if (typeof o?.id !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(o.id))
      bad(`${at}.id must be a plain name`);
    if (ids.has(o.id)) bad(`${at}.id "${o.id}" is used twice`);
    ids.add(o.id);
    if (typeof o.name !== 'string' || o.name.length === 0) bad(`${at}.name must be set`);
    if (!KINDS.includes(o.kind)) bad(`${at}.kind must be one of ${KINDS.join(', ')}`);
    if (o.role !== undefined && o.role !== 'validator' && o.role !== 'observer')
      bad(`${at}.role must be "validator" or "observer"`);
    if (o.apiHost !== undefined && (typeof o.apiHost !== 'string' || o.apiHost.length === 0))
      bad(`${at}.apiHost must be a host name or address`);
    if (o.power !== undefined && (!Number.isSafeInteger(o.power) || o.power <= 0))
      bad(`${at}.power must be a positive integer`);
    for (const p of ['p2pPort', 'apiPort'] as const) {
      if (!Number.isInteger(o[p]) || o[p] <= 0 || o[p] > 65535) bad(`${at}.${p} must be 1 to 65535`);
      const host = o.host ?? f.host ?? '127.0.0.1';
      if (ports.has(`${host}:${o[p]}`)) bad(`${at}.${p} ${o[p]} is used twice on ${host}`);
      ports.add(`${host}:${o[p]}`);
    }
  });
  return f as OrgsFile;
}

export function roleOf(o: OrgEntry): 'validator' | 'observer' {
  return o.role ?? (o.kind === 'superior' || o.kind === 'commission' ? 'observer' : 'validator');
}

/**
 * `djchain init --orgs <file> --out <dir>`: one directory per organization's node with its own key
 * (0600), the shared genesis (validators and registered observers) and a config listing its peers.
 */
export function initCluster(args: InitClusterArgs): ClusterNode[] {
  const orgs = checkOrgs(args.orgs);
  const out = resolve(args.out);
  const suite = getSuite(orgs.suite ?? 'intl');
  const dirs = orgs.organizations.map((o) => join(out, o.id));
  for (const dir of dirs) {
    if ([KEY_FILE, GENESIS_FILE, CONFIG_FILE, DB_FILE].some((f) => existsSync(join(dir, f)))) {
      if (!args.force) throw new CliError('CLI_ALREADY_INITIALIZED', { dir });
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const keys = orgs.organizations.map(() => randomKeyPair(suite));
  const validators = orgs.organizations.flatMap((o, i) =>
    roleOf(o) === 'validator'
      ? [{ publicKey: keys[i]!.publicKey, power: o.power ?? 1, name: o.name, orgId: o.id }]
      : [],
  );
  if (validators.length === 0)
    throw new CliError('CLI_BAD_ORGS', { reason: 'at least one validator is needed' });
  const observers = orgs.organizations.flatMap((o, i) =>
    roleOf(o) === 'observer' ? [{ publicKey: keys[i]!.publicKey, name: o.name, orgId: o.id }] : [],
  );
  const genesis = genesisToJson({
    chainId: orgs.chainId,
    suite: suite.id,
    time: args.time,
    validators: { validators },
    modules: {},
    ...(observers.length > 0 ? { nodes: observers } : {}),
  });
  const hostOf = (o: OrgEntry) => o.host ?? orgs.host ?? '127.0.0.1';
  return orgs.organizations.map((o, i) => {
    const dir = dirs[i]!;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const key = keys[i]!;
    const publicKey = toHex(key.publicKey);
    writeJson(join(dir, KEY_FILE), { suite: suite.id, publicKey, secretKey: toHex(key.secretKey) }, 0o600);
    writeJson(join(dir, GENESIS_FILE), genesis);
    const bind = orgs.bindHost ?? hostOf(o);
    // The API answers reads to signed-in members only, yet it stays on loopback unless asked:
    // bindHost (0.0.0.0 for p2p between machines) must not open it to every interface.
    const apiHost = o.apiHost ?? orgs.apiHost ?? '127.0.0.1';
    writeJson(join(dir, CONFIG_FILE), {
      ...defaultConfig,
      api: { host: apiHost, port: o.apiPort },
      p2p: {
        listen: { host: bind, port: o.p2pPort },
        peers: orgs.organizations.flatMap((p, j) =>
          j === i ? [] : [{ host: hostOf(p), port: p.p2pPort, id: toHex(keys[j]!.publicKey), name: p.name }],
        ),
      },
    });
    return { id: o.id, dir, role: roleOf(o), publicKey, api: `${apiHost}:${o.apiPort}` };
  });
}
