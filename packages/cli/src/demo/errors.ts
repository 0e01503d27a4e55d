import { DjError } from '@djchain/crypto';

/** Every code a DemoError carries; the CLI's message catalog holds a zh-CN and an en text for each. */
export const DEMO_ERROR_CODES = [
  'DEMO_BAD_FLAG',
  'DEMO_BAD_CONFIG',
  'DEMO_FAILED',
  'DEMO_NODE_FAILED',
  'DEMO_NO_BLOCKS',
  'DEMO_PICK_EMPTY',
  'DEMO_PLAN_INVALID',
  'DEMO_SEED_FAILED',
  'DEMO_SEED_REJECTED',
] as const;

export type DemoErrorCode = (typeof DEMO_ERROR_CODES)[number];

/** Errors of the demo: a stable UPPER_SNAKE code, a message, optional details. */
export class DemoError extends DjError<DemoErrorCode> {
  constructor(code: DemoErrorCode, message: string, details?: { readonly [key: string]: unknown }) {
    super(code, message, details);
    this.name = 'DemoError';
  }
}
