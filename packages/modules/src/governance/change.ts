/**
 * Checking a change against the validator set and observer registry as they stand, and applying it.
 * The check runs when the change is proposed and again when the last approval arrives, because the
 * set may have moved in between (a jailing, another change).
 */
import { fromHex, toHex } from '@djchain/crypto';
import type { ActionContext, Result, SystemStore } from '@djchain/runtime';
import { failure, okResult } from '../common/errors.ts';
import { orgEntity } from '../common/events.ts';
import { MODULE, storeOf } from '../common/stores.ts';
import { isJailed, readmitKey } from '../evidence/jail.ts';
import { getOrg } from '../org/store.ts';
import { GovernanceErrors as E } from './errors.ts';
import type { Change } from './store.ts';

export function checkChange(ctx: ActionContext, system: SystemStore, c: Change): Result {
  const set = system.validators().validators;
  const nodes = system.nodes();
  const inSet = set.some((v) => toHex(v.publicKey) === c.publicKey);
  const isObserver = nodes.some((n) => toHex(n.publicKey) === c.publicKey);
  if (c.op === 'add') {
    // An observer may be promoted to validator (it leaves the observer list); nothing else doubles.
    if (inSet || (isObserver && c.role === 'observer'))
      return failure(E.DUPLICATE_KEY, { publicKey: c.publicKey });
    if (c.org === undefined || !getOrg(storeOf(ctx, MODULE.governance, MODULE.org), c.org))
      return failure(E.UNKNOWN_ORG, { org: c.org ?? null });
    return okResult;
  }
  if (c.role === 'observer') return isObserver ? okResult : failure(E.NOT_IN_SET, { publicKey: c.publicKey });
  if (!inSet) return failure(E.NOT_IN_SET, { publicKey: c.publicKey });
  if (c.op === 'remove' && set.length === 1) return failure(E.EMPTY_SET);
  if (c.op === 'power' && set.some((v) => toHex(v.publicKey) === c.publicKey && v.power === c.power))
    return failure(E.NO_CHANGE, { power: c.power ?? null });
  return okResult;
}

/** Applies a checked change; returns whether it re-admitted a jailed validator. */
export function applyChange(ctx: ActionContext, system: SystemStore, c: Change, proposal: number): boolean {
  const org = c.org === undefined ? undefined : getOrg(storeOf(ctx, MODULE.governance, MODULE.org), c.org);
  const name = c.name ?? org?.name ?? c.publicKey.slice(0, 16);
  const entities = [`validator:${c.publicKey}`];
  const set = system.validators().validators;
  let readmitted = false;
  let type: string;
  if (c.role === 'observer') {
    const nodes = system.nodes();
    if (c.op === 'add') {
      system.setNodes([
        ...nodes,
        { publicKey: fromHex(c.publicKey), name, ...(c.org ? { orgId: c.org } : {}) },
      ]);
      type = 'governance.ObserverAdded';
    } else {
      system.setNodes(nodes.filter((n) => toHex(n.publicKey) !== c.publicKey));
      type = 'governance.ObserverRemoved';
    }
  } else if (c.op === 'add') {
    readmitted = isJailed(ctx, MODULE.governance, c.publicKey);
    const nodes = system.nodes();
    const rest = nodes.filter((n) => toHex(n.publicKey) !== c.publicKey);
    if (rest.length !== nodes.length) system.setNodes(rest);
    system.setValidators({
      validators: [
        ...set,
        { publicKey: fromHex(c.publicKey), power: c.power!, name, ...(c.org ? { orgId: c.org } : {}) },
      ],
    });
    if (readmitted) ctx.store.set(readmitKey(c.publicKey), { at: ctx.height, proposal });
    type = 'governance.ValidatorAdded';
  } else if (c.op === 'remove') {
    system.setValidators({ validators: set.filter((v) => toHex(v.publicKey) !== c.publicKey) });
    type = 'governance.ValidatorRemoved';
  } else {
    system.setValidators({
      validators: set.map((v) => (toHex(v.publicKey) === c.publicKey ? { ...v, power: c.power! } : v)),
    });
    type = 'governance.ValidatorPowerChanged';
  }
  const orgId = c.org ?? set.find((v) => toHex(v.publicKey) === c.publicKey)?.orgId;
  if (orgId) entities.push(orgEntity(orgId));
  ctx.emit({
    type,
    entities: entities.sort(),
    data: {
      proposal,
      publicKey: c.publicKey,
      role: c.role,
      power: c.power ?? null,
      effective: ctx.height + (c.role === 'validator' ? 2 : 1),
      readmitted,
    },
  });
  return readmitted;
}
