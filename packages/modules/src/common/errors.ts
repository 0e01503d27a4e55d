/**
 * Coded errors: every failure a module reports comes from a registry entry with a stable code,
 * an English message, a zh-CN message for the UI and, where a rule applies, the cited article.
 */
import type { Value } from '@djchain/crypto';
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
