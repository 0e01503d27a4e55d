/**
 * A consortium of real nodes, as an operator makes one: an orgs file on free loopback ports and
 * `djchain init --orgs` (one node directory per organization). The tests of the CLI (cluster,
 * Byzantine, governance) and the cluster benchmarks start from here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DjError } from '@djchain/crypto';
import { freePorts } from './ports.ts';
import { djchain, patchConfig } from './process.ts';

export interface OrgEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly p2pPort: number;
  readonly apiPort: number;
}

/** The four validators of the usual consortium: the committee, a general branch and two branches. */
export const FOUR_ORGS: readonly string[] = ['committee', 'generalBranch', 'branch', 'branch'];

/**
 * Writes an orgs file for organizations of `kinds` (ids org0, org1, …) on free ports and runs
 * `djchain init --orgs` into `<root>/c`; returns the organizations and their node directories.
 */
export async function initConsortium(
  root: string,
  chainId: string,
  kinds: readonly string[] = FOUR_ORGS,
  nameOf: (i: number) => string = (i) => `org ${i}`,
): Promise<{ orgs: OrgEntry[]; dirs: string[] }> {
  const ports = await freePorts(2 * kinds.length);
  const orgs = kinds.map((kind, i) => ({
    id: `org${i}`,
    name: nameOf(i),
    kind,
    p2pPort: ports[2 * i]!,
    apiPort: ports[2 * i + 1]!,
  }));
  const orgsFile = join(root, 'orgs.json');
  writeFileSync(orgsFile, JSON.stringify({ chainId, suite: 'intl', host: '127.0.0.1', organizations: orgs }));
  const init = djchain(['init', '--orgs', orgsFile, '--out', join(root, 'c'), '--lang', 'en']);
  if (init.status !== 0)
    throw new DjError('TESTKIT_INIT_FAILED', `djchain init --orgs failed (${init.status}): ${init.stderr}`);
  return { orgs, dirs: orgs.map((o) => join(root, 'c', o.id)) };
}

/** A genesis file as JSON: the validators and whatever else the test edits. */
export interface GenesisJson {
  validators: { publicKey: string; name: string; power: number }[];
  [key: string]: unknown;
}

/** The genesis `djchain init --orgs` wrote (the same in every node directory). */
export function readGenesis(dirs: readonly string[]): GenesisJson {
  return JSON.parse(readFileSync(join(dirs[0]!, 'genesis.json'), 'utf8'));
}

/** Writes `genesis` into every node directory and patches each node's config with `config`. */
export function shareGenesis(
  dirs: readonly string[],
  genesis: unknown,
  config: Record<string, unknown>,
): void {
  for (const dir of dirs) {
    writeFileSync(join(dir, 'genesis.json'), JSON.stringify(genesis, null, 2));
    patchConfig(dir, config);
  }
}

/** The consortium's organizations as the org module's genesis lists them: org0 the 党委, the others its 党支部. */
export function orgsOf(orgs: readonly OrgEntry[], termStart: string) {
  return orgs.map((o, i) => ({
    id: o.id,
    name: o.name,
    kind: i === 0 ? '党委' : '党支部',
    parent: i === 0 ? null : 'org0',
    termStart,
  }));
}

/** A new keystore `<root>/<name>.json` made by `djchain keys new` under the passphrase in `passFile`. */
export function newKeystore(
  root: string,
  passFile: string,
  name: string,
): { file: string; publicKey: string; address: string } {
  const file = join(root, `${name}.json`);
  const r = djchain(['keys', 'new', '--out', file, '--passphrase-file', passFile, '--lang', 'en']);
  if (r.status !== 0)
    throw new DjError('TESTKIT_INIT_FAILED', `djchain keys new failed (${r.status}): ${r.stderr}`);
  return { file, ...(JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; address: string }) };
}
