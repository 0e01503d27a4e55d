/**
 * Building a QueryDef from a parameter shape, as defineAction does for actions: the shape is
 * checked before `run` (unknown keys refused, every failure the module's BAD_PARAMS error naming
 * the field), so a query never reads a parameter of the wrong type. No parameters (null) are an
 * empty record. Query parameters never reach the chain: no personal-data check here.
 */
import type { Value } from '@djchain/crypto';
import type { QueryDef, ReadContext, Result } from '@djchain/runtime';
import type { ErrorSpec } from './errors.ts';
import { parseShape, type Shape } from './parse.ts';

/** A query that carries its parameter shape (for documentation and tests). */
export interface ShapedQuery<P> extends QueryDef<P> {
  readonly shape: Shape;
}

export interface QuerySpec<P> {
  readonly description: string;
  readonly shape: Shape;
  readonly run: (ctx: ReadContext, params: P) => Value;
}

export function defineQuery<P>(bad: ErrorSpec, spec: QuerySpec<P>): ShapedQuery<P> {
  return {
    description: spec.description,
    shape: spec.shape,
    parse: (raw: Value): Result<P> => parseShape<P>(raw ?? {}, spec.shape, bad),
    run: spec.run,
  };
}
