/** Test fixtures: suites, deterministic keys, validator sets and fast-check arbitraries of every type. */
import { getSuite, type KeyPair, type Suite, type Value } from '@djchain/crypto';
import fc from 'fast-check';
import type {
  Block,
  CommitCertificate,
  Header,
  Receipt,
  SignedVote,
  Transaction,
  ValidatorSet,
} from '../src/index.ts';
import { compareKeys } from '../src/index.ts';

export const intl: Suite = getSuite('intl');
export const gm: Suite = getSuite('gm');
export const suites: readonly Suite[] = [intl, gm];

/** Key pair number `i` of a suite (seed = i repeated). */
export function keyOf(suite: Suite, i: number): KeyPair {
  return suite.keyPairFromSeed(new Uint8Array(32).fill(i + 1));
}

export function validatorsOf(
  suite: Suite,
  powers: readonly number[],
): { set: ValidatorSet; keys: KeyPair[] } {
  const keys = powers.map((_, i) => keyOf(suite, i));
  return {
    set: { validators: keys.map((k, i) => ({ publicKey: k.publicKey, power: powers[i]!, name: `v${i}` })) },
    keys,
  };
}

export const bytesArb = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const nameArb = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,10}$/);
const uintArb = fc.nat({ max: Number.MAX_SAFE_INTEGER });

export const valueArb: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.string(),
    fc.uint8Array({ maxLength: 40 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

export const txArb: fc.Arbitrary<Transaction> = fc
  .record({
    chainId: fc.string({ maxLength: 20 }),
    module: nameArb,
    action: nameArb,
    params: valueArb,
    signer: bytesArb(32),
    nonce: uintArb,
    expiry: uintArb,
    onBehalfOf: fc.option(fc.stringMatching(/^[0-9a-f]{40}$/), { nil: undefined }),
    signature: bytesArb(64),
  })
  .map(({ onBehalfOf, ...rest }) => (onBehalfOf === undefined ? rest : { ...rest, onBehalfOf }));

export const headerArb: fc.Arbitrary<Header> = fc.record({
  chainId: fc.string({ maxLength: 20 }),
  height: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  time: uintArb,
  prevHash: bytesArb(32),
  lastCommitHash: bytesArb(32),
  txRoot: bytesArb(32),
  receiptRoot: bytesArb(32),
  stateRoot: bytesArb(32),
  validatorsHash: bytesArb(32),
  nextValidatorsHash: bytesArb(32),
  proposer: bytesArb(33),
});

export const voteArb: fc.Arbitrary<SignedVote> = fc.record({
  type: fc.constantFrom('prevote' as const, 'precommit' as const),
  height: uintArb,
  round: fc.nat(),
  blockHash: fc.option(bytesArb(32), { nil: null }),
  time: uintArb,
  validator: bytesArb(32),
  signature: bytesArb(64),
});

export const commitArb: fc.Arbitrary<CommitCertificate> = fc.record({
  height: uintArb,
  round: fc.nat(),
  blockHash: bytesArb(32),
  precommits: fc.array(fc.record({ validatorIndex: fc.nat(100), time: uintArb, signature: bytesArb(64) }), {
    maxLength: 5,
  }),
});

export const validatorSetArb: fc.Arbitrary<ValidatorSet> = fc
  .uniqueArray(bytesArb(32), { minLength: 1, maxLength: 6, selector: (b) => b.join(',') })
  .chain((keys) =>
    fc.tuple(
      ...keys.map((publicKey) =>
        fc
          .record({
            power: fc.integer({ min: 1, max: 1000 }),
            name: fc.string({ maxLength: 10 }),
            orgId: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
          })
          .map(({ orgId, ...r }) => (orgId === undefined ? { publicKey, ...r } : { publicKey, ...r, orgId })),
      ),
    ),
  )
  .map((validators) => ({ validators }));

const eventArb = fc.record({
  module: nameArb,
  type: fc.string({ minLength: 1, maxLength: 10 }),
  entities: fc.array(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 3 }),
  data: valueArb,
});

export const receiptArb: fc.Arbitrary<Receipt> = fc
  .record({
    txHash: bytesArb(32),
    failed: fc.option(
      fc.record({
        code: fc.string({ minLength: 1, maxLength: 20 }),
        message: fc.string(),
        cite: fc.option(fc.string(), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    events: fc.array(eventArb, { maxLength: 3 }),
    writes: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 5 }),
  })
  .map(({ txHash, failed, events, writes }): Receipt => {
    const sorted = [...writes].sort(compareKeys);
    if (!failed) return { txHash, status: 'ok', events, writes: sorted };
    const { cite, ...rest } = failed;
    return {
      txHash,
      status: 'failed',
      error: cite === undefined ? rest : { ...rest, cite },
      events,
      writes: sorted,
    };
  });

export const blockArb: fc.Arbitrary<Block> = fc.record({
  header: headerArb,
  txs: fc.array(txArb, { maxLength: 3 }),
  lastCommit: fc.option(commitArb, { nil: null }),
});

/** A structural copy with ordinary prototypes (fast-check may build null-prototype records). */
export function plain<T>(x: T): T {
  if (Array.isArray(x)) return x.map(plain) as T;
  if (x === null || typeof x !== 'object' || x instanceof Uint8Array) return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) out[k] = plain(v);
  return out as T;
}
