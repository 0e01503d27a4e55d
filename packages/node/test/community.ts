/**
 * A small community for node tests that run the real Party-affairs modules: a 党委 (c1) with two
 * branches (b1, b2), each organization with a 书记 whose key the test holds, and validators run by
 * those organizations. Used by the governance and jailing tests (issue 9).
 */
import type { KeyPair, Suite, Value } from '@djchain/crypto';
import { addressOf, signTx, type Transaction } from '@djchain/ledger';
import type { GenesisDoc } from '@djchain/runtime';
import { communityOrgs, fullMember, post } from '@djchain/testkit/community';
import { CHAIN, T0 } from './helpers.ts';

export const SECRETARIES = { c1: 'c1.sec', b1: 'b1.sec', b2: 'b2.sec' } as const;

export function memberKey(suite: Suite, name: string): KeyPair {
  const seed = new Uint8Array(32);
  const bytes = new TextEncoder().encode(name);
  seed.set(bytes.slice(0, 31));
  seed[31] = 0x5a;
  return suite.keyPairFromSeed(seed);
}

export function communityGenesis(
  suite: Suite,
  validators: ReadonlyArray<{ key: KeyPair; power: number; orgId: string; name: string }>,
  governance?: Value,
): GenesisDoc {
  const member = (id: string, org: string) =>
    fullMember(id, org, addressOf(suite, memberKey(suite, id).publicKey));
  return {
    chainId: CHAIN,
    suite: suite.id,
    time: T0,
    validators: {
      validators: validators.map((v) => ({
        publicKey: v.key.publicKey,
        power: v.power,
        name: v.name,
        orgId: v.orgId,
      })),
    },
    modules: {
      org: {
        orgs: communityOrgs(['c1', 'b1', 'b2']),
        posts: Object.entries(SECRETARIES).map(([o, m]) => post(o, m, '书记')),
      },
      member: { members: [member('c1.sec', 'b1'), member('b1.sec', 'b1'), member('b2.sec', 'b2')] },
      ...(governance === undefined ? {} : { governance }),
    },
  };
}

/** Signs any module's transactions with nonces tracked per key. */
export class TxSigner {
  private readonly nonces = new Map<string, number>();
  private readonly suite: Suite;
  constructor(suite: Suite) {
    this.suite = suite;
  }
  tx(key: KeyPair, module: string, action: string, params: Value): Transaction {
    const id = Buffer.from(key.publicKey).toString('hex');
    const nonce = this.nonces.get(id) ?? 0;
    this.nonces.set(id, nonce + 1);
    return signTx(this.suite, key.secretKey, {
      chainId: CHAIN,
      module,
      action,
      params,
      signer: key.publicKey,
      nonce,
      expiry: 1_000_000,
    });
  }
}
