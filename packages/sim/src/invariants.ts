/**
 * The invariants, checked after every simulation step (each check looks only at what the step
 * changed). A violation is a value with a stable code; the run stops at the first.
 *
 * On what correct nodes commit (`onCommit`):
 * - AGREEMENT: no two correct nodes commit different blocks at one height.
 * - CERTIFICATE: every stored commit certificate, and every block's last commit, verifies
 *   (ledger `verifyCommit`) against that height's validator set.
 * - VALIDITY: a committed block respects the block limits (bytes, transactions).
 * - BFT_TIME: block times increase and never lie beyond every correct clock.
 * On what correct validators sign (`onSent`, every message on the network):
 * - DOUBLE_SIGN: never two different messages for one (height, round, type), across restarts.
 * - LOCK: a validator that precommitted v in round r prevotes another value in a later round only
 *   for a proposal whose valid round is ≥ r and whose value had a polka there (lines 22–29).
 * - PROPOSER: a non-nil prevote is for the value proposed in that round by proposer(h, r).
 * On what correct nodes see and do:
 * - EVIDENCE_MISSED: a correct node that accepted two different signed votes of one validator for
 *   one slot (value or time only) submits evidence of it; FALSE_EVIDENCE: never against a correct
 *   validator.
 * - FATAL: no correct node stops on an error. MEMORY: the driver's buffers and the mempool stay
 *   under their bounds. LIVENESS, TX_LOST and EXCEPTION (an exception no real code caught) are
 *   checked by the scheduler (simulation.ts).
 */
import { makeValidatorSet, proposer, type ValidatorSet } from '@djchain/consensus';
import { toHex } from '@djchain/crypto';
import {
  type Block,
  type CommitCertificate,
  encodeBlock,
  headerHash,
  type SignedVote,
  verifyCommit,
} from '@djchain/ledger';
import type { Application, WireMessage } from '@djchain/node';
import { SimError } from './errors.ts';
import { simSuite } from './genesis.ts';

export type ViolationCode =
  | 'AGREEMENT'
  | 'CERTIFICATE'
  | 'VALIDITY'
  | 'BFT_TIME'
  | 'DOUBLE_SIGN'
  | 'LOCK'
  | 'PROPOSER'
  | 'EVIDENCE_MISSED'
  | 'FALSE_EVIDENCE'
  | 'FATAL'
  | 'MEMORY'
  | 'LIVENESS'
  | 'TX_LOST'
  | 'EVENT_LIMIT'
  | 'EXCEPTION';

export interface Violation {
  readonly code: ViolationCode;
  readonly message: string;
  readonly atMs: number;
}

export interface CheckerOptions {
  /** Validator ids (public key hex) in genesis order with their powers. */
  readonly validators: readonly { readonly id: string; readonly power: number }[];
  /** Validator ids whose signing is checked (correct ones: not twins, storage-faulted or Byzantine). */
  readonly correct: ReadonlySet<string>;
  readonly maxSkewMs: number;
  readonly genesisTime: number;
  readonly maxBlockBytes: number;
  readonly maxBlockTxs: number;
  /** EVIDENCE_MISSED also for two votes that differ only in time. */
  readonly timeOnlyEvidence: boolean;
  /** The validator set of a height as a correct node holds it (sets change: jailing, governance). */
  readonly setAt?: (height: number) => readonly { readonly id: string; readonly power: number }[] | undefined;
}

// The run's suite: results of the real functions remembered (memo-suite.ts), so the certificates
// every node stores, which overlap, are verified for real once.
const suite = simSuite();

export class Checker {
  private readonly opts: CheckerOptions;
  private readonly set: ValidatorSet;
  private readonly totalPower: number;
  private readonly power = new Map<string, number>();
  private readonly committed = new Map<number, { hash: string; node: number }>();
  /** Blocks whose last commit was verified already (the same block carries the same one). */
  private readonly lastCommitChecked = new Set<string>();
  /** Block hashes whose size was checked (VALIDITY). */
  private readonly sizeChecked = new Set<string>();
  /** Own signed messages of correct validators: `${id}/${h}/${r}/${type}` → content. */
  private readonly signed = new Map<string, string>();
  /** Proposals seen on the network: `${h}/${r}` → `${value}/${vr}/${proposer}` set. */
  private readonly proposals = new Map<string, Set<string>>();
  /** Prevotes seen: `${h}/${r}/${value}` → signers. */
  private readonly prevotes = new Map<string, Set<string>>();
  /** Last non-nil precommit of each correct validator per height: `${id}/${h}` → round and value. */
  private readonly locks = new Map<string, { round: number; value: string }>();
  /** Votes a correct node accepted, per node incarnation and slot → distinct contents. */
  private readonly accepted = new Map<string, Set<string>>();
  /** Slots node incarnations submitted evidence for. */
  private readonly evidence = new Set<string>();
  violation: Violation | null = null;

  constructor(opts: CheckerOptions) {
    this.opts = opts;
    this.set = makeValidatorSet(opts.validators.map((v) => ({ id: v.id, power: v.power })));
    this.totalPower = opts.validators.reduce((s, v) => s + v.power, 0);
    for (const v of opts.validators) this.power.set(v.id, v.power);
  }

  fail(code: ViolationCode, message: string, atMs: number): void {
    if (this.violation === null) this.violation = { code, message, atMs };
  }

  /** A correct node committed `block` with `commit`; `app` is its application (after the commit). */
  onCommit(node: number, app: Application, block: Block, commit: CommitCertificate, nowMs: number): void {
    const h = block.header.height;
    const hash = toHex(headerHash(suite, block.header));
    const first = this.committed.get(h);
    if (first === undefined) this.committed.set(h, { hash, node });
    else if (first.hash !== hash) {
      this.fail(
        'AGREEMENT',
        `height ${h}: node ${first.node} committed ${first.hash.slice(0, 12)}, node ${node} ${hash.slice(0, 12)}`,
        nowMs,
      );
    }
    const check = verifyCommit(suite, app.validators(h), block.header, commit);
    if (!check.ok)
      this.fail('CERTIFICATE', `node ${node} height ${h}: stored certificate: ${check.error.message}`, nowMs);
    if (h > 1 && !this.lastCommitChecked.has(hash)) {
      this.lastCommitChecked.add(hash);
      const prev = app.header(h - 1);
      const last = block.lastCommit;
      const lastCheck =
        prev && last
          ? verifyCommit(suite, app.validators(h - 1), prev, last)
          : { ok: false as const, error: new SimError('SIM_NO_LAST_COMMIT', 'missing') };
      if (!lastCheck.ok)
        this.fail('CERTIFICATE', `node ${node} height ${h}: last commit: ${lastCheck.error.message}`, nowMs);
      if (prev && block.header.time <= prev.time) {
        this.fail('BFT_TIME', `height ${h}: time ${block.header.time} not after ${prev.time}`, nowMs);
      }
    }
    const ceiling = this.opts.genesisTime + nowMs + this.opts.maxSkewMs + h;
    if (block.header.time > ceiling) {
      this.fail(
        'BFT_TIME',
        `height ${h}: time ${block.header.time} is ahead of every correct clock (${ceiling})`,
        nowMs,
      );
    }
    // Once per block: its hash covers every byte that counts (PERF: every node commits it).
    if (this.sizeChecked.has(hash)) return;
    this.sizeChecked.add(hash);
    const bytes = encodeBlock(block).length;
    if (bytes > this.opts.maxBlockBytes || block.txs.length > this.opts.maxBlockTxs) {
      this.fail(
        'VALIDITY',
        `height ${h}: block of ${bytes} bytes and ${block.txs.length} txs is over the limits`,
        nowMs,
      );
    }
  }

  /** A message on the network, sent by node `fromId` (before loss). */
  onSent(fromId: string, msg: WireMessage, nowMs: number): void {
    if (msg.kind === 'proposal') {
      const p = msg.proposal;
      const signer = toHex(p.proposer);
      const value = toHex(p.blockHash);
      addTo(this.proposals, `${p.height}/${p.round}`, `${value}/${p.validRound}/${signer}`);
      if (signer === fromId && this.opts.correct.has(signer)) {
        this.own(`${signer}/${p.height}/${p.round}/proposal`, `${value}/${p.validRound}`, nowMs);
      }
      return;
    }
    if (msg.kind !== 'vote') return;
    const v = msg.vote;
    const signer = toHex(v.validator);
    const value = v.blockHash === null ? null : toHex(v.blockHash);
    if (v.type === 'prevote' && value !== null)
      addTo(this.prevotes, `${v.height}/${v.round}/${value}`, signer);
    if (signer !== fromId || !this.opts.correct.has(signer)) return;
    const time = v.type === 'precommit' ? v.time : 0;
    this.own(`${signer}/${v.height}/${v.round}/${v.type}`, `${value}@${time}`, nowMs);
    if (value === null) return;
    if (v.type === 'precommit') {
      const lock = this.locks.get(`${signer}/${v.height}`);
      if (lock === undefined || lock.round < v.round)
        this.locks.set(`${signer}/${v.height}`, { round: v.round, value });
      return;
    }
    this.checkPrevote(signer, v.height, v.round, value, nowMs);
  }

  private own(slot: string, content: string, nowMs: number): void {
    const known = this.signed.get(slot);
    if (known === undefined) this.signed.set(slot, content);
    else if (known !== content)
      this.fail(
        'DOUBLE_SIGN',
        `correct validator signed ${short(slot)} as ${short(known)} and as ${short(content)}`,
        nowMs,
      );
  }

  private checkPrevote(signer: string, h: number, r: number, value: string, nowMs: number): void {
    const seen = [...(this.proposals.get(`${h}/${r}`) ?? [])].map((s) => s.split('/'));
    const at = this.opts.setAt?.(h);
    const leader = proposer(
      at ? makeValidatorSet(at.map((v) => ({ id: v.id, power: v.power }))) : this.set,
      h,
      r,
    );
    const fromLeader = seen.filter(([v, , p]) => v === value && p === leader);
    if (fromLeader.length === 0) {
      this.fail(
        'PROPOSER',
        `${short(signer)} prevoted ${value.slice(0, 12)} at h${h} r${r} without a proposal of it by proposer(h, r)`,
        nowMs,
      );
      return;
    }
    const lock = this.locks.get(`${signer}/${h}`);
    if (lock === undefined || lock.value === value || lock.round >= r) return;
    const justified = fromLeader.some(([, vr]) => {
      const round = Number(vr);
      return round >= lock.round && this.polka(h, round, value);
    });
    if (!justified) {
      this.fail(
        'LOCK',
        `${short(signer)} locked on ${lock.value.slice(0, 12)} in r${lock.round} prevoted ${value.slice(0, 12)} at h${h} r${r} without a newer polka`,
        nowMs,
      );
    }
  }

  private polka(h: number, r: number, value: string): boolean {
    const at = this.opts.setAt?.(h);
    const power = at ? new Map(at.map((v) => [v.id, v.power])) : this.power;
    const total = at ? at.reduce((a, v) => a + v.power, 0) : this.totalPower;
    let sum = 0;
    for (const id of this.prevotes.get(`${h}/${r}/${value}`) ?? []) sum += power.get(id) ?? 0;
    return 3 * sum > 2 * total;
  }

  /**
   * A vote delivered to correct node `node` (incarnation `inc`) that its driver accepted at the
   * height and round it was in: a second different one for the slot must produce evidence.
   */
  onAccepted(node: number, inc: number, v: SignedVote, nowMs: number): void {
    const slot = `${toHex(v.validator)}/${v.height}/${v.round}/${v.type}`;
    const time = v.type === 'precommit' && this.opts.timeOnlyEvidence ? v.time : 0;
    const content = `${v.blockHash === null ? 'nil' : toHex(v.blockHash)}@${time}`;
    const key = `${node}#${inc}/${slot}`;
    let set = this.accepted.get(key);
    if (set === undefined) {
      set = new Set();
      this.accepted.set(key, set);
    }
    set.add(content);
    if (set.size > 1 && !this.evidence.has(key)) {
      this.fail(
        'EVIDENCE_MISSED',
        `node ${node} accepted two votes of ${short(slot)} (${[...set].map(short).join(', ')}) and reported no evidence`,
        nowMs,
      );
    }
  }

  /** Node `node` (incarnation `inc`) submitted evidence against `validator` for a slot. */
  onEvidence(
    node: number,
    inc: number,
    validator: string,
    h: number,
    r: number,
    type: string,
    nowMs: number,
  ): void {
    this.evidence.add(`${node}#${inc}/${validator}/${h}/${r}/${type}`);
    if (this.opts.correct.has(validator))
      this.fail('FALSE_EVIDENCE', `evidence against correct validator ${short(validator)}`, nowMs);
  }

  /** Sizes of a node's bounded buffers with their bounds: `name → [size, bound]`. */
  onBuffers(node: number, sizes: Record<string, readonly [number, number]>, nowMs: number): void {
    for (const [name, [n, bound]] of Object.entries(sizes)) {
      if (n > bound) this.fail('MEMORY', `node ${node}: ${name} holds ${n}, over its bound ${bound}`, nowMs);
    }
  }
}

function addTo<T>(map: Map<string, Set<T>>, key: string, item: T): void {
  let set = map.get(key);
  if (set === undefined) {
    set = new Set();
    map.set(key, set);
  }
  set.add(item);
}

function short(s: string): string {
  return s.replace(/[0-9a-f]{16,}/g, (hex) => hex.slice(0, 8));
}
