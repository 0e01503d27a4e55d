/** One act sent from a page with a key it holds (the resident's, or a member's opened on demand). */
import type { VerifiedReceipt } from '@djchain/client';
import type { KeyPair, Value } from '@djchain/crypto/browser';
import { useState } from 'react';
import { useApp } from './context.tsx';
import { type CodedView, codedOf, refusalOf } from './ui.tsx';

/**
 * Sends one act of `module` signed with `key` (or the key a function opens): busy while it runs,
 * then the verified receipt, or the refusal — the chain's coded, cited error, or the client's — as a
 * coded view. A second send while one runs is ignored. Used by the resident and service pages.
 */
export function useActSend(module: string) {
  const { chain } = useApp();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedView | null>(null);
  const [receipt, setReceipt] = useState<VerifiedReceipt | null>(null);
  const send = async (key: KeyPair | (() => Promise<KeyPair>), action: string, params: Value) => {
    if (busy) return false;
    setBusy(true);
    setRefusal(null);
    setReceipt(null);
    try {
      const k = typeof key === 'function' ? await key() : key;
      const r = await chain.send(module, action, params, k);
      if (r.receipt.status === 'failed' && r.receipt.error) {
        setRefusal(refusalOf(r.receipt.error));
        return false;
      }
      setReceipt(r);
      return true;
    } catch (e) {
      setRefusal(codedOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, refusal, receipt, send };
}
