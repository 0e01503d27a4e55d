/**
 * The declaration module's records as this app reads them (the modules' own shapes, a type-only
 * import that is erased, and the steps from the data-only @djchain/modules/lists: the layer rule
 * keeps the web app from importing module code), and the one flow every
 * sealed read of a declaration takes: the read record with the stated purpose is committed first,
 * then the sealed-data service is asked for that record.
 */
import { addressOf, readSealed, type SealedAnswer, type SignedTx, signAction } from '@djchain/client';
import type { KeyPair, Value } from '@djchain/crypto/browser';
import type { PersonalRecord, PersonalStep, ReadEntry } from '@djchain/modules';
import { PERSONAL_STEPS } from '@djchain/modules/lists';
import type { Chain } from './chain.ts';
import { admissionRefusal, receiptRefusal } from './refusal.ts';

export type { PersonalRecord, PersonalStep, ReadEntry };
export { PERSONAL_STEPS };

/** A refusal as the page shows it (ui.tsx CodedView). */
export interface Refusal {
  readonly code: string;
  readonly message: string;
  readonly cite?: string;
}

/** The outcome of a read: refused (with the chain's or the service's code), or released. */
export type ReadOutcome =
  | { readonly refused: Refusal; readonly height?: number }
  | { readonly height: number; readonly answer: SealedAnswer };

/**
 * Commits declaration.recordRead { id, purpose } signed by `key` — the purpose as the reader typed
 * it, left out when blank, so the chain itself refuses a read without one — waits for it, and only
 * then asks the service for the content bound to that record.
 */
export async function readDeclaration(
  chain: Chain,
  key: KeyPair,
  id: string,
  purpose: string,
  onCommitted: (height: number) => void,
): Promise<ReadOutcome> {
  const c = chain.client;
  const status = await c.status();
  const nonce = await c.nextNonce(addressOf(c.suite, key.publicKey), status.height);
  const stated = purpose.trim();
  const record: SignedTx = signAction(
    c.suite,
    c.chainId,
    key,
    { module: 'declaration', action: 'recordRead', params: stated === '' ? { id } : { id, purpose: stated } },
    nonce,
    status.height + 100,
  );
  const [submitted] = await c.submit([record]);
  const notAdmitted = admissionRefusal(submitted);
  if (notAdmitted) return { refused: notAdmitted };
  const r = await c.waitForReceipt(record.hash, 60_000);
  const refused = receiptRefusal(r, '');
  if (refused) return { refused, height: r.height };
  onCommitted(r.height);
  return {
    height: r.height,
    answer: await readSealed(window.location.origin, c.suite, c.chainId, record, key.secretKey),
  };
}

/** A query of the declaration module, as the signed-in reader (the node applies its read rules). */
export async function declarationQuery<T>(chain: Chain, name: string, params: Value): Promise<T> {
  return (await chain.client.query('declaration', name, params)).result as T;
}
