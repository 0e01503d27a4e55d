/**
 * 四议两公开, the fourth 议 and the two 公开: the 居民代表会议 votes — each representative signs their own
 * vote with their own key, once per round; the chain counts the signed votes against the
 * representatives designated when the round opened and records the meeting's result (a round without
 * quorum is recorded as such and another may open). Then the resolution and, later, the result of its
 * implementation are published as public attachments. The vote may not open before the reviewed
 * matter has been posted `postingDays` days (refused); a resolution published later than
 * `publishWithinDays` after the vote is recorded late (never refused).
 */
import type { ActionContext, ReadStore, Result } from '@djchain/runtime';
import { getAttachment } from '../attachment/store.ts';
import { defineAction } from '../common/action.ts';
import { addDays } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { orgEntity } from '../common/events.ts';
import { allKeys, asValue, MODULE, storeOf } from '../common/stores.ts';
import { VOTE_CHOICES } from '../lists.ts';
import { actorOf } from '../permissions/authorize.ts';
import type { OrgPost } from '../permissions/rules.ts';
import {
  checkRate,
  countWrite,
  emitResidentAct,
  M,
  matterEntity,
  residentEntity,
  signingResident,
  todayOf,
} from './common.ts';
import { ResidentErrors as E } from './errors.ts';
import { LEADERS, matterTarget } from './meetings.ts';
import { meets, residentParams } from './params.ts';
import { getMatter, getResident, type Matter, residentKeys, type VoteRound } from './store.ts';

export { VOTE_CHOICES };

const PUBLISHERS: readonly OrgPost[] = ['书记', '副书记', '宣传委员', '党务工作者'];
type Choice = (typeof VOTE_CHOICES)[number];

function save(ctx: ActionContext, m: Matter): void {
  ctx.store.set(residentKeys.matter(m.id), asValue(m));
}

function lastRound(m: Matter): VoteRound | undefined {
  return m.rounds[m.rounds.length - 1];
}

/** Residents designated representative now, ascending. */
export function representatives(store: ReadStore): string[] {
  const out: string[] = [];
  for (const key of allKeys(store, residentKeys.prefix, 100_000)) {
    const r = getResident(store, key.slice(residentKeys.prefix.length));
    if (r && r.status === 'bound' && r.representative !== null) out.push(r.id);
  }
  return out;
}

export const openVote = defineAction<{ matter: string }>(M, E, {
  description:
    '居民代表会议: opens the representatives’ vote on a reviewed matter once it has been posted the required days; the representatives designated now are the expected voters of this round.',
  shape: { matter: 'id' },
  permission: [{ posts: LEADERS, of: 'org' }],
  target: (ctx, p) => matterTarget(ctx, p.matter),
  verify(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    if (m.status !== 'reviewed' || m.review === null) return failure(E.WRONG_STEP, { status: m.status });
    const earliest = addDays(m.review.heldOn, residentParams(ctx.store).postingDays);
    if (todayOf(ctx) < earliest) return failure(E.POSTING_TOO_SHORT, { postedOn: m.review.heldOn, earliest });
    return representatives(ctx.store).length > 0 ? okResult : failure(E.NO_REPRESENTATIVES);
  },
  execute(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    const round: VoteRound = {
      round: m.rounds.length + 1,
      openedOn: todayOf(ctx),
      expected: representatives(ctx.store),
      yes: 0,
      no: 0,
      abstain: 0,
      closedOn: null,
      outcome: null,
    };
    save(ctx, { ...m, status: 'voting', rounds: [...m.rounds, round] });
    emitResidentAct(ctx, 'resident.VoteOpened', [matterEntity(m.id), orgEntity(m.org)], {
      matter: m.id,
      round: round.round,
      expected: round.expected.length,
    });
  },
});

export const vote = defineAction<{ matter: string; choice: Choice }>(M, E, {
  description: 'A 居民代表 votes on the matter with their own key: one vote per round, counted by the chain.',
  shape: { matter: 'id', choice: { type: 'text', oneOf: VOTE_CHOICES } },
  permission: [{ of: 'representative' }],
  target: (ctx, p) => matterTarget(ctx, p.matter),
  verify(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    const round = lastRound(m);
    if (m.status !== 'voting' || round === undefined) return failure(E.WRONG_STEP, { status: m.status });
    const r = signingResident(ctx)!;
    if (!round.expected.includes(r.id))
      return failure(E.NOT_REPRESENTATIVE, { resident: r.id, round: round.round });
    if (ctx.store.has(residentKeys.vote(m.id, round.round, r.id)))
      return failure(E.ALREADY_VOTED, { resident: r.id, round: round.round });
    return checkRate(ctx, r.id);
  },
  execute(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    const round = lastRound(m)!;
    const r = signingResident(ctx)!;
    ctx.store.set(residentKeys.vote(m.id, round.round, r.id), p.choice);
    const counted: VoteRound = {
      ...round,
      yes: round.yes + (p.choice === '赞成' ? 1 : 0),
      no: round.no + (p.choice === '反对' ? 1 : 0),
      abstain: round.abstain + (p.choice === '弃权' ? 1 : 0),
    };
    save(ctx, { ...m, rounds: [...m.rounds.slice(0, -1), counted] });
    countWrite(ctx, r.id);
    emitResidentAct(ctx, 'resident.Voted', [matterEntity(m.id), residentEntity(r.id)], {
      matter: m.id,
      round: round.round,
      choice: p.choice,
    });
  },
});

export const closeVote = defineAction<{ matter: string }>(M, E, {
  description:
    'Closes the representatives’ vote and records the meeting’s result as counted: passed, rejected, or no quorum (another round may open).',
  shape: { matter: 'id' },
  permission: [{ posts: LEADERS, of: 'org' }],
  target: (ctx, p) => matterTarget(ctx, p.matter),
  verify(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    return m.status === 'voting' ? okResult : failure(E.WRONG_STEP, { status: m.status });
  },
  execute(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    const round = lastRound(m)!;
    const params = residentParams(ctx.store);
    const present = round.yes + round.no + round.abstain;
    const outcome: VoteRound['outcome'] = !meets(params.voteQuorum, present, round.expected.length)
      ? 'noQuorum'
      : meets(params.votePass, round.yes, present)
        ? 'passed'
        : 'rejected';
    const closed: VoteRound = { ...round, closedOn: todayOf(ctx), outcome };
    const status = outcome === 'passed' ? 'resolved' : outcome === 'rejected' ? 'rejected' : 'reviewed';
    save(ctx, { ...m, status, rounds: [...m.rounds.slice(0, -1), closed] });
    emitResidentAct(ctx, 'resident.VoteClosed', [matterEntity(m.id), orgEntity(m.org)], {
      matter: m.id,
      round: round.round,
      expected: round.expected.length,
      present,
      yes: round.yes,
      no: round.no,
      abstain: round.abstain,
      outcome,
    });
  },
});

/** A published document is a registered attachment readable by the public (党务公开). */
function publicDocument(ctx: ActionContext, hash: string): Result {
  const a = getAttachment(storeOf(ctx, M, MODULE.attachment), hash);
  return a?.scope === 'public' ? okResult : failure(E.NOT_PUBLIC, { document: hash });
}

export const publishResolution = defineAction<{ matter: string; document: string }>(M, E, {
  description:
    '决议公开: publishes the resolution of the representatives’ meeting (a public attachment); later than the parameter’s days after the vote it is recorded late.',
  shape: { matter: 'id', document: 'hash' },
  permission: [{ posts: PUBLISHERS, of: 'org' }],
  target: (ctx, p) => matterTarget(ctx, p.matter),
  verify(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    if (m.status !== 'resolved') return failure(E.WRONG_STEP, { status: m.status });
    return publicDocument(ctx, p.document);
  },
  execute(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    const decidedOn = lastRound(m)!.closedOn!;
    const late = todayOf(ctx) > addDays(decidedOn, residentParams(ctx.store).publishWithinDays);
    save(ctx, {
      ...m,
      status: 'published',
      resolution: { on: todayOf(ctx), document: p.document, by: actorOf(ctx, M).by, late },
    });
    emitResidentAct(ctx, 'resident.ResolutionPublished', [matterEntity(m.id), orgEntity(m.org)], {
      matter: m.id,
      document: p.document,
      late,
    });
  },
});

export const publishResult = defineAction<{ matter: string; document: string }>(M, E, {
  description: '实施结果公开: publishes the result of carrying out the resolution (a public attachment).',
  shape: { matter: 'id', document: 'hash' },
  permission: [{ posts: PUBLISHERS, of: 'org' }],
  target: (ctx, p) => matterTarget(ctx, p.matter),
  verify(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    if (m.status !== 'published') return failure(E.WRONG_STEP, { status: m.status });
    return publicDocument(ctx, p.document);
  },
  execute(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    save(ctx, {
      ...m,
      status: 'done',
      result: { on: todayOf(ctx), document: p.document, by: actorOf(ctx, M).by, late: false },
    });
    emitResidentAct(ctx, 'resident.ResultPublished', [matterEntity(m.id), orgEntity(m.org)], {
      matter: m.id,
      document: p.document,
    });
  },
});
