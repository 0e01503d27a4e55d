/**
 * Coded errors: every failure a module reports comes from a registry entry with a stable code,
 * an English message, a zh-CN message for the UI and, where a rule applies, the cited article.
 */
import { DjError, type Value } from '@djchain/crypto';
import type { CodedError, Result } from '@djchain/runtime';

export interface ErrorSpec {
  readonly code: string;
  readonly en: string;
  readonly zh: string;
  readonly cite?: string;
}

export type ErrorRegistry = { readonly [name: string]: ErrorSpec };

export type Details = { readonly [key: string]: Value };

/** The CodedError for a registry entry; `cite` may be overridden (e.g. by rule version). */
export function coded(spec: ErrorSpec, details?: Details, cite?: string): CodedError {
  const c = cite ?? spec.cite;
  return {
    code: spec.code,
    message: spec.en,
    ...(c !== undefined ? { cite: c } : {}),
    ...(details !== undefined ? { details } : {}),
  };
}

/** A failed Result for a registry entry. */
export function failure(spec: ErrorSpec, details?: Details, cite?: string): Result<never> {
  return { ok: false, error: coded(spec, details, cite) };
}

export const okResult: Result = { ok: true, value: undefined };

/** Codes of the modules' thrown errors: misuse by a caller or a bad genesis, never a refused transaction. */
export type ModuleErrorCode =
  | 'MODULES_BAD_GENESIS'
  | 'MODULES_BAD_DATE'
  | 'MODULES_BAD_INPUT'
  | 'MODULES_NO_SUITE'
  | 'MODULES_UNKNOWN_RULESET';

/**
 * Thrown for misuse (a bad date to a date helper, an unknown rule set) and for a bad genesis section;
 * a refused transaction is never thrown but returned as a registry error (`failure`).
 */
export class ModuleError extends DjError<ModuleErrorCode> {
  constructor(code: ModuleErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'ModuleError';
  }
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
