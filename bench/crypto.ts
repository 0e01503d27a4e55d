/** Signature verifications per second on one core, for both suites (node implementations). */
import { getSuite } from '@djchain/crypto';
import { measureVerifyRate } from '@djchain/crypto/bench';

export function benchCrypto(log: (line: string) => void): Record<string, number> {
  const intl = Math.round(measureVerifyRate(getSuite('intl'), { ms: 2000, keys: 16 }));
  log(`intl verify/s on one core: ${intl}`);
  const gm = Math.round(measureVerifyRate(getSuite('gm'), { ms: 2000, keys: 16 }));
  log(`gm verify/s on one core: ${gm}`);
  return { verify_per_s_one_core: intl, gm_verify_per_s_one_core: gm };
}
