/**
 * Shared pieces of the real-process consortium tests (cluster, Byzantine, governance): free
 * loopback ports, a bounded poll, and `djchain init --orgs` for a list of organization kinds.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { djchain } from './process.ts';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `n` ports free on 127.0.0.1 at the time of asking. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const s = createServer();
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Polls `cond` up to `tries` times, `everyMs` apart; fails with `what` if it never holds. */
export async function until(
  what: string,
  cond: () => Promise<boolean>,
  tries = 600,
  everyMs = 100,
): Promise<void> {
  for (let i = 0; i < tries; i++) {
    try {
      if (await cond()) return;
    } catch {
      // A node starting or restarting refuses connections for a moment.
    }
    await sleep(everyMs);
  }
  assert.fail(`condition not reached: ${what}`);
}

export interface OrgEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly p2pPort: number;
  readonly apiPort: number;
}

/**
 * Writes an orgs file for organizations of `kinds` (ids org0, org1, …) on free ports and runs
 * `djchain init --orgs` into `<root>/c`; returns the organizations and their node directories.
 */
export async function initConsortium(
  root: string,
  chainId: string,
  kinds: readonly string[],
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
  assert.equal(init.status, 0, init.stderr);
  return { orgs, dirs: orgs.map((o) => join(root, 'c', o.id)) };
}
