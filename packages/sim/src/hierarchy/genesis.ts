/**
 * Genesis of the hierarchy's full chains and the keys of everyone on them. Keys derive from the
 * chain id and a name, so every run signs alike.
 *
 * - A street or district chain: its 党工委 (the top organization, whose 书记 and 组织委员 register
 *   children) with one 党支部 holding the post holders; 4 validators.
 * - A full community chain (the transfer sample): a 社区党委 `c1` with one 党支部 `b1` of `members`
 *   full members (`m0`…); the 书记 and 组织委员 of `c1` register chains, `b1.sec` releases and admits.
 */
import type { KeyPair, Suite, Value } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import type { GenesisDoc } from '@djchain/runtime';

const utf8 = new TextEncoder();
export const VALIDATORS = ['v0', 'v1', 'v2', 'v3'] as const;
const TERM = '2021-06-01';
const SINCE = '2010-07-01';

/** Keys by name on one chain (validators `v0`…, people by member id). */
export function keysOf(suite: Suite, chainId: string): (name: string) => KeyPair {
  const cache = new Map<string, KeyPair>();
  return (name) => {
    let k = cache.get(name);
    if (!k) {
      k = suite.keyPairFromSeed(suite.hash(utf8.encode(`djchain-hierarchy/${chainId}/${name}`)));
      cache.set(name, k);
    }
    return k;
  };
}

function doc(
  suite: Suite,
  chainId: string,
  time: number,
  keys: (name: string) => KeyPair,
  modules: { [k: string]: Value },
): GenesisDoc {
  return {
    chainId,
    suite: suite.id,
    time,
    validators: {
      validators: VALIDATORS.map((name) => ({ publicKey: keys(name).publicKey, power: 10, name })),
    },
    modules,
  };
}

const member = (suite: Suite, keys: (n: string) => KeyPair, id: string, org: string) => ({
  id,
  org,
  address: addressOf(suite, keys(id).publicKey),
  status: '正式党员',
  since: SINCE,
});
const post = (org: string, m: string, p: string) => ({ org, member: m, post: p, since: TERM });

/** A street's or a district's chain: `name` is its 党工委. */
export function parentGenesis(
  suite: Suite,
  chainId: string,
  name: string,
  time: number,
  keys: (n: string) => KeyPair,
): GenesisDoc {
  const people = ['sec', 'org', 'clerk'];
  return doc(suite, chainId, time, keys, {
    org: {
      orgs: [
        { id: 'w', name, kind: '党委', parent: null, community: true, termStart: TERM },
        { id: 'wb', name: '机关党支部', kind: '党支部', parent: 'w', termStart: TERM },
      ],
      posts: [post('w', 'sec', '书记'), post('w', 'org', '组织委员'), post('w', 'clerk', '党务工作者')],
    },
    member: { members: people.map((p) => member(suite, keys, p, 'wb')) },
  });
}

/** A community chain with `members` ordinary full members in branch b1 (m0…). */
export function communityGenesis(
  suite: Suite,
  chainId: string,
  time: number,
  keys: (n: string) => KeyPair,
  members: number,
): GenesisDoc {
  const ids = ['c.sec', 'c.org', 'b1.sec', ...Array.from({ length: members }, (_, i) => `m${i}`)];
  return doc(suite, chainId, time, keys, {
    org: {
      orgs: [
        { id: 'c1', name: '社区党委', kind: '党委', parent: null, community: true, termStart: TERM },
        { id: 'b1', name: '第一党支部', kind: '党支部', parent: 'c1', termStart: TERM },
      ],
      posts: [post('c1', 'c.sec', '书记'), post('c1', 'c.org', '组织委员'), post('b1', 'b1.sec', '书记')],
    },
    member: { members: ids.map((id) => member(suite, keys, id, 'b1')) },
  });
}
