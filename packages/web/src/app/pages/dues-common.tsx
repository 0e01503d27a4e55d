/** What the dues pages share: money as integer fen, and one signed dues act. */
import type { Value } from '@djchain/crypto/browser';
import { useState } from 'react';
import { useApp } from '../context.tsx';
import { type CodedView, codedOf } from '../ui.tsx';

/** Integer fen as 元 with two decimals (no floating point: money is integer fen everywhere). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const f = Math.abs(fen);
  return `${sign}¥${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`;
}

/** 元 typed by a person ("12.3", "12.30") as integer fen, or null. */
export function fenOf(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export /** One signed dues act: confirm, sign, submit once; the refusal or the block it landed in. */
function useDuesAct() {
  const { t, chain, unlockKey } = useApp();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedView | null>(null);
  const send = async (action: string, params: Value): Promise<number | null> => {
    setBusy(true);
    setRefusal(null);
    try {
      const key = await unlockKey();
      const r = await chain.send('dues', action, params, key);
      if (r.receipt.status === 'failed') {
        const e = r.receipt.error;
        setRefusal(
          e
            ? { code: e.code, message: e.message, ...(e.cite ? { cite: e.cite } : {}), details: e.details }
            : { code: 'TX_FAILED', message: t('refused') },
        );
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
  return { busy, refusal, send };
}
