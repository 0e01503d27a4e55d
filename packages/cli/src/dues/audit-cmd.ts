/**
 * `djchain dues audit <org> [--year Y] [--vault v.json --bases bases.jsonl]`: fetches the
 * organization's records at one height (every member its history names, their accounts, the
 * books, the remittances), runs the pure audit (audit.ts) and prints the months, the totals and each
 * discrepancy with the records behind it. Exit 0 when the books balance, 3 on a discrepancy.
 */
import { resolve } from 'node:path';
import { need, opt, type Parsed } from '../commands/common.ts';
import { connect, readAs } from '../commands/connect.ts';
import type { CommandIo } from '../commands/io.ts';
import { openVault } from '../commands/vault.ts';
import { CliError, t } from '../i18n.ts';
import { auditDues } from './audit.ts';
import { type OpenedBase, openBase, readBases } from './bases.ts';
import * as chain from './chain.ts';
import { yuan } from './money.ts';

export const AUDIT_DISCREPANCY_EXIT = 3;

export async function auditCommand(p: Parsed, io: CommandIo): Promise<number> {
  const org = p.positionals[1];
  if (org === undefined) throw new CliError('CLI_MISSING_ARG', { what: 'org' });
  const conn = await connect(p, io);
  (await readAs(conn, p, io))?.secretKey.fill(0);
  const { client, suite, chainId } = conn;
  const now = await chain.chainNow(client);
  const info = await chain.orgOf(client, org, now.height);
  if (info === null) throw new CliError('CLI_DUES_UNKNOWN', { id: org });
  const yearText = opt(p, 'year');
  if (yearText !== undefined && !/^\d{4}$/.test(yearText))
    throw new CliError('CLI_DUES_BAD_YEAR', { value: yearText });
  const year = yearText === undefined ? Number(now.month.slice(0, 4)) : Number(yearText);
  let bases: Map<string, OpenedBase> | undefined;
  if (opt(p, 'bases') !== undefined) {
    const vaultFile = resolve(need(p, 'vault'));
    const { vault, created } = openVault(vaultFile, chainId, suite);
    if (created) throw new CliError('CLI_CANNOT_READ', { file: vaultFile, reason: 'ENOENT' });
    bases = new Map();
    for (const line of readBases(resolve(need(p, 'bases')))) {
      const opened = openBase(suite, vault, line);
      if (opened !== null) bases.set(line.commitment, opened);
    }
  }
  const ids = new Set(await chain.membersInHistory(client, org));
  for (const r of (await chain.register(client, org, now.month, now.height)).rows) ids.add(r.member);
  const accounts = [];
  for (const id of [...ids].sort()) accounts.push(await chain.account(client, id, year, now.height));
  const result = auditDues({
    org,
    year,
    until: now.month,
    accounts,
    booksYear: await chain.books(client, org, year, now.height),
    booksTotal: await chain.books(client, org, undefined, now.height),
    ...(bases === undefined ? {} : { bases }),
    suite,
  });
  const L = p.lang;
  const lines = [
    t(L, 'duesAuditHead', {
      org: info.name,
      id: org,
      year,
      height: now.height,
      members: accounts.length,
      payments: result.payments,
      assessments: result.assessments,
      opening: yuan(result.opening),
    }),
  ];
  for (const m of result.months)
    lines.push(
      t(L, 'duesAuditMonth', {
        month: m.month,
        collected: yuan(m.collected),
        received: yuan(m.received),
        remitted: yuan(m.remitted),
        held: yuan(m.held),
      }),
    );
  lines.push(
    t(L, 'duesAuditTotals', {
      collected: yuan(result.totals.collected),
      received: yuan(result.totals.received),
      remitted: yuan(result.totals.remitted),
      held: yuan(result.totals.held),
    }),
  );
  if (bases === undefined) lines.push(t(L, 'duesAuditNoBases'));
  if (result.findings.length === 0) {
    lines.push(t(L, 'duesAuditClean'));
    io.out(lines.join('\n'));
    return 0;
  }
  lines.push(t(L, 'duesAuditFindings', { count: result.findings.length }));
  for (const f of result.findings) {
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(f.params))
      params[k] =
        typeof v === 'number' && /fen|recomputed|chain|held|due|computed|recorded/i.test(k) ? yuan(v) : v;
    lines.push(`  ${f.code}：${t(L, f.code, params)}`);
    lines.push(`    ${t(L, 'duesAuditRecords', { records: f.records.join(', ') || '-' })}`);
  }
  io.out(lines.join('\n'));
  return AUDIT_DISCREPANCY_EXIT;
}
