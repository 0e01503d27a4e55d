/**
 * One meeting (`#/orglife/m/<id>`): what was planned; for a planned one, the attendance form; for a
 * held one the sign-in sheet — each line's status and its confirmation: by the member with their
 * own key, or by the 党务工作者 on their behalf (marked as such) — the quorum where the regulation
 * sets one, and the minutes, fetched through the API and checked against their hash by the SDK.
 */

import { Alert, Button, Card, List, Space, Tag } from 'antd';
import { download } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { OrgName, PersonName } from '../names.tsx';
import type { AttendanceLine, MeetingView } from '../orglife.ts';
import { RECORDER_POSTS } from '../orglife.ts';
import { CodedAlert, ErrorBlock, Loading } from '../ui.tsx';
import { AttendanceForm } from './MeetingForm.tsx';
import { OL_TAP_CSS, useOrgLifeAct } from './OrgLife.tsx';

export function MeetingPage({ id }: { id: string }) {
  const { t, chain, session } = useApp();
  const data = useAsync(
    async () => (await chain.client.query('orglife', 'meeting', { id })).result as unknown as MeetingView,
    [id],
  );
  const act = useOrgLifeAct();
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const m = data.data;
  const post = session?.post;
  const recorder = post?.org === m.org && RECORDER_POSTS.includes(post.post);
  const clerk = post?.org === m.org && post.post === '党务工作者';
  const confirm = async (member: string, forOther: boolean) => {
    let address: string | undefined;
    if (forOther) address = (await chain.orgMembers(m.org)).members.find((x) => x.id === member)?.address;
    const h = await act.send('orglife', 'confirmAttendance', { meeting: m.id, member }, address);
    if (h !== null) data.reload();
  };
  const count = (s: AttendanceLine['status']) => m.held?.attendance.filter((l) => l.status === s).length ?? 0;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} className="ol-page">
      <style>{OL_TAP_CSS}</style>
      <h1 style={{ margin: 0 }}>{t('olMeeting', { kind: m.kind, date: m.held?.on ?? m.date })}</h1>
      <Space wrap>
        <OrgName id={m.org} />
        <Tag>{t(`ms_${m.status}` as MessageKey)}</Tag>
        {m.held?.late && <Tag color="orange">{t('olLate')}</Tag>}
        {m.held?.quorate === true && <Tag color="green">{t('olQuorate')}</Tag>}
        {m.held?.quorate === false && <Tag color="red">{t('olNotQuorate')}</Tag>}
      </Space>
      {m.kind === '民主评议党员' &&
        m.held &&
        post?.org === m.org &&
        ['书记', '组织委员'].includes(post.post) && (
          <Button
            type="primary"
            size="large"
            href={`#/orglife/appraisal/${m.id}`}
            data-testid="ol-to-appraisal"
          >
            {t('apOpen')}
          </Button>
        )}
      {m.status === 'planned' && recorder && <AttendanceForm meeting={m} onDone={data.reload} />}
      {m.status === 'planned' && !recorder && (
        <Card title={t('olExpectedAt')}>
          <Space wrap>
            {m.expected.map((x) => (
              <Tag key={x}>
                <PersonName id={x} />
              </Tag>
            ))}
          </Space>
        </Card>
      )}
      {m.held && (
        <Card title={t('olSheet')} data-testid="ol-sheet">
          <p>
            {t('olCounts', {
              expected: m.held.attendance.length,
              present: count('present'),
              excused: count('excused'),
              absent: count('absent'),
            })}
          </p>
          {act.refusal && <CodedAlert error={act.refusal} />}
          <List
            dataSource={[...m.held.attendance]}
            renderItem={(l) => {
              const c = m.confirmations.find((x) => x.member === l.member);
              const mine = session?.memberId === l.member;
              return (
                <List.Item data-testid={`ol-sheet-${l.member}`} style={{ display: 'block' }}>
                  <Space wrap>
                    <strong>
                      <PersonName id={l.member} />
                    </strong>
                    <Tag color={l.status === 'present' ? 'green' : l.status === 'excused' ? 'blue' : 'red'}>
                      {t(
                        l.status === 'present'
                          ? 'olPresent'
                          : l.status === 'excused'
                            ? 'olExcused'
                            : 'olAbsent',
                      )}
                      {l.reason ? `：${l.reason}` : ''}
                    </Tag>
                    {c?.via === 'self' && <Tag color="green">{t('olConfirmed')}</Tag>}
                    {c?.via === 'clerk' && <Tag color="gold">{t('olConfirmedByClerk')}</Tag>}
                    {!c?.via && <Tag>{t('olUnconfirmed')}</Tag>}
                  </Space>
                  {!c?.via && mine && (
                    <div style={{ marginTop: 6 }}>
                      <Button
                        size="large"
                        type="primary"
                        disabled={act.busy}
                        onClick={() => void confirm(l.member, false)}
                        data-testid="ol-confirm-mine"
                      >
                        {t('olConfirmMine')}
                      </Button>
                    </div>
                  )}
                  {!c?.via && !mine && clerk && (
                    <div style={{ marginTop: 6 }}>
                      <Button
                        size="large"
                        disabled={act.busy}
                        onClick={() => void confirm(l.member, true)}
                        data-testid={`ol-confirm-for-${l.member}`}
                      >
                        {t('olConfirmFor')}
                      </Button>
                    </div>
                  )}
                </List.Item>
              );
            }}
          />
          {m.held.minutes && (
            <Button
              size="large"
              style={{ marginTop: 12 }}
              data-testid="ol-minutes-download"
              onClick={() =>
                void chain.client.getAttachment(m.held!.minutes!.hash).then(
                  (b) => download(`minutes-${m.id}`, b),
                  () => undefined,
                )
              }
            >
              {t('olDownload')}
            </Button>
          )}
        </Card>
      )}
      {m.status === 'planned' && !m.held && !recorder && <Alert type="info" message={t(`ms_planned`)} />}
    </Space>
  );
}
