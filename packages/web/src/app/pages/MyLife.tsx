/**
 * The member's own 组织生活 and 学习 (`#/mylife`): the meetings of the year they were expected at,
 * their line and its confirmation (confirmed here with their own key), the 民主评议 rating, an open
 * six-month case; and their 学时 against the year's target — as a diagnostic for themselves and
 * their branch: no ranking, no check-ins, no online time (国办函〔2026〕12号).
 */

import { Alert, Button, Card, List, Progress, Space, Tag } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import { fileDocument } from '../docs.ts';
import type { MessageKey } from '../i18n.ts';
import type { MemberLife, StudyProgress } from '../orglife.ts';
import { CodedAlert, codedOf, ErrorBlock, Loading } from '../ui.tsx';
import { OL_TAP_CSS, Quiet, useOrgLifeAct } from './OrgLife.tsx';

export function MyLifePage() {
  const { t, chain, session } = useApp();
  const member = session?.memberId ?? '';
  const year = Number(chinaToday().slice(0, 4));
  const data = useAsync(async () => {
    const [life, study, me] = await Promise.all([
      chain.client.query('orglife', 'member', { member, year }),
      chain.client.query('study', 'progress', { member, year }),
      chain.client.query('member', 'member', { id: member }),
    ]);
    return {
      life: life.result as unknown as MemberLife,
      study: study.result as unknown as StudyProgress,
      org: ((me.result as { org?: string } | null)?.org ?? '') as string,
    };
  }, [member, year]);
  const act = useOrgLifeAct();
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { life, study, org } = data.data;
  const pct = study.target > 0 ? Math.min(100, Math.floor((study.total * 100) / study.target)) : 100;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} className="ol-page">
      <style>{OL_TAP_CSS}</style>
      <h1 style={{ margin: 0 }}>{t('navMyLife')}</h1>
      <Card title={t('olStudy', { year })} data-testid="ol-study">
        <p style={{ fontSize: '1.1em' }}>{t('olStudyHours', { total: study.total, target: study.target })}</p>
        <Progress
          percent={pct}
          aria-label={t('olStudyHours', { total: study.total, target: study.target })}
        />
        <p>
          {t('olStudyParts', {
            meeting: study.meetingHours,
            individual: study.individualHours,
            remaining: study.remaining,
          })}
          （{t(`olStudyRole_${study.role}` as MessageKey)}）
        </p>
        <p style={{ color: '#595959' }}>{t('olStudyNote', { cite: study.cite })}</p>
        <Button size="large" href="#/study" data-testid="ol-to-study">
          {t('sdToStudy')}
        </Button>
      </Card>
      {org !== '' && (
        <SelfAssessment
          member={member}
          org={org}
          year={year}
          handedIn={life.appraisal?.selfAssessment ?? null}
          onDone={data.reload}
        />
      )}
      <Card title={t('olMine', { year })} data-testid="ol-mine">
        {life.appraisal?.rating && (
          <Alert type="info" message={t('olAppraisal', { rating: life.appraisal.rating })} />
        )}
        {life.lapseCase?.status === 'open' && (
          <Alert
            type="warning"
            showIcon
            message={t('olLapse', { months: life.lapseCase.months.join('、') })}
          />
        )}
        {act.refusal && <CodedAlert error={act.refusal} />}
        <List
          dataSource={[...life.meetings].reverse()}
          locale={{ emptyText: <Quiet text={t('olNone')} /> }}
          renderItem={(l) => (
            <List.Item style={{ display: 'block' }} data-testid={`ol-my-${l.meeting}`}>
              <Space wrap>
                <a href={`#/orglife/m/${l.meeting}`}>
                  {t('olMeeting', { kind: l.kind, date: l.heldOn ?? '' })}
                </a>
                <Tag color={l.status === 'present' ? 'green' : l.status === 'excused' ? 'blue' : 'red'}>
                  {t(
                    l.status === 'present' ? 'olPresent' : l.status === 'excused' ? 'olExcused' : 'olAbsent',
                  )}
                </Tag>
                {l.confirmation?.via === 'self' && <Tag color="green">{t('olConfirmed')}</Tag>}
                {l.confirmation?.via === 'clerk' && <Tag color="gold">{t('olConfirmedByClerk')}</Tag>}
              </Space>
              {!l.confirmation && (
                <div style={{ marginTop: 6 }}>
                  <Button
                    size="large"
                    type="primary"
                    disabled={act.busy}
                    data-testid={`ol-confirm-${l.meeting}`}
                    onClick={() =>
                      void act
                        .send('orglife', 'confirmAttendance', { meeting: l.meeting, member })
                        .then((h) => h !== null && data.reload())
                    }
                  >
                    {t('olConfirmMine')}
                  </Button>
                </div>
              )}
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

/**
 * The member hands in their 民主评议 self-assessment: the file is filed as an attachment of their
 * branch readable by them and the branch's posts (`fileDocument`), then `orglife.selfAssess` records
 * its hash for the year — signed with their own key. Handing in again replaces it (the last counts).
 */
function SelfAssessment(props: {
  member: string;
  org: string;
  year: number;
  handedIn: string | null;
  onDone: () => void;
}) {
  const { member, org, year, handedIn, onDone } = props;
  const { t, chain, unlockKey } = useApp();
  const act = useOrgLifeAct();
  const [file, setFile] = useState<File | null>(null);
  const [filing, setFiling] = useState(false);
  const [failure, setFailure] = useState<ReturnType<typeof codedOf> | null>(null);
  const submit = async () => {
    if (!file) return;
    setFiling(true);
    setFailure(null);
    try {
      const key = await unlockKey();
      const doc = await fileDocument(chain, file, { org, member }, key);
      const h = await act.send('orglife', 'selfAssess', { member, year, document: doc.hash });
      if (h !== null) {
        setFile(null);
        onDone();
      }
    } catch (e) {
      setFailure(codedOf(e));
    } finally {
      setFiling(false);
    }
  };
  return (
    <Card title={t('olSelfTitle', { year })} data-testid="ol-self">
      <p style={{ color: '#595959' }}>{t('olSelfNote')}</p>
      {handedIn && (
        <Alert
          type="success"
          showIcon
          message={t('olSelfDone')}
          description={t('olSelfAgain')}
          data-testid="ol-self-done"
        />
      )}
      <p>
        <label htmlFor="ol-self-file" style={{ display: 'block', marginBottom: 6 }}>
          {t('olSelfFile')}
        </label>
        <input
          id="ol-self-file"
          type="file"
          accept=".pdf,.jpg,.jpeg,.png,.webp,.txt,.docx"
          style={{ fontSize: '1.05em' }}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          data-testid="ol-self-file"
        />
      </p>
      {failure && <CodedAlert error={failure} />}
      {act.refusal && <CodedAlert error={act.refusal} />}
      <Button
        size="large"
        type="primary"
        block
        disabled={!file || filing || act.busy}
        loading={filing}
        onClick={() => void submit()}
        data-testid="ol-self-submit"
      >
        {t('olSelfSubmit')}
      </Button>
    </Card>
  );
}
