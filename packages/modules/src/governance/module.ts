/**
 * The governance module: node admission governed on chain (issue 9; seed S2: the nodes are the
 * community Party committee, its general branches and branches, and admitting a node is itself a
 * governed act). The top organization's 书记 proposes adding, removing or re-weighting a validator,
 * or adding or removing an observer node; the approval body named in genesis approves (params.ts);
 * the last approval applies the change to `sys/validators` / `sys/nodes` in its own block, so a
 * validator change is in force two heights later (h+2) and an observer is admitted once the block is
 * committed. Adding a jailed validator back is its re-admission (recorded for the evidence module).
 */
import { fromHex, toHex, type Value } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import type { ActionContext, HookContext, ModuleDef, ReadContext, Result } from '@djchain/runtime';
import { defineAction, type RuleAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, getRecord, MODULE, storeOf } from '../common/stores.ts';
import { chainSuite } from '../common/suite.ts';
import { jailedNow } from '../evidence/jail.ts';
import type { OrgRecord } from '../org/store.ts';
import { actorOf } from '../permissions/authorize.ts';
import { applyChange, checkChange } from './change.ts';
import { GovernanceErrors as E } from './errors.ts';
import { KEY_HEX, parseGenesis } from './params.ts';
import {
  type Change,
  getProposal,
  governanceParams,
  govKeys,
  isExpired,
  type ProposalRecord,
  statusAt,
} from './store.ts';

const self = MODULE.governance;

/** The top organization (the community 党委, parent null): its 书记 proposes. */
function topOrg(ctx: ReadContext): string | null {
  const orgs = storeOf(ctx, self, MODULE.org);
  for (const key of orgs.keys('o/', 10_000)) {
    const o = getRecord<OrgRecord>(orgs, key);
    if (o && o.parent === null) return o.id;
  }
  return null;
}

/** The change proposed, and why. */
interface ProposeParams extends Change {
  readonly reason?: string;
}

function changeOf(p: ProposeParams): Change {
  return {
    op: p.op,
    role: p.role,
    publicKey: p.publicKey,
    ...(p.org === undefined ? {} : { org: p.org }),
    ...(p.name === undefined ? {} : { name: p.name }),
    ...(p.power === undefined ? {} : { power: p.power }),
  };
}

const bad = (field: string, expected: string): Result => failure(E.BAD_PARAMS, { field, expected });

export const propose: RuleAction<ProposeParams> = defineAction<ProposeParams>(self, E, {
  description:
    'Proposes adding, removing or re-weighting a validator, or adding or removing an observer node (by the community 党委 书记).',
  shape: {
    op: { type: 'id', oneOf: ['add', 'remove', 'power'] },
    role: { type: 'id', oneOf: ['validator', 'observer'] },
    publicKey: { type: 'text', max: 130 },
    org: { type: 'id', optional: true },
    name: { type: 'text', optional: true, kind: 'name' },
    power: { type: 'int', optional: true, min: 1, max: 1_000_000 },
    reason: { type: 'text', optional: true, kind: 'reason' },
  },
  permission: [{ posts: ['书记'], of: 'org' }],
  check(p) {
    if (!KEY_HEX.test(p.publicKey)) return bad('publicKey', 'a 32 to 65 byte key in lowercase hex');
    if (p.op === 'add' && p.org === undefined) return bad('org', 'the organization running the node');
    if (p.op !== 'add' && (p.org !== undefined || p.name !== undefined)) return bad('org', 'no value');
    const needsPower = p.role === 'validator' && p.op !== 'remove';
    if (needsPower && p.power === undefined) return bad('power', 'the voting power');
    if (!needsPower && p.power !== undefined) return bad('power', 'no value');
    if (p.op === 'power' && p.role !== 'validator') return bad('role', 'validator');
    return okResult;
  },
  target: (ctx) => {
    const org = topOrg(ctx);
    return org === null ? null : { org };
  },
  verify(ctx, p) {
    const pending = ctx.store.get(govKeys.pendingFor(p.publicKey));
    if (typeof pending === 'number') {
      const other = getProposal(ctx.store, pending);
      if (other && other.status === 'pending' && !isExpired(other, ctx.height))
        return failure(E.PENDING_FOR_KEY, { proposal: pending });
    }
    return checkChange(ctx, ctx.system!, changeOf(p));
  },
  execute(ctx, p) {
    const id = ((ctx.store.get(govKeys.seq) as number | undefined) ?? 0) + 1;
    ctx.store.set(govKeys.seq, id);
    const params = governanceParams(ctx.store);
    const record: ProposalRecord = {
      ...changeOf(p),
      id,
      reason: p.reason ?? null,
      proposer: actorOf(ctx, self).by,
      proposedAt: ctx.height,
      expires: ctx.height + params.proposalTtl,
      approvals: [],
      status: 'pending',
      appliedAt: null,
      effective: null,
      readmitted: false,
    };
    ctx.store.set(govKeys.proposal(id), asValue(record));
    ctx.store.set(govKeys.pendingFor(p.publicKey), id);
    ctx.emit({
      type: 'governance.Proposed',
      entities: [`validator:${p.publicKey}`],
      data: {
        proposal: id,
        op: p.op,
        role: p.role,
        publicKey: p.publicKey,
        expires: record.expires,
        by: record.proposer,
      },
    });
  },
});

interface ApproveParams {
  readonly proposal: number;
  /** validatorOrgs: the organization whose 书记 approves. */
  readonly org?: string;
}

/** Organizations running a validator now (each counts once, whatever its power). */
function validatorOrgs(ctx: ActionContext): string[] {
  const ids = ctx.system!.validators().validators.flatMap((v) => (v.orgId ? [v.orgId] : []));
  return [...new Set(ids)].sort();
}

/** The approval this signer gives, or a refusal. */
function approvalOf(ctx: ActionContext, p: ApproveParams): Result<{ by: string; signer: string }> {
  const params = governanceParams(ctx.store);
  if (params.approval.by === 'superior') {
    const key = toHex(ctx.signer);
    return key === params.approval.publicKey
      ? { ok: true, value: { by: 'superior', signer: key } }
      : failure(E.WRONG_APPROVER, { required: params.approval.name });
  }
  if (p.org === undefined || !validatorOrgs(ctx).includes(p.org))
    return failure(E.WRONG_APPROVER, { org: p.org ?? null });
  return { ok: true, value: { by: p.org, signer: actorOf(ctx, self).by ?? '' } };
}

/** Reached when the superior body approved, or at least ⅔ of the validator organizations did. */
function reached(ctx: ActionContext, approvals: readonly { by: string }[]): boolean {
  if (governanceParams(ctx.store).approval.by === 'superior')
    return approvals.some((a) => a.by === 'superior');
  const orgs = validatorOrgs(ctx);
  const count = approvals.filter((a) => orgs.includes(a.by)).length;
  return orgs.length > 0 && 3 * count >= 2 * orgs.length;
}

const approveBase = defineAction<ApproveParams>(self, E, {
  description:
    'Approves a pending node proposal: by the 书记 of an organization running a validator (⅔ of them apply it), or by the superior body’s key when genesis names one.',
  shape: { proposal: { type: 'int', min: 1 }, org: { type: 'id', optional: true } },
  permission: [{ posts: ['书记'], of: 'org' }],
  target: (ctx, p) => (p.org === undefined ? { org: topOrg(ctx) ?? '' } : { org: p.org }),
  verify(ctx, p) {
    const prop = getProposal(ctx.store, p.proposal);
    if (!prop) return failure(E.UNKNOWN_PROPOSAL, { proposal: p.proposal });
    if (prop.status !== 'pending') return failure(E.NOT_PENDING, { appliedAt: prop.appliedAt });
    if (isExpired(prop, ctx.height)) return failure(E.EXPIRED, { expires: prop.expires });
    const who = approvalOf(ctx, p);
    if (!who.ok) return who;
    if (prop.approvals.some((a) => a.by === who.value.by))
      return failure(E.ALREADY_APPROVED, { by: who.value.by });
    if (reached(ctx, [...prop.approvals, who.value])) return checkChange(ctx, ctx.system!, prop);
    return okResult;
  },
  execute(ctx, p) {
    const prop = getProposal(ctx.store, p.proposal)!;
    const who = approvalOf(ctx, p) as { ok: true; value: { by: string; signer: string } };
    const approvals = [...prop.approvals, { ...who.value, at: ctx.height }];
    ctx.emit({
      type: 'governance.Approved',
      entities: [`validator:${prop.publicKey}`],
      data: { proposal: prop.id, by: who.value.by, signer: who.value.signer },
    });
    if (!reached(ctx, approvals)) {
      ctx.store.set(govKeys.proposal(prop.id), asValue({ ...prop, approvals }));
      return;
    }
    const readmitted = applyChange(ctx, ctx.system!, prop, prop.id);
    const effective = ctx.height + (prop.role === 'validator' ? 2 : 1);
    const applied: ProposalRecord = {
      ...prop,
      approvals,
      status: 'applied',
      appliedAt: ctx.height,
      effective,
      readmitted,
    };
    ctx.store.set(govKeys.proposal(prop.id), asValue(applied));
    ctx.store.delete(govKeys.pendingFor(prop.publicKey));
  },
});

/** In superior mode the approver is a key, not a post holder: authorization is by that key. */
export const approve: RuleAction<ApproveParams> = {
  ...approveBase,
  authorize(ctx, p) {
    if (governanceParams(ctx.store).approval.by === 'superior') return approvalOf(ctx, p) as Result;
    if (p.org === undefined) return failure(E.WRONG_APPROVER, { org: null });
    return approveBase.authorize(ctx, p);
  },
};

function proposalView(p: ProposalRecord, height: number): Value {
  return asValue({ ...p, status: statusAt(p, height) });
}

function listProposals(ctx: ReadContext, status: string | undefined, limit: number): Value[] {
  const out: Value[] = [];
  // Newest first: the keys are zero-padded ids.
  const keys = ctx.store.keys(govKeys.proposalPrefix, 100_000).reverse();
  for (const key of keys) {
    const p = getRecord<ProposalRecord>(ctx.store, key);
    if (!p || (status !== undefined && statusAt(p, ctx.height) !== status)) continue;
    out.push(proposalView(p, ctx.height));
    if (out.length >= limit) break;
  }
  return out;
}

const badQuery = E.BAD_PARAMS;

export const governanceModule: ModuleDef = {
  name: self,
  governsValidators: true,
  // Admission: the superior body genesis names signs approvals with its own key, which no member
  // record holds (the 书记 of the validatorOrgs mode are members, known to the member module).
  knowsSigner(ctx, address) {
    const params = governanceParams(ctx.store);
    if (params.approval.by !== 'superior') return false;
    return addressOf(chainSuite(ctx), fromHex(params.approval.publicKey)) === address;
  },
  actions: { propose, approve },
  queries: {
    params: defineQuery<Record<string, never>>(badQuery, {
      description: 'Who approves node admission (genesis) and how long a proposal stays open.',
      shape: {},
      run: (ctx) => asValue(governanceParams(ctx.store)),
    }),
    proposals: defineQuery<{ status?: string; limit?: number }>(badQuery, {
      description: 'Node proposals, newest first, of one status if given; at most `limit` (default 100).',
      shape: {
        status: { type: 'text', optional: true, oneOf: ['pending', 'applied', 'expired'] },
        limit: { type: 'int', optional: true, min: 1, max: 1000 },
      },
      run: (ctx, p) => listProposals(ctx, p.status, p.limit ?? 100),
    }),
    proposal: defineQuery<{ id: number }>(badQuery, {
      description: 'One proposal by number.',
      shape: { id: { type: 'int', min: 1 } },
      run(ctx, p) {
        const r = getProposal(ctx.store, p.id);
        return r ? proposalView(r, ctx.height) : null;
      },
    }),
    validators: defineQuery<Record<string, never>>(badQuery, {
      shape: {},
      description:
        'The validator set and observers as of this height (in force from height + 2), jailed validators with their evidence, pending proposals and changes not yet in force.',
      run(ctx) {
        const sys = ctx.readStore('sys');
        const set = sys.get('validators') as {
          validators: Array<{ publicKey: Uint8Array; [k: string]: Value }>;
        };
        const nodes =
          (sys.get('nodes') as Array<{ publicKey: Uint8Array; [k: string]: Value }> | undefined) ?? [];
        const hexed = (list: Array<{ publicKey: Uint8Array; [k: string]: Value }>) =>
          list.map((v) => ({ ...v, publicKey: toHex(v.publicKey) }));
        const scheduled = listProposals(ctx, 'applied', 1000).filter(
          (p) => ((p as { effective: number }).effective ?? 0) > ctx.height,
        );
        return asValue({
          height: ctx.height,
          effectiveFrom: ctx.height + 2,
          validators: hexed(set.validators),
          observers: hexed(nodes),
          jailed: jailedNow(ctx, self),
          pending: listProposals(ctx, 'pending', 1000),
          scheduled,
        });
      },
    }),
  },
  genesis(ctx: HookContext, config: Value) {
    // Written only when genesis has the section, so a chain without one keeps its state root.
    if (config === null || config === undefined) return;
    ctx.store.set(govKeys.params, asValue(parseGenesis(config)));
  },
};
