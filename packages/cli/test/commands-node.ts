/**
 * A real node for the command tests: `djchain init` in a temp dir, a genesis with a community
 * 党委 (c1) and two 党支部 (b1, b2) whose secretary is the holder of a keystore made with
 * `djchain keys new`, then `djchain start` as a child process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addressOf,
  buildTx,
  createKeystore,
  DjchainClient,
  KEYSTORE_OPEN_MIN_N,
  openKeystore,
  type SignedTx,
  signTransaction,
} from '@djchain/client';
import { COLUMNS } from '@djchain/client/roster';
import { getSuite, type KeyPair, randomKeyPair, type Value } from '@djchain/crypto';
import type { GenesisDoc } from '@djchain/runtime';
import { communityOrgs, fullMember, post, superior } from '@djchain/testkit/community';
import {
  djchain,
  patchConfig,
  type Spawned,
  startDjchain,
  startSealedService,
} from '@djchain/testkit/process';
import ExcelJS from 'exceljs';
import { loadGenesis } from '../src/commands/common.ts';
import { nodeScrypt } from '../src/commands/scrypt.ts';

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
  /** With `opts.organizer`: the keystore of m-org, the 党委's 组织委员 (a second committee key). */
  readonly organizerKeyFile: string;
  readonly running: Spawned;
  stop(): void;
}

export const PASSPHRASE = '党建链-测试口令-2026';

/**
 * A test account's keystore at `file` under PASSPHRASE, with a new random key; its address. Made with
 * scrypt N = 2^15, the least the CLI opens (KEYSTORE_OPEN_MIN_N), not the 2^17 of `djchain keys new`
 * (commands.test.ts tests that command and opens its files): every command that signs derives the
 * key again, and 2^17 cost about 0.65 s of CPU each time against 0.16 s, over a few hundred
 * commands in the suite.
 */
export async function testKeystore(file: string, label: string): Promise<string> {
  const suite = getSuite('intl');
  const ks = await createKeystore(
    suite,
    randomKeyPair(suite).secretKey,
    PASSPHRASE,
    { label, N: KEYSTORE_OPEN_MIN_N, allowWeakKdf: true },
    { scrypt: nodeScrypt },
  );
  writeFileSync(file, `${JSON.stringify(ks, null, 2)}\n`, { mode: 0o600 });
  return ks.address;
}

/**
 * `opts.members`: further full members in the given branches, without a key of their own unless
 * `address` names one (a seeded key the test holds: no keystore to make).
 * `opts.posts`: further posts in genesis (e.g. 党务工作者 of c1, the service centre's clerk).
 * `opts.chainId`: another chain id than cmd-test (two chains side by side: anchoring, transfers).
 * `opts.commission`: genesis also names a county discipline commission (its keystore made as the
 * secretary's, `testKeystore`) and registers a second full member of b1, m-2 (no key), to be sanctioned.
 * `opts.organizer`: a second committee member with a key, m-org, the 党委's 组织委员 (for acts two
 * post holders must sign, such as registering a child chain).
 */
export async function startTestChain(
  opts: {
    commission?: boolean;
    organizer?: boolean;
    members?: readonly { id: string; org: string; address?: string }[];
    posts?: readonly { org: string; member: string; post: string }[];
    chainId?: string;
  } = {},
): Promise<TestChain> {
  const root = mkdtempSync(join(tmpdir(), 'djcmd-'));
  const dir = join(root, 'node');
  const keyFile = join(root, 'secretary.json');
  const passFile = join(root, 'pass.txt');
  const commissionKeyFile = join(root, 'commission.json');
  const organizerKeyFile = join(root, 'organizer.json');
  writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  let running: Spawned | undefined;
  const stop = () => {
    running?.child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  };
  try {
    assert.equal(djchain(['init', '--dir', dir, '--chain-id', opts.chainId ?? 'cmd-test']).status, 0);
    const address = await testKeystore(keyFile, '书记');
    const genesisFile = join(dir, 'genesis.json');
    const genesis = JSON.parse(readFileSync(genesisFile, 'utf8'));
    genesis.modules = {
      org: {
        orgs: communityOrgs(['c1', 'b1', 'b2']),
        posts: [post('c1', 'm-sec', '书记'), post('b1', 'm-sec', '书记')],
        // The superior above c1 (its key is not used by these tests).
        superior: superior('e'.repeat(40)),
      },
      member: {
        members: [
          fullMember('m-sec', 'b1', address, '2005-07-01'),
          // Further full members (`opts.members`), e.g. the dues tests' payers (no key).
          ...(opts.members ?? []).map((m, i) =>
            fullMember(
              m.id,
              m.org,
              m.address ?? `${'f'.repeat(38)}${String(i).padStart(2, '0')}`,
              '2010-07-01',
            ),
          ),
        ],
      },
    };
    if (opts.commission) {
      const commission = await testKeystore(commissionKeyFile, '东风区纪委');
      genesis.modules.discipline = { commission: { name: '东风区纪律检查委员会', address: commission } };
      genesis.modules.member.members.push(fullMember('m-2', 'b1', 'f'.repeat(40), '2010-07-01'));
    }
    for (const p of opts.posts ?? []) genesis.modules.org.posts.push(post(p.org, p.member, p.post));
    if (opts.organizer) {
      const organizer = await testKeystore(organizerKeyFile, '组织委员');
      genesis.modules.member.members.push(fullMember('m-org', 'b1', organizer, '2008-07-01'));
      genesis.modules.org.posts.push(post('c1', 'm-org', '组织委员'));
    }
    writeFileSync(genesisFile, JSON.stringify(genesis, null, 2));
    patchConfig(dir, { logLevel: 'warn', emptyBlockIntervalMs: 3_600_000 });
    running = await startDjchain(['start', '--dir', dir, '--port', '0']);
    const url = running.url;
    return {
      root,
      dir,
      url,
      keyFile,
      passFile,
      address,
      genesisFile,
      commissionKeyFile,
      organizerKeyFile,
      running,
      stop,
    };
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

/** `djchain query member.member` of `id`, read as the secretary's key (member records are not public). */
export function queryMember(chain: TestChain, id: string) {
  return djchain([
    'query',
    'member.member',
    '--params',
    JSON.stringify({ id }),
    ...chainArgs(chain),
    ...secretaryArgs(chain),
  ]);
}

/** The test's own SDK client of the chain (trusting its genesis set), signed in as the secretary. */
export async function secretaryClient(
  chain: TestChain,
): Promise<{ client: DjchainClient; secretary: KeyPair; genesis: GenesisDoc }> {
  const genesis = loadGenesis(chain.genesisFile);
  const suite = getSuite(genesis.suite);
  const client = new DjchainClient({
    baseUrl: chain.url,
    suite,
    chainId: genesis.chainId,
    trust: { kind: 'genesis', validators: genesis.validators },
  });
  const secretary = await openKeystore(readFileSync(chain.keyFile, 'utf8'), PASSPHRASE, suite, {
    scrypt: nodeScrypt,
  });
  await client.signIn(secretary);
  return { client, secretary, genesis };
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

/**
 * `key`'s signed transaction of `module`.`action` with `params`, at its next nonce plus `skip`
 * (for a second one before the first commits), valid for 100 blocks.
 */
export async function signedTx(
  client: DjchainClient,
  key: KeyPair,
  module: string,
  action: string,
  params: Value,
  skip = 0,
): Promise<SignedTx> {
  const status = await client.status();
  const nonce = (await client.nextNonce(addressOf(client.suite, key.publicKey))) + skip;
  return signTransaction(
    client.suite,
    key.secretKey,
    buildTx({
      chainId: client.chainId,
      module,
      action,
      params,
      signer: key.publicKey,
      nonce,
      expiry: status.height + 100,
    }),
  );
}
