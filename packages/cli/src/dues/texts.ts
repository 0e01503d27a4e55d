/** Names of dues states and values in the CLI's languages. */
import { type Lang, t } from '../i18n.ts';
import type { MonthState } from './views.ts';

const STATE_KEYS = {
  notMember: 'duesStateNotMember',
  unassessed: 'duesStateUnassessed',
  waived: 'duesStateWaived',
  paid: 'duesStatePaid',
  reported: 'duesStateReported',
  unpaid: 'duesStateUnpaid',
} as const;

export function stateText(lang: Lang, state: MonthState): string {
  return t(lang, STATE_KEYS[state] ?? 'duesStateUnpaid');
}

/** Chinese state names for the spreadsheets (forms are Chinese documents whatever --lang says). */
export const STATE_ZH: { readonly [S in MonthState]: string } = {
  notMember: '非党员',
  unassessed: '未核定',
  waived: '免交',
  paid: '已交',
  reported: '待确认',
  unpaid: '未交',
};
