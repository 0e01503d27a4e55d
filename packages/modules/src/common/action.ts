/**
 * Building an ActionDef from declarative parts: a parameter shape, a permission (data), a target
 * resolver, preconditions and effects. authorize is generated, so every action's permission is the
 * data the matrix is drawn from.
 */
import type { Value } from '@djchain/crypto';
import type { ActionContext, ActionDef, ReadContext, Result } from '@djchain/runtime';
import { type ActionTarget, actorFacts, actorOf } from '../permissions/authorize.ts';
import { describePermission, type Permission, permits } from '../permissions/rules.ts';
import { type ErrorRegistry, type ErrorSpec, failure, okResult } from './errors.ts';
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

/** Errors every module has. */
export interface BaseErrors extends ErrorRegistry {
  readonly BAD_PARAMS: ErrorSpec;
  readonly NOT_PERMITTED: ErrorSpec;
  readonly NOT_FOUND: ErrorSpec;
  readonly ON_BEHALF_REFUSED: ErrorSpec;
  readonly PERSONAL_DATA: ErrorSpec;
}

export function baseErrors(prefix: string): BaseErrors {
  return {
    BAD_PARAMS: {
      code: `${prefix}_BAD_PARAMS`,
      en: 'Parameters have the wrong shape.',
      zh: '参数格式不正确。',
    },
    NOT_PERMITTED: {
      code: `${prefix}_NOT_PERMITTED`,
      en: 'The signer holds no post or relation allowed to perform this action.',
      zh: '签名人不具备执行此操作的职务或关系。',
    },
    NOT_FOUND: {
      code: `${prefix}_NOT_FOUND`,
      en: 'The organization, member or record the action refers to does not exist.',
      zh: '操作所涉及的组织、党员或记录不存在。',
    },
    ON_BEHALF_REFUSED: {
      code: `${prefix}_ON_BEHALF_REFUSED`,
      en: "Acting on a member's behalf covers data entry only (profile, materials), by a clerk of the member's organization; never keys, posts, votes or consent: sign as yourself.",
      zh: '代办仅限本组织党务工作者代为录入资料（个人资料、材料），不得代为更换密钥、任免职务、表决或表示本人意愿；请以本人身份签名。',
    },
    PERSONAL_DATA: {
      code: `${prefix}_PERSONAL_DATA`,
      en: 'A parameter holds what looks like personal data (ID card, phone, bank card number or e-mail); personal data never goes on chain.',
      zh: '参数中含有疑似个人信息（身份证号、手机或固定电话号码、银行卡号、电子邮箱），个人信息不得上链。',
    },
  };
}

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
