/**
 * Jailing (issue 9 item 6): proven equivocation takes the offender out of the validator set in the
 * block that records the proof, so its power is 0 from h+2 (the set written in block h is in force
 * from h+2). The jail record keeps the power it had, since when, and the evidence; re-admission is
 * a governed act (`governance` records it, and the validator is added back through the set).
 *
 * Never the last validator: a chain whose set became empty could not make another block, not even
 * the one re-admitting someone. Jailing that would leave the set empty is refused and flagged on the
 * evidence record (EVIDENCE_JAIL_EMPTY_SET); the proof stays on chain. Any non-empty remainder can
 * still reach a quorum (more than 2/3 of its own power), so no other floor applies.
 */
import { toHex, type Value } from '@djchain/crypto';
import type { ActionContext, ReadContext, SystemStore } from '@djchain/runtime';
import { asValue, getRecord, MODULE, storeOf } from '../common/stores.ts';
import { EvidenceErrors } from './errors.ts';

export interface JailRecord {
  readonly validator: string;
  readonly name: string;
  readonly orgId: string | null;
  /** The power it had when jailed (what a re-admission would usually restore). */
  readonly power: number;
  /** Height of the block that jailed it; its power is 0 from `effective` = since + 2. */
  readonly since: number;
  readonly effective: number;
  /** Keys of the evidence records (in this module's store), first one first, at most 16. */
  readonly evidence: readonly string[];
}

/** What a proof did to its offender (stored on the evidence record). */
export type JailOutcome = 'jailed' | 'alreadyJailed' | 'beforeReadmission' | 'refused';

export interface Readmission {
  readonly at: number;
  readonly proposal: number;
}

const MAX_EVIDENCE_PER_JAIL = 16;

export const jailKey = (validatorHex: string) => `jail/${validatorHex}`;
export const readmitKey = (validatorHex: string) => `readmit/${validatorHex}`;

function jailRecord(ctx: ReadContext, self: string, hex: string) {
  return getRecord<JailRecord>(storeOf(ctx, self, MODULE.evidence), jailKey(hex));
}

/** The governance module's record of the latest re-admission of a validator, if any. */
function readmission(ctx: ReadContext, self: string, hex: string) {
  return getRecord<Readmission>(storeOf(ctx, self, MODULE.governance), readmitKey(hex));
}

/** Jailed now: a jail record not followed by a re-admission. */
export function isJailed(ctx: ReadContext, self: string, hex: string): boolean {
  const jail = jailRecord(ctx, self, hex);
  if (!jail) return false;
  const back = readmission(ctx, self, hex);
  return back === undefined || back.at < jail.since;
}

/** Applies a verified proof to its offender; returns what happened. Runs in execute only. */
export function jailOffender(
  ctx: ActionContext,
  system: SystemStore,
  validator: Uint8Array,
  evidenceKey: string,
  evidenceHeight: number,
): JailOutcome {
  const self = MODULE.evidence;
  const hex = toHex(validator);
  const back = readmission(ctx, self, hex);
  // The committee re-admitted it after this height: what it did before was known and forgiven.
  if (back !== undefined && evidenceHeight <= back.at) return 'beforeReadmission';
  const held = jailRecord(ctx, self, hex);
  if (held && isJailed(ctx, self, hex)) {
    if (held.evidence.length < MAX_EVIDENCE_PER_JAIL) {
      ctx.store.set(jailKey(hex), asValue({ ...held, evidence: [...held.evidence, evidenceKey] }));
    }
    return 'alreadyJailed';
  }
  const set = system.validators();
  const member = set.validators.find((v) => toHex(v.publicKey) === hex);
  if (!member) return 'beforeReadmission'; // verify refuses this case; kept total for safety
  if (set.validators.length === 1) {
    ctx.emit({
      type: 'evidence.JailRefused',
      entities: [`validator:${hex}`],
      data: {
        validator: hex,
        code: EvidenceErrors.JAIL_EMPTY_SET.code,
        cite: EvidenceErrors.JAIL_EMPTY_SET.cite,
      },
    });
    return 'refused';
  }
  system.setValidators({ validators: set.validators.filter((v) => v !== member) });
  const record: JailRecord = {
    validator: hex,
    name: member.name,
    orgId: member.orgId ?? null,
    power: member.power,
    since: ctx.height,
    effective: ctx.height + 2,
    evidence: [evidenceKey],
  };
  ctx.store.set(jailKey(hex), asValue(record));
  const data: { [k: string]: Value } = {
    validator: hex,
    name: member.name,
    power: member.power,
    effective: ctx.height + 2,
    evidence: evidenceKey,
  };
  ctx.emit({
    type: 'evidence.Jailed',
    entities: member.orgId ? [`org:${member.orgId}`, `validator:${hex}`] : [`validator:${hex}`],
    data,
  });
  return 'jailed';
}

/** Every validator jailed now, by key. */
export function jailedNow(ctx: ReadContext, self: string): JailRecord[] {
  const store = storeOf(ctx, self, MODULE.evidence);
  return store
    .keys('jail/', 10_000)
    .map((k) => getRecord<JailRecord>(store, k)!)
    .filter((r) => r !== undefined && isJailed(ctx, self, r.validator));
}
