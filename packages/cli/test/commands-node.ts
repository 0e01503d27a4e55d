/**
 * A real node for the command tests: `djchain init` in a temp dir, a genesis with a community
 * 党委 (c1) and two 党支部 (b1, b2) whose secretary is the holder of a keystore made with
 * `djchain keys new`, then `djchain start` as a child process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { communityOrgs, fullMember, post, superior } from '@djchain/testkit/community';
import {
  djchain,
  patchConfig,
  type Spawned,
  startDjchain,
  startSealedService,
} from '@djchain/testkit/process';
import ExcelJS from 'exceljs';
import { COLUMNS } from '../src/excel/columns.ts';

export interface TestChain {
  readonly root: string;
  readonly dir: string;
  readonly url: string;
  readonly keyFile: string;
  readonly passFile: string;
  readonly address: string;
  readonly genesisFile: string;
  readonly running: Spawned;
  stop(): void;
}

export const PASSPHRASE = '党建链-测试口令-2026';

export async function startTestChain(): Promise<TestChain> {
  const root = mkdtempSync(join(tmpdir(), 'djcmd-'));
  const dir = join(root, 'node');
  const keyFile = join(root, 'secretary.json');
  const passFile = join(root, 'pass.txt');
  writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  let running: Spawned | undefined;
  const stop = () => {
    running?.child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  };
  try {
    assert.equal(djchain(['init', '--dir', dir, '--chain-id', 'cmd-test']).status, 0);
    const made = djchain(['keys', 'new', '--out', keyFile, '--passphrase-file', passFile, '--label', '书记']);
    assert.equal(made.status, 0, made.stderr);
    const address = JSON.parse(readFileSync(keyFile, 'utf8')).address as string;
    const genesisFile = join(dir, 'genesis.json');
    const genesis = JSON.parse(readFileSync(genesisFile, 'utf8'));
    genesis.modules = {
      org: {
        orgs: communityOrgs(['c1', 'b1', 'b2']),
        posts: [post('c1', 'm-sec', '书记'), post('b1', 'm-sec', '书记')],
        // The superior above c1 (its key is not used by these tests).
        superior: superior('e'.repeat(40)),
      },
      member: { members: [fullMember('m-sec', 'b1', address, '2005-07-01')] },
    };
    writeFileSync(genesisFile, JSON.stringify(genesis, null, 2));
    patchConfig(dir, { logLevel: 'warn', emptyBlockIntervalMs: 3_600_000 });
    running = await startDjchain(['start', '--dir', dir, '--port', '0']);
    return { root, dir, url: running.url, keyFile, passFile, address, genesisFile, running, stop };
  } catch (e) {
    stop();
    throw e;
  }
}

/** The sealed-data service (`djchain sealed serve`) beside the test chain's node. */
export function startSealed(
  chain: Pick<TestChain, 'url' | 'genesisFile' | 'dir'>,
  vault: string,
  profiles: string,
  extra: string[] = [],
): Promise<Spawned> {
  return startSealedService({
    vault,
    profiles,
    api: chain.url,
    genesis: chain.genesisFile,
    tokenFile: join(chain.dir, 'api-token'),
    extra,
  });
}

/** `--api` and `--genesis` of the test chain: where a command reads and what it trusts. */
export function chainArgs(chain: Pick<TestChain, 'url' | 'genesisFile'>): string[] {
  return ['--api', chain.url, '--genesis', chain.genesisFile];
}

/** `--key` and `--passphrase-file` of the secretary's keystore: the command acts as the secretary. */
export function secretaryArgs(chain: Pick<TestChain, 'keyFile' | 'passFile'>): string[] {
  return ['--key', chain.keyFile, '--passphrase-file', chain.passFile];
}

/** `djchain import members <roster>` as the secretary, into the test chain's vault and profiles. */
export function importArgs(
  chain: TestChain,
  roster: string,
  profiles: string = join(chain.root, 'profiles.jsonl'),
): string[] {
  return [
    'import',
    'members',
    roster,
    ...chainArgs(chain),
    ...secretaryArgs(chain),
    '--vault',
    join(chain.root, 'vault.json'),
    '--profiles',
    profiles,
  ];
}

/** Writes `rows` (by heading) as the import template's sheet 名册. */
export async function writeRoster(file: string, rows: readonly Record<string, string>[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  const headings = COLUMNS.map((c) => c.heading);
  ws.addRow(headings);
  for (const r of rows) ws.addRow(headings.map((h) => r[h] ?? ''));
  await wb.xlsx.writeFile(file);
}
