/**
 * The branch's calendar: its fixed 主题党日 day (条例第十六条) and the month from which the chain
 * judges its obligations — the chain cannot judge periods whose meetings were kept on paper before
 * the branch's records came on chain. The superior 党委 may set it too, so a branch cannot stay
 * unjudged; `orglife.overview` shows the superior which branches are judged. Also the 党小组 a
 * member belongs to (for the 党小组会's expected attendees).
 */
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { addMonth, type YearMonth } from '../common/months.ts';
import { asValue, MODULE, storeOf } from '../common/stores.ts';
import { getOrg } from '../org/store.ts';
import { DECIDERS, memberTarget, monthNow, orgTarget, todayOf } from './common.ts';
import { OrgLifeErrors as E } from './errors.ts';
import { M } from './roster.ts';
import { type Calendar, getCalendar, lifeKeys } from './store.ts';

export const setCalendar = defineAction<{ org: string; themeDay: number; from?: YearMonth }>(M, E, {
  description:
    "Fix a branch's monthly 主题党日 day (1–28) and, the first time, the month from which its obligations are judged.",
  shape: { org: 'id', themeDay: { type: 'int', min: 1, max: 28 }, from: { type: 'month', optional: true } },
  permission: [DECIDERS, { posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  target: (ctx, p) => orgTarget(ctx, p.org),
  verify(ctx, p) {
    const org = getOrg(storeOf(ctx, M, MODULE.org), p.org)!;
    if (org.kind !== '党支部') return failure(E.WRONG_ORG_KIND, { kind: org.kind });
    const existing = getCalendar(ctx.store, p.org);
    const now = monthNow(ctx);
    if (existing !== undefined) {
      if (p.from !== undefined && p.from !== existing.from)
        return failure(E.BAD_FROM, { from: existing.from });
    } else if (p.from !== undefined && (p.from < now || p.from > addMonth(now, 3)))
      return failure(E.BAD_FROM, { earliest: now, latest: addMonth(now, 3) });
    return okResult;
  },
  execute(ctx, p) {
    const existing = getCalendar(ctx.store, p.org);
    const rec: Calendar = {
      org: p.org,
      themeDay: p.themeDay,
      from: existing?.from ?? p.from ?? monthNow(ctx),
      on: todayOf(ctx),
    };
    ctx.store.set(lifeKeys.calendar(p.org), asValue(rec));
    emitAct(ctx, M, 'orglife.CalendarSet', [orgEntity(p.org)], {
      org: p.org,
      themeDay: rec.themeDay,
      from: rec.from,
    });
  },
});

export const assignGroup = defineAction<{ member: string; group: string }>(M, E, {
  description: 'Place a member of the branch in one of its 党小组 (for the 党小组会).',
  shape: { member: 'id', group: 'id' },
  permission: [DECIDERS],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify(ctx, p) {
    const g = getOrg(storeOf(ctx, M, MODULE.org), p.group);
    const branch = memberTarget(ctx, p.member)!.org;
    return g?.kind === '党小组' && g.parent === branch ? okResult : failure(E.BAD_GROUP, { group: p.group });
  },
  execute(ctx, p) {
    ctx.store.set(lifeKeys.group(p.member), p.group);
    emitAct(ctx, M, 'orglife.GroupAssigned', [memberEntity(p.member), orgEntity(p.group)], {
      member: p.member,
      group: p.group,
    });
  },
});
