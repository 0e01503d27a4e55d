/** Error registry of the dues module: each refusal coded, in English and Chinese, with its article. */

import { cite, DOC } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

export const DuesErrors = {
  ...baseErrors('DUES'),
  EXISTS: { code: 'DUES_EXISTS', en: 'A record with this id exists.', zh: '该编号的记录已存在。' },
  NOT_A_MEMBER: {
    code: 'DUES_NOT_A_MEMBER',
    en: 'Dues are assessed for Party members (full or probationary) only.',
    zh: '只对正式党员和预备党员核定党费。',
    cite: cite(DOC.constitution, 8),
  },
  BAD_BASE: {
    code: 'DUES_BAD_BASE',
    en: 'The monthly base must be an amount in fen between 0 and 1,000,000 元.',
    zh: '计算基数应为 0 至 100 万元之间的金额（以分为单位），请核对是否多输入了位数。',
    cite: cite(DOC.dues, 2),
  },
  NO_BASE: {
    code: 'DUES_NO_BASE',
    en: 'This group pays a rate of a base: give the base and its commitment.',
    zh: '该类党员按基数比例交纳党费，须提供计算基数及其承诺值。',
    cite: cite(DOC.dues, 1),
  },
  UNEXPECTED_BASE: {
    code: 'DUES_UNEXPECTED_BASE',
    en: 'This group pays a fixed amount: give no base or commitment.',
    zh: '该类党员按固定数额交纳，不应填写计算基数或承诺值。',
    cite: cite(DOC.dues, 6),
  },
  BAD_FARMER_AMOUNT: {
    code: 'DUES_BAD_FARMER_AMOUNT',
    en: 'A farmer member pays 0.2 to 1 元 a month, as the branch sets.',
    zh: '农民党员每月交纳党费 0.2 元至 1 元，由党支部确定。',
    cite: cite(DOC.dues, 6),
  },
  WRONG_AMOUNT: {
    code: 'DUES_WRONG_AMOUNT',
    en: 'The amount does not follow from the group and base under the rule in force.',
    zh: '核定金额与该类党员、计算基数及现行比例计算的结果不一致。',
    cite: cite(DOC.dues, 2),
  },
  RETROACTIVE_PAID: {
    code: 'DUES_RETROACTIVE_PAID',
    en: 'A month from which the new amount would apply is already paid: correct that payment first.',
    zh: '新标准起始月份之后已有交纳记录，请先更正该交纳记录后再调整标准。',
    cite: cite(DOC.dues, 10),
  },
  BAD_MONTH: {
    code: 'DUES_BAD_MONTH',
    en: 'Months are written YYYY-MM, each once.',
    zh: '月份格式应为 YYYY-MM，且不得重复。',
  },
  NOT_DUE: {
    code: 'DUES_NOT_DUE',
    en: 'A month not yet due cannot be paid (a quarterly arrangement allows the current quarter).',
    zh: '尚未到期的月份不能交纳（经党支部同意按季度交纳的，可交纳本季度）。',
    cite: cite(DOC.dues, 12),
  },
  NOT_OWED: {
    code: 'DUES_NOT_OWED',
    en: 'Nothing is owed for this month (not a member then, or waived).',
    zh: '该月无需交纳党费（当时不是党员或已批准免交）。',
  },
  NOT_ASSESSED: {
    code: 'DUES_NOT_ASSESSED',
    en: 'No amount is assessed for this month: the branch assesses it first.',
    zh: '该月尚未核定交纳数额，请党支部先行核定。',
    cite: cite(DOC.dues, 2),
  },
  ALREADY_PAID: {
    code: 'DUES_ALREADY_PAID',
    en: 'This month is already paid (or a payment for it awaits confirmation).',
    zh: '该月党费已交纳（或已有待确认的交纳记录）。',
  },
  AMOUNT_SHORT: {
    code: 'DUES_AMOUNT_SHORT',
    en: 'The amount is less than what the months are due at.',
    zh: '交纳金额少于所交月份应交数额。',
    cite: cite(DOC.dues, 12),
  },
  BACKPAY_REASON: {
    code: 'DUES_BACKPAY_REASON',
    en: 'Back-payment beyond six months is recorded with a stated reason (it is marked late).',
    zh: '补交超过六个月的党费须说明原因，记录将标明逾期补交。',
    cite: cite(DOC.dues, 12),
  },
  NO_PROXY: {
    code: 'DUES_NO_PROXY',
    en: 'Payment by a proxy needs the branch’s consent (an arrangement).',
    zh: '委托他人代交党费须经党支部同意。',
    cite: cite(DOC.dues, 12),
  },
  NOT_REPORTED: {
    code: 'DUES_NOT_REPORTED',
    en: 'The payment is not awaiting confirmation.',
    zh: '该交纳记录不处于待确认状态。',
  },
  NOT_CONFIRMED: {
    code: 'DUES_NOT_CONFIRMED',
    en: 'Only a confirmed payment can be corrected.',
    zh: '只有已确认的交纳记录才能更正。',
  },
  CORRECTION_EXCEEDS_HELD: {
    code: 'DUES_CORRECTION_EXCEEDS_HELD',
    en: 'Correcting this payment would leave the branch holding less than nothing: the money was remitted.',
    zh: '该笔党费已上缴，更正后结存将为负数，请与上级党委核对。',
  },
  BAD_RELIEF: {
    code: 'DUES_BAD_RELIEF',
    en: 'A reduction is below the assessed amount (0 waives), for at most 12 months not yet paid.',
    zh: '少交数额应低于核定数额（0 为免交），期限不超过十二个月且不含已交月份。',
    // The article number of the hardship rule is not confirmed from the text: the document is cited.
    cite: DOC.dues,
  },
  NOT_PENDING: {
    code: 'DUES_NOT_PENDING',
    en: 'The request is not awaiting approval.',
    zh: '该申请不处于待批准状态。',
  },
  REMIT_EXCEEDS_HELD: {
    code: 'DUES_REMIT_EXCEEDS_HELD',
    en: 'A remittance cannot exceed what the organization holds.',
    zh: '上缴金额不能超过本组织结存的党费。',
  },
  NO_SUPERIOR: {
    code: 'DUES_NO_SUPERIOR',
    en: 'The organization has no superior to remit to.',
    zh: '本组织没有可上缴的上级党组织。',
  },
  ALREADY_ACKNOWLEDGED: {
    code: 'DUES_ALREADY_ACKNOWLEDGED',
    en: 'The remittance is already acknowledged.',
    zh: '该笔上缴已确认收到。',
  },
  WRONG_RECEIVER: {
    code: 'DUES_WRONG_RECEIVER',
    en: 'This remittance goes elsewhere: a committee in the chain acknowledges with acknowledgeRemittance, the body above the chain with acknowledgeRemittanceAbove.',
    zh: '该笔上缴的接收方不同：链内上级党委用“确认收到上缴”，链外上级用“上级确认收到上缴”。',
  },
  NO_OPEN_CASE: {
    code: 'DUES_NO_OPEN_CASE',
    en: 'There is no open six-month case for this member.',
    zh: '该党员没有待处理的连续六个月未交党费案件。',
    cite: cite(DOC.constitution, 9),
  },
} as const;
