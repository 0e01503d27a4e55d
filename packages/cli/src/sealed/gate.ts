/**
 * The gate of the sealed-data service: personal fields leave only for a read record that the
 * chain committed. For a request { tx, signature } it checks, in order:
 *   1. `tx` decodes to a member.recordProfileRead of this chain that names its fields;
 *   2. `signature` is by the record's signer over H_tag("djchain/sealed-read/v1", chain, tx hash)
 *      (@djchain/client sealedReadDigest) — the record alone, which anyone reading blocks can copy,
 *      releases nothing;
 *   3. the record was not used before (UsedRecords);
 *   4. its receipt is committed with status ok, proved against a header the light client verified
 *      from the genesis validators (a lying node cannot forge it), and its member.ProfileRead event
 *      names the same member and fields — the chain, not this service, decided the reader may read
 *      (member.recordProfileRead's permission rule);
 *   5. it is at most `validityBlocks` below the node's latest height;
 * then claims the record (durably), opens the member's profile with the member's own key and
 * answers exactly the named fields, bound to the record (tx hash, height, index, reader, purpose).
 */
import { statSync } from 'node:fs';
import type { DjchainClient, SealedAnswer } from '@djchain/client';
import { addressOf, HttpError, isClientError, sealedReadDigest } from '@djchain/client';
import { fromHex, toHex, type Value } from '@djchain/crypto';
import { decodeTx, type Transaction, txHash } from '@djchain/ledger';
import {
  type ImportedProfile,
  lastLines,
  openLine,
  openVault,
  profileKeyOf,
  type SealedLine,
  type Vault,
} from '../commands/vault.ts';
import { SealedError } from './errors.ts';
import type { UsedRecords } from './used.ts';

export interface SealedGateOptions {
  readonly vaultFile: string;
  readonly profilesFile: string;
  /** How many blocks a committed record stays usable (default 50). */
  readonly validityBlocks?: number;
}

const defaultSealedGateOptions = { validityBlocks: 50 } as const;

/** Fields that never leave: the age seed is the secret behind the member's age proofs. */
const NEVER_RELEASED = new Set(['ageSeed']);

interface ReadRecord {
  readonly tx: Transaction;
  readonly hash: string;
  readonly member: string;
  readonly fields: readonly string[];
  readonly purpose: string;
}

function parseRecord(client: DjchainClient, body: unknown): { record: ReadRecord; signature: Uint8Array } {
  const b = body as { tx?: unknown; signature?: unknown } | null;
  if (
    typeof b?.tx !== 'string' ||
    typeof b.signature !== 'string' ||
    !/^(?:[0-9a-f]{2}){1,256}$/.test(b.signature)
  )
    throw new SealedError('SEALED_BAD_REQUEST', 'tx (base64) and signature (hex) are required');
  let tx: Transaction;
  try {
    tx = decodeTx(new Uint8Array(Buffer.from(b.tx, 'base64')));
  } catch {
    throw new SealedError('SEALED_BAD_REQUEST', 'tx does not decode');
  }
  const p = tx.params as { member?: Value; purpose?: Value; fields?: Value } | null;
  if (
    tx.chainId !== client.chainId ||
    tx.module !== 'member' ||
    tx.action !== 'recordProfileRead' ||
    typeof p?.member !== 'string' ||
    typeof p.purpose !== 'string' ||
    !Array.isArray(p.fields) ||
    p.fields.length === 0 ||
    !p.fields.every((f) => typeof f === 'string')
  )
    throw new SealedError('SEALED_NOT_A_READ_RECORD');
  return {
    record: {
      tx,
      hash: toHex(txHash(client.suite, tx)),
      member: p.member,
      fields: p.fields as string[],
      purpose: p.purpose,
    },
    signature: fromHex(b.signature),
  };
}

export class SealedGate {
  readonly #client: DjchainClient;
  readonly #used: UsedRecords;
  readonly #opts: Required<SealedGateOptions>;
  readonly #vault: FileCache<Vault>;
  readonly #lines: FileCache<Map<string, SealedLine>>;

  constructor(opts: SealedGateOptions, deps: { client: DjchainClient; used: UsedRecords }) {
    this.#opts = { ...defaultSealedGateOptions, ...opts };
    this.#vault = new FileCache(opts.vaultFile);
    this.#lines = new FileCache(opts.profilesFile);
    this.#client = deps.client;
    this.#used = deps.used;
  }

  /** Answers a request body, or throws SealedError. */
  async read(body: unknown): Promise<SealedAnswer> {
    const client = this.#client;
    const { record, signature } = parseRecord(client, body);
    const digest = sealedReadDigest(client.suite, client.chainId, record.hash);
    if (!client.suite.verify(record.tx.signer, digest, signature))
      throw new SealedError('SEALED_BAD_SIGNATURE');
    if (this.#used.has(record.hash)) throw new SealedError('SEALED_RECORD_USED');

    const committed = await this.#committed(record.hash);
    if (committed.receipt.status !== 'ok') throw new SealedError('SEALED_RECORD_FAILED');
    const ev = committed.receipt.events.find((e) => e.type === 'member.ProfileRead');
    const data = ev?.data as { subject?: Value; fields?: Value } | undefined;
    if (
      data?.subject !== record.member ||
      !Array.isArray(data.fields) ||
      data.fields.join('\n') !== record.fields.join('\n')
    )
      throw new SealedError('SEALED_NOT_A_READ_RECORD', 'the committed event differs');
    let latest: number;
    try {
      latest = (await client.status()).height;
    } catch (e) {
      throw new SealedError('SEALED_UNAVAILABLE', (e as Error).message);
    }
    if (latest - committed.height > this.#opts.validityBlocks) throw new SealedError('SEALED_RECORD_EXPIRED');

    // The key store and profiles as they are now (re-read whenever the files change): an erasure
    // takes effect at once.
    const vault = this.#vault.get(() => openVault(this.#opts.vaultFile, client.chainId, client.suite).vault);
    const line = this.#lines.get(() => lastLines(this.#opts.profilesFile)).get(record.member);
    if (line === undefined) throw new SealedError('SEALED_NO_PROFILE');
    if (profileKeyOf(client.suite, vault, record.member) === null) {
      if (Object.hasOwn(vault.erased, record.member)) throw new SealedError('SEALED_ERASED');
      throw new SealedError('SEALED_NO_PROFILE');
    }
    // Claimed before anything leaves; a second request with the same record is refused even if
    // this one fails after this point.
    if (!this.#used.claim(record.hash)) throw new SealedError('SEALED_RECORD_USED');
    const profile = openLine(client.suite, vault, line);
    if (profile === null) throw new SealedError('SEALED_NO_PROFILE', 'the sealed line does not open');
    return {
      member: record.member,
      fields: pick(profile, record.fields),
      record: {
        txHash: record.hash,
        height: committed.height,
        index: committed.index,
        reader: addressOf(client.suite, record.tx.signer),
        purpose: record.purpose,
      },
    };
  }

  async #committed(hash: string) {
    let r: Awaited<ReturnType<DjchainClient['getReceipt']>>;
    try {
      r = await this.#client.getReceipt(hash);
    } catch (e) {
      if (e instanceof HttpError && e.apiCode === 'TX_NOT_FOUND') throw new SealedError('SEALED_NO_RECORD');
      if (isClientError(e, 'CLIENT_NETWORK') || isClientError(e, 'CLIENT_HTTP'))
        throw new SealedError('SEALED_UNAVAILABLE', (e as Error).message);
      throw e;
    }
    if (r.status === 'pending') throw new SealedError('SEALED_RECORD_PENDING');
    return r;
  }
}

/**
 * A file's parsed form, loaded again when its size, modification time or inode changes (the vault
 * is replaced by rename, the profiles file grows by appends).
 */
export class FileCache<T> {
  readonly #file: string;
  #stamp = '';
  #value: T | undefined;

  constructor(file: string) {
    this.#file = file;
  }

  get(load: () => T): T {
    let stamp = 'absent';
    try {
      const s = statSync(this.#file, { bigint: true });
      stamp = `${s.ino}:${s.size}:${s.mtimeNs}`;
    } catch {
      // An absent file is loaded as such by `load` (no profiles yet).
    }
    if (this.#value === undefined || stamp !== this.#stamp) {
      this.#value = load();
      this.#stamp = stamp;
    }
    return this.#value;
  }
}

function pick(profile: ImportedProfile, fields: readonly string[]): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  const p = profile as unknown as Record<string, unknown>;
  for (const f of fields) {
    if (NEVER_RELEASED.has(f) || !Object.hasOwn(p, f)) continue;
    const v = p[f];
    if (typeof v === 'string' || typeof v === 'number' || v === null) out[f] = v;
  }
  return out;
}
