/**
 * Browser entry (`@djchain/crypto/browser`): everything except the node:crypto suites, so a
 * bundler never pulls in node: modules. Only the JavaScript implementations are here, and the gm
 * suite (SM2/SM3/SM4 in JavaScript and sm-crypto-v2, the larger part of this package in a bundle)
 * is not imported statically: `loadSuite('gm')` fetches it, so a bundler gives it its own chunk
 * and an intl chain's page never downloads it (issue 20).
 */
import { CryptoError } from './errors.ts';
import { intlBrowser } from './suites/intl.browser.ts';
import type { Suite, SuiteId } from './types.ts';

export * from './shared.ts';

let gm: Suite | null = null;

/** The browser (JavaScript) implementation of suite `id`, its code loaded on the first call. */
export async function loadSuite(id: SuiteId): Promise<Suite> {
  if (id === 'intl') return intlBrowser;
  if (id === 'gm') {
    gm ??= (await import('./suites/gm.browser.ts')).gmBrowser;
    return gm;
  }
  throw new CryptoError('CRYPTO_UNKNOWN_SUITE', `unknown suite ${String(id)}`);
}

/**
 * The browser implementation of suite `id`, at once: intl always, gm once `loadSuite('gm')` has
 * resolved (CRYPTO_SUITE_NOT_LOADED before). `impl: 'node'` is not available here.
 */
export function getSuite(id: SuiteId, impl: 'node' | 'browser' = 'browser'): Suite {
  if (impl !== 'browser')
    throw new CryptoError('CRYPTO_UNSUPPORTED', 'node suites are not in the browser build');
  if (id === 'intl') return intlBrowser;
  if (id === 'gm') {
    if (gm === null)
      throw new CryptoError(
        'CRYPTO_SUITE_NOT_LOADED',
        'the gm suite is loaded on demand: await loadSuite("gm") first',
      );
    return gm;
  }
  throw new CryptoError('CRYPTO_UNKNOWN_SUITE', `unknown suite ${String(id)}`);
}
