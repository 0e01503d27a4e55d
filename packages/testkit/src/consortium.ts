/**
 * A consortium of real nodes, as an operator makes one: an orgs file on free loopback ports and
 * `djchain init --orgs` (one node directory per organization). The tests of the CLI (cluster,
 * Byzantine, governance) and the cluster benchmarks start from here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePorts } from './ports.ts';
import { djchain } from './process.ts';

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
  if (init.status !== 0) throw new Error(`djchain init --orgs failed (${init.status}): ${init.stderr}`);
  return { orgs, dirs: orgs.map((o) => join(root, 'c', o.id)) };
}
