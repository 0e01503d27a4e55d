/** Sending one signed act from a page: the one hook every form that signs and submits shares. */
import type { VerifiedReceipt } from '@djchain/client';
import type { KeyPair, Value } from '@djchain/crypto/browser';
import { useRef, useState } from 'react';
import { useApp } from './context.tsx';
import { type CodedView, codedOf, receiptRefusal } from './ui.tsx';

/** The key to sign with, or what opens it (the session's `unlockKey`, a resident's key reader). */
export type SigningKey = KeyPair | (() => Promise<KeyPair>);

/**
 * One act at a time: `send(module, action, params, key, onBehalfOf?)` opens the key when given a
 * function, signs, submits and waits; `busy` meanwhile. The answer is the verified receipt (also kept
 * in `receipt`) or null with the refusal in `refusal`: a failed receipt's coded, cited error, or the
 * client's coded error (a rejection at admission, a closed passphrase dialog). `params` may be a
 * function of the opened key, for parameters that need it (a sealed-data service's commitment).
 * A second send while one runs is ignored (a ref: state updates are not synchronous, double clicks
 * are); `answered` counts the sends answered, for a test to wait for the answer to its own.
 */
export function useChainSend() {
  const { t, chain } = useApp();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedView | null>(null);
  const [receipt, setReceipt] = useState<VerifiedReceipt | null>(null);
  const [answered, setAnswered] = useState(0);
  const inFlight = useRef(false);
  const send = async (
    module: string,
    action: string,
    params: Value | ((key: KeyPair) => Promise<Value>),
    key: SigningKey,
    onBehalfOf?: string,
  ): Promise<VerifiedReceipt | null> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setBusy(true);
    setRefusal(null);
    setReceipt(null);
    try {
      const k = typeof key === 'function' ? await key() : key;
      const p = typeof params === 'function' ? await params(k) : params;
      const r = await chain.send(module, action, p, k, onBehalfOf);
      const refused = receiptRefusal(r, t('refused'));
      if (refused) {
        setRefusal(refused);
        return null;
      }
      setReceipt(r);
      return r;
    } catch (e) {
      setRefusal(codedOf(e));
      return null;
    } finally {
      inFlight.current = false;
      setBusy(false);
      setAnswered((n) => n + 1);
    }
  };
  /** Back to the empty form's state: no receipt, no refusal ("再办一件"). */
  const reset = () => {
    setReceipt(null);
    setRefusal(null);
  };
  return { busy, refusal, setRefusal, receipt, answered, send, reset };
}

/**
 * One act of `module` signed with `key` (or the key a function opens), answered true when recorded.
 * Used by the resident and service pages.
 */
export function useActSend(module: string) {
  const { busy, refusal, receipt, send } = useChainSend();
  return {
    busy,
    refusal,
    receipt,
    send: async (key: SigningKey, action: string, params: Value) =>
      (await send(module, action, params, key)) !== null,
  };
}
