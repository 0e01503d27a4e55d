/**
 * Building an ActionDef from declarative parts: a parameter shape, a permission (data), a target
 * resolver, preconditions and effects. authorize is generated, so every action's permission is the
 * data the matrix is drawn from.
 */
import type { Value } from '@djchain/crypto';
import type { ActionContext, ActionDef, ReadContext, Result } from '@djchain/runtime';
import { type ActionTarget, actorFacts, actorOf } from '../permissions/authorize.ts';
import { describePermission, type Permission, permits } from '../permissions/rules.ts';
import { type BaseErrors, failure, okResult } from './errors.ts';
import { parseShape, type Shape } from './parse.ts';

/** An action that carries its permission as data. */
export interface RuleAction<P> extends ActionDef<P> {
  readonly permission: Permission;
  readonly shape: Shape;
  target(ctx: ReadContext, params: P): ActionTarget | null;
}

export interface ActionSpec<P> {
  readonly description: string;
  readonly shape: Shape;
  /**
   * Turns the shape-checked parameters into the action's own value, for parameters a shape cannot
   * describe fully (signed consensus messages): a refusal is the module's BAD_PARAMS.
   */
  readonly decode?: (shaped: { readonly [field: string]: Value }) => Result<P>;
  readonly permission: Permission;
  /** The article a refusal for want of permission cites (e.g. an act reserved for one body). */
  readonly permissionCite?: string;
  /** Further checks of the parameters alone (no state). */
  readonly check?: (params: P) => Result;
  /** The organization (and member) the action is about, or 'chain'; null when it does not exist. */
  readonly target: (ctx: ReadContext, params: P) => ActionTarget | null;
  readonly verify: (ctx: ActionContext, params: P) => Result;
  readonly execute: (ctx: ActionContext, params: P) => void;
}

export { type BaseErrors, baseErrors } from './errors.ts';

export function defineAction<P>(module: string, errors: BaseErrors, spec: ActionSpec<P>): RuleAction<P> {
  return {
    description: spec.description,
    permission: spec.permission,
    shape: spec.shape,
    target: spec.target,
    parse(raw: Value): Result<P> {
      const shaped = parseShape<P>(raw, spec.shape, errors.BAD_PARAMS, errors.PERSONAL_DATA);
      const r =
        shaped.ok && spec.decode ? spec.decode(shaped.value as { readonly [field: string]: Value }) : shaped;
      if (!r.ok || !spec.check) return r;
      const c = spec.check(r.value);
      return c.ok ? r : c;
    },
    authorize(ctx: ActionContext, params: P): Result {
      const target = spec.target(ctx, params);
      if (target === null) return failure(errors.NOT_FOUND);
      // A transaction marked onBehalfOf is allowed only as a clerk's data entry (rule 'clerkEntry'):
      // never through the signer's own posts, so the mark cannot dress up any other act.
      const onBehalf = ctx.onBehalfOf !== undefined;
      const entry = spec.permission.filter((r) => r.of === 'clerkEntry');
      if (onBehalf && entry.length === 0) return failure(errors.ON_BEHALF_REFUSED);
      const rules = onBehalf ? entry : spec.permission;
      const grant = permits(rules, actorFacts(ctx, module, target, rules));
      if (grant === null) {
        const { by } = actorOf(ctx, module);
        return failure(
          errors.NOT_PERMITTED,
          { required: describePermission(spec.permission), signer: by },
          spec.permissionCite,
        );
      }
      return okResult;
    },
    verify: spec.verify,
    execute: spec.execute,
  };
}
