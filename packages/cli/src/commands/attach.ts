/**
 * `djchain attach put|get`: attachments (minutes, sign-in sheets, slides) kept off chain by the
 * entitled nodes. `put` hashes the file (SHA-256), registers it on chain (`attachment.register`,
 * signed with --key: a post holder of --org) and uploads it — the node takes content only for a
 * committed record. `get` downloads it under the record's read rule and writes it only after the
 * SDK checked that it hashes to the hash asked for.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { type AttachmentScope, isClientError } from '@djchain/client';
import { CliError, reason, t } from '../i18n.ts';
import { printReceipt } from './chain.ts';
import { guarded, need, openKey, opt, type Parsed, parse } from './common.ts';
import { connect, readAs } from './connect.ts';
import type { CommandIo } from './io.ts';

const SCOPES: readonly AttachmentScope[] = ['public', 'community', 'org', 'members'];

/** Media types by file extension (the module's list); anything else is application/octet-stream. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.txt': 'text/plain',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

function readFile(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new CliError('CLI_CANNOT_READ', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}

async function put(p: Parsed, io: CommandIo): Promise<number> {
  const file = p.positionals[1];
  if (file === undefined) throw new CliError('CLI_MISSING_ARG', { what: 'file' });
  const org = need(p, 'org');
  const scope = need(p, 'scope') as AttachmentScope;
  if (!SCOPES.includes(scope))
    throw new CliError('CLI_UNKNOWN_SUB', { sub: scope, choices: SCOPES.join(', ') });
  const members = opt(p, 'members')
    ?.split(',')
    .map((m) => m.trim())
    .filter((m) => m.length > 0);
  need(p, 'key');
  const content = readFile(file);
  const mediaType = opt(p, 'type') ?? MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const { client, suite } = await connect(p, io);
  const key = await openKey(p, io, suite);
  try {
    const r = await client.putAttachment(
      content,
      { org, scope, mediaType, ...(members === undefined ? {} : { members }) },
      key,
    );
    if (r.receipt !== null && r.receipt.receipt.status !== 'ok') return printReceipt(p, io, r.receipt);
    io.out(
      t(p.lang, 'attachPut', {
        file,
        hash: r.hash,
        size: content.length,
        mediaType,
        scope,
        org,
        registered: r.receipt === null ? t(p.lang, 'attachWasRegistered') : String(r.receipt.height),
      }),
    );
    return 0;
  } catch (e) {
    if (!isClientError(e, 'CLIENT_TX_REJECTED')) throw e;
    const code = (e.details as { code?: string }).code ?? 'CLIENT_TX_REJECTED';
    io.out(t(p.lang, 'txRejected', { code, reason: reason(p.lang, code, e.message) }));
    return 1;
  } finally {
    key.secretKey.fill(0);
  }
}

async function get(p: Parsed, io: CommandIo): Promise<number> {
  const hash = p.positionals[1];
  if (hash === undefined || !/^[0-9a-f]{64}$/.test(hash))
    throw new CliError('CLI_MISSING_ARG', { what: 'hash (64 lowercase hex)' });
  const out = resolve(need(p, 'out'));
  const conn = await connect(p, io);
  (await readAs(conn, p, io))?.secretKey.fill(0);
  // Verified by hash in the SDK before a byte is written.
  const bytes = await conn.client.getAttachment(hash);
  writeFileSync(out, bytes, { mode: 0o600 });
  io.out(t(p.lang, 'attachGet', { file: out, hash, size: bytes.length }));
  return 0;
}

export async function attachCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    api: { type: 'string' },
    genesis: { type: 'string' },
    key: { type: 'string' },
    org: { type: 'string' },
    scope: { type: 'string' },
    members: { type: 'string' },
    type: { type: 'string' },
    out: { type: 'string', short: 'o' },
  });
  return guarded(p.lang, io, async () => {
    const sub = p.positionals[0];
    if (sub === 'put') return put(p, io);
    if (sub === 'get') return get(p, io);
    throw new CliError('CLI_UNKNOWN_SUB', { sub: sub ?? '', choices: 'put, get' });
  });
}
