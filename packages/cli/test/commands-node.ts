/**
 * A real node for the command tests: `djchain init` in a temp dir, a genesis with a community
 * 党委 (c1) and two 党支部 (b1, b2) whose secretary is the holder of a keystore made with
 * `djchain keys new`, then `djchain start` as a child process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { djchain, type Running, startProcess } from './process.ts';

export interface TestChain {
  readonly root: string;
  readonly dir: string;
  readonly url: string;
  readonly keyFile: string;
  readonly passFile: string;
  readonly address: string;
  readonly genesisFile: string;
  /** With `opts.commission`: the keystore of the discipline commission named in genesis. */
  readonly commissionKeyFile: string;
  readonly running: Running;
  stop(): void;
}

export const PASSPHRASE = '党建链-测试口令-2026';

/**
 * `opts.commission`: genesis also names a county discipline commission (its keystore made with
 * `djchain keys new`) and registers a second full member of b1, m-2 (no key), to be sanctioned.
 */
export async function startTestChain(opts: { commission?: boolean } = {}): Promise<TestChain> {
  const root = mkdtempSync(join(tmpdir(), 'djcmd-'));
  const dir = join(root, 'node');
  const keyFile = join(root, 'secretary.json');
  const passFile = join(root, 'pass.txt');
  const commissionKeyFile = join(root, 'commission.json');
  writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  let running: Running | undefined;
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
        orgs: [
          {
            id: 'c1',
            name: '东风社区党委',
            kind: '党委',
            parent: null,
            community: true,
            termStart: '2021-06-01',
          },
          { id: 'b1', name: '第一党支部', kind: '党支部', parent: 'c1', termStart: '2021-06-01' },
          { id: 'b2', name: '第二党支部', kind: '党支部', parent: 'c1', termStart: '2021-06-01' },
        ],
        posts: [
          { org: 'c1', member: 'm-sec', post: '书记', since: '2021-06-01' },
          { org: 'b1', member: 'm-sec', post: '书记', since: '2021-06-01' },
        ],
        // The superior above c1 (its key is not used by these tests).
        superior: { name: '东风街道党工委', address: 'e'.repeat(40) },
      },
      member: { members: [{ id: 'm-sec', org: 'b1', address, status: '正式党员', since: '2005-07-01' }] },
    };
    if (opts.commission) {
      const out = ['keys', 'new', '--out', commissionKeyFile, '--passphrase-file', passFile];
      const c = djchain([...out, '--label', '东风区纪委']);
      assert.equal(c.status, 0, c.stderr);
      const commission = JSON.parse(readFileSync(commissionKeyFile, 'utf8')).address as string;
      genesis.modules.discipline = { commission: { name: '东风区纪律检查委员会', address: commission } };
      genesis.modules.member.members.push({
        id: 'm-2',
        org: 'b1',
        address: 'f'.repeat(40),
        status: '正式党员',
        since: '2010-07-01',
      });
    }
    writeFileSync(genesisFile, JSON.stringify(genesis, null, 2));
    const configFile = join(dir, 'config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    writeFileSync(
      configFile,
      JSON.stringify({ ...config, logLevel: 'warn', emptyBlockIntervalMs: 3_600_000 }),
    );
    running = await startProcess(['--dir', dir, '--port', '0']);
    const url = running.url;
    return { root, dir, url, keyFile, passFile, address, genesisFile, commissionKeyFile, running, stop };
  } catch (e) {
    stop();
    throw e;
  }
}
