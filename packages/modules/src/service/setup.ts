/**
 * What the service centre sets up: grids (网格) with their leader, members, the branch that covers
 * them and aggregate household figures, and the service menu (菜单式服务). Recorded by the
 * community's 书记, 副书记 or 党务工作者 (the centre's staff); setting again replaces the record.
 */
import type { ReadContext, Result } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { orgEntity } from '../common/events.ts';
import { asValue, MODULE, storeOf } from '../common/stores.ts';
import { getOrg } from '../org/store.ts';
import { actorOf } from '../permissions/authorize.ts';
import type { OrgPost } from '../permissions/rules.ts';
import {
  checkAccounts,
  checkCommunity,
  communityTarget,
  emitService,
  gridEntity,
  M,
  todayOf,
} from './common.ts';
import { ServiceErrors as E } from './errors.ts';
import { serviceParams } from './params.ts';
import {
  type Grid,
  getGrid,
  getRegistration,
  type MenuItem,
  PROVIDER_KINDS,
  type ProviderKind,
  SERVICE_KINDS,
  type ServiceKind,
  serviceKeys,
} from './store.ts';

/** The service centre's staff: the community's 书记, 副书记 and 党务工作者. */
export const CENTRE: readonly OrgPost[] = ['书记', '副书记', '党务工作者'];

/** `branch` is an organization below `org` (bounded walk up the tree). */
function below(ctx: ReadContext, branch: string, org: string): boolean {
  const orgs = storeOf(ctx, M, MODULE.org);
  let at = getOrg(orgs, branch);
  for (let i = 0; i < 16 && at !== undefined && at.parent !== null; i++) {
    if (at.parent === org) return true;
    at = getOrg(orgs, at.parent);
  }
  return false;
}

export interface GridParams {
  id: string;
  org: string;
  name: string;
  branch: string;
  leader: string;
  members: string[];
  households: number;
  residents: number;
}

export const setGrid = defineAction<GridParams>(M, E, {
  description:
    'Sets a grid (网格): its leader and members (accounts), the branch that covers it, aggregate household and resident counts only.',
  shape: {
    id: 'id',
    org: 'id',
    name: { type: 'text', kind: 'name' },
    branch: 'id',
    leader: 'id',
    members: { type: 'ids', max: 50 },
    households: { type: 'int', min: 0, max: 100_000 },
    residents: { type: 'int', min: 0, max: 1_000_000 },
  },
  permission: [{ posts: CENTRE, of: 'org' }],
  target: (ctx, p) => communityTarget(ctx, p.org),
  verify(ctx, p): Result {
    const c = checkCommunity(ctx, p.org);
    if (!c.ok) return c;
    if (!below(ctx, p.branch, p.org)) return failure(E.NO_BRANCH, { branch: p.branch });
    const existing = getGrid(ctx.store, p.id);
    if (existing !== undefined && existing.org !== p.org) return failure(E.EXISTS, { id: p.id });
    return checkAccounts(ctx, [p.leader, ...p.members]);
  },
  execute(ctx, p) {
    const g: Grid = {
      id: p.id,
      org: p.org,
      name: p.name,
      branch: p.branch,
      leader: p.leader,
      members: [...new Set(p.members)].sort(),
      households: p.households,
      residents: p.residents,
      updatedOn: todayOf(ctx),
      by: actorOf(ctx, M).by,
    };
    ctx.store.set(serviceKeys.grid(p.id), asValue(g));
    emitService(ctx, 'service.GridSet', [gridEntity(p.id), orgEntity(p.org), orgEntity(p.branch)], {
      grid: p.id,
      branch: p.branch,
      leader: p.leader,
      members: g.members,
      households: p.households,
      residents: p.residents,
    });
  },
});

export interface ItemParams {
  id: string;
  org: string;
  name: string;
  kind: ServiceKind;
  provider: ProviderKind;
  providerRef?: string;
  when: string;
  where: string;
  capacity: number;
  minutes: number;
  group?: string;
  open: boolean;
}

export const setItem = defineAction<ItemParams>(M, E, {
  description:
    'Sets a service menu item: kind, provider (centre, a grid, a volunteer team, a 双报到 unit), when and where, capacity, counted minutes, open to all or to a group.',
  shape: {
    id: 'id',
    org: 'id',
    name: { type: 'text', kind: 'name' },
    kind: { type: 'text', oneOf: SERVICE_KINDS },
    provider: { type: 'text', oneOf: PROVIDER_KINDS },
    providerRef: { type: 'text', kind: 'name', optional: true },
    when: { type: 'text', kind: 'name' },
    where: { type: 'text', kind: 'name' },
    capacity: { type: 'int', min: 1, max: 1000 },
    minutes: { type: 'int', min: 1, max: 3660 },
    group: { type: 'text', kind: 'name', optional: true },
    open: 'bool',
  },
  permission: [{ posts: CENTRE, of: 'org' }],
  target: (ctx, p) => communityTarget(ctx, p.org),
  verify(ctx, p): Result {
    const c = checkCommunity(ctx, p.org);
    if (!c.ok) return c;
    if (p.minutes > serviceParams(ctx.store).maxMinutes)
      return failure(E.TOO_LONG, { minutes: p.minutes, max: serviceParams(ctx.store).maxMinutes });
    const ref = p.providerRef;
    const fits =
      p.provider === 'centre'
        ? ref === undefined
        : p.provider === 'team'
          ? ref !== undefined
          : p.provider === 'grid'
            ? ref !== undefined && getGrid(ctx.store, ref) !== undefined
            : ref !== undefined && getRegistration(ctx.store, ref)?.ended === null;
    return fits ? okResult : failure(E.WRONG_PROVIDER, { provider: p.provider, providerRef: ref ?? null });
  },
  execute(ctx, p) {
    const item: MenuItem = {
      id: p.id,
      org: p.org,
      name: p.name,
      kind: p.kind,
      provider: p.provider,
      providerRef: p.providerRef ?? null,
      when: p.when,
      where: p.where,
      capacity: p.capacity,
      minutes: p.minutes,
      group: p.group ?? null,
      open: p.open,
      updatedOn: todayOf(ctx),
    };
    ctx.store.set(serviceKeys.item(p.id), asValue(item));
    emitService(ctx, 'service.ItemSet', [`item:${p.id}`, orgEntity(p.org)], {
      item: p.id,
      kind: p.kind,
      provider: p.provider,
      providerRef: item.providerRef,
      capacity: p.capacity,
      minutes: p.minutes,
      group: item.group,
      open: p.open,
    });
  },
});
