/**
 * Every stored commit certificate of a stopped node's chain.db, verified against its height's
 * validator set (read from the same store) with ledger `verifyCommit`.
 */
import { join } from 'node:path';
import { decode, getSuite, type SuiteId } from '@djchain/crypto';
import { validatorSetFromValue, verifyCommit } from '@djchain/ledger';
import { ChainStore } from '@djchain/node';

export function checkStoredCertificates(
  dir: string,
  suiteId: SuiteId,
): { readonly latest: number; readonly checked: number; readonly bad: readonly string[] } {
  const suite = getSuite(suiteId);
  const store = new ChainStore({ file: join(dir, 'chain.db'), suite });
  try {
    const latest = store.latestHeight();
    const bad: string[] = [];
    let checked = 0;
    for (let h = 1; h <= latest; h++) {
      const header = store.blocks.getHeader(h);
      const commit = store.blocks.getCommit(h);
      if (!header || !commit) {
        bad.push(`height ${h}: no header or certificate`);
        continue;
      }
      const setValue = store.validatorSetValue(Math.max(0, h - 2));
      if (!setValue) {
        bad.push(`height ${h}: validator set unknown`);
        continue;
      }
      const check = verifyCommit(suite, validatorSetFromValue(decode(setValue)), header, commit);
      if (!check.ok) bad.push(`height ${h}: ${check.error.message}`);
      checked++;
    }
    return { latest, checked, bad };
  } finally {
    store.close();
  }
}
