/**
 * `djchain dues export register|notice|remittance <org> --out FILE.xlsx`: the forms of forms.ts from
 * the chain's records at one height. Names are not on chain: with --sealed URL (and --key) they are
 * read through the sealed-data service, one committed read record per member, as `djchain export
 * roster` does; without it the name column stays empty. `notice --publish` then records the
 * notice on chain (dues.publishNotice: the file's hash and the year's totals, members only).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toHex } from '@djchain/crypto';
import { txCommand } from '../commands/chain.ts';
import { need, opt, type Parsed } from '../commands/common.ts';
import { connect, readAs } from '../commands/connect.ts';
import { profilesOf } from '../commands/export.ts';
import type { CommandIo } from '../commands/io.ts';
import { CliError, t } from '../i18n.ts';
import * as chain from './chain.ts';
import { type Form, noticeForm, registerForm, remittanceForm, writeForm } from './forms.ts';
import type { AccountView } from './views.ts';

export async function exportDues(p: Parsed, io: CommandIo): Promise<number> {
  const what = p.positionals[1];
  if (what !== 'register' && what !== 'notice' && what !== 'remittance')
    throw new CliError('CLI_UNKNOWN_SUB', { sub: what ?? '', choices: 'register, notice, remittance' });
  const id = p.positionals[2];
  if (id === undefined) throw new CliError('CLI_MISSING_ARG', { what: 'org' });
  const out = resolve(need(p, 'out'));
  const conn = await connect(p, io);
  (await readAs(conn, p, io))?.secretKey.fill(0);
  const { client } = conn;
  const now = await chain.chainNow(client);
  const org = await chain.orgOf(client, id, now.height);
  if (org === null) throw new CliError('CLI_DUES_UNKNOWN', { id });
  const monthText = opt(p, 'month');
  if (monthText !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(monthText))
    throw new CliError('CLI_DUES_BAD_MONTH', { option: 'month', value: monthText });
  const yearText = opt(p, 'year');
  if (yearText !== undefined && !/^\d{4}$/.test(yearText))
    throw new CliError('CLI_DUES_BAD_YEAR', { value: yearText });
  const year = yearText === undefined ? Number(now.month.slice(0, 4)) : Number(yearText);
  const names = async (members: readonly string[], purpose: string) => {
    const released = await profilesOf(p, io, client, members, ['name'], purpose);
    const m = new Map<string, string>();
    for (const [k, v] of released) if (typeof v.name === 'string') m.set(k, v.name);
    return m;
  };
  let form: Form;
  if (what === 'register') {
    const month = monthText ?? now.month;
    const register = await chain.register(client, id, month, now.height);
    const accounts = new Map<string, AccountView>();
    for (const r of register.rows)
      accounts.set(r.member, await chain.account(client, r.member, Number(month.slice(0, 4)), now.height));
    form = registerForm({
      org,
      month,
      height: now.height,
      register,
      accounts,
      names: await names(
        register.rows.map((r) => r.member),
        '导出党费收缴登记表',
      ),
    });
  } else if (what === 'notice') {
    // The branch's members now (the notice goes to them); each one's statement for the year.
    const members = (await chain.register(client, id, now.month, now.height)).rows.map((r) => r.member);
    const statements = [];
    for (const m of members) statements.push(await chain.statement(client, m, year, now.height));
    form = noticeForm({
      org,
      year,
      height: now.height,
      statements,
      books: await chain.books(client, id, year, now.height),
      names: await names(members, '党费收缴情况公示'),
    });
  } else {
    const books = await chain.books(client, id, year, now.height);
    const orgNames = new Map<string, string>();
    for (const r of books.remittances)
      if (r.to !== null && !orgNames.has(r.to)) {
        const o = await chain.orgOf(client, r.to, now.height);
        if (o !== null) orgNames.set(r.to, o.name);
      }
    form = remittanceForm({ org, year, height: now.height, books, orgNames });
  }
  await writeForm(out, form);
  io.out(
    t(p.lang, 'duesExported', { what: form.title, file: out, rows: form.rows.length, height: now.height }),
  );
  if (what !== 'notice' || p.values.publish !== true) return 0;
  // The notice as issued: its file's hash goes on chain with the year's totals (dues.publishNotice,
  // members only), so the copy handed to the members can be checked against the chain.
  const document = toHex(conn.suite.hash(readFileSync(out)));
  io.out(t(p.lang, 'duesPublishing', { document }));
  const pass = ['api', 'genesis', 'key', 'passphrase-file', 'lang', 'token-file'].flatMap((o) => {
    const v = opt(p, o);
    return v === undefined ? [] : [`--${o}`, v];
  });
  const params = { id: opt(p, 'id') ?? `dn-${id}-${year}-${document.slice(0, 8)}`, org: id, year, document };
  return txCommand(['dues.publishNotice', ...pass, '--params', JSON.stringify(params)], io);
}
