/**
 * 组织生活 (issue 15): for a branch's 书记, 组织委员 or 党务工作者 the branch calendar — planned
 * meetings, what is due this period, what is overdue (with the article), the year by kind — and
 * the way to record a meeting; for a 党委's post holder one row per branch below (held, due,
 * missed) with a drill-down to that branch's calendar (`#/orglife/branch/<id>`). Diagnostic only:
 * nothing is ranked.
 */

import { Alert, Button, Card, Form, InputNumber, List, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { OrgName } from '../names.tsx';
import {
  MEETING_KINDS,
  type Meeting,
  OBLIGATION_COLOR,
  type ObligationRow,
  type Obligations,
  obligationCounts,
  periodOfDay,
  RECORDER_POSTS,
} from '../orglife.ts';
import { useSignedAct } from '../signed-act.ts';
import { CodedAlert, ErrorBlock, Loading } from '../ui.tsx';

/** One signed act of organizational life (and of the pages it serves: meetings, study, appraisal). */
export const useOrgLifeAct = useSignedAct;

/** An empty list's text in a grey that keeps 4.5:1 contrast on white. */
export function Quiet({ text }: { text: string }) {
  return <span style={{ color: '#595959' }}>{text}</span>;
}

/** Buttons and links as 44 px tap targets (WCAG 2.5.5). */
export const OL_TAP_CSS =
  '.ol-page .ant-radio-button-wrapper{min-height:44px;line-height:42px}' +
  '.ol-page .ant-list-item a{display:inline-block;min-height:44px;line-height:44px}';

export function OrgLifePage({ route }: { route: string[] }) {
  const { t, session } = useApp();
  const post = session?.post;
  if (!post) return <Alert type="info" showIcon message={t('olNoPost')} />;
  const branch = route[1] === 'branch' ? route[2] : undefined;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} className="ol-page">
      <style>{OL_TAP_CSS}</style>
      <h1 style={{ margin: 0 }}>{t('olTitle')}</h1>
      {branch ? (
        <>
          <Button size="large" onClick={() => go('orglife')}>
            {t('olBack')}
          </Button>
          <BranchCalendar org={branch} canRecord={false} />
        </>
      ) : (
        <OwnOrg org={post.org} canRecord={RECORDER_POSTS.includes(post.post)} />
      )}
    </Space>
  );
}

/** A branch's post holder sees the branch calendar; a 党委's, every branch below. */
function OwnOrg({ org, canRecord }: { org: string; canRecord: boolean }) {
  const { chain } = useApp();
  const ov = useAsync(
    async () => (await chain.client.query('orglife', 'overview', { org })).result as unknown as Overview,
    [org],
  );
  if (ov.loading && !ov.data) return <Loading />;
  if (ov.error || !ov.data) return <ErrorBlock error={ov.error} onRetry={ov.reload} />;
  const b = ov.data.branches;
  return b.length === 1 && b[0]!.org === org ? (
    <BranchCalendar org={org} canRecord={canRecord} />
  ) : (
    <SuperiorView org={org} branches={b} />
  );
}

interface Overview {
  branches: { org: string; calendar: unknown }[];
}

/** The branch calendar: planned, due now, overdue, the year by kind, the meetings held. */
export function BranchCalendar({ org, canRecord }: { org: string; canRecord: boolean }) {
  const { t, chain, session } = useApp();
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const data = useAsync(async () => {
    const [ob, ms] = await Promise.all([
      chain.client.query('orglife', 'obligations', { org, year }),
      chain.client.query('orglife', 'meetings', { org, year }),
    ]);
    return {
      ob: ob.result as unknown as Obligations,
      meetings: (ms.result as unknown as { meetings: Meeting[] }).meetings,
    };
  }, [org, year]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { ob, meetings } = data.data;
  const current = (r: ObligationRow) => r.period === periodOfDay(r.every, today);
  const dueNow = ob.rows.filter((r) => r.status === 'due' && current(r));
  const overdue = ob.rows.filter((r) => r.status === 'missed' || r.status === 'closing');
  const planned = meetings.filter((m) => m.status === 'planned');
  const held = meetings.filter((m) => m.status === 'held' || m.status === 'confirmed').reverse();
  const status = (s: ObligationRow['status']) => (
    <Tag color={OBLIGATION_COLOR[s]}>{t(`os_${s}` as MessageKey)}</Tag>
  );
  const meetingItem = (m: Meeting) => (
    <List.Item>
      <Space wrap>
        <a href={`#/orglife/m/${m.id}`}>{t('olMeeting', { kind: m.kind, date: m.held?.on ?? m.date })}</a>
        <Tag>{t(`ms_${m.status}` as MessageKey)}</Tag>
        {m.held?.late && <Tag color="orange">{t('olLate')}</Tag>}
      </Space>
    </List.Item>
  );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="ol-calendar">
      <h2 style={{ margin: 0, fontSize: '1.2em' }}>
        <OrgName id={org} /> {t('olCalendar', { year })}
      </h2>
      {ob.calendar ? (
        <Alert
          type="info"
          message={t('olCalendarSet', { day: ob.calendar.themeDay, from: ob.calendar.from })}
        />
      ) : (
        <SetCalendar org={org} canSet={canRecord} onDone={data.reload} />
      )}
      {canRecord && (
        <Button size="large" type="primary" onClick={() => go('orglife', 'new')} data-testid="ol-new">
          {t('olNew')}
        </Button>
      )}
      {canRecord && session?.post && ['书记', '组织委员', '宣传委员'].includes(session.post.post) && (
        <Button size="large" onClick={() => go('study', 'confirm')} data-testid="ol-to-study-confirm">
          {t('sdToConfirm')}
        </Button>
      )}
      <Card title={t('olOverdue')} data-testid="ol-overdue">
        <List
          dataSource={overdue}
          locale={{ emptyText: <Quiet text={t('olNone')} /> }}
          renderItem={(r) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Space wrap>
                  <strong>{r.kind}</strong> {r.period} {status(r.status)}
                </Space>
                <span style={{ color: '#595959' }}>{t('olCite', { cite: r.cite })}</span>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('olDueNow')} data-testid="ol-due">
        <List
          dataSource={dueNow}
          locale={{ emptyText: <Quiet text={t('olNone')} /> }}
          renderItem={(r) => (
            <List.Item>
              <Space wrap>
                <strong>{r.kind}</strong> {r.period} {status(r.status)}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('olPlanned')} data-testid="ol-planned">
        <List
          dataSource={planned}
          locale={{ emptyText: <Quiet text={t('olNone')} /> }}
          renderItem={meetingItem}
        />
      </Card>
      <Card title={t('olYear')} data-testid="ol-year">
        <List
          dataSource={MEETING_KINDS.filter((k) => ob.rows.some((r) => r.kind === k))}
          renderItem={(k) => (
            <List.Item style={{ display: 'block' }}>
              <strong>{k}</strong>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 }}>
                {ob.rows
                  .filter((r) => r.kind === k)
                  .map((r) => (
                    <Tag
                      key={r.period}
                      color={OBLIGATION_COLOR[r.status]}
                      title={t(`os_${r.status}` as MessageKey)}
                    >
                      {r.every === 'month'
                        ? `${Number(r.period.slice(5))}月`
                        : r.period.replace(/^\d{4}-?/, '') || r.period}{' '}
                      {t(`os_${r.status}` as MessageKey)}
                    </Tag>
                  ))}
              </div>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('olRecent')} data-testid="ol-held">
        <List
          dataSource={held}
          locale={{ emptyText: <Quiet text={t('olNone')} /> }}
          renderItem={meetingItem}
        />
      </Card>
    </Space>
  );
}

function SetCalendar({ org, canSet, onDone }: { org: string; canSet: boolean; onDone: () => void }) {
  const { t } = useApp();
  const [day, setDay] = useState<number | null>(15);
  const act = useOrgLifeAct();
  return (
    <Card size="small" data-testid="ol-set-calendar">
      <Alert type="warning" showIcon message={t('olNoCalendar')} />
      {canSet && (
        <Form
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={() =>
            void act
              .send('orglife', 'setCalendar', { org, themeDay: day ?? 15 })
              .then((h) => h !== null && onDone())
          }
        >
          <Form.Item label={t('olThemeDay')} htmlFor="ol-theme-day">
            <InputNumber id="ol-theme-day" size="large" min={1} max={28} value={day} onChange={setDay} />
          </Form.Item>
          {act.refusal && <CodedAlert error={act.refusal} />}
          <Button size="large" htmlType="submit" disabled={act.busy || day === null}>
            {t('olSetCalendar')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

interface BranchRow {
  org: string;
  judged: boolean;
  held: number;
  due: number;
  missed: number;
}

/** The superior's view: one row per branch below, each a link to its calendar. */
function SuperiorView({ org, branches }: { org: string; branches: Overview['branches'] }) {
  const { t, chain } = useApp();
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const data = useAsync(async () => {
    return Promise.all(
      branches.map(async (b): Promise<BranchRow> => {
        const ob = (await chain.client.query('orglife', 'obligations', { org: b.org, year }))
          .result as unknown as Obligations;
        return { org: b.org, judged: b.calendar !== null, ...obligationCounts(ob.rows, today) };
      }),
    );
  }, [org, year]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const n = (v: number, color: string) => (v > 0 ? <Tag color={color}>{v}</Tag> : v);
  return (
    <Card title={t('olSuperior', { year })} data-testid="ol-superior">
      <Table<BranchRow>
        size="small"
        rowKey="org"
        pagination={false}
        dataSource={data.data}
        scroll={{ x: true }}
        columns={[
          {
            title: t('olBranch'),
            dataIndex: 'org',
            render: (id: string, r) => (
              <Space direction="vertical" size={0}>
                <a href={`#/orglife/branch/${id}`} data-testid={`ol-branch-${id}`}>
                  <OrgName id={id} />
                </a>
                {!r.judged && <Quiet text={t('olNotJudged')} />}
              </Space>
            ),
          },
          { title: t('olHeldN'), dataIndex: 'held' },
          { title: t('olDueN'), dataIndex: 'due', render: (v: number) => n(v, 'blue') },
          { title: t('olMissedN'), dataIndex: 'missed', render: (v: number) => n(v, 'red') },
        ]}
      />
    </Card>
  );
}
