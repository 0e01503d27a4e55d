/**
 * `djchain declare file|list` (issue 16): a member's personal declaration (重大事项申报) from the
 * command line, as the web page files it. The content goes to the sealed-data service, signed with
 * the member's key (`sealedDeclare`); the service seals it under the member's own key and answers
 * only a salted commitment, which `declaration.declare` puts on chain with the kind and the day of
 * the matter. Nothing of the content reaches the node, the chain or this command's output.
 * `list` prints the member's declarations and where each review stands.
 */
import { SEALED_DECLARE_MAX_TEXT, sealedDeclare } from '@djchain/client';
import { CliError, t } from '../i18n.ts';
import { printReceipt } from './chain.ts';
import { guarded, need, openKey, opt, type Parsed, parse, readText } from './common.ts';
import { connect } from './connect.ts';
import type { CommandIo } from './io.ts';

interface DeclarationRow {
  readonly id: string;
  readonly kind: string;
  readonly matterOn: string;
  readonly filedOn: string;
  readonly step: string;
  readonly lateFiling: boolean;
}

/** The member the key belongs to, from its read session. */
async function memberOf(p: Parsed, io: CommandIo) {
  const conn = await connect(p, io);
  const key = await openKey(p, io, conn.suite);
  const session = await conn.client.signIn(key);
  if (!session.member) throw new CliError('CLI_NOT_A_MEMBER', { address: session.address });
  return { conn, key, member: session.member };
}

async function fileDeclaration(p: Parsed, io: CommandIo): Promise<number> {
  const kind = need(p, 'kind');
  const matterOn = need(p, 'on');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(matterOn))
    throw new CliError('CLI_BAD_DATE', { option: 'on', value: matterOn });
  const file = opt(p, 'text-file');
  const text = (file !== undefined ? readText(file) : need(p, 'text')).trim();
  if (text.length === 0) throw new CliError('CLI_MISSING_OPTION', { option: 'text' });
  if (text.length > SEALED_DECLARE_MAX_TEXT)
    throw new CliError('CLI_DECLARE_TOO_LONG', { length: text.length, max: SEALED_DECLARE_MAX_TEXT });
  const sealedUrl = need(p, 'sealed');
  const { conn, key, member } = await memberOf(p, io);
  try {
    const { client } = conn;
    const kinds = ((await client.query('declaration', 'params', {})).result as { personalKinds: string[] })
      .personalKinds;
    if (!kinds.includes(kind)) throw new CliError('CLI_DECLARE_KIND', { kind, kinds: kinds.join('、') });
    const { height } = await client.status();
    const { commitment } = await sealedDeclare(
      sealedUrl,
      client.suite,
      { chainId: client.chainId, height, member, kind, matterOn, text },
      key,
    );
    const id = opt(p, 'id') ?? `d-${member}-${height}`.slice(0, 64);
    const r = await client.send(
      { module: 'declaration', action: 'declare', params: { id, member, kind, matterOn, commitment } },
      key,
    );
    if (r.receipt.status === 'ok') io.out(t(p.lang, 'declareFiled', { id, kind, on: matterOn }));
    return printReceipt(p, io, r);
  } finally {
    key.secretKey.fill(0);
  }
}

async function listDeclarations(p: Parsed, io: CommandIo): Promise<number> {
  const { conn, key, member } = await memberOf(p, io);
  key.secretKey.fill(0);
  const rows = (await conn.client.query('declaration', 'declarationsOf', { member }))
    .result as DeclarationRow[];
  if (rows.length === 0) io.out(t(p.lang, 'declareNone', { member }));
  for (const d of rows)
    io.out(
      t(p.lang, 'declareRow', {
        id: d.id,
        kind: d.kind,
        on: d.matterOn,
        filed: d.filedOn,
        status: d.step,
        late: d.lateFiling ? t(p.lang, 'declareLate') : '',
      }),
    );
  return 0;
}

export async function declareCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    api: { type: 'string' },
    genesis: { type: 'string' },
    key: { type: 'string' },
    sealed: { type: 'string' },
    kind: { type: 'string' },
    on: { type: 'string' },
    text: { type: 'string' },
    'text-file': { type: 'string' },
    id: { type: 'string' },
  });
  const sub = p.positionals[0];
  return guarded(p.lang, io, async () => {
    need(p, 'key');
    if (sub === 'file') return fileDeclaration(p, io);
    if (sub === 'list') return listDeclarations(p, io);
    throw new CliError('CLI_UNKNOWN_SUB', { sub: sub ?? '', choices: 'file, list' });
  });
}
