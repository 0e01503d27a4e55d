/**
 * `djchain dues …`: the dues cycle of a branch (issue 14) from the command line. `rate` is the one
 * pure function (`monthlyDues`) with its rule version and article; `status`, `close` and `audit` read
 * the chain; `assess`, `pay`, `confirm`, `remit`, `acknowledge` and `case` sign the module's actions
 * (through `djchain tx`, one signing and printing path); `import` and `export` are the spreadsheets
 * (src/dues/sheets-*.ts). The income base never goes on chain: `assess` seals it into the bases
 * file under the member's vault key and sends only its salted commitment and the amount.
 */
import type { Value } from '@djchain/crypto';
import {
  BASED_GROUPS,
  chinaDate,
  cite,
  DOC,
  DUES_GROUPS,
  type DuesGroup,
  duesRuleFor,
  GROUP_ARTICLE,
  isYearMonth,
  monthlyDues,
  monthOf,
} from '@djchain/modules';
import { auditCommand } from '../dues/audit-cmd.ts';
import { appendBases, sealBase } from '../dues/bases.ts';
import * as chain from '../dues/chain.ts';
import { exportDues } from '../dues/export-cmd.ts';
import { paymentId, remittanceId } from '../dues/ids.ts';
import { importDues } from '../dues/import-cmd.ts';
import { parseYuan, percent, yuan } from '../dues/money.ts';
import { stateText } from '../dues/texts.ts';
import { assessmentFor } from '../dues/views.ts';
import { CliError, type Lang, reason, t } from '../i18n.ts';
import { txCommand } from './chain.ts';
import { guarded, need, opt, type Parsed, parse } from './common.ts';
import { connect, readAs } from './connect.ts';
import type { CommandIo } from './io.ts';
import { openVault, saveVault, withKeys } from './vault.ts';

const SUBS = 'rate, status, assess, pay, confirm, remit, acknowledge, close, case, audit, import, export';

export function groupOf(text: string | undefined): DuesGroup {
  const g = (text ?? '').trim();
  if (!(DUES_GROUPS as readonly string[]).includes(g))
    throw new CliError('CLI_DUES_BAD_GROUP', { group: g, groups: DUES_GROUPS.join('、') });
  return g as DuesGroup;
}

export function fenOf(option: string, text: string | undefined): number {
  const fen = text === undefined ? null : parseYuan(text);
  if (fen === null) throw new CliError('CLI_DUES_BAD_YUAN', { option, value: text ?? '' });
  return fen;
}

function monthArg(option: string, text: string | undefined): string {
  if (!isYearMonth(text)) throw new CliError('CLI_DUES_BAD_MONTH', { option, value: text ?? '' });
  return text;
}

/** The `--month` option, or `fallback` when it is not given. */
const monthOpt = (p: Parsed, fallback: string): string =>
  opt(p, 'month') === undefined ? fallback : monthArg('month', opt(p, 'month'));

const idArg = (what: string, text: string | undefined): string => {
  if (text === undefined || !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(text))
    throw new CliError('CLI_MISSING_ARG', { what });
  return text;
};

/** The amount a group pays on a base under the rule of `month`, or the coded refusal as a CliError. */
export function computeDues(lang: Lang, group: DuesGroup, baseFen: number | null, month: string) {
  const rule = duesRuleFor(month);
  const r = monthlyDues(rule, group, baseFen);
  if (!r.ok)
    throw new CliError('CLI_DUES_REFUSED', { code: r.code, reason: reason(lang, r.code, ''), cite: r.cite });
  return { ...r, rule, article: cite(DOC.dues, GROUP_ARTICLE[group]) };
}

function rateCmd(p: Parsed, io: CommandIo): number {
  const group = groupOf(p.positionals[1]);
  const based = BASED_GROUPS.includes(group) || group === '农民';
  const baseText = p.positionals[2];
  const base = based ? fenOf('base', baseText) : baseText === undefined ? null : fenOf('base', baseText);
  const month = monthOpt(p, monthOf(chinaDate(Date.now())));
  const r = computeDues(p.lang, group, based ? base : null, month);
  const L = p.lang;
  const how =
    r.bp !== null
      ? t(L, 'duesRateBased', { percent: percent(r.bp) })
      : group === '农民'
        ? t(L, 'duesRateFarmer', { min: yuan(r.rule.farmer.min), max: yuan(r.rule.farmer.max) })
        : t(L, 'duesRateFixed');
  io.out(
    t(L, 'duesRate', {
      group,
      base: base === null || !based ? '-' : yuan(base),
      how,
      amount: yuan(r.fen),
      article: r.article,
      version: r.rule.version,
      from: r.rule.from,
      month,
    }),
  );
  return 0;
}

/** Passes the connection and signing options on to `djchain tx`. */
function passOn(p: Parsed): string[] {
  return ['api', 'genesis', 'key', 'passphrase-file', 'lang', 'token-file'].flatMap((o) => {
    const v = opt(p, o);
    return v === undefined ? [] : [`--${o}`, v];
  });
}

const toTx = (p: Parsed, io: CommandIo, action: string, params: Value) =>
  txCommand([`dues.${action}`, ...passOn(p), '--params', JSON.stringify(params)], io);

/** A connection to read with (a key given is checked, then wiped) and the chain's height and month. */
async function reader(p: Parsed, io: CommandIo) {
  const conn = await connect(p, io);
  (await readAs(conn, p, io))?.secretKey.fill(0);
  return { client: conn.client, now: await chain.chainNow(conn.client) };
}

async function statusCmd(p: Parsed, io: CommandIo): Promise<number> {
  const id = idArg('member|branch', p.positionals[1]);
  const { client, now } = await reader(p, io);
  const L = p.lang;
  const org = await chain.orgOf(client, id, now.height);
  if (org !== null) {
    const month = monthOpt(p, now.month);
    const reg = await chain.register(client, id, month, now.height);
    const lines = [t(L, 'duesRegisterHead', { org: org.name, id, month, height: now.height })];
    const count: Record<string, number> = {};
    let due = 0;
    let paid = 0;
    for (const r of reg.rows) {
      count[r.state] = (count[r.state] ?? 0) + 1;
      if (r.state !== 'unassessed') due += r.fen;
      if (r.state === 'paid') paid += r.fen;
      lines.push(
        t(L, 'duesRegisterRow', {
          member: r.member,
          state: stateText(L, r.state),
          fen: r.state === 'unassessed' ? '-' : yuan(r.fen),
          payment: r.payment ?? r.relief ?? '-',
        }),
      );
    }
    lines.push(
      t(L, 'duesRegisterTotal', {
        members: reg.rows.length,
        paid: count.paid ?? 0,
        unpaid: count.unpaid ?? 0,
        reported: count.reported ?? 0,
        waived: count.waived ?? 0,
        unassessed: count.unassessed ?? 0,
        due: yuan(due),
        paidFen: yuan(paid),
      }),
    );
    const arr = await chain.arrears(client, id, now.height);
    lines.push(t(L, 'duesArrearsHead', { month: arr.closedMonth, count: arr.rows.length }));
    for (const r of arr.rows) lines.push(arrearsLine(L, r));
    io.out(lines.join('\n'));
    return 0;
  }
  const member = await chain.memberOf(client, id, now.height);
  if (member === null) throw new CliError('CLI_DUES_UNKNOWN', { id });
  const year = opt(p, 'year') === undefined ? Number(now.month.slice(0, 4)) : yearArg(opt(p, 'year'));
  const a = await chain.account(client, id, year, now.height);
  const lines = [t(L, 'duesAccountHead', { member: id, org: a.org ?? '-', year, height: now.height })];
  for (const m of a.months) {
    if (m.state === 'notMember') continue;
    const as = assessmentFor(a.assessments, m.month);
    lines.push(
      t(L, 'duesAccountRow', {
        month: m.month,
        state: stateText(L, m.state),
        fen: m.state === 'unassessed' ? '-' : yuan(m.fen),
        group: as?.group ?? '-',
        rule: as === undefined ? '-' : as.rule,
        payment: m.payment ?? m.relief ?? '-',
      }),
    );
  }
  lines.push(
    t(L, 'duesAccountArrears', {
      count: a.arrears.length,
      months: a.arrears.join('、') || '-',
    }),
  );
  if (a.lapseCase !== null) lines.push(caseLine(L, id, a.lapseCase));
  io.out(lines.join('\n'));
  return 0;
}

function arrearsLine(
  L: Lang,
  r: {
    member: string;
    months: readonly string[];
    lapseCase: { status: string; months: readonly string[] } | null;
  },
): string {
  const line = t(L, 'duesArrearsRow', {
    member: r.member,
    count: r.months.length,
    months: r.months.join('、') || '-',
    flag:
      r.months.length >= 6
        ? t(L, 'duesFlagLapse', { cite: cite(DOC.constitution, 9) })
        : r.months.length >= 3
          ? t(L, 'duesFlagWarn', { cite: cite(DOC.dues, 13) })
          : '',
  });
  return r.lapseCase === null ? line : `${line}\n${caseLine(L, r.member, r.lapseCase)}`;
}

/** A member's lapse case (Constitution art. 9): open or decided, over which months. */
function caseLine(L: Lang, member: string, c: { status: string; months: readonly string[] }): string {
  return t(L, 'duesCaseLine', {
    member,
    status: c.status === 'open' ? t(L, 'duesCaseOpen') : t(L, 'duesCaseDecided'),
    months: c.months.join('、'),
    cite: cite(DOC.constitution, 9),
  });
}

function yearArg(text: string | undefined): number {
  if (text === undefined || !/^\d{4}$/.test(text))
    throw new CliError('CLI_DUES_BAD_YEAR', { value: text ?? '' });
  return Number(text);
}

async function assessCmd(p: Parsed, io: CommandIo): Promise<number> {
  const member = idArg('member', p.positionals[1]);
  const group = groupOf(opt(p, 'group'));
  const from = monthArg('from', opt(p, 'from'));
  const based = BASED_GROUPS.includes(group);
  // An income typed at the terminal is not echoed and stays out of the shell's history.
  const baseText =
    opt(p, 'base') ??
    (based && io.promptSecret ? await io.promptSecret(t(p.lang, 'duesBasePrompt')) : undefined);
  const base = based || group === '农民' ? fenOf('base', baseText) : null;
  const r = computeDues(p.lang, group, base, from);
  const params: Record<string, Value> = { member, group, from, fen: r.fen };
  if (based) {
    const vaultFile = need(p, 'vault');
    const basesFile = need(p, 'bases');
    const { suite, chainId } = await connect(p, io);
    const { vault } = openVault(vaultFile, chainId, suite);
    const withKey = withKeys(vault, [member]);
    // The member's key is stored before anything is sealed under it.
    saveVault(vaultFile, withKey);
    const line = sealBase(suite, withKey, { member, group, from, base: base! });
    appendBases(basesFile, [line]);
    params.commitment = line.commitment;
  }
  io.out(
    t(p.lang, 'duesAssessing', {
      member,
      group,
      from,
      amount: yuan(r.fen),
      how: r.bp === null ? '-' : percent(r.bp),
      version: r.rule.version,
      article: r.article,
    }),
  );
  return toTx(p, io, 'assess', params);
}

/** The months' due amount from the member's account (each year read once). */
async function dueOf(p: Parsed, io: CommandIo, member: string, months: readonly string[]): Promise<number> {
  const { client, now } = await reader(p, io);
  let due = 0;
  for (const year of [...new Set(months.map((m) => Number(m.slice(0, 4))))]) {
    const a = await chain.account(client, member, year, now.height);
    for (const m of a.months) if (months.includes(m.month)) due += m.fen;
  }
  return due;
}

export function monthsArg(text: string | undefined): string[] {
  const months = (text ?? '')
    .split(/[,，、\s]+/)
    .map((m) => m.trim())
    .filter((m) => m !== '');
  if (months.length === 0 || !months.every(isYearMonth) || new Set(months).size !== months.length)
    throw new CliError('CLI_DUES_BAD_MONTH', { option: 'months', value: text ?? '' });
  return months.sort();
}

async function payCmd(p: Parsed, io: CommandIo): Promise<number> {
  const member = idArg('member', p.positionals[1]);
  const months = monthsArg(opt(p, 'months'));
  const method = opt(p, 'method') ?? '现金';
  if (!['现金', '转账', '其他'].includes(method))
    throw new CliError('CLI_DUES_BAD_METHOD', { value: method, methods: '现金、转账、其他' });
  const fen =
    opt(p, 'amount') === undefined ? await dueOf(p, io, member, months) : fenOf('amount', opt(p, 'amount'));
  const params: Record<string, Value> = {
    id: opt(p, 'id') ?? paymentId(member, months),
    member,
    months,
    fen,
    method,
  };
  for (const o of ['reference', 'reason']) if (opt(p, o) !== undefined) params[o] = opt(p, o)!;
  if (p.values.proxy === true) params.viaProxy = true;
  io.out(
    t(p.lang, 'duesPaying', { member, months: months.join('、'), amount: yuan(fen), id: String(params.id) }),
  );
  return toTx(p, io, p.values.report === true ? 'reportPayment' : 'recordPayment', params);
}

async function closeCmd(p: Parsed, io: CommandIo): Promise<number> {
  const id = idArg('branch', p.positionals[1]);
  const { client, now } = await reader(p, io);
  const L = p.lang;
  const org = await chain.orgOf(client, id, now.height);
  if (org === null) throw new CliError('CLI_DUES_UNKNOWN', { id });
  const arr = await chain.arrears(client, id, now.height);
  const month = monthOpt(p, arr.closedMonth);
  if (month >= now.month) {
    io.out(t(L, 'duesCloseOpen', { month, org: org.name }));
    return 0;
  }
  const reg = await chain.register(client, id, month, now.height);
  const paid = reg.rows.filter((r) => r.state === 'paid' || r.state === 'waived');
  const unpaid = reg.rows.filter((r) => r.state === 'unpaid');
  const lines = [
    t(L, 'duesClosed', {
      org: org.name,
      month,
      members: reg.rows.filter((r) => r.state !== 'unassessed').length,
      paid: paid.length,
      unpaid: unpaid.length,
      due: yuan(reg.rows.reduce((s, r) => s + (r.state === 'unassessed' ? 0 : r.fen), 0)),
      paidFen: yuan(reg.rows.filter((r) => r.state === 'paid').reduce((s, r) => s + r.fen, 0)),
      height: now.height,
    }),
  ];
  if (month === arr.closedMonth) {
    for (const r of arr.rows) if (r.months.length >= 3 || r.lapseCase !== null) lines.push(arrearsLine(L, r));
  }
  io.out(lines.join('\n'));
  return 0;
}

export async function duesCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    api: { type: 'string' },
    genesis: { type: 'string' },
    key: { type: 'string' },
    month: { type: 'string' },
    year: { type: 'string' },
    group: { type: 'string' },
    base: { type: 'string' },
    from: { type: 'string' },
    months: { type: 'string' },
    amount: { type: 'string' },
    method: { type: 'string' },
    reference: { type: 'string' },
    reason: { type: 'string' },
    id: { type: 'string' },
    period: { type: 'string' },
    outcome: { type: 'string' },
    resolution: { type: 'string' },
    vault: { type: 'string' },
    bases: { type: 'string' },
    out: { type: 'string' },
    sealed: { type: 'string' },
    purpose: { type: 'string' },
    proxy: { type: 'boolean' },
    report: { type: 'boolean' },
    reject: { type: 'boolean' },
    publish: { type: 'boolean' },
  });
  const sub = p.positionals[0];
  return guarded(p.lang, io, async () => {
    switch (sub) {
      case 'rate':
        return rateCmd(p, io);
      case 'status':
        return statusCmd(p, io);
      case 'assess':
        return assessCmd(p, io);
      case 'pay':
        return payCmd(p, io);
      case 'confirm': {
        const id = idArg('payment', p.positionals[1]);
        const rejected = p.values.reject === true;
        const why = opt(p, 'reason');
        return toTx(p, io, 'confirmPayment', {
          id,
          accepted: !rejected,
          ...(why === undefined ? {} : { reason: why }),
        });
      }
      case 'remit': {
        const org = idArg('org', p.positionals[1]);
        const fen = fenOf('amount', opt(p, 'amount'));
        const period = need(p, 'period');
        const ref = opt(p, 'reference');
        const id = opt(p, 'id') ?? remittanceId(org);
        io.out(t(p.lang, 'duesRemitting', { org, amount: yuan(fen), period, id }));
        return toTx(p, io, 'remit', {
          id,
          org,
          fen,
          period,
          ...(ref === undefined ? {} : { reference: ref }),
        });
      }
      case 'acknowledge':
        return toTx(p, io, 'acknowledgeRemittance', { id: idArg('remittance', p.positionals[1]) });
      case 'case': {
        const member = idArg('member', p.positionals[1]);
        const outcome = need(p, 'outcome');
        if (outcome !== '除名' && outcome !== '不予除名')
          throw new CliError('CLI_DUES_BAD_OUTCOME', { value: outcome });
        return toTx(p, io, 'decideLapseCase', { member, outcome, resolution: need(p, 'resolution') });
      }
      case 'close':
        return closeCmd(p, io);
      case 'audit':
        return auditCommand(p, io);
      case 'import':
        return importDues(p, io);
      case 'export':
        return exportDues(p, io);
      default:
        throw new CliError('CLI_UNKNOWN_SUB', { sub: sub ?? '', choices: SUBS });
    }
  });
}
