/** Everything the package exports that runs in both Node and browsers (no node: imports). */
export { bytesToBigInt, concatBytes, equalBytes, fromHex, toHex } from './bytes.ts';
export {
  arrayItemEncodings,
  decode,
  EncodingError,
  type EncodingErrorCode,
  encode,
  MAX_DEPTH,
} from './encoding/index.ts';
export { CryptoError, DjError } from './errors.ts';
export { hashValue, taggedHash } from './hashing.ts';
export { MAX_CHAIN_STEPS, ONE_BLOCK_HEAD } from './one-block.ts';
export { randomKeyPair, randomSeed } from './random.ts';
export { sfc32 } from './seeded.ts';
export { intlBrowser } from './suites/intl.browser.ts';
export type { KeyPair, Suite, SuiteId, Value } from './types.ts';
