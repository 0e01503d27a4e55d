/**
 * Personal fields for exports, read through the sealed-data service: one read record per member
 * (member.recordProfileRead naming the member, the fields and the purpose, signed by --key and
 * submitted in batches), then one request per committed record. The export never opens a profile
 * itself; what it does not get released stays empty in the sheet.
 */
import { addressOf, type DjchainClient, HttpError, readSealed, type SignedTx } from '@djchain/client';
import type { KeyPair } from '@djchain/crypto';
import { CliError, type Lang, t } from '../i18n.ts';
import type { CommandIo } from './io.ts';

/** Read records per submission: one batch is committed and read before the next is sent. */
const BATCH = 100;
const EXPIRY = 100;

export type Released = Map<string, Readonly<Record<string, string | number | null>>>;

export async function readThroughService(
  client: DjchainClient,
  sealedUrl: string,
  key: KeyPair,
  members: readonly string[],
  fields: readonly string[],
  purpose: string,
  io: CommandIo,
  lang: Lang,
): Promise<Released> {
  const out: Released = new Map();
  const sorted = [...new Set(fields)].sort();
  const suite = client.suite;
  const status = await client.status();
  let nonce = await client.nextNonce(addressOf(suite, key.publicKey));
  for (let start = 0; start < members.length; start += BATCH) {
    const part = members.slice(start, start + BATCH);
    const signed: SignedTx[] = client.signBatch(
      key,
      part.map((member) => ({
        module: 'member',
        action: 'recordProfileRead',
        params: { member, purpose, fields: sorted },
      })),
      nonce,
      status.height + EXPIRY + start,
    );
    nonce += signed.length;
    const results = await client.submit(signed);
    const bad = results.find((r) => !r.accepted);
    if (bad && !bad.accepted)
      throw new CliError('CLI_CLIENT_ERROR', { code: bad.error.code, reason: bad.error.message });
    for (const [i, tx] of signed.entries()) {
      const member = part[i]!;
      const committed = await client.waitForReceipt(tx.hash, 60_000);
      if (committed.receipt.status !== 'ok') {
        const e = committed.receipt.error;
        io.err(t(lang, 'sealedRefused', { member, code: e?.code ?? 'FAILED', reason: e?.message ?? '' }));
        continue;
      }
      try {
        out.set(member, (await readSealed(sealedUrl, suite, client.chainId, tx, key.secretKey)).fields);
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        io.err(t(lang, 'sealedRefused', { member, code: e.apiCode, reason: e.message }));
      }
    }
  }
  return out;
}
