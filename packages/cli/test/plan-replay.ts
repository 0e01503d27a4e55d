/**
 * The demo plan replayed in-process through the real runtime Executor and a module list (one block
 * per wave of a date, BFT time at 09:00 China time of that date, later waves a millisecond on), with
 * the parameters the seeder fills in from the chain (votes, attendance, review counts) filled in the
 * same way. demo-plan-replay.test.ts checks what the history leaves; warning-sweep.test.ts compares
 * two warning centres over it.
 */
import assert from 'node:assert/strict';
import { getSuite, type Value } from '@djchain/crypto';
import { signTx, type Transaction } from '@djchain/ledger';
import { chinaTime } from '@djchain/modules';
import { type BlockResult, Executor, MemoryState, type ModuleDef } from '@djchain/runtime';
import { type DemoPlan, personKey } from '../src/demo/index.ts';
import { reviewCounts } from '../src/demo/seed.ts';

export interface Replay {
  readonly executor: Executor;
  readonly state: MemoryState;
  height: number;
  time: number;
  /** A query on the replay's state at its height and time; asserts the query answered. */
  query(module: string, name: string, params: Value): never;
  /** One block of `txs` at `time` (a block without transactions when empty); its writes applied. */
  block(txs: readonly Transaction[], time: number): BlockResult;
}

export interface ReplayOptions {
  readonly modules: readonly ModuleDef[];
  /** Called after each block of the plan with the planned transactions it carried. */
  onBlock?(out: BlockResult, date: string, planned: DemoPlan['txs']): void;
  /** After each wave's block, this many blocks without transactions, a second apart, the same date. */
  readonly ticksAfterWave?: number;
}

const suite = getSuite('intl');

export function replayPlan(plan: DemoPlan, opts: ReplayOptions): Replay {
  const chainId = 'demo-replay';
  const executor = new Executor({ chainId, suite, modules: opts.modules });
  const state = new MemoryState();
  const validator = suite.keyPairFromSeed(new Uint8Array(32).fill(7));
  const genesis = executor.executeGenesis({
    chainId,
    suite: suite.id,
    time: chinaTime(plan.genesisDate, 9),
    validators: { validators: [{ publicKey: validator.publicKey, power: 1, name: 'v0' }] },
    modules: plan.genesis as unknown as { [k: string]: Value },
  });
  state.apply(genesis.writes);
  const replay: Replay = {
    executor,
    state,
    height: 0,
    time: chinaTime(plan.genesisDate, 9),
    query(module, name, params) {
      const r = executor.query(module, name, params, state, replay.height, replay.time);
      assert.ok(r.ok, `${module}.${name}`);
      return r.value as never;
    },
    block(txs, time) {
      replay.height++;
      replay.time = time;
      const out = executor.executeBlock(
        { height: replay.height, time, txs: [...txs], proposer: validator.publicKey },
        state,
      );
      state.apply(out.writes);
      return out;
    },
  };
  const query = replay.query;
  const nonces = new Map<string, number>();
  const dates = [...new Set(plan.txs.map((t) => t.date))];
  for (const date of dates) {
    const waves = plan.txs.filter((t) => t.date === date);
    for (let wave = 0; waves.some((t) => t.wave >= wave); wave++) {
      const batch = waves.filter((t) => t.wave === wave);
      if (batch.length === 0) continue;
      const txs = batch.map((t) => {
        let params = t.params as { [k: string]: Value };
        if (t.vote) {
          // As the seeder does: the branch's voters that day, two absent, everyone present votes yes.
          const member = t.params.member as string;
          const branch = plan.people.find((p) => p.id === member)!.branch;
          let expected = 0;
          for (const p of plan.people) {
            if (p.id === member) continue;
            const m = query('member', 'member', { id: p.id, on: date }) as {
              org?: string;
              rights?: { vote?: boolean };
            } | null;
            if (m !== null && m.org === branch && m.rights?.vote === true) expected++;
          }
          const absent = expected >= 6 ? 2 : expected >= 3 ? 1 : 0;
          params = { ...params, present: expected - absent, yes: expected - absent, no: 0, abstain: 0 };
        }
        if (t.attendance) {
          // As the seeder does: the meeting's expected attendees from the chain, the planned absences absent.
          const m = query('orglife', 'meeting', { id: t.params.meeting as string }) as { expected: string[] };
          const absent = m.expected.filter((x) => t.attendance!.absent.includes(x));
          const present = m.expected.filter((x) => !absent.includes(x));
          params = { ...params, present, ...(absent.length > 0 ? { absent } : {}) };
        }
        if (t.voters) {
          // As the seeder does: the voters the chain derives for the matter's organization that day.
          const m = query('resident', 'matter', { id: t.params.matter as string }) as { org: string };
          const voters = query('resident', 'voters', {
            org: m.org,
            on: t.params.heldOn as string,
          }) as string[];
          params = { ...params, ...reviewCounts(voters) };
        }
        const key = personKey(suite, plan.options.seed, t.signer);
        const nonce = nonces.get(t.signer) ?? 0;
        nonces.set(t.signer, nonce + 1);
        return signTx(suite, key.secretKey, {
          chainId,
          module: t.module,
          action: t.action,
          params,
          signer: key.publicKey,
          nonce,
          expiry: replay.height + 1 + 10,
        });
      });
      const out = replay.block(txs, Math.max(chinaTime(date, 9), replay.time + 1));
      opts.onBlock?.(out, date, batch);
      for (let i = 0; i < (opts.ticksAfterWave ?? 0); i++)
        opts.onBlock?.(replay.block([], replay.time + 1000), date, []);
    }
  }
  return replay;
}
