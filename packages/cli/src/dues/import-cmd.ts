/**
 * `djchain dues import bases|payments FILE.xlsx`: dues bases (党费计算基数) and historic payments from a
 * spreadsheet. EVERY row is checked first — against the rules (`monthlyDues`, the back-payment
 * limit) and against the chain at one height (the member exists and is a Party member, the signer
 * holds the post, each month's state) — and the errors are printed row-numbered in Chinese. With any
 * error nothing is written: no sealed base, no transaction (exit 1). Only a file without errors is
 * sealed (bases: each under its member's vault key, appended before any transaction leaves, bases.ts)
 * and sent. Bases: the income never goes on chain; `dues.assess` carries the group, the amount and
 * the salted commitment.
 */
import { resolve } from 'node:path';
import type { DjchainClient } from '@djchain/client';
import type { Value } from '@djchain/crypto';
import {
  addMonth,
  BASED_GROUPS,
  DUES_GROUPS,
  type DuesGroup,
  duesRuleFor,
  isYearMonth,
  monthlyDues,
  monthRange,
  monthsBetween,
} from '@djchain/modules';
import { need, openKey, opt, type Parsed } from '../commands/common.ts';
import { connect } from '../commands/connect.ts';
import type { CommandIo } from '../commands/io.ts';
import { memberOfKey } from '../commands/orgs.ts';
import { memberIdOf, openVault, saveVault, type Vault, withKeys } from '../commands/vault.ts';
import { CliError, type Lang, type MessageKey, reason, t } from '../i18n.ts';
import { appendBases, sealBase } from './bases.ts';
import * as chain from './chain.ts';
import { paymentId } from './ids.ts';
import { parseYuan, yuan } from './money.ts';
import { sendAll } from './send.ts';
import { readSheet, type SheetColumn } from './sheet-read.ts';
import type { MonthView } from './views.ts';

type BaseKey = 'member' | 'idNumber' | 'name' | 'group' | 'base' | 'from';
type PayKey = 'member' | 'idNumber' | 'name' | 'months' | 'amount' | 'method' | 'reference' | 'reason';

export const BASE_COLUMNS: readonly SheetColumn<BaseKey>[] = [
  { key: 'member', heading: '党员编号' },
  { key: 'idNumber', heading: '身份证号', aliases: ['公民身份号码'] },
  { key: 'name', heading: '姓名' },
  { key: 'group', heading: '党费类别', aliases: ['人员类别（党费）', '交纳类别'], required: true },
  { key: 'base', heading: '计算基数（元）', aliases: ['计算基数', '党费计算基数（元）', '月交纳额（元）'] },
  { key: 'from', heading: '起始月份', aliases: ['起交月份'], required: true },
];

export const PAY_COLUMNS: readonly SheetColumn<PayKey>[] = [
  { key: 'member', heading: '党员编号' },
  { key: 'idNumber', heading: '身份证号', aliases: ['公民身份号码'] },
  { key: 'name', heading: '姓名' },
  { key: 'months', heading: '所属月份', aliases: ['交纳月份'], required: true },
  { key: 'amount', heading: '金额（元）', aliases: ['交纳金额（元）', '金额'] },
  { key: 'method', heading: '交纳方式', aliases: ['缴纳方式'] },
  { key: 'reference', heading: '凭证号', aliases: ['收据号'] },
  { key: 'reason', heading: '补交说明', aliases: ['说明'] },
];

const DECIDERS = ['书记', '组织委员'];
const BOOKKEEPERS = ['书记', '组织委员', '党务工作者'];

interface RowError {
  readonly row: number;
  readonly key: MessageKey;
  readonly params: Record<string, string | number>;
}

/** What the checks read from the chain, each member and year once. */
class ChainView {
  private readonly members = new Map<string, Promise<chain.MemberInfo | null>>();
  private readonly accounts = new Map<string, Promise<Awaited<ReturnType<typeof chain.account>>>>();
  readonly client: DjchainClient;
  readonly height: number;
  readonly month: string;
  constructor(client: DjchainClient, height: number, month: string) {
    this.client = client;
    this.height = height;
    this.month = month;
  }
  member(id: string) {
    if (!this.members.has(id)) this.members.set(id, chain.memberOf(this.client, id, this.height));
    return this.members.get(id)!;
  }
  account(id: string, year: number) {
    const k = `${id}/${year}`;
    if (!this.accounts.has(k)) this.accounts.set(k, chain.account(this.client, id, year, this.height));
    return this.accounts.get(k)!;
  }
  async monthOf(id: string, month: string): Promise<MonthView | undefined> {
    return (await this.account(id, Number(month.slice(0, 4)))).months.find((m) => m.month === month);
  }
}

interface Context {
  readonly lang: Lang;
  readonly view: ChainView;
  readonly vault: Vault | null;
  readonly suite: DjchainClient['suite'];
  /** Organizations where the signer holds each post. */
  readonly posts: readonly { org: string; post: string }[];
}

/** The member a row names, or its error. */
async function memberOfRow(
  ctx: Context,
  row: number,
  raw: { member?: string; idNumber?: string },
  posts: readonly string[],
  errors: RowError[],
): Promise<string | null> {
  let id = raw.member?.trim() ?? '';
  if (id === '' && (raw.idNumber ?? '') !== '') {
    if (ctx.vault === null) {
      errors.push({ row, key: 'duesRowNeedVault', params: {} });
      return null;
    }
    id = memberIdOf(ctx.suite, ctx.vault, raw.idNumber!.trim().toUpperCase());
  }
  if (id === '') {
    errors.push({ row, key: 'duesRowNoMember', params: {} });
    return null;
  }
  const m = await ctx.view.member(id);
  if (m === null) {
    errors.push({ row, key: 'duesRowUnknownMember', params: { member: id } });
    return null;
  }
  if (m.status !== '正式党员' && m.status !== '预备党员') {
    errors.push({ row, key: 'duesRowNotMember', params: { member: id, status: m.status } });
    return null;
  }
  if (!ctx.posts.some((p) => p.org === m.org && posts.includes(p.post))) {
    errors.push({
      row,
      key: 'duesRowNoPost',
      params: { member: id, org: m.org ?? '-', posts: posts.join('、') },
    });
    return null;
  }
  return id;
}

interface BaseRow {
  readonly row: number;
  readonly member: string;
  readonly group: DuesGroup;
  readonly from: string;
  readonly base: number | null;
  readonly fen: number;
}

async function checkBaseRows(
  ctx: Context,
  rows: readonly { row: number; raw: Partial<Record<BaseKey, string>> }[],
) {
  const errors: RowError[] = [];
  const valid: BaseRow[] = [];
  const seen = new Map<string, number>();
  const latest = addMonth(ctx.view.month, 1);
  for (const { row, raw } of rows) {
    const before = errors.length;
    const member = await memberOfRow(ctx, row, raw, DECIDERS, errors);
    const groupText = raw.group ?? '';
    const group = (DUES_GROUPS as readonly string[]).includes(groupText) ? (groupText as DuesGroup) : null;
    if (group === null)
      errors.push({
        row,
        key: 'duesRowBadGroup',
        params: { group: groupText, groups: DUES_GROUPS.join('、') },
      });
    const from = raw.from ?? '';
    const fromOk = isYearMonth(from);
    if (!fromOk) errors.push({ row, key: 'duesRowBadMonth', params: { value: from } });
    else if (from > latest) errors.push({ row, key: 'duesRowFromLate', params: { from, latest } });
    const based = group !== null && (BASED_GROUPS.includes(group) || group === '农民');
    const baseText = raw.base ?? '';
    let base: number | null = null;
    if (based) {
      base = parseYuan(baseText);
      if (baseText === '') errors.push({ row, key: 'duesRowNoBase', params: { group: group! } });
      else if (base === null) errors.push({ row, key: 'duesRowBadYuan', params: { value: baseText } });
    }
    let fen = 0;
    if (group !== null && fromOk && (!based || base !== null)) {
      const r = monthlyDues(duesRuleFor(from), group, based ? base : null);
      if (r.ok) fen = r.fen;
      else
        errors.push({
          row,
          key: 'duesRowRule',
          params: { reason: reason(ctx.lang, r.code, ''), cite: r.cite, code: r.code },
        });
    }
    if (member !== null && fromOk) {
      // A new amount reaches back over unpaid months only (规定第十条; DUES_RETROACTIVE_PAID).
      for (const m of monthRange(from, ctx.view.month, 120)) {
        const st = await ctx.view.monthOf(member, m);
        if (st?.state === 'paid' || st?.state === 'reported') {
          errors.push({ row, key: 'duesRowRetroactive', params: { month: m, from } });
          break;
        }
      }
    }
    // A repeat of an earlier good row (a row with errors of its own is reported for those only).
    const first = errors.length === before ? seen.get(`${member}/${from}`) : undefined;
    if (first !== undefined) errors.push({ row, key: 'duesRowDuplicate', params: { first } });
    if (errors.length === before) {
      seen.set(`${member}/${from}`, row);
      valid.push({ row, member: member!, group: group!, from, base: based ? base : null, fen });
    }
  }
  return { errors, valid };
}

interface PayRow {
  readonly row: number;
  readonly member: string;
  readonly months: string[];
  readonly fen: number;
  readonly method: string;
  readonly reference: string | null;
  readonly reason: string | null;
}

/** "2026-01", "2026-01,2026-03", "2026-01至2026-03", "2026-01~2026-03" or a date cell (its month). */
export function parseMonths(text: string): string[] | null {
  const t = text.trim().replace(/\s+/g, '');
  const asMonth = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s.slice(0, 7) : s);
  const range = /^([^至~～]+)[至~～]([^至~～]+)$/.exec(t);
  if (range) {
    const a = asMonth(range[1]!);
    const b = asMonth(range[2]!);
    if (!isYearMonth(a) || !isYearMonth(b) || b < a || monthsBetween(a, b) >= 12) return null;
    return monthRange(a, b, 12);
  }
  const parts = t.split(/[,，、;；]/).map(asMonth);
  if (parts.length === 0 || !parts.every(isYearMonth) || new Set(parts).size !== parts.length) return null;
  return parts.sort();
}

const quarterEnd = (ym: string) => addMonth(ym, (3 - (Number(ym.slice(5, 7)) % 3)) % 3);

async function checkPayRows(
  ctx: Context,
  rows: readonly { row: number; raw: Partial<Record<PayKey, string>> }[],
) {
  const errors: RowError[] = [];
  const valid: PayRow[] = [];
  const taken = new Map<string, number>();
  const now = ctx.view.month;
  const rule = duesRuleFor(now);
  for (const { row, raw } of rows) {
    const before = errors.length;
    const member = await memberOfRow(ctx, row, raw, BOOKKEEPERS, errors);
    const months = parseMonths(raw.months ?? '');
    if (months === null) errors.push({ row, key: 'duesRowBadMonths', params: { value: raw.months ?? '' } });
    const method = raw.method || '现金';
    if (!['现金', '转账', '其他'].includes(method))
      errors.push({ row, key: 'duesRowBadMethod', params: { value: method } });
    const reference = raw.reference || null;
    if (reference !== null && reference.length > 16)
      errors.push({ row, key: 'duesRowLongText', params: { column: '凭证号', max: 16 } });
    const why = raw.reason || null;
    if (why !== null && why.length > 100)
      errors.push({ row, key: 'duesRowLongText', params: { column: '补交说明', max: 100 } });
    let due = 0;
    let late = false;
    if (member !== null && months !== null) {
      const arrangement = (await ctx.view.account(member, Number(now.slice(0, 4)))).arrangement;
      const latest = arrangement?.quarterly ? quarterEnd(now) : now;
      for (const m of months) {
        const first = taken.get(`${member}/${m}`);
        if (first !== undefined) {
          errors.push({ row, key: 'duesRowMonthTwice', params: { month: m, first } });
          continue;
        }
        if (m > latest) {
          errors.push({ row, key: 'duesRowNotDue', params: { month: m, latest } });
          continue;
        }
        const st = await ctx.view.monthOf(member, m);
        const state = st?.state ?? 'notMember';
        if (state === 'paid' || state === 'reported')
          errors.push({ row, key: 'duesRowPaid', params: { month: m, payment: st?.payment ?? '-' } });
        else if (state === 'unassessed') errors.push({ row, key: 'duesRowUnassessed', params: { month: m } });
        else if (state !== 'unpaid') errors.push({ row, key: 'duesRowNotOwed', params: { month: m } });
        else {
          due += st!.fen;
          if (monthsBetween(m, now) > rule.backPayMonths) late = true;
        }
      }
    }
    const amountText = raw.amount ?? '';
    let fen = due;
    if (amountText !== '') {
      const parsed = parseYuan(amountText);
      if (parsed === null || parsed === 0)
        errors.push({ row, key: 'duesRowBadYuan', params: { value: amountText } });
      else fen = parsed;
    }
    if (errors.length === before && fen < due)
      errors.push({ row, key: 'duesRowShort', params: { amount: yuan(fen), due: yuan(due) } });
    if (errors.length === before && late && why === null)
      errors.push({ row, key: 'duesRowLateReason', params: { limit: rule.backPayMonths } });
    if (errors.length === before) {
      // Only a good row takes its months: a row with errors is reported for those alone.
      for (const m of months!) taken.set(`${member}/${m}`, row);
      valid.push({ row, member: member!, months: months!, fen, method, reference, reason: why });
    }
  }
  return { errors, valid };
}

export async function importDues(p: Parsed, io: CommandIo): Promise<number> {
  const what = p.positionals[1];
  if (what !== 'bases' && what !== 'payments')
    throw new CliError('CLI_UNKNOWN_SUB', { sub: what ?? '', choices: 'bases, payments' });
  const file = p.positionals[2];
  if (file === undefined) throw new CliError('CLI_MISSING_ARG', { what: 'FILE.xlsx' });
  need(p, 'key');
  const basesFile = what === 'bases' ? resolve(need(p, 'bases')) : null;
  const vaultFile = what === 'bases' ? resolve(need(p, 'vault')) : opt(p, 'vault');
  const sheet = what === 'bases' ? await readSheet(file, BASE_COLUMNS) : await readSheet(file, PAY_COLUMNS);
  if (!sheet.present.has('member') && !sheet.present.has('idNumber'))
    throw new CliError('CLI_DUES_SHEET_MISSING', { file, columns: '党员编号 / 身份证号' });
  const conn = await connect(p, io);
  const { client, suite, chainId, token } = conn;
  const key = await openKey(p, io, suite);
  try {
    if (token === undefined) await client.signIn(key);
    const vault = vaultFile === undefined ? null : openVault(resolve(vaultFile), chainId, suite).vault;
    const now = await chain.chainNow(client);
    const signer = await memberOfKey(client, key, now.height);
    const ctx: Context = {
      lang: p.lang,
      view: new ChainView(client, now.height, now.month),
      vault,
      suite,
      posts: signer === null ? [] : await chain.postsOf(client, signer, now.height),
    };
    const checked =
      what === 'bases'
        ? await checkBaseRows(ctx, sheet.rows as { row: number; raw: Partial<Record<BaseKey, string>> }[])
        : await checkPayRows(ctx, sheet.rows as { row: number; raw: Partial<Record<PayKey, string>> }[]);
    for (const e of checked.errors)
      io.out(t(p.lang, 'rowError', { row: e.row, text: t(p.lang, e.key, e.params) }));
    if (checked.errors.length > 0) {
      const bad = new Set(checked.errors.map((e) => e.row)).size;
      io.out(t(p.lang, 'duesImportNothing', { total: sheet.rows.length, bad }));
      return 1;
    }
    let actions: { action: string; params: Value; row: number }[];
    if (what === 'bases') {
      const rows = checked.valid as BaseRow[];
      const v = withKeys(
        vault!,
        rows.filter((r) => BASED_GROUPS.includes(r.group)).map((r) => r.member),
      );
      // Keys are stored before anything is sealed under them, the sealed bases before any transaction.
      saveVault(resolve(vaultFile!), v);
      const lines = rows.map((r) =>
        BASED_GROUPS.includes(r.group)
          ? sealBase(suite, v, { member: r.member, group: r.group, from: r.from, base: r.base! })
          : null,
      );
      appendBases(
        basesFile!,
        lines.filter((l) => l !== null),
      );
      actions = rows.map((r, i) => ({
        row: r.row,
        action: 'assess',
        params: {
          member: r.member,
          group: r.group,
          from: r.from,
          fen: r.fen,
          ...(lines[i] === null ? {} : { commitment: lines[i]!.commitment }),
        },
      }));
    } else {
      actions = (checked.valid as PayRow[]).map((r) => ({
        row: r.row,
        action: 'recordPayment',
        params: {
          id: paymentId(r.member, r.months),
          member: r.member,
          months: r.months,
          fen: r.fen,
          method: r.method,
          ...(r.reference === null ? {} : { reference: r.reference }),
          ...(r.reason === null ? {} : { reason: r.reason }),
        },
      }));
    }
    const receipts = await sendAll(p.lang, client, key, actions);
    let refused = 0;
    receipts.forEach((r, i) => {
      if (r.receipt.status === 'ok') return;
      refused++;
      const e = r.receipt.error ?? { code: 'UNKNOWN', message: '' };
      io.out(
        t(p.lang, 'CLI_ROW_REFUSED', {
          row: actions[i]!.row,
          code: e.code,
          reason: reason(p.lang, e.code, e.message),
          cite: e.cite ? `（${e.cite}）` : '',
        }),
      );
    });
    io.out(
      t(p.lang, what === 'bases' ? 'duesImportedBases' : 'duesImportedPayments', {
        total: sheet.rows.length,
        done: actions.length - refused,
        refused,
        ...(basesFile === null ? {} : { bases: basesFile }),
      }),
    );
    return refused > 0 ? 2 : 0;
  } finally {
    key.secretKey.fill(0);
  }
}
