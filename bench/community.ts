/**
 * The community the in-process benchmarks run over (bench/dues.ts, bench/orglife.ts and through it
 * bench/insight.ts): a 社区党委 `c1` with `branches` 党支部 `b0`, `b1`, …, each led by its 书记
 * `sec<b>` (a 正式党员 of the branch, after the given members), at genesis on 2 January 2025 through
 * the real runtime Executor and modules over the in-memory state. Keys come from the names.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { decode, getSuite, type KeyPair, type Value } from '@djchain/crypto';
import { signTx, type Transaction } from '@djchain/ledger';
import { allModules, chinaTime } from '@djchain/modules';
import { addressOf, Executor, MemoryState } from '@djchain/runtime';

/** A block through the real Executor: its wall time and events. */
export type BenchBlock = (
  txs: Transaction[],
  at: number,
) => { ms: number; events: ReturnType<Executor['executeBlock']>['events'] };

export interface BenchCommunity {
  /** Runs a block at `at`; throws on the first transaction the chain rejects. */
  readonly block: BenchBlock;
  /** Branch `b`'s secretary signs `action` of the community's module (one nonce run per branch). */
  readonly tx: (b: number, action: string, params: Value) => Transaction;
  /** Whether the committed state holds `key` (a full state key: `<module>/<key>`). */
  readonly has: (key: string) => boolean;
  /** The committed value of `key` (decoded), or undefined. */
  readonly get: (key: string) => Value | undefined;
}

export function benchCommunity(opts: {
  readonly chainId: string;
  /** The module every `tx` calls. */
  readonly module: string;
  readonly branches: number;
  /** The members besides the secretaries, with their branch (`b<n>`). */
  readonly members: readonly { readonly id: string; readonly org: string }[];
}): BenchCommunity {
  const { chainId, branches } = opts;
  const suite = getSuite('intl');
  const keyOf = (name: string): KeyPair =>
    suite.keyPairFromSeed(new Uint8Array(createHash('sha256').update(`djchain-bench/${name}`).digest()));
  const secs = Array.from({ length: branches }, (_, b) => keyOf(`sec${b}`));
  const executor = new Executor({ chainId, suite, modules: allModules });
  const state = new MemoryState();
  const member = (id: string, org: string): Value => ({
    id,
    org,
    address: addressOf(suite, keyOf(id).publicKey),
    status: '正式党员',
    since: '2010-07-01',
  });
  const members: Value[] = [
    ...opts.members.map((m) => member(m.id, m.org)),
    ...secs.map((_, b) => member(`sec${b}`, `b${b}`)),
  ];
  const validator = keyOf('validator');
  state.apply(
    executor.executeGenesis({
      chainId,
      suite: suite.id,
      time: chinaTime('2025-01-02', 9),
      validators: { validators: [{ publicKey: validator.publicKey, power: 1, name: 'v0' }] },
      modules: {
        org: {
          orgs: [
            {
              id: 'c1',
              name: '基准社区党委',
              kind: '党委',
              parent: null,
              community: true,
              termStart: '2021-06-01',
            },
            ...secs.map((_, b) => ({
              id: `b${b}`,
              name: `第${b + 1}党支部`,
              kind: '党支部',
              parent: 'c1',
              termStart: '2021-06-01',
            })),
          ],
          posts: secs.map((_, b) => ({ org: `b${b}`, member: `sec${b}`, post: '书记', since: '2021-06-01' })),
        },
        member: { members },
      },
    }).writes,
  );
  let height = 0;
  const nonces = new Map<number, number>();
  const block: BenchBlock = (txs, at) => {
    height++;
    const t0 = performance.now();
    const out = executor.executeBlock({ height, time: at, txs, proposer: validator.publicKey }, state);
    const ms = performance.now() - t0;
    const failed = out.receipts.filter((r) => r.status !== 'ok');
    if (failed.length > 0) throw new Error(`bench block ${height}: ${JSON.stringify(failed[0]!.error)}`);
    state.apply(out.writes);
    return { ms, events: out.events };
  };
  const tx = (b: number, action: string, params: Value): Transaction => {
    const nonce = nonces.get(b) ?? 0;
    nonces.set(b, nonce + 1);
    return signTx(suite, secs[b]!.secretKey, {
      chainId,
      module: opts.module,
      action,
      params,
      signer: secs[b]!.publicKey,
      nonce,
      expiry: height + 100,
    });
  };
  return {
    block,
    tx,
    has: (key) => state.get(key) !== undefined,
    get: (key) => {
      const v = state.get(key);
      return v === undefined ? undefined : decode(v);
    },
  };
}
