/** Texts of `djchain dues …` (zh-CN first, English second): its output, row errors and codes. */

const AUDIT = {
  CLI_DUES_AUDIT_COLLECTED: {
    'zh-CN': '{year} 年收缴党费：按交纳记录重算为 {recomputed} 元，链上账簿为 {chain} 元。',
    en: 'Collected in {year}: {recomputed} 元 from the payment records, {chain} 元 in the books on chain.',
  },
  CLI_DUES_AUDIT_RECEIVED: {
    'zh-CN': '{year} 年收到下级上缴：按上缴记录重算为 {recomputed} 元，链上账簿为 {chain} 元。',
    en: 'Received in {year}: {recomputed} 元 from the remittance records, {chain} 元 in the books.',
  },
  CLI_DUES_AUDIT_REMITTED: {
    'zh-CN': '{year} 年上缴上级：按上缴记录重算为 {recomputed} 元，链上账簿为 {chain} 元。',
    en: 'Remitted in {year}: {recomputed} 元 from the remittance records, {chain} 元 in the books.',
  },
  CLI_DUES_AUDIT_HELD: {
    'zh-CN': '结存：按全部记录重算为 {recomputed} 元，链上账簿为 {chain} 元（收缴 = 上缴 + 结存 不成立）。',
    en: 'Held: {recomputed} 元 from all records, {chain} 元 in the books (collected = remitted + held fails).',
  },
  CLI_DUES_AUDIT_NEGATIVE: {
    'zh-CN': '{month} 月末结存为 {held} 元，上缴超过了收缴。',
    en: 'At the end of {month} the organization held {held} 元: more remitted than collected.',
  },
  CLI_DUES_AUDIT_UNASSESSED: {
    'zh-CN': '交纳记录 {payment} 含未核定的月份 {month}。',
    en: 'Payment {payment} covers {month}, which had no assessed amount.',
  },
  CLI_DUES_AUDIT_DUE: {
    'zh-CN': '交纳记录 {payment} 记载应交 {recorded} 元，按核定标准重算为 {recomputed} 元。',
    en: 'Payment {payment} says {recorded} 元 was due; the assessments give {recomputed} 元.',
  },
  CLI_DUES_AUDIT_SHORT: {
    'zh-CN': '交纳记录 {payment} 实交 {fen} 元，少于应交 {due} 元。',
    en: 'Payment {payment} paid {fen} 元, less than the {due} 元 due.',
  },
  CLI_DUES_AUDIT_RULE: {
    'zh-CN': '{member} 自 {from} 的核定使用规则版本 {rule}，该月应适用版本 {expected}。',
    en: 'The assessment of {member} from {from} uses rule {rule}; the month falls under {expected}.',
  },
  CLI_DUES_AUDIT_AMOUNT: {
    'zh-CN': '{member} 自 {from} 的核定金额 {fen} 元不是{group}党员按规则 {rule} 可能交纳的数额。',
    en: 'The assessment of {member} from {from}, {fen} 元, is no amount rule {rule} gives a {group} member.',
  },
  CLI_DUES_AUDIT_NO_BASE: {
    'zh-CN': '{member} 自 {from} 的核定在密封基数文件中没有对应的计算基数（或已无法打开）。',
    en: 'No sealed base (or none that opens) for the assessment of {member} from {from}.',
  },
  CLI_DUES_AUDIT_COMMITMENT: {
    'zh-CN': '{member} 自 {from} 的密封计算基数与链上承诺值 {commitment}… 不符。',
    en: 'The sealed base of {member} from {from} does not match the commitment {commitment}… on chain.',
  },
  CLI_DUES_AUDIT_BASE_AMOUNT: {
    'zh-CN': '{member} 自 {from} 按密封计算基数和规则 {rule} 应交 {computed} 元，链上核定为 {fen} 元。',
    en: 'From the sealed base, rule {rule} gives {member} {computed} 元 a month from {from}; {fen} 元 is assessed.',
  },
} as const;

const ROWS = {
  duesRowNeedVault: {
    'zh-CN': '按身份证号识别党员须提供导入密钥库（--vault）。',
    en: 'Members named by ID number need the import vault (--vault).',
  },
  duesRowNoMember: { 'zh-CN': '未填写党员编号或身份证号。', en: 'No member id or ID number.' },
  duesRowUnknownMember: { 'zh-CN': '党员 {member} 在链上不存在。', en: 'Member {member} is not on chain.' },
  duesRowNotMember: {
    'zh-CN': '{member} 当前为“{status}”，只对正式党员和预备党员核收党费。',
    en: '{member} is “{status}”: dues are for full and probationary members only.',
  },
  duesRowNoPost: {
    'zh-CN': '您不是 {member} 所在党组织（{org}）的{posts}，不能办理其党费。',
    en: 'You hold none of {posts} in {org}, the organization of {member}.',
  },
  duesRowBadGroup: {
    'zh-CN': '党费类别“{group}”无效，应为：{groups}。',
    en: 'Dues group “{group}” is not one of: {groups}.',
  },
  duesRowBadMonth: {
    'zh-CN': '起始月份“{value}”无效，应为 YYYY-MM（如 2026-01）。',
    en: 'Start month “{value}” is not a month YYYY-MM.',
  },
  duesRowFromLate: {
    'zh-CN': '起始月份 {from} 晚于 {latest}，不能提前核定。',
    en: 'Start month {from} is after {latest}.',
  },
  duesRowNoBase: {
    'zh-CN': '“{group}”党员须填写计算基数（农民党员填写党支部确定的月交纳额）。',
    en: 'A “{group}” member needs a base (for farmers: the monthly amount the branch set).',
  },
  duesRowBadYuan: {
    'zh-CN': '金额“{value}”无效，应为不小于 0 的元数，最多两位小数（如 4500.00）。',
    en: 'Amount “{value}” is not a non-negative amount in 元 with at most two decimals.',
  },
  duesRowRule: { 'zh-CN': '{reason}（{code}，{cite}）', en: '{reason} ({code}, {cite})' },
  duesRowDuplicate: {
    'zh-CN': '与第 {first} 行重复（同一党员、同一起始月份）。',
    en: 'Repeats row {first} (same member, same start month).',
  },
  duesRowRetroactive: {
    'zh-CN': '该党员 {month} 的党费已交纳，新标准不能自 {from} 起适用：请先更正该交纳记录。',
    en: '{month} is already paid: a new amount cannot apply from {from}; correct that payment first.',
  },
  duesRowBadMonths: {
    'zh-CN': '所属月份“{value}”无效，应为 2026-01、2026-01,2026-02 或 2026-01至2026-03（最多 12 个月）。',
    en: 'Months “{value}” are not 2026-01, 2026-01,2026-02 or 2026-01至2026-03 (at most 12).',
  },
  duesRowBadMethod: {
    'zh-CN': '交纳方式“{value}”无效，应为：现金、转账、其他。',
    en: 'Method “{value}” is not one of 现金, 转账, 其他.',
  },
  duesRowLongText: {
    'zh-CN': '{column}超过 {max} 个字符。',
    en: '{column} is longer than {max} characters.',
  },
  duesRowMonthTwice: {
    'zh-CN': '{month} 已在第 {first} 行交纳，同一月份不能交纳两次。',
    en: '{month} is paid on row {first} already.',
  },
  duesRowNotDue: {
    'zh-CN': '{month} 尚未到期（最晚可交至 {latest}）。',
    en: '{month} is not due yet (latest {latest}).',
  },
  duesRowPaid: {
    'zh-CN': '{month} 的党费已交纳（记录 {payment}）。',
    en: '{month} is already paid (record {payment}).',
  },
  duesRowUnassessed: {
    'zh-CN': '{month} 尚未核定交纳数额，请先导入计算基数。',
    en: '{month} has no assessed amount: import the bases first.',
  },
  duesRowNotOwed: {
    'zh-CN': '{month} 无需交纳党费（当时不是党员或已批准免交）。',
    en: 'Nothing is owed for {month} (not a member then, or waived).',
  },
  duesRowShort: {
    'zh-CN': '金额 {amount} 元少于应交 {due} 元。',
    en: 'Amount {amount} 元 is less than the {due} 元 due.',
  },
  duesRowLateReason: {
    'zh-CN': '补交超过 {limit} 个月的党费须填写补交说明。',
    en: 'Paying back more than {limit} months needs a stated reason (补交说明).',
  },
} as const;

export const DUES_MESSAGES = {
  ...AUDIT,
  ...ROWS,
  CLI_DUES_BAD_GROUP: {
    'zh-CN': '党费类别“{group}”无效，应为：{groups}。',
    en: 'Dues group “{group}” is not one of: {groups}.',
  },
  CLI_DUES_BAD_YUAN: {
    'zh-CN': '--{option} 的金额“{value}”无效，应为不小于 0 的元数，最多两位小数（如 3000.01）。',
    en: '--{option} “{value}” is not a non-negative amount in 元 with at most two decimals (e.g. 3000.01).',
  },
  CLI_DUES_BAD_MONTH: {
    'zh-CN': '--{option} 的月份“{value}”无效，应为 YYYY-MM，且不得重复。',
    en: '--{option} “{value}”: months are written YYYY-MM, each once.',
  },
  CLI_DUES_BAD_YEAR: {
    'zh-CN': '年份“{value}”无效，应为四位数字。',
    en: 'Year “{value}” is not four digits.',
  },
  CLI_DUES_REFUSED: {
    'zh-CN': '{reason}\n  代码：{code}\n  依据：{cite}',
    en: '{reason}\n  code: {code}\n  rule: {cite}',
  },
  CLI_DUES_UNKNOWN: {
    'zh-CN': '链上没有编号为 {id} 的党员或党组织。',
    en: 'No member or organization {id} on chain.',
  },
  CLI_DUES_BAD_METHOD: {
    'zh-CN': '交纳方式“{value}”无效，应为：{methods}。',
    en: 'Method “{value}” is not one of: {methods}.',
  },
  CLI_DUES_BAD_OUTCOME: {
    'zh-CN': '处理结果“{value}”无效，应为“除名”或“不予除名”。',
    en: 'Outcome “{value}” is not 除名 or 不予除名.',
  },
  CLI_DUES_SHEET_MISSING: {
    'zh-CN': '{file} 第 1 行缺少列：{columns}。',
    en: '{file} lacks the columns (row 1): {columns}.',
  },
  duesRate: {
    'zh-CN':
      '党费类别：{group}\n计算基数：{base} 元\n计算方法：{how}\n月交党费：{amount} 元\n依据：{article}（规则版本 {version}，自 {from} 起适用；所属月份 {month}）',
    en: 'Group: {group}\nBase: {base} 元\nHow: {how}\nMonthly dues: {amount} 元\nRule: {article} (version {version}, from {from}; month {month})',
  },
  duesRateBased: {
    'zh-CN': '按全额 {percent} 计算，四舍五入到分',
    en: '{percent} of the whole base, rounded half up to the fen',
  },
  duesRateFarmer: {
    'zh-CN': '由党支部在 {min} 元至 {max} 元之间确定',
    en: 'set by the branch between {min} and {max} 元',
  },
  duesRateFixed: { 'zh-CN': '固定数额', en: 'a fixed amount' },
  duesStateNotMember: { 'zh-CN': '非党员', en: 'not a member' },
  duesStateUnassessed: { 'zh-CN': '未核定', en: 'not assessed' },
  duesStateWaived: { 'zh-CN': '免交', en: 'waived' },
  duesStatePaid: { 'zh-CN': '已交', en: 'paid' },
  duesStateReported: { 'zh-CN': '待确认', en: 'awaiting confirmation' },
  duesStateUnpaid: { 'zh-CN': '未交', en: 'unpaid' },
  duesRegisterHead: {
    'zh-CN': '{org}（{id}）{month} 党费收缴情况（区块高度 {height}）：',
    en: '{org} ({id}) dues for {month} (height {height}):',
  },
  duesRegisterRow: {
    'zh-CN': '  {member}  {state}  应交 {fen} 元  记录 {payment}',
    en: '  {member}  {state}  due {fen} 元  record {payment}',
  },
  duesRegisterTotal: {
    'zh-CN':
      '共 {members} 人：已交 {paid}，未交 {unpaid}，待确认 {reported}，免交 {waived}，未核定 {unassessed}；应交合计 {due} 元，已交合计 {paidFen} 元。',
    en: '{members} members: {paid} paid, {unpaid} unpaid, {reported} awaiting confirmation, {waived} waived, {unassessed} not assessed; due {due} 元, paid {paidFen} 元.',
  },
  duesArrearsHead: {
    'zh-CN': '截至已结账月份 {month}，连续未交党费的党员 {count} 人：',
    en: 'Members with unpaid months up to the closed month {month}: {count}',
  },
  duesArrearsRow: {
    'zh-CN': '  {member}  连续 {count} 个月未交：{months}{flag}',
    en: '  {member}  {count} months unpaid in a row: {months}{flag}',
  },
  duesFlagWarn: { 'zh-CN': '（已提醒本人和支部，{cite}）', en: ' (member and branch warned, {cite})' },
  duesFlagLapse: {
    'zh-CN': '（满六个月，提交支部大会讨论，{cite}）',
    en: ' (six months: before the branch meeting, {cite})',
  },
  duesCaseLine: {
    'zh-CN': '  {member} 连续六个月未交党费案件：{status}（{months}；{cite}）',
    en: '  {member} six-month case: {status} ({months}; {cite})',
  },
  duesCaseOpen: { 'zh-CN': '待支部大会讨论', en: 'open, for the branch meeting' },
  duesCaseDecided: { 'zh-CN': '已作出决定', en: 'decided' },
  duesAccountHead: {
    'zh-CN': '党员 {member}（{org}）{year} 年党费（区块高度 {height}）：',
    en: 'Member {member} ({org}) dues {year} (height {height}):',
  },
  duesAccountRow: {
    'zh-CN': '  {month}  {state}  {fen} 元  {group}  规则 {rule}  记录 {payment}',
    en: '  {month}  {state}  {fen} 元  {group}  rule {rule}  record {payment}',
  },
  duesAccountArrears: {
    'zh-CN': '连续未交 {count} 个月：{months}',
    en: 'Unpaid in a row: {count} ({months})',
  },
  duesAssessing: {
    'zh-CN':
      '核定 {member} 自 {from} 起月交党费 {amount} 元（{group}，比例 {how}，规则版本 {version}，{article}）。',
    en: 'Assessing {member} from {from}: {amount} 元 a month ({group}, rate {how}, rule {version}, {article}).',
  },
  duesPaying: {
    'zh-CN': '登记 {member} 交纳 {months} 党费 {amount} 元（记录编号 {id}）。',
    en: 'Recording {amount} 元 from {member} for {months} (record {id}).',
  },
  duesRemitting: {
    'zh-CN': '{org} 上缴党费 {amount} 元（所属期间 {period}，上缴单号 {id}）。',
    en: '{org} remits {amount} 元 (period {period}, remittance {id}).',
  },
  duesCloseOpen: {
    'zh-CN': '{org} {month} 尚未结账：该月结束后的第一个区块自动结账。',
    en: '{org}: {month} is not closed yet; the first block after it closes it.',
  },
  duesClosed: {
    'zh-CN':
      '{org} {month} 已结账（区块高度 {height} 时的记录）：应交党员 {members} 人，已交或免交 {paid} 人，未交 {unpaid} 人；应交合计 {due} 元，已交合计 {paidFen} 元。',
    en: '{org} {month} closed (records at height {height}): {members} members owing, {paid} paid or waived, {unpaid} unpaid; due {due} 元, paid {paidFen} 元.',
  },
  duesAuditHead: {
    'zh-CN':
      '{org}（{id}）{year} 年党费审计（区块高度 {height}）：党员 {members} 人，交纳记录 {payments} 笔，核定记录 {assessments} 条；上年结转 {opening} 元。\n  月份     收缴       收到下级上缴   上缴       月末结存',
    en: '{org} ({id}) dues audit {year} (height {height}): {members} members, {payments} payments, {assessments} assessments; brought forward {opening} 元.\n  month    collected  received       remitted   held',
  },
  duesAuditMonth: {
    'zh-CN': '  {month}  {collected}  {received}  {remitted}  {held}',
    en: '  {month}  {collected}  {received}  {remitted}  {held}',
  },
  duesAuditTotals: {
    'zh-CN':
      '本年合计：收缴 {collected} 元，收到下级上缴 {received} 元，上缴 {remitted} 元；当前结存 {held} 元。',
    en: 'Year: collected {collected} 元, received {received} 元, remitted {remitted} 元; held now {held} 元.',
  },
  duesAuditNoBases: {
    'zh-CN': '未提供密封计算基数（--vault、--bases）：只核对金额是否为规则可能的数额，未核对承诺值。',
    en: 'No sealed bases given (--vault, --bases): amounts checked against the rule only, commitments not.',
  },
  duesAuditClean: {
    'zh-CN': '账实相符：收缴 = 上缴 + 结存，每笔交纳与核定标准一致。',
    en: 'The books balance: collected = remitted + held, and every payment matches its assessment.',
  },
  duesAuditFindings: { 'zh-CN': '发现 {count} 处不符：', en: '{count} discrepancies:' },
  duesAuditRecords: { 'zh-CN': '相关记录：{records}', en: 'records: {records}' },
  duesImportNothing: {
    'zh-CN': '共 {total} 行，{bad} 行有错误：未导入任何数据，请改正后重新导入。',
    en: '{total} rows, {bad} with errors: nothing was imported. Correct them and import again.',
  },
  duesImportedBases: {
    'zh-CN':
      '共 {total} 行：已核定 {done} 人，链上拒绝 {refused} 行。计算基数已密封保存在 {bases}（不上链）。',
    en: '{total} rows: {done} assessed, {refused} refused on chain. Bases sealed in {bases} (not on chain).',
  },
  duesImportedPayments: {
    'zh-CN': '共 {total} 行：已登记 {done} 笔交纳，链上拒绝 {refused} 行。',
    en: '{total} rows: {done} payments recorded, {refused} refused on chain.',
  },
  duesBasePrompt: {
    'zh-CN': '计算基数（元，输入不显示）：',
    en: 'Monthly base (元, not echoed): ',
  },
  duesPublishing: {
    'zh-CN': '公示上链（仅本支部党员可见）：文件哈希 {document}',
    en: 'Publishing the notice on chain (members only): file hash {document}',
  },
  duesExported: {
    'zh-CN': '已写入{what}：{file}（{rows} 行，区块高度 {height}）',
    en: 'Wrote {what}: {file} ({rows} rows, height {height})',
  },
} as const;
