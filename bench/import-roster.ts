/**
 * A deterministic roster of `n` people for the import benchmark, written as the xlsx a community
 * would hand in (the template's headings): mostly full members with decades of history, some
 * probationary members who joined in the last year, and some people at each stage of recruitment
 * with their historical process dates. Every row is valid (the bench counts all of them as imported).
 */

import { COLUMNS, EDUCATION, idCheckChar, type RowKey } from '@djchain/cli';
import { mulberry32 as prng } from '@djchain/testkit/prng';
import ExcelJS from 'exceljs';

export const BRANCHES = ['第一党支部', '第二党支部', '第三党支部', '第四党支部', '第五党支部', '第六党支部'];

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅志文玉兰海燕小龙德胜春梅永利',
];
const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '回族', '满族', '蒙古族', '壮族'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const plusDays = (date: string, days: number) =>
  iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
const plusYears = (date: string, years: number) => {
  const y = Number(date.slice(0, 4)) + years;
  // 29 February moves to 1 March in a common year (the validator's addYears does the same).
  return date.slice(5) === '02-29' ? `${y}-03-01` : `${y}${date.slice(4)}`;
};

export interface RosterCounts {
  readonly full: number;
  readonly probationary: number;
  readonly process: number;
}

/**
 * The rows (heading → cell text). `today` (YYYY-MM-DD) bounds every date: probationary members
 * joined 30–330 days before it; applicants applied in the three years before it.
 */
export function rosterRows(
  n: number,
  today: string,
  seed = 2026,
): { rows: Record<RowKey, string>[]; counts: RosterCounts } {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const usedIds = new Set<string>();
  const rows: Record<RowKey, string>[] = [];
  const counts = { full: 0, probationary: 0, process: 0 };
  const thisYear = Number(today.slice(0, 4));
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const category =
      r < 0.85 ? '正式党员' : r < 0.92 ? '预备党员' : pick(['发展对象', '入党积极分子', '入党申请人']);
    const born =
      category === '正式党员'
        ? int(1940, thisYear - 25)
        : category === '预备党员'
          ? int(1960, thisYear - 20)
          : int(1970, thisYear - 22);
    const birth = `${born}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
    const male = rnd() < 0.55;
    let id = '';
    for (let seq = int(0, 499); ; seq = (seq + 1) % 500) {
      const first17 = `110105${birth.replaceAll('-', '')}${pad(seq * 2 + (male ? 1 : 0), 3)}`;
      id = first17 + idCheckChar(first17);
      if (!usedIds.has(id)) break;
    }
    usedIds.add(id);
    const row: Record<RowKey, string> = {
      name: pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : ''),
      gender: male ? '男' : '女',
      birthDate: birth,
      idNumber: id,
      ethnicity: pick(ETHNICITIES),
      education: pick(EDUCATION),
      joinedOn: '',
      convertedOn: '',
      branch: pick(BRANCHES),
      category,
      phone: `13${pad(int(0, 999_999_999), 9)}`,
      address: `东风路 ${int(1, 300)} 号 ${int(1, 30)} 栋`,
      occupation: pick(['退休', '社区工作者', '教师', '工程师', '个体经营', '医生', '公务员']),
      appliedOn: '',
      activistOn: '',
      candidateOn: '',
    };
    if (category === '正式党员') {
      // Joined between 20 and 45, at least two years ago; a one-year probation (党章第七条).
      const joinYear = Math.min(born + int(20, 45), thisYear - 2);
      row.joinedOn = `${joinYear}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
      row.convertedOn = plusYears(row.joinedOn, 1);
      counts.full++;
    } else if (category === '预备党员') {
      row.joinedOn = plusDays(today, -int(30, 330));
      counts.probationary++;
    } else {
      row.appliedOn = plusDays(today, -int(700, 1000));
      if (category !== '入党申请人') row.activistOn = plusDays(row.appliedOn, int(90, 200));
      if (category === '发展对象') row.candidateOn = plusDays(row.activistOn, int(365, 390));
      counts.process++;
    }
    rows.push(row);
  }
  return { rows, counts };
}

/** Writes the rows under the template's headings. */
export async function writeRosterXlsx(file: string, rows: readonly Record<RowKey, string>[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(COLUMNS.map((c) => c.heading));
  for (const r of rows) ws.addRow(COLUMNS.map((c) => r[c.key]));
  await wb.xlsx.writeFile(file);
}
