/** A community chain in memory driven through the real runtime Executor, one block per step. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { getSuite, type KeyPair, type Suite, type Value } from '@djchain/crypto';
import { type Receipt, signTx, type Transaction } from '@djchain/ledger';
import {
  addressOf,
  type BlockEvent,
  type BlockInput,
  Executor,
  MemoryState,
  type ModuleDef,
  readEvents,
  type StoredEvent,
} from '@djchain/runtime';
import { allModules, chinaTime } from '../src/index.ts';
import { resolveAge } from './age-fixture.ts';
import { communityGenesis, GENESIS_DATE } from './fixture.ts';

export const CHAIN = 'dj-modules-test';

/** Every string in a value, object keys included (privacy checks: what a record or event carries). */
export function stringsIn(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringsIn(x, out);
  else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array))
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      stringsIn(x, out);
    }
  return out;
}

/** One signed act: who, when (China date, optionally hour), which action, with what. */
export interface Step {
  readonly at: string;
  readonly hour?: number;
  readonly by: string;
  /** `module.action` */
  readonly do: string;
  readonly params: Value;
  /** Name of the member a clerk acts for. */
  readonly onBehalfOf?: string;
}

export interface StepResult {
  readonly receipt: Receipt;
  readonly events: BlockEvent[];
}

export class Chain {
  readonly suite: Suite;
  /** CHAIN unless `opts.chainId` names another (two chains side by side: anchoring, transfers). */
  readonly chainId: string;
  readonly executor: Executor;
  readonly state = new MemoryState();
  /** Every transaction of every committed block, in order: what the chain's blocks carry. */
  readonly txs: Transaction[] = [];
  height = 0;
  private lastTime: number;
  private readonly keys = new Map<string, KeyPair>();
  private readonly nonces = new Map<string, number>();

  /**
   * `opts.validators` replaces the one-validator set (names are actors, so their keys sign);
   * `opts.modules` adds genesis sections (e.g. governance); `opts.editGenesis` may change the
   * community genesis (module configs) before it is executed; `opts.moduleDefs` replaces the
   * module list.
   */
  constructor(
    suite: Suite = getSuite('intl'),
    opts: {
      validators?: ReadonlyArray<{ name: string; power: number; orgId?: string }>;
      modules?: { [k: string]: Value };
      editGenesis?: (modules: { [k: string]: Value }) => void;
      chainId?: string;
      /** The module list the executor runs (default allModules; a test may wrap one). */
      moduleDefs?: readonly ModuleDef[];
    } = {},
  ) {
    this.suite = suite;
    this.chainId = opts.chainId ?? CHAIN;
    this.executor = new Executor({ chainId: this.chainId, suite, modules: opts.moduleDefs ?? allModules });
    this.lastTime = chinaTime(GENESIS_DATE, 9);
    const { writes } = this.executor.executeGenesis({
      chainId: this.chainId,
      suite: suite.id,
      time: this.lastTime,
      validators: {
        validators: (opts.validators ?? [{ name: 'validator', power: 1 }]).map((v) => ({
          publicKey: this.key(v.name).publicKey,
          power: v.power,
          name: opts.validators ? v.name : 'v0',
          ...(v.orgId === undefined ? {} : { orgId: v.orgId }),
        })),
      },
      modules: this.genesisModules(opts.modules, opts.editGenesis),
    });
    this.state.apply(writes);
  }

  private genesisModules(
    extra: { [k: string]: Value } | undefined,
    edit: ((modules: { [k: string]: Value }) => void) | undefined,
  ): { [k: string]: Value } {
    const modules = {
      ...(communityGenesis((n) => this.address(n)) as unknown as { [k: string]: Value }),
      ...(extra ?? {}),
    };
    edit?.(modules);
    return modules;
  }

  key(name: string): KeyPair {
    let k = this.keys.get(name);
    if (!k) {
      k = this.suite.keyPairFromSeed(
        new Uint8Array(createHash('sha256').update(`djchain-test/${name}`).digest()),
      );
      this.keys.set(name, k);
    }
    return k;
  }

  address(name: string): string {
    return addressOf(this.suite, this.key(name).publicKey);
  }

  /**
   * Replaces "@name" strings anywhere in params with that actor's address, and age placeholders
   * ($ageCommitment, $ageProof: age-fixture.ts) with their bytes.
   */
  resolve(v: Value): Value {
    if (typeof v === 'string' && v.startsWith('@')) return this.address(v.slice(1));
    if (Array.isArray(v)) return v.map((x) => this.resolve(x));
    if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
      const age = resolveAge(this.suite, v as { readonly [k: string]: Value });
      if (age !== undefined) return age;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.resolve(x as Value)]));
    }
    return v;
  }

  /** Runs one step in its own block at the step's time and commits it. */
  step(s: Step): StepResult {
    const time = chinaTime(s.at, s.hour ?? 10);
    if (time <= this.lastTime) throw new Error(`step at ${s.at} is not after the previous block`);
    return this.block([s], time).results[0]!;
  }

  /** `step`, asserting that the action succeeded (the message names it and its error). */
  ok(s: Step): StepResult {
    const r = this.step(s);
    assert.equal(r.receipt.status, 'ok', `${s.do}: ${JSON.stringify(r.receipt.error)}`);
    return r;
  }

  /**
   * Plans a meeting and holds it the same day (at hour 11): `id` of `kind` in `org`, by `by`, with
   * `present` attending (`by` alone unless given).
   */
  meeting(m: {
    at: string;
    by: string;
    id: string;
    org: string;
    kind: string;
    length?: string;
    present?: readonly string[];
  }): void {
    this.ok({
      at: m.at,
      by: m.by,
      do: 'orglife.plan',
      params: { id: m.id, org: m.org, kind: m.kind, date: m.at, ...(m.length ? { length: m.length } : {}) },
    });
    this.ok({
      at: m.at,
      hour: 11,
      by: m.by,
      do: 'orglife.hold',
      params: { meeting: m.id, heldOn: m.at, present: [...(m.present ?? [m.by])] },
    });
  }

  /** The input of every block this chain executes from now on, in order (to execute them again). */
  recordBlocks(): BlockInput[] {
    const inputs: BlockInput[] = [];
    const execute = this.executor.executeBlock.bind(this.executor);
    this.executor.executeBlock = (input, view) => {
      inputs.push(input);
      return execute(input, view);
    };
    return inputs;
  }

  /** Executes `inputs` (blocks another chain executed) on this chain and commits their writes. */
  applyBlocks(inputs: readonly BlockInput[]): void {
    for (const input of inputs) this.state.apply(this.executor.executeBlock(input, this.state).writes);
  }

  /** Runs several steps in ONE block at the first step's time and commits it (per-block limits). */
  together(steps: readonly Step[]): StepResult[] {
    const first = steps[0]!;
    const time = chinaTime(first.at, first.hour ?? 10);
    if (time <= this.lastTime) throw new Error(`block at ${first.at} is not after the previous block`);
    return this.block(steps, time).results;
  }

  /** Executes one step in a block after the last one without committing anything. */
  attempt(s: Step): StepResult {
    const addr = this.address(s.by);
    const nonce = this.nonces.get(addr);
    const time = Math.max(chinaTime(s.at, s.hour ?? 10), this.lastTime + 1);
    const out = this.block([s], time, false).results[0]!;
    if (nonce === undefined) this.nonces.delete(addr);
    else this.nonces.set(addr, nonce);
    return out;
  }

  /** A block with no transactions at a date (fires the block-start hooks). */
  tick(at: string, hour = 10): BlockEvent[] {
    return this.block([], chinaTime(at, hour)).events;
  }

  private block(
    steps: readonly Step[],
    time: number,
    commit = true,
  ): { results: StepResult[]; events: BlockEvent[] } {
    const height = this.height + 1;
    const txs = steps.map((s) => {
      const [module, action] = s.do.split('.');
      const key = this.key(s.by);
      const addr = this.address(s.by);
      const nonce = this.nonces.get(addr) ?? 0;
      this.nonces.set(addr, nonce + 1);
      return signTx(this.suite, key.secretKey, {
        chainId: this.chainId,
        module: module!,
        action: action!,
        params: this.resolve(s.params),
        signer: key.publicKey,
        nonce,
        expiry: height + 10,
        ...(s.onBehalfOf ? { onBehalfOf: this.address(s.onBehalfOf) } : {}),
      });
    });
    const out = this.executor.executeBlock(
      { height, time, txs, proposer: this.key('validator').publicKey },
      this.state,
    );
    const results = out.receipts.map((receipt, i) => ({
      receipt,
      events: out.events.filter((e) => e.txIndex === i),
    }));
    if (!commit) return { results, events: out.events };
    this.state.apply(out.writes);
    this.txs.push(...txs);
    this.height = height;
    this.lastTime = time;
    return { results, events: out.events };
  }
  query(module: string, name: string, params: Value): Value {
    const r = this.executor.query(module, name, params, this.state, this.height, this.lastTime);
    if (!r.ok) throw new Error(`query ${module}.${name}: ${r.error.code}`);
    return r.value;
  }

  /** A member's derived view (status, rights) on a date or today. */
  member(id: string, on?: string): { status: string; rights: { [k: string]: Value }; [k: string]: Value } {
    return this.query('member', 'member', on ? { id, on } : { id }) as never;
  }

  events(entity: string): StoredEvent[] {
    return readEvents(this.state, entity);
  }
}
