/** Reading the organization tree and the signer's committee from chain queries. */
import { addressOf, type DjchainClient } from '@djchain/client';
import type { KeyPair } from '@djchain/crypto';
import { CliError } from '../i18n.ts';

export interface OrgInfo {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly parent: string | null;
}

/** A community has tens of organizations; the walk stops at this many whatever the chain says. */
const MAX_ORGS = 10_000;

/** The organizations under `root` (itself first), breadth first, at one height. */
export async function walkOrgs(client: DjchainClient, root: string, height: number): Promise<OrgInfo[]> {
  const out: OrgInfo[] = [];
  const queue = [root];
  const seen = new Set<string>();
  while (queue.length > 0 && out.length < MAX_ORGS) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const { result } = await client.query('org', 'org', { id }, height);
    if (result === null) continue;
    const o = result as OrgInfo;
    out.push({ id: o.id, name: o.name, kind: o.kind, parent: o.parent });
    const children = (await client.query('org', 'children', { id }, height)).result as string[];
    queue.push(...children);
  }
  return out;
}

/** The member id of a key's address, or null. */
export async function memberOfKey(
  client: DjchainClient,
  key: KeyPair,
  height: number,
): Promise<string | null> {
  const address = addressOf(client.suite, key.publicKey);
  const { result } = await client.query('member', 'byAddress', { address }, height);
  return typeof result === 'string' ? result : null;
}

/** The 党委 where the signer holds a post that may import (书记 or 组织委员), or --root. */
export async function committeeOf(
  client: DjchainClient,
  member: string | null,
  height: number,
  root: string | undefined,
): Promise<string> {
  if (root !== undefined) return root;
  if (member !== null) {
    const posts = (await client.query('org', 'postsOf', { member }, height)).result as {
      org: string;
      post: string;
    }[];
    for (const p of posts) {
      if (p.post !== '书记' && p.post !== '组织委员') continue;
      const org = (await client.query('org', 'org', { id: p.org }, height)).result as OrgInfo | null;
      if (org?.kind === '党委') return org.id;
    }
  }
  throw new CliError('CLI_NO_ROOT');
}
