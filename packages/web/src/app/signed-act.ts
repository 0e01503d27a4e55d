/** The hook the pages that send one act at a time share (organizational life, dues). */
import type { Value } from '@djchain/crypto/browser';
import { useState } from 'react';
import { useApp } from './context.tsx';
import { type CodedView, codedOf, refusalOf } from './ui.tsx';

/**
 * One signed act of `module`: sign (the key opened again when needed), submit once; the chain's
 * refusal (with its code and article) or the block it landed in.
 */
export function useSignedAct() {
  const { t, chain, unlockKey } = useApp();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedView | null>(null);
  const send = async (
    module: string,
    action: string,
    params: Value,
    onBehalfOf?: string,
  ): Promise<number | null> => {
    setBusy(true);
    setRefusal(null);
    try {
      const key = await unlockKey();
      const r = await chain.send(module, action, params, key, onBehalfOf);
      if (r.receipt.status === 'failed') {
        const e = r.receipt.error;
        setRefusal(e ? refusalOf(e) : { code: 'TX_FAILED', message: t('refused') });
        return null;
      }
      return r.height;
    } catch (e) {
      setRefusal(codedOf(e));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, refusal, setRefusal, send };
}
