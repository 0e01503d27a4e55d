/**
 * Sends a validated list of dues actions as one signer's consecutive transactions and returns each
 * receipt in order. Only called after every row passed its checks, so a refusal here is the chain
 * disagreeing with the CLI (a post changed meanwhile): it is reported with its row, never hidden.
 */
import { addressOf, type DjchainClient } from '@djchain/client';
import type { KeyPair, Value } from '@djchain/crypto';
import { CliError, type Lang, reason } from '../i18n.ts';

const BATCH = 250;
const EXPIRY = 100;
const WAIT_MS = 120_000;

export async function sendAll(
  lang: Lang,
  client: DjchainClient,
  key: KeyPair,
  actions: readonly { action: string; params: Value; row: number }[],
) {
  const status = await client.status();
  let nonce = await client.nextNonce(addressOf(client.suite, key.publicKey), status.height);
  const hashes: string[] = [];
  for (let i = 0; i < actions.length; i += BATCH) {
    const part = actions.slice(i, i + BATCH);
    const signed = client.signBatch(
      key,
      part.map((a) => ({ module: 'dues', action: a.action, params: a.params })),
      nonce,
      status.height + EXPIRY,
    );
    nonce += signed.length;
    const results = await client.submit(signed);
    const bad = results.findIndex((r) => !r.accepted);
    if (bad >= 0) {
      const r = results[bad]!;
      const error = r.accepted ? { code: '', message: '' } : r.error;
      throw new CliError('CLI_ROW_REFUSED', {
        row: part[bad]!.row,
        code: error.code,
        reason: reason(lang, error.code, error.message),
        cite: '',
      });
    }
    hashes.push(...signed.map((s) => s.hash));
  }
  const receipts = [];
  for (const h of hashes) receipts.push(await client.waitForReceipt(h, WAIT_MS));
  return receipts;
}
