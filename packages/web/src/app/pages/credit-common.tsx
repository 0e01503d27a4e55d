/** What the credit pages share: a correction request's record and how its state is shown. */
import type { CorrectionRecord } from '@djchain/modules';
import { List, Space, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useApp } from '../context.tsx';
import { Quiet } from './OrgLife.tsx';

/** The posts of the member's branch that answer a request (insight.answerCreditCorrection). */
export const ANSWER_POSTS: readonly string[] = ['书记', '组织委员'];

/** `insight.CorrectionRecord`, as the chain returns it. */
export type Correction = CorrectionRecord;

const STATUS_COLOR = { open: 'gold', accepted: 'green', refused: 'red' } as const;

/** A request beside its entry: awaiting the branch, or the answer with its day and reason. */
export function CorrectionStatus({ c }: { c: Correction }) {
  const { t } = useApp();
  return (
    <div
      data-testid="credit-correction"
      data-status={c.status}
      style={{ marginTop: 8, padding: 8, background: '#fafafa', borderLeft: '4px solid #d9d9d9' }}
    >
      <Tag color={STATUS_COLOR[c.status]}>{t(`crStatus_${c.status}`)}</Tag>
      <div>{t('crFiled', { date: c.filedOn, reason: c.reason })}</div>
      {c.answeredOn !== null && <div>{t('crAnsweredOn', { date: c.answeredOn })}</div>}
      {c.answer !== null && <div>{t('crAnswerReason', { reason: c.answer })}</div>}
    </div>
  );
}

/** A request id: the member, a digest of the record and the time (one request per tap). */
export function newCorrectionId(member: string, record: string): string {
  let h = 0;
  for (const ch of record) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  // The member's id shortened, so the time always fits the id's 64 characters.
  return `cc-${member.slice(0, 32)}-${h.toString(36)}-${Date.now().toString(36)}`
    .replace(/[^A-Za-z0-9_.:-]/g, '')
    .slice(0, 64);
}

/**
 * One credit entry as both credit pages show it: its points (green up, red down), what it is, its
 * day and `extra`, then the record the points rest on.
 */
export function CreditEntryHead({
  points,
  label,
  on,
  record,
  extra,
}: {
  points: number;
  label: string;
  on: string;
  record: string;
  extra?: ReactNode;
}) {
  const { t } = useApp();
  return (
    <>
      <Space wrap>
        <Tag color={points > 0 ? 'green' : points < 0 ? 'red' : 'default'}>
          {points > 0 ? `+${points}` : String(points)}
        </Tag>
        <b>{label}</b>
        <span>{on}</span>
        {extra}
      </Space>
      <div style={{ color: '#595959' }}>
        {t('ixRecord')}：<code>{record}</code>
      </div>
    </>
  );
}

/**
 * A year's credit entries as both credit pages list them: each item (test id `itemTestId`, with its
 * kind and record) opens with its head — `label`, `extra` — and shows `below` under it; `empty`
 * when there is none.
 */
export function CreditEntries<E extends { points: number; kind: string; on: string; record: string }>(props: {
  entries: readonly E[];
  empty: string;
  itemTestId: string;
  listTestId?: string;
  label: (e: E) => string;
  extra?: (e: E) => ReactNode;
  below?: (e: E) => ReactNode;
}) {
  return (
    <List
      data-testid={props.listTestId}
      dataSource={[...props.entries]}
      locale={{ emptyText: <Quiet text={props.empty} /> }}
      renderItem={(e) => (
        <List.Item
          data-testid={props.itemTestId}
          data-kind={e.kind}
          data-record={e.record}
          style={{ display: 'block' }}
        >
          <CreditEntryHead
            points={e.points}
            label={props.label(e)}
            on={e.on}
            record={e.record}
            extra={props.extra?.(e)}
          />
          {props.below?.(e)}
        </List.Item>
      )}
    />
  );
}
