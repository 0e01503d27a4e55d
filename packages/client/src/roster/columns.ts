/**
 * The roster columns the import reads and the template offers: the usual 党员名册 headings, plus the
 * historical dates of people still being recruited. Headings are matched after
 * trimming spaces; a few common variants are accepted.
 */
export const CATEGORIES = ['正式党员', '预备党员', '发展对象', '入党积极分子', '入党申请人'] as const;
export type Category = (typeof CATEGORIES)[number];

export const EDUCATION = [
  '研究生',
  '博士研究生',
  '硕士研究生',
  '大学本科',
  '大学专科',
  '中等专科',
  '高中',
  '初中',
  '小学',
  '其他',
] as const;

export interface Column {
  /** The key in a parsed row. */
  readonly key: RowKey;
  readonly heading: string;
  readonly aliases?: readonly string[];
  readonly required: boolean;
  readonly example: string;
  readonly note: string;
}

export type RowKey =
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'idNumber'
  | 'ethnicity'
  | 'education'
  | 'joinedOn'
  | 'convertedOn'
  | 'branch'
  | 'category'
  | 'phone'
  | 'address'
  | 'occupation'
  | 'appliedOn'
  | 'activistOn'
  | 'candidateOn';

export const COLUMNS: readonly Column[] = [
  { key: 'name', heading: '姓名', required: true, example: '张三', note: '必填' },
  { key: 'gender', heading: '性别', required: true, example: '男', note: '男 或 女，须与身份证号一致' },
  {
    key: 'birthDate',
    heading: '出生日期',
    required: true,
    example: '1985-03-12',
    note: '日期，须与身份证号一致',
  },
  {
    key: 'idNumber',
    heading: '身份证号',
    aliases: ['公民身份号码', '身份证号码'],
    required: true,
    example: '110105198503120019',
    note: '18 位，含校验位（GB 11643）；只用于生成编号和承诺值，不上链',
  },
  { key: 'ethnicity', heading: '民族', required: false, example: '汉族', note: '' },
  { key: 'education', heading: '学历', required: false, example: '大学本科', note: EDUCATION.join('、') },
  {
    key: 'joinedOn',
    heading: '入党日期',
    aliases: ['加入党组织日期'],
    required: false,
    example: '2010-07-01',
    note: '正式党员、预备党员必填（支部大会通过之日）',
  },
  {
    key: 'convertedOn',
    heading: '转正日期',
    aliases: ['转为正式党员日期'],
    required: false,
    example: '2011-07-01',
    note: '正式党员必填；预备党员不填',
  },
  {
    key: 'branch',
    heading: '所在支部',
    aliases: ['所在党支部', '所在党组织'],
    required: true,
    example: '第一党支部',
    note: '党支部名称或编号',
  },
  { key: 'category', heading: '人员类别', required: true, example: '正式党员', note: CATEGORIES.join('、') },
  {
    key: 'phone',
    heading: '联系电话',
    aliases: ['手机号码'],
    required: false,
    example: '13800000000',
    note: '',
  },
  { key: 'address', heading: '家庭住址', required: false, example: '东风路 1 号', note: '' },
  {
    key: 'occupation',
    heading: '工作单位及职务',
    aliases: ['职业'],
    required: false,
    example: '退休',
    note: '',
  },
  {
    key: 'appliedOn',
    heading: '申请入党日期',
    required: false,
    example: '2008-03-01',
    note: '入党申请人及以后必填',
  },
  {
    key: 'activistOn',
    heading: '确定积极分子日期',
    aliases: ['确定为入党积极分子日期'],
    required: false,
    example: '2008-09-01',
    note: '入党积极分子及以后必填',
  },
  {
    key: 'candidateOn',
    heading: '确定发展对象日期',
    aliases: ['确定为发展对象日期'],
    required: false,
    example: '2009-09-01',
    note: '发展对象必填',
  },
];

export type RawRow = Partial<Record<RowKey, string>>;
