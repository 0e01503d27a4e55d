/**
 * The evidence module: equivocation proofs on chain (issue 3, "the conflicting one is kept as
 * evidence, committed on chain, and shown by the API"). A validator node submits `evidence.submit`
 * automatically when its consensus machine reports two different signed votes of one validator
 * for the same (height, round, type). The proof is self-verifying: both signatures are checked
 * against the chain id here, so no node has to be trusted about it. Each equivocation is stored
 * once (the first submission wins; the others fail with EVIDENCE_DUPLICATE).
 */
import { toHex, type Value } from '@djchain/crypto';
import {
  type SignedVote,
  signedVoteFromValue,
  signedVoteToValue,
  validatorIndex,
  validatorSetFromValue,
  verifyVoteSignature,
} from '@djchain/ledger';
import {
  type ActionContext,
  type ActionDef,
  type CodedError,
  fail,
  type ModuleDef,
  ok,
  type ReadContext,
} from '@djchain/runtime';
import { chainSuite } from '../common/suite.ts';

export const EVIDENCE_MODULE = 'evidence';

const err = (code: string, message: string): CodedError => ({ code, message });

/** Both suites sign with 64 bytes (Ed25519; SM2 r‖s); public keys are 32 (Ed25519) or 33 (SM2). */
const SIGNATURE_BYTES = 64;
const PUBLIC_KEY_BYTES = { intl: 32, gm: 33 } as const;
const MAX_PUBLIC_KEY_BYTES = 33;

export interface EvidenceParams {
  readonly first: SignedVote;
  readonly second: SignedVote;
}

/** The stored record: both signed votes and where the proof was committed. */
export interface EvidenceRecord {
  readonly validator: string;
  readonly height: number;
  readonly round: number;
  readonly type: string;
  readonly first: Value;
  readonly second: Value;
  readonly committedAt: number;
  readonly submitter: string;
}

/** One key per equivocation: validator, then height/round/type (zero-padded so keys sort by height). */
export function evidenceKey(v: SignedVote): string {
  return `dup/${String(v.height).padStart(12, '0')}/${String(v.round).padStart(6, '0')}/${v.type}/${toHex(v.validator)}`;
}

function isValidator(ctx: ReadContext, key: Uint8Array): boolean {
  const raw = ctx.readStore('sys').get('validators');
  return raw !== undefined && validatorIndex(validatorSetFromValue(raw), key) >= 0;
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const submit: ActionDef<EvidenceParams> = {
  description: 'Records two conflicting signed votes of one validator (equivocation evidence).',
  parse(raw) {
    const p = raw as { first?: Value; second?: Value } | null;
    // Exactly the two votes: no other field may ride along (padding made 150 such transactions a
    // block too large for one p2p frame, issue 9 fault 2).
    const keys = p !== null && typeof p === 'object' && !(p instanceof Uint8Array) ? Object.keys(p) : [];
    if (keys.length !== 2 || !keys.includes('first') || !keys.includes('second')) {
      return fail(err('EVIDENCE_BAD_PARAMS', 'params must be exactly { first, second }'));
    }
    let votes: EvidenceParams;
    try {
      votes = { first: signedVoteFromValue(p!.first!), second: signedVoteFromValue(p!.second!) };
    } catch (e) {
      return fail(
        err('EVIDENCE_BAD_PARAMS', `first and second must be signed votes: ${(e as Error).message}`),
      );
    }
    for (const v of [votes.first, votes.second]) {
      if (v.signature.length !== SIGNATURE_BYTES || v.validator.length > MAX_PUBLIC_KEY_BYTES) {
        return fail(
          err(
            'EVIDENCE_BAD_PARAMS',
            `signatures are ${SIGNATURE_BYTES} bytes and keys at most ${MAX_PUBLIC_KEY_BYTES}`,
          ),
        );
      }
    }
    return ok(votes);
  },
  // Only validator nodes submit (they are the ones whose machines see the votes); the proof itself
  // does not depend on who submits it.
  authorize(ctx: ActionContext) {
    return isValidator(ctx, ctx.signer)
      ? ok()
      : fail(err('EVIDENCE_NOT_PERMITTED', 'only a validator node submits evidence'));
  },
  verify(ctx: ActionContext, { first, second }) {
    if (
      !sameBytes(first.validator, second.validator) ||
      first.height !== second.height ||
      first.round !== second.round ||
      first.type !== second.type
    ) {
      return fail(
        err(
          'EVIDENCE_NOT_CONFLICTING',
          'the votes are not from one validator for one height, round and type',
        ),
      );
    }
    // Same value with another time is two signed messages for one position too (issue 9, fault 1).
    if (sameBytes(first.blockHash, second.blockHash) && first.time === second.time) {
      return fail(err('EVIDENCE_NOT_CONFLICTING', 'the votes are for the same value and time'));
    }
    if (first.height > ctx.height)
      return fail(err('EVIDENCE_FUTURE', 'the votes are for a height not reached'));
    const suite = chainSuite(ctx);
    if (first.validator.length !== PUBLIC_KEY_BYTES[suite.id]) {
      return fail(
        err('EVIDENCE_BAD_PARAMS', `a ${suite.id} public key is ${PUBLIC_KEY_BYTES[suite.id]} bytes`),
      );
    }
    if (!verifyVoteSignature(suite, ctx.chainId, first) || !verifyVoteSignature(suite, ctx.chainId, second)) {
      return fail(err('EVIDENCE_BAD_SIGNATURE', 'a vote signature does not verify'));
    }
    if (ctx.store.has(evidenceKey(first)))
      return fail(err('EVIDENCE_DUPLICATE', 'this equivocation is already recorded'));
    return ok();
  },
  execute(ctx: ActionContext, { first, second }) {
    const validator = toHex(first.validator);
    // Stored in a canonical order (by signature bytes), so the record does not depend on which vote
    // the submitting node happened to see first.
    const [a, b] = toHex(first.signature) <= toHex(second.signature) ? [first, second] : [second, first];
    const record: EvidenceRecord = {
      validator,
      height: first.height,
      round: first.round,
      type: first.type,
      first: signedVoteToValue(a),
      second: signedVoteToValue(b),
      committedAt: ctx.height,
      submitter: toHex(ctx.signer),
    };
    ctx.store.set(evidenceKey(first), record as unknown as Value);
    ctx.emit({
      type: 'evidence.Equivocation',
      entities: [`validator:${validator}`],
      data: { validator, height: first.height, round: first.round, type: first.type },
    });
  },
};

export const evidenceModule: ModuleDef = {
  name: EVIDENCE_MODULE,
  actions: { submit },
  queries: {
    list: {
      description: 'Recorded equivocations, by height (params: optional validator hex, limit ≤ 1000).',
      run(ctx, params) {
        const p = (params ?? {}) as { validator?: Value; limit?: Value };
        const limit = typeof p.limit === 'number' && p.limit > 0 ? Math.min(1000, p.limit) : 1000;
        const out: Value[] = [];
        for (const key of ctx.store.keys('dup/', 1000)) {
          const r = ctx.store.get(key) as { validator?: Value } | undefined;
          if (r === undefined || (typeof p.validator === 'string' && r.validator !== p.validator)) continue;
          out.push(r as Value);
          if (out.length >= limit) break;
        }
        return out;
      },
    },
  },
};
