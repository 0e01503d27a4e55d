export type { KeyPair, Suite, SuiteId, Value } from './types.ts';
