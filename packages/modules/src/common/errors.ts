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
