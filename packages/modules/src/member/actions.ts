/**
 * Member actions: registration and import, profile commitment, reads, suspension, exit. Keys and
 * recovery: keys.ts; age commitments: age-commit.ts.
 */
import type { ActionContext, ReadContext } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { addMonths, chinaDate, type IsoDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { appendRead, isStatedPurpose } from '../common/readlog.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { getOrg } from '../org/store.ts';
import { actorOf, storesFor } from '../permissions/authorize.ts';
import { residentKeys } from '../resident/store.ts';
import { MemberErrors as E } from './errors.ts';
import { currentOrg, memberStatus } from './status.ts';
import { type ExitReason, getMember, type MemberRecord, memberKeys } from './store.ts';

const M = MODULE.member;

/** Parameters with the regulations' values as defaults ([verify] in RULES.md §5). */
const defaultMemberParams = { lostContactMonths: 6, suspendedToLapseMonths: 24 };

export const today = (ctx: ReadContext): IsoDate => chinaDate(ctx.time);

/** Target helper: the member's current organization. */
export function memberTarget(ctx: ReadContext, member: string) {
  const org = currentOrg(storesFor(ctx, M), member);
  return org === null ? null : { org, member };
}

export function addressFree(ctx: ReadContext, address: string): boolean {
  // A resident's key (current or retired) is a resident's: one key, one account (resident/store.ts).
  const residents = ctx.readStore(MODULE.resident);
  return (
    !ctx.store.has(memberKeys.address(address)) &&
    !ctx.store.has(memberKeys.retired(address)) &&
    !residents.has(residentKeys.address(address)) &&
    !residents.has(residentKeys.retired(address))
  );
}

export function save(ctx: ActionContext, m: MemberRecord): void {
  ctx.store.set(memberKeys.member(m.id), asValue(m));
}

function inGoodStanding(ctx: ReadContext, id: string): boolean {
  const s = memberStatus(storesFor(ctx, M), id, today(ctx));
  return s !== null && (s.status === '正式党员' || s.status === '预备党员');
}

interface Register {
  id: string;
  org: string;
  address: string;
  profileCommitment?: string;
  profileRef?: string;
  /** Age commitment (age.ts) by the clerk who checked the ID; never the birth date itself. */
  ageCommitment?: string;
}

const registerShape = {
  id: 'id',
  org: 'id',
  address: 'id',
  profileCommitment: { type: 'hash', optional: true },
  profileRef: { type: 'id', optional: true },
  ageCommitment: { type: 'hash', optional: true },
} as const;

function verifyRegistration(ctx: ReadContext, p: Register) {
  if (getMember(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
  if (!addressFree(ctx, p.address)) return failure(E.ADDRESS_IN_USE);
  if (getOrg(storesFor(ctx, M).org, p.org)?.kind !== '党支部')
    return failure(E.ORG_NOT_BRANCH, { org: p.org });
  return okResult;
}

function newRecord(ctx: ReadContext, p: Register, imported: MemberRecord['imported']): MemberRecord {
  return {
    id: p.id,
    org: p.org,
    registeredOn: today(ctx),
    address: p.address,
    profileCommitment: p.profileCommitment ?? null,
    profileRef: p.profileRef ?? null,
    ageCommitment: p.ageCommitment ?? null,
    imported,
    suspended: null,
    exit: null,
    recovery: null,
  };
}

export const register = defineAction<Register>(M, E, {
  description:
    'Register a person (future applicant or member) under an opaque id with a key address; no personal field on chain.',
  shape: registerShape,
  permission: [{ posts: ['书记', '组织委员', '党务工作者'], of: 'org' }],
  target: (ctx, p) => (getOrg(storesFor(ctx, M).org, p.org) ? { org: p.org } : null),
  verify: verifyRegistration,
  execute(ctx, p) {
    save(ctx, newRecord(ctx, p, null));
    ctx.store.set(memberKeys.address(p.address), p.id);
    emitAct(ctx, M, 'member.Registered', [memberEntity(p.id), orgEntity(p.org)], {
      member: p.id,
      org: p.org,
      ageCommitment: p.ageCommitment ?? null,
    });
  },
});

interface ImportMember extends Register {
  status: '正式党员' | '预备党员';
  since: string;
  probationEnd?: string;
}

export const importMember = defineAction<ImportMember>(M, E, {
  description:
    'Import an existing member from a roster (status and the date Party age counts from), approved by the superior 党委.',
  shape: {
    ...registerShape,
    status: { type: 'text', oneOf: ['正式党员', '预备党员'] },
    since: 'date',
    probationEnd: { type: 'date', optional: true },
  },
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  check: (p) =>
    (p.status === '预备党员') === (p.probationEnd !== undefined)
      ? okResult
      : failure(E.BAD_PARAMS, { field: 'probationEnd', expected: 'given exactly for 预备党员' }),
  target: (ctx, p) => (getOrg(storesFor(ctx, M).org, p.org) ? { org: p.org } : null),
  verify: verifyRegistration,
  execute(ctx, p) {
    save(ctx, newRecord(ctx, p, { status: p.status, since: p.since, probationEnd: p.probationEnd ?? null }));
    ctx.store.set(memberKeys.address(p.address), p.id);
    emitAct(ctx, M, 'member.Imported', [memberEntity(p.id), orgEntity(p.org)], {
      member: p.id,
      org: p.org,
      status: p.status,
      since: p.since,
    });
  },
});

interface Profile {
  member: string;
  commitment: string;
  ref: string;
}

export const updateProfile = defineAction<Profile>(M, E, {
  description:
    'Replace the commitment and reference of the encrypted off-chain profile (the profile itself never comes on chain).',
  shape: { member: 'id', commitment: 'hash', ref: 'id' },
  // Data entry: a clerk may enter the profile a member without a device handed in (marked onBehalfOf).
  permission: [{ of: 'self' }, { of: 'clerkEntry' }],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify: () => okResult,
  execute(ctx, p) {
    save(ctx, { ...getMember(ctx.store, p.member)!, profileCommitment: p.commitment, profileRef: p.ref });
    emitAct(ctx, M, 'member.ProfileUpdated', [memberEntity(p.member)], {
      member: p.member,
      commitment: p.commitment,
    });
  },
});

/** How many personal fields one read record may name. */
const MAX_READ_FIELDS = 20;

/**
 * The read record is the gate of the sealed-data service (packages/cli/src/sealed): it releases
 * exactly the `fields` named here, once, to the key that signed this transaction. The list is
 * canonical (ascending, no repeats) so that "the same fields" has one meaning. Without `fields` the
 * record is a trace only and the service releases nothing for it.
 */
export const recordProfileRead = defineAction<{ member: string; purpose: string; fields?: string[] }>(M, E, {
  description:
    "Leave a trace of a read of a member's personal profile: who read whose, which fields, when, for what.",
  shape: {
    member: 'id',
    purpose: { type: 'text', kind: 'purpose' },
    fields: { type: 'ids', optional: true, max: MAX_READ_FIELDS },
  },
  permission: [
    { of: 'self' },
    { posts: ['书记', '组织委员', '纪检委员', '党务工作者'], of: 'org' },
    { posts: ['书记', '组织委员', '纪检委员'], of: 'superiorCommittee' },
  ],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify(_ctx, p) {
    if (!isStatedPurpose(p.purpose))
      return failure(E.BAD_PARAMS, { field: 'purpose', expected: 'a stated purpose' });
    const f = p.fields;
    if (f !== undefined && (f.length === 0 || f.some((x, i) => i > 0 && f[i - 1]! >= x)))
      return failure(E.BAD_PARAMS, { field: 'fields', expected: 'field names, ascending, no repeats' });
    return okResult;
  },
  execute(ctx, p) {
    appendRead(ctx, {
      what: 'profile',
      subject: p.member,
      org: memberTarget(ctx, p.member)!.org,
      reader: actorOf(ctx, M).by,
      ref: p.fields === undefined ? '' : p.fields.join(','),
      purpose: p.purpose,
      on: today(ctx),
    });
    emitAct(ctx, M, 'member.ProfileRead', [memberEntity(p.member)], {
      subject: p.member,
      purpose: p.purpose,
      ...(p.fields === undefined ? {} : { fields: p.fields }),
      on: today(ctx),
      height: ctx.height,
    });
  },
});

export const suspend = defineAction<{ member: string; lostContactSince: string }>(M, E, {
  description: '停止党籍: a member out of contact for 6 months after searching (branch decision).',
  shape: { member: 'id', lostContactSince: 'date' },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify(ctx, p) {
    if (!inGoodStanding(ctx, p.member)) return failure(E.NOT_A_MEMBER);
    const earliest = addMonths(p.lostContactSince, defaultMemberParams.lostContactMonths);
    if (today(ctx) < earliest) return failure(E.TOO_EARLY, { earliest });
    return okResult;
  },
  execute(ctx, p) {
    const m = getMember(ctx.store, p.member)!;
    save(ctx, { ...m, suspended: { on: today(ctx), lostContactSince: p.lostContactSince } });
    emitAct(ctx, M, 'member.Suspended', [memberEntity(p.member)], { member: p.member, status: '停止党籍' });
  },
});

export const restore = defineAction<{ member: string }>(M, E, {
  description: "Restore a suspended member (恢复党籍) on the branch's decision.",
  shape: { member: 'id' },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify: (ctx, p) => (getMember(ctx.store, p.member)!.suspended ? okResult : failure(E.NOT_SUSPENDED)),
  execute(ctx, p) {
    save(ctx, { ...getMember(ctx.store, p.member)!, suspended: null });
    emitAct(ctx, M, 'member.Restored', [memberEntity(p.member)], { member: p.member });
  },
});

interface Remove {
  member: string;
  reason: Extract<ExitReason, '除名' | '自行脱党'>;
  ground?: string;
  resolution: string;
}

export const removeMember = defineAction<Remove>(M, E, {
  description: '除名 or 自行脱党: decided by the branch meeting, approved by the superior 党委 (党章第九条).',
  shape: {
    member: 'id',
    reason: { type: 'text', oneOf: ['除名', '自行脱党'] },
    ground: { type: 'text', optional: true, oneOf: ['不交纳党费', '不参加组织生活', '不做党所分配的工作'] },
    resolution: 'id',
  },
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  target: (ctx, p) => memberTarget(ctx, p.member),
  verify(ctx, p) {
    const m = getMember(ctx.store, p.member)!;
    if (!inGoodStanding(ctx, p.member) && m.suspended === null) return failure(E.NOT_A_MEMBER);
    if (p.reason === '自行脱党' && p.ground === undefined) {
      if (m.suspended === null) return failure(E.GROUND_REQUIRED);
      const earliest = addMonths(m.suspended.on, defaultMemberParams.suspendedToLapseMonths);
      if (today(ctx) < earliest) return failure(E.TOO_EARLY, { earliest });
    }
    return okResult;
  },
  execute(ctx, p) {
    const m = getMember(ctx.store, p.member)!;
    save(ctx, { ...m, exit: { reason: p.reason, on: today(ctx) } });
    emitAct(ctx, M, 'member.Left', [memberEntity(p.member)], {
      member: p.member,
      status: '出党',
      reason: p.reason,
      resolution: p.resolution,
    });
  },
});
