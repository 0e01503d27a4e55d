/**
 * The gate of the sealed-data service: personal fields — a member's profile, a personal
 * declaration's content — leave only for a read record that the chain committed, with a stated
 * purpose, by the reader asking. For a request { tx, signature } it checks, in order:
 *   1. `tx` decodes to a member.recordProfileRead of this chain that names its fields, or to a
 *      declaration.recordRead of this chain;
 *   2. `signature` is by the record's signer over H_tag("djchain/sealed-read/v1", chain, tx hash)
 *      (@djchain/client sealedReadDigest) — the record alone, which anyone reading blocks can copy,
 *      releases nothing;
 *   3. the record was not used before (UsedRecords);
 *   4. its receipt is committed with status ok, proved against a header the light client verified
 *      from the genesis validators (a lying node cannot forge it), and its member.ProfileRead event
 *      names the same member and fields (declaration.Read: the same declaration, and the member and
 *      commitment whose content is opened) — the chain, not this service, decided the reader may
 *      read and that the purpose is stated (the actions' permission rules and checks);
 *   5. it is at most `validityBlocks` below the node's latest height;
 * then claims the record (durably), opens the member's profile (or the declaration) with the
 * member's own key and answers exactly the named fields (a declaration's kind, matterOn and text),
 * bound to the record (tx hash, height, index, reader, purpose).
 */
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
import type { SealedDeclarations } from './declarations.ts';
import { SealedError } from './errors.ts';
import { FileCache } from './file-cache.ts';
import type { UsedRecords } from './used.ts';

type Committed = Extract<Awaited<ReturnType<DjchainClient['getReceipt']>>, { status: 'committed' }>;

export interface SealedGateOptions {
  readonly vaultFile: string;
  readonly profilesFile: string;
  /** Personal declarations' sealed contents (declarations.ts); without it none is released. */
  readonly declarations?: SealedDeclarations;
  /** How many blocks a committed record stays usable (default 50). */
  readonly validityBlocks?: number;
}

const defaultSealedGateOptions = { validityBlocks: 50 } as const;

/** Fields that never leave: the age seed is the secret behind the member's age proofs. */
const NEVER_RELEASED = new Set(['ageSeed']);

interface ReadRecord {
  readonly tx: Transaction;
  readonly hash: string;
  /** The profile's member; for a declaration, known from the committed event only ('' here). */
  readonly member: string;
  readonly fields: readonly string[];
  readonly purpose: string;
  /** Set for a declaration.recordRead: the declaration id. */
  readonly declaration?: string;
}

/** A declaration.recordRead of this chain, or null when `tx` is none. */
function declarationRecord(tx: Transaction): { id: string; purpose: string } | null {
  const p = tx.params as { id?: Value; purpose?: Value } | null;
  if (tx.module !== 'declaration' || tx.action !== 'recordRead') return null;
  if (typeof p?.id !== 'string' || typeof p.purpose !== 'string') return null;
  return { id: p.id, purpose: p.purpose };
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
  const signature = fromHex(b.signature);
  const hash = toHex(txHash(client.suite, tx));
  const d = tx.chainId === client.chainId ? declarationRecord(tx) : null;
  if (d !== null)
    return {
      record: { tx, hash, member: '', fields: DECLARATION_FIELDS, purpose: d.purpose, declaration: d.id },
      signature,
    };
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
    record: { tx, hash, member: p.member, fields: p.fields as string[], purpose: p.purpose },
    signature,
  };
}

/** What a declaration read releases: the sealed content's fields. */
const DECLARATION_FIELDS = ['kind', 'matterOn', 'text'];

export class SealedGate {
  readonly #client: DjchainClient;
  readonly #used: UsedRecords;
  readonly #opts: Required<Omit<SealedGateOptions, 'declarations'>> & Pick<SealedGateOptions, 'declarations'>;
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
    if (record.declaration !== undefined) return this.#declaration(record, committed);
    const ev = committed.receipt.events.find((e) => e.type === 'member.ProfileRead');
    const data = ev?.data as { subject?: Value; fields?: Value } | undefined;
    if (
      data?.subject !== record.member ||
      !Array.isArray(data.fields) ||
      data.fields.join('\n') !== record.fields.join('\n')
    )
      throw new SealedError('SEALED_NOT_A_READ_RECORD', 'the committed event differs');
    await this.#fresh(committed.height);

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

  /** The record is at most validityBlocks below the node's latest height. */
  async #fresh(height: number): Promise<void> {
    let latest: number;
    try {
      latest = (await this.#client.status()).height;
    } catch (e) {
      throw new SealedError('SEALED_UNAVAILABLE', (e as Error).message);
    }
    if (latest - height > this.#opts.validityBlocks) throw new SealedError('SEALED_RECORD_EXPIRED');
  }

  /** A committed declaration.recordRead: its event names the member and the commitment to open. */
  async #declaration(record: ReadRecord, committed: Committed): Promise<SealedAnswer> {
    const ev = committed.receipt.events.find((e) => e.type === 'declaration.Read');
    const data = ev?.data as { declaration?: Value; subject?: Value; commitment?: Value } | undefined;
    if (
      data === undefined ||
      data.declaration !== record.declaration ||
      typeof data.subject !== 'string' ||
      typeof data.commitment !== 'string'
    )
      throw new SealedError('SEALED_NOT_A_READ_RECORD', 'the committed event differs');
    const { subject, commitment } = data;
    await this.#fresh(committed.height);
    const declarations = this.#opts.declarations;
    if (declarations === undefined) throw new SealedError('SEALED_NO_DECLARATION');
    const vault = this.#vault.get(
      () => openVault(this.#opts.vaultFile, this.#client.chainId, this.#client.suite).vault,
    );
    // Opened first (refusals release nothing and leave the record unused), claimed before it leaves.
    const content = declarations.open(vault, subject, commitment);
    if (!this.#used.claim(record.hash)) throw new SealedError('SEALED_RECORD_USED');
    return {
      member: subject,
      fields: { kind: content.kind, matterOn: content.matterOn, text: content.text },
      record: {
        txHash: record.hash,
        height: committed.height,
        index: committed.index,
        reader: addressOf(this.#client.suite, record.tx.signer),
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
