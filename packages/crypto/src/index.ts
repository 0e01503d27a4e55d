export type { KeyPair, Suite, SuiteId } from './types.ts';
