/**
 * The spreadsheets of organizational life (issue 15): the meeting register (会议记录) and the study
 * register exported from chain data, and last year's meeting records read from a sheet and
 * checked row by row — every row is checked before anything is submitted, and each error names its
 * row in Chinese. Pure functions over cells and query results; the command does the IO.
 */
import type { Sheet } from '@djchain/client/roster';
import { MEETING_KINDS } from '@djchain/modules/lists';

export { MEETING_KINDS };

/** A held meeting as `orglife.meeting` returns it (the fields the register shows). */
export interface MeetingRecord {
  readonly id: string;
  readonly kind: string;
  readonly date: string;
  readonly length: string;
  readonly status: string;
  readonly held: {
    readonly on: string;
    readonly attendance: readonly { member: string; status: string; reason: string | null }[];
    readonly quorate: boolean | null;
    readonly minutes: { readonly hash: string } | null;
    readonly late: boolean;
  } | null;
  readonly confirmations?: readonly { member: string; via: string | null }[];
}

export interface StudyRow {
  readonly member: string;
  readonly role: string;
  readonly target: number;
  readonly meetingHours: number;
  readonly individualHours: number;
  readonly total: number;
  readonly remaining: number;
}

const STATUS: Record<string, string> = {
  planned: '已计划',
  held: '已开待确认',
  confirmed: '已确认',
  cancelled: '已取消',
  superseded: '已更正',
};
const LINE: Record<string, string> = { present: '出席', excused: '请假', absent: '缺席' };
const VIA: Record<string, string> = { self: '本人确认', clerk: '党务工作者代为确认' };

/**
 * Member id → name as the sealed-data service released them to the exporting reader (not on chain:
 * `djchain orglife export … --sealed URL`); a member without one gets an empty 姓名 cell.
 */
export type Names = ReadonlyMap<string, string>;
const NONE: Names = new Map();

/** 会议记录 and 出席明细: one row per meeting of the year, one per attendance line. */
export function meetingRegisterSheets(meetings: readonly MeetingRecord[], names: Names = NONE): Sheet[] {
  const rows: (string | number)[][] = [];
  const lines: (string | number)[][] = [];
  for (const m of meetings) {
    const att = m.held?.attendance ?? [];
    const n = (s: string) => att.filter((l) => l.status === s).length;
    rows.push([
      m.id,
      m.kind,
      m.date,
      m.held?.on ?? '',
      m.length,
      STATUS[m.status] ?? m.status,
      att.length,
      n('present'),
      n('excused'),
      n('absent'),
      m.held?.quorate === true ? '达到' : m.held?.quorate === false ? '未达到' : '',
      m.held?.late ? '是' : '',
      m.held?.minutes?.hash ?? '',
    ]);
    for (const l of att) {
      const via = m.confirmations?.find((c) => c.member === l.member)?.via ?? null;
      lines.push([
        m.id,
        m.kind,
        m.held?.on ?? '',
        l.member,
        names.get(l.member) ?? '',
        LINE[l.status] ?? l.status,
        l.reason ?? '',
        via ? VIA[via]! : '待确认',
      ]);
    }
  }
  return [
    {
      name: '会议记录',
      headings: [
        '会议编号',
        '类别',
        '计划日期',
        '召开日期',
        '时长',
        '状态',
        '应到',
        '出席',
        '请假',
        '缺席',
        '法定人数',
        '补录',
        '会议记录哈希',
      ],
      rows,
      widths: [28, 14, 12, 12, 6, 12, 6, 6, 6, 6, 8, 6, 66],
    },
    {
      name: '出席明细',
      headings: ['会议编号', '类别', '召开日期', '党员编号', '姓名', '出席情况', '请假事由', '确认'],
      rows: lines,
      widths: [28, 14, 12, 14, 10, 10, 24, 20],
    },
  ];
}

/** 学习登记: one row per member in member-id order (never ranked), 学时 as the chain derives them. */
export function studyRegisterSheet(rows: readonly StudyRow[], names: Names = NONE): Sheet {
  return {
    name: '学习登记',
    headings: [
      '党员编号',
      '姓名',
      '身份',
      '年度目标（学时）',
      '党课和主题党日',
      '个人自学（已确认）',
      '合计',
      '尚差',
    ],
    rows: rows.map((r) => [
      r.member,
      names.get(r.member) ?? '',
      r.role === 'cadre' ? '支部书记、委员' : '党员',
      r.target,
      r.meetingHours,
      r.individualHours,
      r.total,
      r.remaining,
    ]),
    widths: [14, 10, 16, 16, 16, 18, 8, 8],
  };
}

/** The import sheet's columns, by heading. */
export const IMPORT_HEADINGS = [
  '类别',
  '召开日期',
  '时长',
  '出席',
  '请假',
  '缺席',
  '讲课人',
  '上级参会人员',
  '谈话双方',
  '不在主题党日原因',
  '会议记录哈希',
] as const;
type Heading = (typeof IMPORT_HEADINGS)[number];
export type ImportCells = Partial<Record<Heading, string>>;

/** One checked row: the params of `orglife.plan` and `orglife.hold` (id and org added by the command). */
export interface MeetingImport {
  readonly row: number;
  readonly kind: string;
  readonly heldOn: string;
  readonly length: '半天' | '一天';
  readonly present: string[];
  readonly excused: string[];
  readonly reasons: Record<string, string>;
  readonly absent: string[];
  readonly lecturer?: string;
  readonly superiorRep?: string;
  readonly pair?: [string, string];
  readonly offDayReason?: string;
  readonly minutes?: string;
}

export interface RowError {
  readonly row: number;
  readonly message: string;
}

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const idsOf = (s: string | undefined) =>
  (s ?? '')
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');

function realDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Checks every row (row numbers as in the sheet, headings in row 1); returns the rows to submit, or
 * every error found. `today` (China time) bounds the dates: a record is of a meeting already held.
 */
export function checkMeetingRows(
  rows: readonly { row: number; cells: ImportCells }[],
  today: string,
): { ok: true; rows: MeetingImport[] } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const out: MeetingImport[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const err = (message: string) => errors.push({ row, message });
    const before = errors.length;
    const kind = (cells.类别 ?? '').trim();
    const heldOn = (cells.召开日期 ?? '').trim();
    const length = (cells.时长 ?? '').trim() || '半天';
    if (!(MEETING_KINDS as readonly string[]).includes(kind))
      err(`类别“${kind}”不是${MEETING_KINDS.join('、')}之一`);
    if (!realDate(heldOn)) err(`召开日期“${heldOn}”不是有效日期（格式 2025-03-15）`);
    else if (heldOn > today) err(`召开日期 ${heldOn} 晚于今天，只能导入已召开的会议`);
    if (length !== '半天' && length !== '一天') err(`时长“${length}”应为“半天”或“一天”`);
    const present = idsOf(cells.出席);
    const absent = idsOf(cells.缺席);
    const excused: string[] = [];
    const reasons: Record<string, string> = {};
    for (const entry of (cells.请假 ?? '')
      .split(/[;；\n]+/)
      .map((x) => x.trim())
      .filter((x) => x !== '')) {
      const m = /^([^:：\s]+)\s*[:：]\s*(.+)$/.exec(entry);
      if (!m) {
        err(`请假“${entry}”应写成“编号：事由”`);
        continue;
      }
      const reason = m[2]!.trim();
      if (reason.length > 100) err(`请假事由超过100字（${m[1]}）`);
      excused.push(m[1]!);
      reasons[m[1]!] = reason;
    }
    const all = [...present, ...excused, ...absent];
    for (const id of all) if (!ID.test(id)) err(`党员编号“${id}”格式不对`);
    const twice = all.filter((id, i) => all.indexOf(id) !== i);
    if (twice.length > 0) err(`党员 ${[...new Set(twice)].join('、')} 出现不止一次`);
    if (all.length === 0) err('出席、请假、缺席都为空');
    const lecturer = (cells.讲课人 ?? '').trim();
    const rep = (cells.上级参会人员 ?? '').trim();
    const pair = idsOf(cells.谈话双方);
    if (kind === '党课' && !ID.test(lecturer)) err('党课须填写讲课人编号');
    if (kind === '组织生活会' && !ID.test(rep)) err('组织生活会须填写上级参会人员编号');
    if (kind === '谈心谈话' && (pair.length !== 2 || pair[0] === pair[1]))
      err('谈心谈话须填写两个不同的编号（委员、党员）');
    const minutes = (cells.会议记录哈希 ?? '').trim().toLowerCase();
    if (minutes !== '' && !/^[0-9a-f]{64}$/.test(minutes)) err('会议记录哈希应为64位十六进制');
    const key = `${kind} ${heldOn} ${kind === '谈心谈话' ? pair.join('、') : ''}`;
    const first = seen.get(key);
    if (first !== undefined) err(`与第 ${first} 行重复（同一类别、同一天）`);
    else seen.set(key, row);
    if (errors.length > before) continue;
    const offDay = (cells.不在主题党日原因 ?? '').trim();
    out.push({
      row,
      kind,
      heldOn,
      length: length as '半天' | '一天',
      present,
      excused,
      reasons,
      absent,
      ...(kind === '党课' ? { lecturer } : {}),
      ...(kind === '组织生活会' ? { superiorRep: rep } : {}),
      ...(kind === '谈心谈话' ? { pair: [pair[0]!, pair[1]!] as [string, string] } : {}),
      ...(offDay !== '' ? { offDayReason: offDay } : {}),
      ...(minutes !== '' ? { minutes } : {}),
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows: out };
}

/** A cell's text: dates as YYYY-MM-DD (exceljs gives Date objects for date cells), rich text joined. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && v !== null && 'richText' in v)
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  if (typeof v === 'object' && v !== null && 'text' in v) return String((v as { text: unknown }).text);
  return String(v);
}
