/**
 * Browser entry (`@djchain/crypto/browser`): everything except the node:crypto suites, so a
 * bundler never pulls in node: modules. `getSuite` here only has the JavaScript implementations.
 */
import { CryptoError } from './errors.ts';
import { gmBrowser } from './suites/gm.browser.ts';
import { intlBrowser } from './suites/intl.browser.ts';
import type { Suite, SuiteId } from './types.ts';

export * from './shared.ts';

/** The browser (JavaScript) implementation of suite `id`; `impl: 'node'` is not available here. */
export function getSuite(id: SuiteId, impl: 'node' | 'browser' = 'browser'): Suite {
  if (impl !== 'browser')
    throw new CryptoError('CRYPTO_UNSUPPORTED', 'node suites are not in the browser build');
  if (id === 'intl') return intlBrowser;
  if (id === 'gm') return gmBrowser;
  throw new CryptoError('CRYPTO_UNKNOWN_SUITE', `unknown suite ${String(id)}`);
}
