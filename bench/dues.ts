/**
 * `dues_month_close_ms`: the block-start hook that closes a month for a community of N members
 * (default 10,000) — every member's month judged, runs of unpaid months counted, warnings and cases
 * opened, per-branch totals — measured as the wall time of the one block that does it, through the
 * real runtime Executor and modules over the in-memory state (the hook's own cost; the node adds the
 * state tree's commit of its writes). Members are spread over 10 branches; 70% paid the month, 10%
 * have three unpaid months (a warning each) and the rest two.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { getSuite, type KeyPair, type Value } from '@djchain/crypto';
import { signTx, type Transaction } from '@djchain/ledger';
import { allModules, chinaTime } from '@djchain/modules';
import { addressOf, Executor, MemoryState } from '@djchain/runtime';

const CHAIN = 'dj-bench-dues';
const BRANCHES = 10;

export async function benchDues(
  log: (line: string) => void,
  opts: { members: number },
): Promise<Record<string, number>> {
  const suite = getSuite('intl');
  const keyOf = (name: string): KeyPair =>
    suite.keyPairFromSeed(new Uint8Array(createHash('sha256').update(`djchain-bench/${name}`).digest()));
  const secs = Array.from({ length: BRANCHES }, (_, b) => keyOf(`sec${b}`));
  const ids = Array.from({ length: opts.members }, (_, i) => `m${String(i).padStart(6, '0')}`);
  const branchOf = (i: number) => `b${i % BRANCHES}`;
  const executor = new Executor({ chainId: CHAIN, suite, modules: allModules });
  const state = new MemoryState();
  let time = chinaTime('2025-01-02', 9);
  const members: Value[] = ids.map((id, i) => ({
    id,
    org: branchOf(i),
    address: addressOf(suite, keyOf(id).publicKey),
    status: '正式党员',
    since: '2010-07-01',
  }));
  secs.forEach((k, b) => {
    members.push({
      id: `sec${b}`,
      org: `b${b}`,
      address: addressOf(suite, k.publicKey),
      status: '正式党员',
      since: '2010-07-01',
    });
  });
  const validator = keyOf('validator');
  state.apply(
    executor.executeGenesis({
      chainId: CHAIN,
      suite: suite.id,
      time,
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
    time = at;
    const t0 = performance.now();
    const out = executor.executeBlock({ height, time, txs, proposer: validator.publicKey }, state);
    const ms = performance.now() - t0;
    const failed = out.receipts.filter((r) => r.status !== 'ok');
    if (failed.length > 0) throw new Error(`bench block ${height}: ${JSON.stringify(failed[0]!.error)}`);
    state.apply(out.writes);
    return { ms, events: out.events };
  };
  const tx = (i: number, action: string, params: Value): Transaction => {
    const b = i % BRANCHES;
    const nonce = nonces.get(b) ?? 0;
    nonces.set(b, nonce + 1);
    return signTx(suite, secs[b]!.secretKey, {
      chainId: CHAIN,
      module: 'dues',
      action,
      params,
      signer: secs[b]!.publicKey,
      nonce,
      expiry: height + 100,
    });
  };
  const commitment = 'ab'.repeat(32);
  const batches = (make: (i: number) => Transaction | null, at: number) => {
    let built: Transaction[] = [];
    for (let i = 0; i < ids.length; i++) {
      const t = make(i);
      if (t) built.push(t);
      if (built.length === 1000 || i === ids.length - 1) {
        at += 1000;
        block(built, at);
        built = [];
      }
    }
    return at;
  };
  log(`dues: assessing ${ids.length} members`);
  batches(
    (i) => tx(i, 'assess', { member: ids[i]!, group: '在职', from: '2025-01', fen: 3000, commitment }),
    chinaTime('2025-01-03', 9),
  );
  // Paid through: 70% paid February, 10% paid only January, the rest paid January and nothing after.
  log('dues: recording payments');
  batches(
    (i) => {
      const r = i % 10;
      const months = r < 7 ? ['2025-01', '2025-02'] : ['2025-01'];
      return tx(i, 'recordPayment', {
        id: `p${i}`,
        member: ids[i]!,
        months,
        fen: 3000 * months.length,
        method: '现金',
      });
    },
    chinaTime('2025-02-20', 9),
  );
  // Close February and March (two blocks: each closes what is due), then April: the measured block.
  block([], chinaTime('2025-03-01', 9));
  block([], chinaTime('2025-04-01', 9));
  const measured = block([], chinaTime('2025-05-01', 9));
  const warnings = measured.events.filter((e) => e.type === 'dues.ArrearsWarning').length;
  log(`dues: month close of ${ids.length} members in ${measured.ms.toFixed(0)} ms (${warnings} warnings)`);
  return {
    dues_month_close_ms: Math.round(measured.ms),
    dues_month_close_members: ids.length,
    dues_month_close_warnings: warnings,
    dues_month_close_us_per_member: Math.round((measured.ms * 1000) / ids.length),
  };
}
