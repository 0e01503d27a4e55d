/**
 * Age commitments (age.ts, README "Age proof"). The first one is recorded by the clerk post that
 * checked the ID, the same trust as registration. Replacing one is what lets an under-18 applicant
 * pass, so it takes two people: one proposes (member.AgeCorrectionProposed), the branch secretary —
 * or, when the secretary proposed, the superior 党委 — confirms (member.AgeCommitted, replaced: true,
 * naming the proposer). Both acts stay in the member's history.
 */
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity } from '../common/events.ts';
import { MODULE } from '../common/stores.ts';
import { actorOf } from '../permissions/authorize.ts';
import { memberTarget, save, today } from './actions.ts';
import { MemberErrors as E } from './errors.ts';
import { getMember, type MemberRecord } from './store.ts';

const M = MODULE.member;

interface AgeCommit {
  member: string;
  commitment: string;
}

function withoutCorrection(m: MemberRecord): MemberRecord {
  const { ageCorrection: _pending, ...rest } = m;
  return rest;
}

export const commitAge = defineAction<AgeCommit>(M, E, {
  description:
    "A clerk who checked the ID records the member's age commitment; replacing one only proposes it, for a second person to confirm.",
  shape: { member: 'id', commitment: 'hash' },
  permission: [{ posts: ['书记', '组织委员', '党务工作者'], of: 'org' }],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify: () => okResult,
  execute(ctx, p) {
    const m = getMember(ctx.store, p.member)!;
    if ((m.ageCommitment ?? null) === null) {
      save(ctx, { ...withoutCorrection(m), ageCommitment: p.commitment });
      emitAct(ctx, M, 'member.AgeCommitted', [memberEntity(p.member)], {
        member: p.member,
        commitment: p.commitment,
        replaced: false,
      });
      return;
    }
    const by = actorOf(ctx, M).by ?? '';
    save(ctx, { ...m, ageCorrection: { commitment: p.commitment, by, on: today(ctx) } });
    emitAct(ctx, M, 'member.AgeCorrectionProposed', [memberEntity(p.member)], {
      member: p.member,
      commitment: p.commitment,
    });
  },
});

export const confirmAgeCorrection = defineAction<AgeCommit>(M, E, {
  description:
    'The branch secretary (or the superior 党委 when the secretary proposed it) confirms a replaced age commitment.',
  shape: { member: 'id', commitment: 'hash' },
  permission: [
    { posts: ['书记'], of: 'org' },
    { posts: ['书记', '组织委员'], of: 'superiorCommittee' },
  ],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify(ctx, p) {
    const pending = getMember(ctx.store, p.member)!.ageCorrection;
    if (pending === undefined || pending.commitment !== p.commitment) return failure(E.NO_AGE_CORRECTION);
    return actorOf(ctx, M).by === pending.by ? failure(E.AGE_SAME_PARTY) : okResult;
  },
  execute(ctx, p) {
    const m = getMember(ctx.store, p.member)!;
    save(ctx, { ...withoutCorrection(m), ageCommitment: p.commitment });
    emitAct(ctx, M, 'member.AgeCommitted', [memberEntity(p.member)], {
      member: p.member,
      commitment: p.commitment,
      replaced: true,
      proposedBy: m.ageCorrection!.by,
    });
  },
});
