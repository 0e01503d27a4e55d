/** What the dues pages share: money as integer fen, and one signed dues act. */
import type { Value } from '@djchain/crypto/browser';
import { useSignedAct } from '../signed-act.ts';

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

/** One signed dues act: confirm, sign, submit once; the refusal or the block it landed in. */
export function useDuesAct() {
  const act = useSignedAct();
  return {
    busy: act.busy,
    refusal: act.refusal,
    send: (action: string, params: Value) => act.send('dues', action, params),
  };
}
