/**
 * The invariants, checked after every simulation step (each check is incremental: it looks only at
 * what that step changed). A violation is a value with a stable code; the run stops at the first.
 *
 * - AGREEMENT: no two correct nodes decide different blocks at one height (paper, Lemma "agreement").
 * - STATE_ROOT: all correct nodes hold the same application state root per height.
 * - DOUBLE_SIGN: a correct validator never signs two different messages for one (h, r, type), even
 *   across crashes and restarts (the WAL / signer-guard contract).
 * - FALSE_EVIDENCE: no evidence is ever produced against a correct validator.
 * - BFT_TIME: block times increase, and no block time lies beyond every correct clock (DESIGN §4:
 *   faulty validators hold < 1/3 of the power and cannot drag time).
 * - LIVENESS: once every fault has healed, the lowest height among correct nodes advances within
 *   `livenessBoundMs` of simulated time.
 */
import type { Proposal, Vote } from '@djchain/consensus';
import type { Decided } from './wire.ts';

export type ViolationCode =
  | 'AGREEMENT'
  | 'STATE_ROOT'
  | 'DOUBLE_SIGN'
  | 'FALSE_EVIDENCE'
  | 'BFT_TIME'
  | 'LIVENESS'
  | 'FORGED_SIGNATURE'
  | 'EVENT_LIMIT';

export interface Violation {
  readonly code: ViolationCode;
  readonly message: string;
  readonly atMs: number;
}

export interface CheckerOptions {
  /** Which validator ids are correct (twins and other Byzantine validators are not). */
  readonly correct: ReadonlySet<string>;
  /** Largest clock skew of any node, in ms (bounds how far ahead a correct precommit time can be). */
  readonly maxSkewMs: number;
}

/** Everything the checker remembers, height by height. */
export class Checker {
  private readonly opts: CheckerOptions;
  private readonly decided = new Map<number, { value: string; root: string; node: number }>();
  /** Signatures seen on the network: `${validator}/${h}/${r}/${kind}` → content. */
  private readonly signatures = new Map<string, string>();
  violation: Violation | null = null;

  constructor(opts: CheckerOptions) {
    this.opts = opts;
  }

  private fail(code: ViolationCode, message: string, atMs: number): void {
    if (this.violation === null) this.violation = { code, message, atMs };
  }

  /** A correct node appended `d` to its chain (its previous block is `prev`). */
  onDecide(node: number, d: Decided, prev: Decided | undefined, nowMs: number): void {
    const first = this.decided.get(d.height);
    if (first === undefined) {
      this.decided.set(d.height, { value: d.value, root: d.root, node });
    } else if (first.value !== d.value) {
      this.fail(
        'AGREEMENT',
        `height ${d.height}: node ${first.node} decided ${first.value.slice(0, 12)}, node ${node} decided ${d.value.slice(0, 12)}`,
        nowMs,
      );
    } else if (first.root !== d.root) {
      this.fail(
        'STATE_ROOT',
        `height ${d.height}: nodes ${first.node} and ${node} hold different roots`,
        nowMs,
      );
    }
    if (prev !== undefined && d.time <= prev.time) {
      this.fail('BFT_TIME', `height ${d.height}: time ${d.time} not after ${prev.time}`, nowMs);
    }
    // Each height may add 1 ms (own precommit times are kept above the previous block's).
    const ceiling = nowMs + this.opts.maxSkewMs + d.height;
    if (d.time > ceiling) {
      this.fail(
        'BFT_TIME',
        `height ${d.height}: time ${d.time} is ahead of every correct clock (${ceiling})`,
        nowMs,
      );
    }
  }

  /** A message `signer` signed itself went on the wire. */
  onSigned(signer: string, message: Proposal | Vote, nowMs: number): void {
    const { key, content } = slotOf(signer, message);
    const known = this.signatures.get(key);
    if (known === undefined) {
      this.signatures.set(key, content);
    } else if (known !== content) {
      if (this.opts.correct.has(signer)) {
        this.fail('DOUBLE_SIGN', `correct validator signed ${key} as ${known} and as ${content}`, nowMs);
      }
      // Byzantine: keep both, so relays of either are recognized.
      this.signatures.set(`${key}#${content}`, content);
    }
  }

  /** Simulated signatures cannot be forged: a relayed message must have been signed by its author. */
  onRelayed(signer: string, message: Proposal | Vote, nowMs: number): void {
    const { key, content } = slotOf(signer, message);
    if (this.signatures.get(key) !== content && !this.signatures.has(`${key}#${content}`)) {
      this.fail('FORGED_SIGNATURE', `relay of a message ${key} ${content} its author never signed`, nowMs);
    }
  }

  onEvidence(against: string, nowMs: number): void {
    if (this.opts.correct.has(against)) {
      this.fail('FALSE_EVIDENCE', `evidence against correct validator ${against}`, nowMs);
    }
  }
}

function slotOf(signer: string, m: Proposal | Vote): { key: string; content: string } {
  if ('type' in m) {
    return { key: `${signer}/${m.height}/${m.round}/${m.type}`, content: `${m.value}@${m.time ?? ''}` };
  }
  return { key: `${signer}/${m.height}/${m.round}/proposal`, content: `${m.value}/${m.validRound}` };
}
