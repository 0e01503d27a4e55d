/**
 * The simulated consortium's chain: validator keys, a small community genesis (a 社区党委 with one
 * 党支部 whose clerks are the simulated clients) and the modules every real node runs (all of
 * @djchain/modules, recruitment included). Keys derive from fixed seeds, so every run signs alike.
 */
import { getSuite, type KeyPair, type Suite, type Value } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import { allModules } from '@djchain/modules';
import type { GenesisDoc, ModuleDef } from '@djchain/runtime';
import { memoSuite } from './memo-suite.ts';

export const CHAIN_ID = 'dj-sim';
/** Genesis time: 2026-01-01 09:00 China time (block-start hooks read dates from BFT time). */
export const GENESIS_TIME = 1_767_229_200_000;
export const MODULES: readonly ModuleDef[] = allModules;
/** The accounts the simulated clients sign with: clerks of branch b1 (member.register is theirs). */
export const CLIENTS = ['b1.clerk', 'b1.sec'] as const;

/** The real intl suite with its results remembered across the simulated nodes (memo-suite.ts). */
const suite = memoSuite(getSuite('intl'));
const keyCache = new Map<string, KeyPair>();

/** The suite every part of a simulation uses: the nodes (`NodeDeps.suite`), clients, the checker. */
export function simSuite(): Suite {
  return suite;
}

/** A key derived from a name (validators `v0`…, clients by member id). */
export function keyOf(name: string): KeyPair {
  let key = keyCache.get(name);
  if (key === undefined) {
    key = suite.keyPairFromSeed(suite.hash(new TextEncoder().encode(`djchain-sim/${name}`)));
    keyCache.set(name, key);
  }
  return key;
}

export function addressOfName(name: string): string {
  return addressOf(suite, keyOf(name).publicKey);
}

/** The genesis of one scenario: validators v0…v(n−1) with their powers and the community. */
export function simGenesis(powers: readonly number[]): GenesisDoc {
  const full = (id: string, org: string) => ({
    id,
    org,
    address: addressOfName(id),
    status: '正式党员',
    since: '2010-07-01',
  });
  const post = (org: string, member: string, p: string) => ({ org, member, post: p, since: '2021-06-01' });
  const modules = {
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
      ],
      posts: [
        post('c1', 'c.sec', '书记'),
        post('b1', 'b1.sec', '书记'),
        post('b1', 'b1.clerk', '党务工作者'),
      ],
    },
    member: { members: [full('c.sec', 'b1'), full('b1.sec', 'b1'), full('b1.clerk', 'b1')] },
    recruitment: { activeVersion: '2014' },
  };
  return {
    chainId: CHAIN_ID,
    suite: suite.id,
    time: GENESIS_TIME,
    validators: {
      validators: powers.map((power, i) => ({ publicKey: keyOf(`v${i}`).publicKey, power, name: `v${i}` })),
    },
    modules: modules as unknown as { [name: string]: Value },
  };
}
