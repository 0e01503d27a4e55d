/**
 * One sender for service acts, signed by a resident's key or a member's, and a resident's own read
 * session (service.ts holds the rest).
 */
import type { DjchainClient, VerifiedReceipt } from '@djchain/client';
import type { KeyPair, Value } from '@djchain/crypto/browser';
import { useState } from 'react';
import { type Chain, makeClient } from './chain.ts';
import { useApp } from './context.tsx';
import type { ResidentSession } from './resident.ts';
import { type CodedView, codedOf } from './ui.tsx';

/** Sends one service act with `key`; the receipt, or the refusal as a coded view. */
export function useServiceSend() {
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
      const r = await chain.send('service', action, params, k);
      if (r.receipt.status === 'failed' && r.receipt.error) {
        const e = r.receipt.error;
        setRefusal({
          code: e.code,
          message: e.message,
          ...(e.cite ? { cite: e.cite } : {}),
          details: e.details,
        });
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

const readers = new Map<string, Promise<DjchainClient>>();

/**
 * A client reading as the signed-in resident (their requests and tasks are theirs to read): a read
 * session opened with their key, apart from the page's member session, kept for the tab.
 */
export function residentReader(chain: Chain, s: ResidentSession): Promise<DjchainClient> {
  let r = readers.get(s.address);
  if (r === undefined) {
    r = (async () => {
      const c = makeClient(chain.config);
      await c.signIn(s.key);
      return c;
    })();
    readers.set(s.address, r);
    r.catch(() => readers.delete(s.address));
  }
  return r;
}
