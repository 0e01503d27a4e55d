/**
 * 个人自学 (issue 15), phone-first: the member's page (`#/study`) reports a day, half a day or some
 * hours of study for the branch to confirm (`study.report`, signed with their own key) and lists
 * their records with each one's status; the branch's page (`#/study/confirm`, its 书记, 组织委员 or
 * 宣传委员) confirms or returns each pending report (`study.confirm`). Only confirmed hours count.
 * A diagnostic for the member and the branch: no ranking, no check-ins, no online time.
 */

import { Alert, Button, Card, Form, InputNumber, List, Radio, Space, Tag } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { PersonName } from '../names.tsx';
import type { StudyProgress } from '../orglife.ts';
import { CodedAlert, ErrorBlock, LabelledInput, Loading, useConfirm } from '../ui.tsx';
import { OL_TAP_CSS, Quiet, useOrgLifeAct } from './OrgLife.tsx';

/** A study record as `study.progress` and `study.pending` return it (modules src/study/store.ts). */
export interface StudyRecord {
  readonly id: string;
  readonly member: string;
  readonly org: string;
  readonly on: string;
  readonly topic: string;
  readonly hours: number;
  readonly ref: string | null;
  readonly status: 'reported' | 'confirmed' | 'rejected';
  readonly reportedOn: string;
  readonly via: 'self' | 'clerk';
  readonly decidedBy: string | null;
}

/** Posts that confirm individual study (study.confirm's permission). */
export const STUDY_CONFIRMERS = ['书记', '组织委员', '宣传委员'];

const STATUS_COLOR = { reported: 'blue', confirmed: 'green', rejected: 'red' } as const;
type Length = 'half' | 'day' | 'hours';

/**
 * A fresh record id of letters only after the prefix: a member id next to a date reads as a landline
 * number to the chain's personal-data check (m-006-20261204: 006-2026-1204), which refuses it.
 */
const newStudyId = () =>
  `st-${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => String.fromCharCode(97 + (b % 26))).join('')}`;

function StudyLine({ r, who }: { r: StudyRecord; who?: boolean }) {
  const { t } = useApp();
  return (
    <Space wrap>
      {who && (
        <strong>
          <PersonName id={r.member} />
        </strong>
      )}
      <span>{r.on}</span>
      <span>{r.topic}</span>
      <Tag>{t('sdHoursOf', { hours: r.hours })}</Tag>
      <Tag color={STATUS_COLOR[r.status]}>{t(`sdStatus_${r.status}` as MessageKey)}</Tag>
      {r.via === 'clerk' && <Tag color="gold">{t('sdViaClerk')}</Tag>}
    </Space>
  );
}

export function StudyPage({ route }: { route: string[] }) {
  return route[1] === 'confirm' ? <StudyConfirmPage /> : <MyStudyPage />;
}

function MyStudyPage() {
  const { t, chain, session } = useApp();
  const confirm = useConfirm();
  const member = session?.memberId ?? '';
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const data = useAsync(
    async () =>
      (await chain.client.query('study', 'progress', { member, year })).result as unknown as StudyProgress & {
        studies: StudyRecord[];
      },
    [member, year],
  );
  const act = useOrgLifeAct();
  const [on, setOn] = useState(today);
  const [topic, setTopic] = useState('');
  const [length, setLength] = useState<Length>('half');
  const [hours, setHours] = useState<number | null>(2);
  const [sent, setSent] = useState<number | null>(null);
  const mayConfirm = session?.post !== null && STUDY_CONFIRMERS.includes(session?.post?.post ?? '');
  const submit = () =>
    confirm({
      title: t('sdReport'),
      content: (
        <div data-testid="sd-confirm-summary">
          <p>{t('sdConfirmSubmit')}</p>
          <p>
            {on} · {topic.trim()} ·{' '}
            {length === 'hours' ? t('sdHoursOf', { hours: hours ?? 0 }) : t(`sdLen_${length}`)}
          </p>
        </div>
      ),
      onOk: async () => {
        const h = await act.send('study', 'report', {
          id: newStudyId(),
          member,
          on,
          topic: topic.trim(),
          ...(length === 'day' ? { days: 1 } : length === 'half' ? { halfDays: 1 } : { hours: hours ?? 0 }),
        });
        if (h !== null) {
          setSent(h);
          setTopic('');
          data.reload();
        }
      },
    });
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const study = data.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} className="ol-page">
      <style>{OL_TAP_CSS}</style>
      <h1 style={{ margin: 0 }}>{t('sdTitle', { year })}</h1>
      <Card data-testid="sd-progress">
        <p style={{ fontSize: '1.1em', margin: 0 }}>
          {t('olStudyHours', { total: study.total, target: study.target })}
        </p>
        <p>
          {t('olStudyParts', {
            meeting: study.meetingHours,
            individual: study.individualHours,
            remaining: study.remaining,
          })}
        </p>
        <p style={{ color: '#595959', margin: 0 }}>{t('olStudyNote', { cite: study.cite })}</p>
      </Card>
      <Card title={t('sdReport')} data-testid="sd-report">
        <Form layout="vertical" onFinish={submit}>
          <LabelledInput label={t('sdDate')} id="sd-on" type="date" value={on} max={today} onChange={setOn} />
          <LabelledInput
            label={t('sdTopic')}
            id="sd-topic"
            maxLength={60}
            placeholder={t('sdTopicHint')}
            value={topic}
            onChange={setTopic}
          />
          <Form.Item label={t('sdLength')}>
            <Radio.Group
              size="large"
              value={length}
              onChange={(e) => setLength(e.target.value as Length)}
              data-testid="sd-length"
            >
              <Radio.Button value="half">{t('sdLen_half')}</Radio.Button>
              <Radio.Button value="day">{t('sdLen_day')}</Radio.Button>
              <Radio.Button value="hours">{t('sdLen_hours')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          {length === 'hours' && (
            <Form.Item label={t('sdHours')} htmlFor="sd-hours">
              <InputNumber
                id="sd-hours"
                size="large"
                min={1}
                max={8}
                value={hours}
                onChange={(v) => setHours(v)}
              />
            </Form.Item>
          )}
          {act.refusal && <CodedAlert error={act.refusal} />}
          {sent !== null && (
            <Alert type="success" showIcon message={t('sdSent', { height: sent })} data-testid="sd-sent" />
          )}
          <Button
            type="primary"
            size="large"
            block
            htmlType="submit"
            disabled={act.busy || topic.trim() === '' || (length === 'hours' && !hours)}
            data-testid="sd-submit"
            style={{ marginTop: 12 }}
          >
            {t('sdSubmit')}
          </Button>
        </Form>
      </Card>
      <Card title={t('sdMine')} data-testid="sd-mine">
        <List
          dataSource={[...study.studies].reverse()}
          locale={{ emptyText: <Quiet text={t('sdNone')} /> }}
          renderItem={(r) => (
            <List.Item data-testid={`sd-mine-${r.id}`}>
              <StudyLine r={r} />
            </List.Item>
          )}
        />
      </Card>
      {mayConfirm && (
        <Button size="large" block href="#/study/confirm" data-testid="sd-to-confirm">
          {t('sdToConfirm')}
        </Button>
      )}
    </Space>
  );
}

function StudyConfirmPage() {
  const { t, chain, session } = useApp();
  const post = session?.post;
  const org = post && STUDY_CONFIRMERS.includes(post.post) ? post.org : null;
  const data = useAsync(
    async () =>
      org === null
        ? null
        : ((await chain.client.query('study', 'pending', { org })).result as unknown as {
            reports: StudyRecord[];
          }),
    [org],
  );
  const act = useOrgLifeAct();
  const [decided, setDecided] = useState<Record<string, boolean>>({});
  if (org === null) return <Alert type="info" showIcon message={t('sdNoPost')} />;
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const decide = async (id: string, accepted: boolean) => {
    const h = await act.send('study', 'confirm', { id, accepted });
    if (h !== null) setDecided((d) => ({ ...d, [id]: accepted }));
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} className="ol-page">
      <style>{OL_TAP_CSS}</style>
      <h1 style={{ margin: 0 }}>{t('sdConfirmTitle')}</h1>
      <p style={{ color: '#595959', margin: 0 }}>{t('sdConfirmNote')}</p>
      {act.refusal && <CodedAlert error={act.refusal} />}
      <Card data-testid="sd-pending">
        <List
          dataSource={data.data.reports}
          locale={{ emptyText: <Quiet text={t('sdConfirmNone')} /> }}
          renderItem={(r) => {
            const done = decided[r.id];
            const shown: StudyRecord =
              done === undefined ? r : { ...r, status: done ? 'confirmed' : 'rejected' };
            return (
              <List.Item style={{ display: 'block' }} data-testid={`sd-pending-${r.id}`}>
                <StudyLine r={shown} who />
                {done === undefined && (
                  <Space style={{ marginTop: 8 }}>
                    <Button
                      type="primary"
                      size="large"
                      disabled={act.busy}
                      onClick={() => void decide(r.id, true)}
                      data-testid={`sd-accept-${r.id}`}
                    >
                      {t('sdAccept')}
                    </Button>
                    <Button
                      size="large"
                      danger
                      disabled={act.busy}
                      onClick={() => void decide(r.id, false)}
                      data-testid={`sd-reject-${r.id}`}
                    >
                      {t('sdReject')}
                    </Button>
                  </Space>
                )}
              </List.Item>
            );
          }}
        />
      </Card>
    </Space>
  );
}
