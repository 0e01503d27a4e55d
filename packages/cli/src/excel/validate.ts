/**
 * Checks every roster row before anything is signed, collecting every problem of every row with
 * its spreadsheet row number, in Chinese (English second). Pure: today and the branches are given.
 */
import { addYears, ageOn, type IsoDate } from '@djchain/modules';
import { parseDate } from './cells.ts';
import { CATEGORIES, type Category, COLUMNS, type RawRow, type RowKey } from './columns.ts';
import { readIdNumber } from './idcard.ts';

export interface RowError {
  /** The spreadsheet row number (1 = the heading row). */
  readonly row: number;
  readonly column: string;
  readonly zh: string;
  readonly en: string;
}

export interface ValidRow {
  readonly row: number;
  readonly name: string;
  readonly gender: '男' | '女';
  readonly birthDate: IsoDate;
  readonly idNumber: string;
  readonly ethnicity: string;
  readonly education: string;
  readonly category: Category;
  /** Org id of the 党支部. */
  readonly branch: string;
  readonly joinedOn: IsoDate | null;
  readonly convertedOn: IsoDate | null;
  readonly appliedOn: IsoDate | null;
  readonly activistOn: IsoDate | null;
  readonly candidateOn: IsoDate | null;
  readonly phone: string;
  readonly address: string;
  readonly occupation: string;
}

export interface ValidationContext {
  /** China date of today: no date may be later. */
  readonly today: IsoDate;
  /** 党支部 by id and by name → id. */
  readonly branches: ReadonlyMap<string, string>;
}

const heading = (key: RowKey) => COLUMNS.find((c) => c.key === key)!.heading;

/** Which process dates each category must have (a later stage has passed every earlier one). */
const NEEDS: Readonly<Record<Category, readonly RowKey[]>> = {
  正式党员: ['joinedOn', 'convertedOn'],
  预备党员: ['joinedOn'],
  发展对象: ['appliedOn', 'activistOn', 'candidateOn'],
  入党积极分子: ['appliedOn', 'activistOn'],
  入党申请人: ['appliedOn'],
};

/** Dates that must come in this order when present. */
const ORDER: readonly RowKey[] = [
  'birthDate',
  'appliedOn',
  'activistOn',
  'candidateOn',
  'joinedOn',
  'convertedOn',
];

function validateRow(
  raw: RawRow,
  row: number,
  ctx: ValidationContext,
): { ok: true; value: ValidRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (key: RowKey, zh: string, en: string) => errors.push({ row, column: heading(key), zh, en });
  const text = (key: RowKey) => (raw[key] ?? '').trim();

  for (const c of COLUMNS)
    if (c.required && text(c.key) === '') fail(c.key, `${c.heading}不能为空`, `${c.heading} is empty`);

  const name = text('name');
  if (name.length > 50) fail('name', '姓名超过 50 个字', 'name longer than 50 characters');

  const dates: Partial<Record<RowKey, IsoDate>> = {};
  for (const key of ORDER) {
    const t = text(key);
    if (t === '') continue;
    const d = parseDate(t);
    if (d === null) fail(key, `${heading(key)}“${t}”不是有效日期`, `${heading(key)} "${t}" is not a date`);
    else if (d > ctx.today) fail(key, `${heading(key)}晚于今天`, `${heading(key)} is in the future`);
    else dates[key] = d;
  }

  const idNumber = text('idNumber').toUpperCase();
  let idBirth: string | null = null;
  if (idNumber !== '') {
    const id = readIdNumber(idNumber);
    if ('problem' in id) {
      const zh = {
        format: '身份证号应为 18 位（末位可为 X）',
        birthDate: '身份证号中的出生日期无效',
        checksum: '身份证号校验位错误',
      };
      const en = {
        format: 'ID number must be 18 characters',
        birthDate: 'ID number has an invalid birth date',
        checksum: 'ID number check digit is wrong',
      };
      fail('idNumber', zh[id.problem], en[id.problem]);
    } else {
      idBirth = id.birthDate;
      const gender = text('gender');
      if (gender !== '' && gender !== id.gender)
        fail('gender', `性别“${gender}”与身份证号不符`, `gender "${gender}" does not match the ID number`);
      if (dates.birthDate !== undefined && dates.birthDate !== id.birthDate)
        fail('birthDate', '出生日期与身份证号不符', 'birth date does not match the ID number');
    }
  }
  const gender = text('gender');
  if (gender !== '' && gender !== '男' && gender !== '女')
    fail('gender', `性别“${gender}”应为“男”或“女”`, `gender "${gender}" must be 男 or 女`);

  const category = text('category') as Category;
  if (category !== ('' as Category) && !CATEGORIES.includes(category))
    fail(
      'category',
      `人员类别“${category}”应为${CATEGORIES.join('、')}之一`,
      `category "${category}" is not one of ${CATEGORIES.join(', ')}`,
    );
  else if (CATEGORIES.includes(category)) {
    for (const key of NEEDS[category])
      if (text(key) === '')
        fail(key, `${category}须填写${heading(key)}`, `${heading(key)} is required for ${category}`);
    if (category === '预备党员' && text('convertedOn') !== '')
      fail('convertedOn', '预备党员不应有转正日期', 'a probationary member has no conversion date');
    if (
      (category === '入党申请人' || category === '入党积极分子' || category === '发展对象') &&
      text('joinedOn') !== ''
    )
      fail('joinedOn', `${category}不应有入党日期`, `${category} has no joining date`);
  }

  // Order of the life events, then the rules of the Constitution on age and probation.
  let prev: RowKey | null = null;
  for (const key of ORDER) {
    const d = dates[key];
    if (d === undefined) continue;
    if (prev !== null && d < dates[prev]!)
      fail(key, `${heading(key)}早于${heading(prev)}`, `${heading(key)} is before ${heading(prev)}`);
    prev = key;
  }
  const birth = dates.birthDate ?? idBirth;
  if (birth !== null && isValidDate(birth)) {
    for (const key of ['appliedOn', 'joinedOn'] as const) {
      const d = dates[key];
      if (d !== undefined && d >= birth && ageOn(birth, d) < 18)
        fail(
          key,
          `${heading(key)}时未满十八岁（《中国共产党章程》第一条）`,
          `under 18 on ${heading(key)} (Party Constitution, Art. 1)`,
        );
    }
  }
  if (dates.joinedOn !== undefined && dates.convertedOn !== undefined) {
    const earliest = addYears(dates.joinedOn, 1);
    const latest = addYears(dates.joinedOn, 2);
    if (dates.convertedOn < earliest || dates.convertedOn > latest)
      fail(
        'convertedOn',
        '转正日期应在入党日期后一年至两年之间（预备期一年，延长不超过一年，《中国共产党章程》第七条）',
        'conversion must be 1 to 2 years after joining (Party Constitution, Art. 7)',
      );
  }

  const branchText = text('branch');
  const branch = ctx.branches.get(branchText);
  if (branchText !== '' && branch === undefined)
    fail(
      'branch',
      `所在支部“${branchText}”不是链上的党支部`,
      `branch "${branchText}" is not a 党支部 on chain`,
    );

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      row,
      name,
      gender: gender as '男' | '女',
      birthDate: birth as IsoDate,
      idNumber,
      ethnicity: text('ethnicity'),
      education: text('education'),
      category,
      branch: branch!,
      joinedOn: dates.joinedOn ?? null,
      convertedOn: dates.convertedOn ?? null,
      appliedOn: dates.appliedOn ?? null,
      activistOn: dates.activistOn ?? null,
      candidateOn: dates.candidateOn ?? null,
      phone: text('phone'),
      address: text('address'),
      occupation: text('occupation'),
    },
  };
}

function isValidDate(s: string): s is IsoDate {
  return /^\d{4}-\d{2}-\d{2}$/.test(s);
}

/** Validates all rows; a repeated ID number is an error on every later row that repeats it. */
export function validateRows(
  rows: readonly { row: number; raw: RawRow }[],
  ctx: ValidationContext,
): { valid: ValidRow[]; errors: RowError[] } {
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { row, raw } of rows) {
    const r = validateRow(raw, row, ctx);
    if (!r.ok) {
      errors.push(...r.errors);
      continue;
    }
    const first = seen.get(r.value.idNumber);
    if (first !== undefined) {
      errors.push({
        row,
        column: heading('idNumber'),
        zh: `身份证号与第 ${first} 行重复`,
        en: `ID number repeats row ${first}`,
      });
      continue;
    }
    seen.set(r.value.idNumber, row);
    valid.push(r.value);
  }
  return { valid, errors };
}
