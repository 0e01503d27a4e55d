/**
 * Error registry of the declaration module (重大事项请示报告). Articles of the 2019
 * 《中国共产党重大事项请示报告条例》: 第二十七条 (a superior answers a request in time) and 第二十四条
 * (a member reports personal matters to the organization) [verify: RULES.md does not number them].
 */

import { cite, DOC } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

export const ANSWER_CITE = cite(DOC.majorMatters, 27);
export const PERSONAL_CITE = cite(DOC.majorMatters, 24);

export const DeclarationErrors = {
  ...baseErrors('DECLARATION'),
  EXISTS: { code: 'DECLARATION_EXISTS', en: 'A record with this id exists.', zh: '该编号已存在。' },
  NO_SUPERIOR: {
    code: 'DECLARATION_NO_SUPERIOR',
    en: 'The organization has no superior organization on the chain to request from or report to.',
    zh: '该组织在链上没有上级党组织，无法向其请示报告。',
    cite: cite(DOC.majorMatters, 8),
  },
  NOT_OPEN: {
    code: 'DECLARATION_NOT_OPEN',
    en: 'The request or report is already answered.',
    zh: '该请示报告已答复。',
  },
  ALREADY_RECEIVED: {
    code: 'DECLARATION_ALREADY_RECEIVED',
    en: 'The request or declaration has already been received.',
    zh: '已签收，无需重复签收。',
  },
  REASON_REQUIRED: {
    code: 'DECLARATION_REASON_REQUIRED',
    en: 'A request is returned, or a declaration queried, only with a stated reason.',
    zh: '退回请示或对申报提出疑问时须说明理由。',
    cite: ANSWER_CITE,
  },
  NOT_A_MEMBER: {
    code: 'DECLARATION_NOT_A_MEMBER',
    en: 'Only a Party member (full or probationary) declares personal matters.',
    zh: '只有正式党员或预备党员申报个人有关事项。',
    cite: PERSONAL_CITE,
  },
  UNKNOWN_KIND: {
    code: 'DECLARATION_UNKNOWN_KIND',
    en: 'The kind of personal matter is not one the genesis lists.',
    zh: '申报事项类别不在创世文件所列范围内。',
  },
  FUTURE_MATTER: {
    code: 'DECLARATION_FUTURE_MATTER',
    en: 'A matter dated after the day of filing cannot be declared yet (a plan is declared on its date of decision).',
    zh: '事项日期晚于申报日期，暂不能申报。',
  },
  WRONG_STEP: {
    code: 'DECLARATION_WRONG_STEP',
    en: 'The declaration is not at the step this action follows (received → verified or queried → closed).',
    zh: '该申报当前所处环节不能进行此操作（签收 → 核实或提出疑问 → 办结）。',
  },
  PURPOSE_REQUIRED: {
    code: 'DECLARATION_PURPOSE_REQUIRED',
    en: 'A read of sealed personal data needs a stated purpose.',
    zh: '查看密封的个人信息须说明用途。',
  },
  CLOSED: {
    code: 'DECLARATION_CLOSED',
    en: 'The declaration is closed.',
    zh: '该申报已办结。',
  },
} as const;
