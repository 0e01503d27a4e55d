/**
 * Planner of the demo's 党务公开 (issue 16) beyond what comes by itself: every 发展对象 and 转正
 * publicity of the recruitment cases becomes a disclosure item at the next block (the modules'
 * outbox), so only the yearly dues notice is planned here — each branch's 书记 publishes last
 * year's collection to the branch's members on the first meeting day after the 20th of January
 * (`dues.publishNotice`, an item for the branch's members for a year). The notice's file stays off
 * chain: its hash derives from the branch and the year, no draw from the generator, so adding this
 * planner changes no other part of the plan.
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '@djchain/modules';
import { BRANCHES } from './plan-community.ts';
import type { PlanContext } from './plan-context.ts';

export function planDisclosure(ctx: PlanContext): void {
  const year = Number(ctx.today.slice(0, 4)) - 1;
  const on = `${year + 1}-01-20` as IsoDate;
  if (on >= ctx.today || on <= ctx.genesisDate) return;
  for (const org of BRANCHES) {
    const document = createHash('sha256').update(`djchain-demo/dues-notice/${org}/${year}`).digest('hex');
    ctx.add(`notice-${org}`, on, ctx.holder(`${org}/书记`), 'dues', 'publishNotice', {
      id: `notice-${org}-${year}`,
      org,
      year,
      document,
    });
  }
}
