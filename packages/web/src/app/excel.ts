/**
 * Spreadsheets in the browser: exceljs (loaded on first use, its own chunk) reading an uploaded
 * roster through `@djchain/client/roster` — the CLI's heading match and row checks — and writing
 * the template, the roster and the report from chain data.
 */
import {
  fillWorkbook,
  type RosterRead,
  rosterOfSheet,
  type Sheet,
  templateSheets,
} from '@djchain/client/roster';
import type { OrgInfo } from './chain.ts';
import { type Chain, chinaToday, download } from './chain.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function excel() {
  const m = await import('exceljs');
  return (m as unknown as { default?: typeof m }).default ?? m;
}

export async function readRosterBytes(bytes: ArrayBuffer): Promise<RosterRead> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  return rosterOfSheet(wb.worksheets[0]);
}

export async function sheetsBytes(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  fillWorkbook(wb as never, sheets);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function downloadSheets(name: string, sheets: readonly Sheet[]): Promise<void> {
  download(name, await sheetsBytes(sheets), XLSX);
}

export const downloadTemplate = () => downloadSheets('党员名册导入模板.xlsx', templateSheets());

/** Branch name or id → id, for the row checks (the service narrows it to the uploader's reach). */
export function branchMap(orgs: readonly OrgInfo[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const o of orgs)
    if (o.kind === '党支部') {
      m.set(o.id, o.id);
      m.set(o.name, o.id);
    }
  return m;
}

const PIPELINE = ['入党申请人', '入党积极分子', '发展对象', '预备党员', '正式党员'] as const;
const CLOSED = new Set(['正式党员', '出党', '停止党籍']);

/** The members each 党支部 holds now (from its verified history, then each member's view). */
async function listed(chain: Chain, orgs: readonly OrgInfo[]) {
  const out: { branch: OrgInfo; member: NonNullable<Awaited<ReturnType<Chain['member']>>> }[] = [];
  for (const branch of orgs.filter((o) => o.kind === '党支部')) {
    const ids = await chain.membersOf(branch.id);
    const views = await Promise.all(ids.map((id) => chain.member(id)));
    for (const v of views) if (v && v.org === branch.id) out.push({ branch, member: v });
  }
  return out;
}

/**
 * A member's name from the sealed roster, as the page's read session may see it (names.tsx: the
 * sealed-data service answers by the node's read rules); '' where the reader is not entitled.
 */
export type NameOf = (id: string) => string | undefined;

/**
 * 党员名册 from chain data and the names the reader may see, as `djchain export roster` writes it
 * without the other sealed columns (sex, birth date, education: personal fields read only through a
 * committed read record, one member at a time).
 */
export async function rosterSheets(
  chain: Chain,
  orgs: readonly OrgInfo[],
  nameOf: NameOf,
): Promise<{ sheets: Sheet[]; rows: number }> {
  const rows = (await listed(chain, orgs)).map(({ branch, member: m }) => [
    branch.name,
    m.id,
    nameOf(m.id) ?? '',
    m.status,
    m.partyAgeFrom ?? '',
    m.probationEnd ?? '',
  ]);
  return {
    rows: rows.length,
    sheets: [
      {
        name: '党员名册',
        headings: ['所在支部', '党员编号', '姓名', '人员类别', '党龄起算日', '预备期满日'],
        rows,
        widths: [16, 28, 10, 12, 12, 12],
      },
    ],
  };
}

/** 发展党员情况: counts per branch by stage, and every person in the process with its phase. */
export async function reportSheets(
  chain: Chain,
  orgs: readonly OrgInfo[],
  nameOf: NameOf,
): Promise<{ sheets: Sheet[]; rows: number }> {
  const today = chinaToday();
  const all = await listed(chain, orgs);
  const counts = new Map<string, Map<string, number>>();
  const detail: (string | number)[][] = [];
  for (const { branch, member: m } of all) {
    const c = counts.get(branch.id) ?? new Map<string, number>();
    c.set(m.status, (c.get(m.status) ?? 0) + 1);
    counts.set(branch.id, c);
    if (CLOSED.has(m.status)) continue;
    const p = await chain.process(m.id);
    const overdue = (p?.deadlines ?? []).filter((d) => d.due < today).length;
    detail.push([
      branch.name,
      m.id,
      nameOf(m.id) ?? '',
      m.status,
      m.probationEnd ?? '',
      p?.phase ?? '',
      overdue,
    ]);
  }
  const summary = orgs
    .filter((o) => o.kind === '党支部')
    .map((o) => [o.name, ...PIPELINE.map((s) => counts.get(o.id)?.get(s) ?? 0)]);
  return {
    rows: detail.length,
    sheets: [
      {
        name: '发展党员情况汇总',
        headings: ['党支部', ...PIPELINE],
        rows: summary,
        widths: [18, 12, 14, 10, 10, 10],
      },
      {
        name: '发展党员明细',
        headings: ['所在支部', '编号', '姓名', '当前阶段', '预备期满日', '链上流程阶段', '逾期事项数'],
        rows: detail,
        widths: [16, 28, 10, 12, 12, 14, 10],
      },
    ],
  };
}
