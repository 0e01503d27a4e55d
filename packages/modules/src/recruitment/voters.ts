/** Who is expected at a branch meeting with a vote: the branch's members with the right to vote. */
import type { ReadContext } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { allKeys, MODULE } from '../common/stores.ts';
import { memberSanctions } from '../discipline/carried.ts';
import { deriveRights } from '../member/rights.ts';
import { currentOrg, memberStatus } from '../member/status.ts';
import { memberKeys } from '../member/store.ts';
import { storesFor } from '../permissions/authorize.ts';

/** Ids of the voting full members of a branch on a date (sorted). */
export function votersOf(ctx: ReadContext, branch: string, on: IsoDate): string[] {
  const stores = storesFor(ctx, MODULE.recruitment);
  const out: string[] = [];
  for (const key of allKeys(stores.member, memberKeys.prefix)) {
    const id = key.slice(memberKeys.prefix.length);
    if (currentOrg(stores, id) !== branch) continue;
    const st = memberStatus(stores, id, on);
    if (st && deriveRights(st, memberSanctions(stores, id), on).vote) out.push(id);
  }
  return out;
}
