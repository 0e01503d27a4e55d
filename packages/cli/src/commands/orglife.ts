/**
 * `djchain orglife export meetings|study` and `djchain orglife import <file>` (issue 15): the meeting
 * register (会议记录, with each attendance line and its confirmation) and the study register of an
 * organization's year, written from chain data; and last year's meeting records read from a sheet —
 * every row checked first (errors by row, in Chinese, nothing submitted while any remains), then
 * each row recorded as a plan and its held record, signed by --key (a 书记, 组织委员 or 党务工作者).
 * Names are not on chain: with --sealed URL (and --key) the 姓名 column is read through the
 * sealed-data service, one committed read record per member, as `djchain dues export` and `djchain
 * export roster` do; without it the column stays empty. The minutes stay off chain (their hash is a
 * column).
 */
import { resolve } from 'node:path';
import type { DjchainClient } from '@djchain/client';
import type { Value } from '@djchain/crypto';
import { chinaDate } from '@djchain/modules';
import { newWorkbook } from '../excel/exceljs.ts';
import {
  cellText,
  checkMeetingRows,
  IMPORT_HEADINGS,
  type ImportCells,
  MEETING_KINDS,
  type MeetingRecord,
  meetingRegisterSheets,
  type StudyRow,
  studyRegisterSheet,
} from '../excel/orglife-sheets.ts';
import { writeSheets } from '../excel/workbook.ts';
import { CliError, reason, t } from '../i18n.ts';
import { guarded, need, openKey, opt, type Parsed, parse } from './common.ts';
import { connect, readAs } from './connect.ts';
import { profilesOf, reportWritten } from './export.ts';
import type { CommandIo } from './io.ts';

/** Names released by the sealed-data service (`--sealed`), else none (profilesOf). */
async function namesOf(
  p: Parsed,
  io: CommandIo,
  client: DjchainClient,
  members: readonly string[],
  purpose: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (members.length === 0) return out;
  for (const [k, v] of await profilesOf(p, io, client, members, ['name'], purpose))
    if (typeof v.name === 'string') out.set(k, v.name);
  return out;
}

const yearOf = (p: Parsed) => Number(opt(p, 'year') ?? chinaDate(Date.now()).slice(0, 4));

async function exportMeetings(p: Parsed, io: CommandIo, out: string): Promise<number> {
  const conn = await connect(p, io);
  await readAs(conn, p, io);
  const org = need(p, 'org');
  const year = yearOf(p);
  const r = await conn.client.query('orglife', 'meetings', { org, year });
  const ids = (r.result as { meetings: { id: string }[] }).meetings.map((m) => m.id);
  const meetings: MeetingRecord[] = [];
  // One height for the whole register: every meeting read where the list was.
  for (const id of ids)
    meetings.push((await conn.client.query('orglife', 'meeting', { id }, r.height)).result as MeetingRecord);
  const members = [...new Set(meetings.flatMap((m) => m.held?.attendance.map((l) => l.member) ?? []))].sort();
  await writeSheets(
    out,
    meetingRegisterSheets(meetings, await namesOf(p, io, conn.client, members, '导出会议记录')),
  );
  return reportWritten(p, io, 'orglifeMeetings', out, meetings.length, r.height);
}

async function exportStudy(p: Parsed, io: CommandIo, out: string): Promise<number> {
  const conn = await connect(p, io);
  await readAs(conn, p, io);
  const r = await conn.client.query('study', 'register', { org: need(p, 'org'), year: yearOf(p) });
  const rows = (r.result as { rows: StudyRow[] }).rows;
  const names = await namesOf(
    p,
    io,
    conn.client,
    rows.map((r) => r.member),
    '导出学习登记',
  );
  await writeSheets(out, [studyRegisterSheet(rows, names)]);
  return reportWritten(p, io, 'orglifeStudy', out, rows.length, r.height);
}

/** The first worksheet's rows by heading (row 1), skipping empty rows. */
export async function readMeetingSheet(file: string): Promise<{ row: number; cells: ImportCells }[]> {
  const wb = await newWorkbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const columns = new Map<number, (typeof IMPORT_HEADINGS)[number]>();
  ws?.getRow(1).eachCell((c, col) => {
    const h = cellText(c.value).trim() as (typeof IMPORT_HEADINGS)[number];
    if ((IMPORT_HEADINGS as readonly string[]).includes(h)) columns.set(col, h);
  });
  const have = new Set(columns.values());
  const missing = ['类别', '召开日期', '出席'].filter((h) => !have.has(h as never));
  if (ws === undefined || missing.length > 0)
    throw new CliError('CLI_ORGLIFE_NO_SHEET', {
      file,
      missing: missing.join('、') || '类别、召开日期、出席',
    });
  const rows: { row: number; cells: ImportCells }[] = [];
  for (let r = 2; r <= Math.min(ws.rowCount, 10_001); r++) {
    const cells: ImportCells = {};
    for (const [col, h] of columns) {
      const v = cellText(ws.getRow(r).getCell(col).value).trim();
      if (v !== '') cells[h] = v;
    }
    if (Object.keys(cells).length > 0) rows.push({ row: r, cells });
  }
  return rows;
}

async function importMeetings(p: Parsed, io: CommandIo): Promise<number> {
  const file = resolve(p.positionals[1] ?? need(p, 'file'));
  const org = need(p, 'org');
  const rows = await readMeetingSheet(file);
  const checked = checkMeetingRows(rows, chinaDate(Date.now()));
  if (!checked.ok)
    throw new CliError('CLI_ORGLIFE_ROWS', {
      n: checked.errors.length,
      errors: checked.errors.map((e) => t(p.lang, 'rowError', { row: e.row, text: e.message })).join('\n'),
    });
  const conn = await connect(p, io);
  const key = await openKey(p, io, conn.suite);
  await conn.client.signIn(key);
  let done = 0;
  let refused = 0;
  for (const r of checked.rows) {
    // The same file imported twice gives the same ids: the chain refuses the repeat (MEETING_EXISTS).
    const id = `imp-${org}-${r.heldOn}-${MEETING_KINDS.indexOf(r.kind as never)}-r${r.row}`;
    const plan: Record<string, Value> = { id, org, kind: r.kind, date: r.heldOn, length: r.length };
    if (r.pair) plan.pair = r.pair;
    if (r.offDayReason) plan.offDayReason = r.offDayReason;
    const hold: Record<string, Value> = {
      meeting: id,
      heldOn: r.heldOn,
      present: r.present,
      ...(r.excused.length > 0 ? { excused: r.excused, reasons: r.reasons } : {}),
      ...(r.absent.length > 0 ? { absent: r.absent } : {}),
      ...(r.lecturer ? { lecturer: r.lecturer } : {}),
      ...(r.superiorRep ? { superiorRep: r.superiorRep } : {}),
      ...(r.offDayReason ? { offDayReason: r.offDayReason } : {}),
      // The minutes' scope is read from its attachment (registered first: ORGLIFE_MINUTES_NOT_REGISTERED).
      ...(r.minutes ? { minutes: r.minutes } : {}),
    };
    for (const [action, params] of [
      ['plan', plan],
      ['hold', hold],
    ] as const) {
      const res = await conn.client.send({ module: 'orglife', action, params }, key, { timeoutMs: 60_000 });
      const e = res.receipt.error;
      if (res.receipt.status !== 'ok') {
        refused++;
        io.err(
          t(p.lang, 'CLI_ROW_REFUSED', {
            row: r.row,
            code: e?.code ?? '',
            reason: e ? reason(p.lang, e.code, e.message) : '',
            cite: e?.cite ? `（${e.cite}）` : '',
          }),
        );
        break;
      }
      if (action === 'hold') done++;
    }
  }
  io.out(t(p.lang, 'orglifeImported', { total: rows.length, done, refused }));
  return refused > 0 ? 1 : 0;
}

export async function orglifeCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    api: { type: 'string' },
    genesis: { type: 'string' },
    key: { type: 'string' },
    org: { type: 'string' },
    year: { type: 'string' },
    out: { type: 'string' },
    file: { type: 'string' },
    sealed: { type: 'string' },
    purpose: { type: 'string' },
  });
  return guarded(p.lang, io, async () => {
    const [sub, what] = p.positionals;
    if (sub === 'export' && what === 'meetings') return exportMeetings(p, io, resolve(need(p, 'out')));
    if (sub === 'export' && what === 'study') return exportStudy(p, io, resolve(need(p, 'out')));
    if (sub === 'import') return importMeetings(p, io);
    throw new CliError('CLI_UNKNOWN_SUB', {
      sub: [sub, what].filter(Boolean).join(' '),
      choices: 'export meetings, export study, import',
    });
  });
}
