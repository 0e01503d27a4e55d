/** Texts of `djchain orglife` (issue 15): the meeting and study registers, and the import of meeting records. */
export const ORGLIFE_MESSAGES = {
  CLI_ORGLIFE_ROWS: {
    'zh-CN': '表格有 {n} 处错误，未提交任何记录：\n{errors}',
    en: 'The sheet has {n} errors; nothing was submitted:\n{errors}',
  },
  CLI_ORGLIFE_NO_SHEET: {
    'zh-CN': '{file} 没有工作表，或第 1 行缺少列：{missing}',
    en: '{file} has no worksheet, or row 1 lacks the columns: {missing}',
  },
  orglifeImported: {
    'zh-CN': '导入完成：共 {total} 行，已记录 {done} 次会议，链上拒绝 {refused} 行。',
    en: 'Import done: {total} rows, {done} meetings recorded, {refused} rows refused by the chain.',
  },
  orglifeMeetings: { 'zh-CN': '会议记录', en: 'meeting register' },
  orglifeStudy: { 'zh-CN': '学习登记', en: 'study register' },
} as const;
