/** The hook the pages that send one act at a time share (organizational life, dues). */
import type { Value } from '@djchain/crypto/browser';
import { useChainSend } from './act-send.tsx';
import { useApp } from './context.tsx';

/**
 * One signed act with the session's key (opened again when needed): the chain's refusal (with its
 * code and article) or the height of the block it landed in.
 */
export function useSignedAct() {
  const { unlockKey } = useApp();
  const { busy, refusal, setRefusal, send } = useChainSend();
  return {
    busy,
    refusal,
    setRefusal,
    send: async (
      module: string,
      action: string,
      params: Value,
      onBehalfOf?: string,
    ): Promise<number | null> => (await send(module, action, params, unlockKey, onBehalfOf))?.height ?? null,
  };
}
