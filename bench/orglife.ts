/**
 * `orglife_month_close_ms`: the block-start hook that closes a month of organizational life for a
 * community of N members (default 10,000) in branches of 50 (the regulation's usual size) — every
 * branch's obligations judged, every member's last six months read for the 自行脱党 run — measured as
 * the wall time of the one block that does it, through the real runtime Executor and modules over the
 * in-memory state. Each branch holds its 主题党日 every month from January to June; 10% of the members
 * are absent from each, so the close of June opens that many six-month cases; no branch holds a
 * 支部委员会 (none has a committee here) or a 党员大会, so the quarter's close warns each branch.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { getSuite, type KeyPair, type Value } from '@djchain/crypto';
import { signTx, type Transaction } from '@djchain/ledger';
import { allModules, chinaTime } from '@djchain/modules';
import { addressOf, Executor, MemoryState } from '@djchain/runtime';

const CHAIN = 'dj-bench-orglife';
const PER_BRANCH = 50;

/** A block through the real Executor: its wall time and events. */
export type BenchBlock = (
  txs: Transaction[],
  at: number,
) => { ms: number; events: ReturnType<Executor['executeBlock']>['events'] };

/**
 * The community of this bench, through June 2025: genesis, calendars, six months of 主题党日 with
 * 10% absent. Returns the block runner to go on with (the index bench, bench/insight.ts, uses it).
 */
export function orgLifeCommunity(
  log: (line: string) => void,
  opts: { members: number },
): { block: BenchBlock; members: number } {
  const suite = getSuite('intl');
  const keyOf = (name: string): KeyPair =>
    suite.keyPairFromSeed(new Uint8Array(createHash('sha256').update(`djchain-bench/${name}`).digest()));
  const branches = Math.max(1, Math.ceil(opts.members / PER_BRANCH));
  const secs = Array.from({ length: branches }, (_, b) => keyOf(`sec${b}`));
  const ids = Array.from({ length: opts.members }, (_, i) => `m${String(i).padStart(6, '0')}`);
  const branchOf = (i: number) => Math.floor(i / PER_BRANCH);
  const executor = new Executor({ chainId: CHAIN, suite, modules: allModules });
  const state = new MemoryState();
  const full = (id: string, org: string, key: KeyPair): Value => ({
    id,
    org,
    address: addressOf(suite, key.publicKey),
    status: '正式党员',
    since: '2010-07-01',
  });
  const members: Value[] = [
    ...ids.map((id, i) => ({ ...(full(id, `b${branchOf(i)}`, keyOf(id)) as object) }) as Value),
    ...secs.map((k, b) => full(`sec${b}`, `b${b}`, k)),
  ];
  const validator = keyOf('validator');
  state.apply(
    executor.executeGenesis({
      chainId: CHAIN,
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
  const block = (txs: Transaction[], at: number) => {
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
      chainId: CHAIN,
      module: 'orglife',
      action,
      params,
      signer: secs[b]!.publicKey,
      nonce,
      expiry: height + 100,
    });
  };
  const all = (make: (b: number) => Transaction) => Array.from({ length: branches }, (_, b) => make(b));
  block([], chinaTime('2025-01-03', 9));
  block(
    all((b) => tx(b, 'setCalendar', { org: `b${b}`, themeDay: 10 })),
    chinaTime('2025-01-04', 9),
  );
  log(`orglife: ${ids.length} members in ${branches} branches, a 主题党日 a month for six months`);
  for (let month = 1; month <= 6; month++) {
    const ym = `2025-${String(month).padStart(2, '0')}`;
    block(
      all((b) => tx(b, 'plan', { id: `td-${b}-${ym}`, org: `b${b}`, kind: '主题党日', date: `${ym}-10` })),
      chinaTime(`${ym}-10`, 9),
    );
    block(
      all((b) => {
        const own = ids.filter((_, i) => branchOf(i) === b);
        // Every tenth member of the branch is absent every month (the six-month run).
        const absent = own.filter((_, k) => k % 10 === 0);
        const present = [...own.filter((_, k) => k % 10 !== 0), `sec${b}`];
        return tx(b, 'hold', { meeting: `td-${b}-${ym}`, heldOn: `${ym}-10`, present, absent });
      }),
      chinaTime(`${ym}-10`, 10),
    );
  }
  return { block, members: ids.length };
}

export async function benchOrgLife(
  log: (line: string) => void,
  opts: { members: number },
): Promise<Record<string, number>> {
  const { block, members } = orgLifeCommunity(log, opts);
  const measured = block([], chinaTime('2025-07-01', 9));
  const cases = measured.events.filter((e) => e.type === 'orglife.LapseCaseOpened').length;
  const warnings = measured.events.filter((e) => e.type === 'orglife.ObligationMissed').length;
  log(
    `orglife: month close of ${members} members in ${measured.ms.toFixed(0)} ms (${warnings} warnings, ${cases} cases)`,
  );
  return {
    orglife_month_close_ms: Math.round(measured.ms),
    orglife_month_close_members: members,
    orglife_month_close_warnings: warnings,
    orglife_month_close_cases: cases,
    orglife_month_close_us_per_member: Math.round((measured.ms * 1000) / members),
  };
}
