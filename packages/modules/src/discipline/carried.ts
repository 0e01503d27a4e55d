/**
 * Sanctions carried in by a cross-chain transfer (issue 19): the sending chain's release attests
 * the member's sanctions, and the receiving branch's admission (member/transfer-in.ts) keeps them
 * in the member module's store, under the new member id. They are in force from that transaction
 * on — every rule reads a member's sanctions through `memberSanctions`, which joins them to the
 * discipline module's own records — and at the next block's start the discipline module takes
 * them into its own records (`takeCarried`), where an observation still running is watched,
 * extended and concluded like any other.
 */
import type { HookContext, ReadStore } from '@djchain/runtime';
import { asValue, getRecord, SEP } from '../common/stores.ts';
import { disciplineKeys, getSanction, type SanctionRecord, sanctionsOf } from './store.ts';

const h12 = (height: number) => String(height).padStart(12, '0');

/** Keys in the member module's store. */
export const carriedKeys = {
  sanctions: (member: string) => `cs${SEP}${member}`,
  /** Admissions with sanctions at `height`, for the discipline module's next block start. */
  at: (height: number, member: string) => `ch${SEP}${h12(height)}${SEP}${member}`,
  atPrefix: (height: number) => `ch${SEP}${h12(height)}${SEP}`,
};

/** The sanctions carried in for `member` (member module's store), as the receiving chain keeps them. */
export function carriedSanctions(memberStore: ReadStore, member: string): SanctionRecord[] {
  return getRecord<SanctionRecord[]>(memberStore, carriedKeys.sanctions(member)) ?? [];
}

/**
 * Every sanction of `member`: the discipline module's records, and those carried in by a transfer
 * that it has not yet taken over (the discipline record wins once it exists).
 */
export function memberSanctions(
  stores: { readonly discipline: ReadStore; readonly member: ReadStore },
  member: string,
): SanctionRecord[] {
  const own = sanctionsOf(stores.discipline, member);
  const carried = carriedSanctions(stores.member, member).filter(
    (s) => getSanction(stores.discipline, s.id) === undefined,
  );
  return carried.length === 0 ? own : [...own, ...carried];
}

/** Block start: the sanctions carried in by the previous block's admissions become discipline records. */
export function takeCarried(ctx: HookContext, memberStore: ReadStore): void {
  if (ctx.height < 2) return;
  const prefix = carriedKeys.atPrefix(ctx.height - 1);
  // An admission is one transaction; a block holds far fewer than this many.
  for (const key of memberStore.keys(prefix, 10_000)) {
    const member = key.slice(prefix.length);
    for (const s of carriedSanctions(memberStore, member)) {
      if (getSanction(ctx.store, s.id)) continue;
      ctx.store.set(disciplineKeys.sanction(s.id), asValue(s));
      ctx.store.set(disciplineKeys.byMember(member, s.id), true);
      // An observation still running is watched here from now on (module.ts beginBlock).
      if (s.kind === '留党察看' && s.conclusion === null && s.observationEnds !== null)
        ctx.store.set(disciplineKeys.open(s.id), s.observationEnds);
    }
  }
}
