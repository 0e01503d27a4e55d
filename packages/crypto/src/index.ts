/**
 * Node entry (`@djchain/crypto`): both implementations of both suites, canonical encoding and
 * hashing helpers. Browsers import `@djchain/crypto/browser` instead.
 */
import { CryptoError } from './errors.ts';
import { gmBrowser } from './suites/gm.browser.ts';
import { gmNode } from './suites/gm.node.ts';
import { intlBrowser } from './suites/intl.browser.ts';
import { intlNode } from './suites/intl.node.ts';
import type { Suite, SuiteId } from './types.ts';

export * from './shared.ts';
export { gmBrowser, gmNode, intlNode };

const suites: Record<SuiteId, Record<'node' | 'browser', Suite>> = {
  intl: { node: intlNode, browser: intlBrowser },
  gm: { node: gmNode, browser: gmBrowser },
};

/** Suite `id` in implementation `impl` (default: node, the native and fast one). */
export function getSuite(id: SuiteId, impl: 'node' | 'browser' = 'node'): Suite {
  const suite = suites[id]?.[impl];
  if (suite === undefined)
    throw new CryptoError('CRYPTO_UNKNOWN_SUITE', `unknown suite ${String(id)}/${String(impl)}`);
  return suite;
}

/** Every suite implementation, for conformance tests and benchmarks. */
export const allSuites: readonly Suite[] = [intlNode, intlBrowser, gmNode, gmBrowser];
