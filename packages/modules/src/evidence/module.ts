/**
 * The evidence module: equivocation proofs on chain, with effect (issue 3, issue 9 item 6). A
 * validator node submits `evidence.submit` (two votes) or `evidence.submitProposal` (two proposals)
 * automatically when its consensus machine reports two different signed messages of one validator
 * for one slot. The proof is self-verifying: both signatures are checked against the chain id here,
 * so no node has to be trusted about it. Each equivocation is stored once (the first submission
 * wins; the others fail with EVIDENCE_DUPLICATE), and the offender is jailed (jail.ts).
 */
import { toHex, type Value } from '@djchain/crypto';
import { validatorIndex, validatorSetFromValue } from '@djchain/ledger';
import {
  type ActionContext,
  type ActionDef,
  type ModuleDef,
  ok,
  type ReadContext,
  type Result,
} from '@djchain/runtime';
import { baseErrors } from '../common/action.ts';
import { failure } from '../common/errors.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { chainSuite } from '../common/suite.ts';
import { EvidenceErrors as E } from './errors.ts';
import { isJailed, type JailOutcome, jailedNow, jailOffender } from './jail.ts';
import {
  conflicting,
  keyBytesOf,
  type Pair,
  pairToValues,
  parsePair,
  type Slot,
  signaturesVerify,
  slotOf,
} from './pairs.ts';

export const EVIDENCE_MODULE = MODULE.evidence;

export interface EvidenceParams {
  readonly pair: Pair;
}

/** The stored record: both signed messages, where the proof was committed, and what it did. */
export interface EvidenceRecord {
  readonly kind: 'vote' | 'proposal';
  readonly validator: string;
  readonly height: number;
  readonly round: number;
  /** 'prevote' | 'precommit' | 'proposal' */
  readonly type: string;
  readonly first: Value;
  readonly second: Value;
  readonly committedAt: number;
  readonly submitter: string;
  readonly outcome: JailOutcome;
  /** Set when the proof could not jail (EVIDENCE_JAIL_EMPTY_SET). */
  readonly refusal?: string;
}

/** One key per equivocation: height, round and step (zero-padded so keys sort by height), validator. */
export function evidenceKey(v: Slot): string {
  return `dup/${String(v.height).padStart(12, '0')}/${String(v.round).padStart(6, '0')}/${v.type}/${toHex(v.validator)}`;
}

function isValidator(ctx: ReadContext, key: Uint8Array): boolean {
  const raw = ctx.readStore('sys').get('validators');
  return raw !== undefined && validatorIndex(validatorSetFromValue(raw), key) >= 0;
}

function action(kind: Pair['kind'], description: string): ActionDef<EvidenceParams> {
  return {
    description,
    parse(raw) {
      try {
        return ok({ pair: parsePair(kind, raw) });
      } catch (e) {
        return failure(E.BAD_PARAMS, { reason: (e as Error).message.slice(0, 200) });
      }
    },
    // Only validator nodes submit (they are the ones whose machines see the messages); the proof
    // itself does not depend on who submits it.
    authorize(ctx: ActionContext): Result {
      return isValidator(ctx, ctx.signer) ? ok() : failure(E.NOT_PERMITTED);
    },
    verify(ctx: ActionContext, { pair }): Result {
      if (!conflicting(pair)) return failure(E.NOT_CONFLICTING);
      const slot = slotOf(pair);
      if (slot.height > ctx.height) return failure(E.FUTURE, { height: slot.height });
      const suite = chainSuite(ctx);
      if (slot.validator.length !== keyBytesOf(suite))
        return failure(E.BAD_PARAMS, { reason: `a ${suite.id} public key is ${keyBytesOf(suite)} bytes` });
      if (!signaturesVerify(suite, ctx.chainId, pair)) return failure(E.BAD_SIGNATURE);
      if (ctx.store.has(evidenceKey(slot))) return failure(E.DUPLICATE);
      const hex = toHex(slot.validator);
      if (!isValidator(ctx, slot.validator) && !isJailed(ctx, MODULE.evidence, hex)) {
        return failure(E.NOT_VALIDATOR, { validator: hex });
      }
      return ok();
    },
    execute(ctx: ActionContext, { pair }) {
      const slot = slotOf(pair);
      const key = evidenceKey(slot);
      const validator = toHex(slot.validator);
      const outcome = jailOffender(ctx, ctx.system!, slot.validator, key, slot.height);
      const record: EvidenceRecord = {
        kind: pair.kind,
        validator,
        height: slot.height,
        round: slot.round,
        type: slot.type,
        ...pairToValues(pair),
        committedAt: ctx.height,
        submitter: toHex(ctx.signer),
        outcome,
        ...(outcome === 'refused' ? { refusal: E.JAIL_EMPTY_SET.code } : {}),
      };
      ctx.store.set(key, asValue(record));
      ctx.emit({
        type: 'evidence.Equivocation',
        entities: [`validator:${validator}`],
        data: {
          validator,
          height: slot.height,
          round: slot.round,
          type: slot.type,
          kind: pair.kind,
          outcome,
        },
      });
    },
  };
}

/** Query parameters of the wrong shape: the module's BAD_PARAMS code, worded for any parameters. */
const badQuery = baseErrors('EVIDENCE').BAD_PARAMS;

export const evidenceModule: ModuleDef = {
  name: EVIDENCE_MODULE,
  governsValidators: true,
  actions: {
    submit: action(
      'vote',
      'Records two different signed votes of one validator for one height, round and type (also when they differ only in time), and jails it.',
    ),
    submitProposal: action(
      'proposal',
      'Records two different signed proposals of one proposer for one height and round, and jails it.',
    ),
  },
  queries: {
    list: defineQuery<{ validator?: string; limit?: number }>(badQuery, {
      description: 'Recorded equivocations, by height, of one validator (key hex) if given; at most `limit`.',
      shape: {
        validator: { type: 'text', optional: true, max: 130 },
        limit: { type: 'int', optional: true, min: 1, max: 1000 },
      },
      run(ctx, p) {
        const limit = p.limit ?? 1000;
        const out: Value[] = [];
        for (const key of ctx.store.keys('dup/', 10_000)) {
          const r = ctx.store.get(key) as { validator?: Value } | undefined;
          if (r === undefined || (p.validator !== undefined && r.validator !== p.validator)) continue;
          out.push({ ...(r as { [k: string]: Value }), key });
          if (out.length >= limit) break;
        }
        return out;
      },
    }),
    jailed: defineQuery<Record<string, never>>(badQuery, {
      description:
        'Validators jailed now (not re-admitted): key, name, organization, the power they had, since (block that jailed), effective (since + 2), evidence keys.',
      shape: {},
      run(ctx) {
        return jailedNow(ctx, MODULE.evidence).map((r) => asValue(r));
      },
    }),
  },
};
