/** The recruitment board: a column per stage, each case with its next step and nearest deadline. */
import { Card, Col, Empty, Row, Tag, Typography } from 'antd';
import { chinaToday } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import { OrgName, PersonName } from '../names.tsx';
import { casesUnder, PHASE_LABEL, PHASES } from '../recruit.ts';
import { ErrorBlock, Loading } from '../ui.tsx';

export function RecruitmentPage() {
  const { t, chain, session } = useApp();
  const org = session?.post?.org ?? null;
  const today = chinaToday();
  const data = useAsync(async () => {
    const root = org ?? (await chain.member(session!.memberId))?.org ?? '';
    // One request for every case under the organization (GET /v1/orgs/:org/cases).
    return (await casesUnder(chain, root, today)).rows;
  }, [org]);
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const cases = data.data!;
  return (
    <div>
      <Typography.Title level={3}>{t('recruitmentTitle')}</Typography.Title>
      <Row gutter={[12, 12]} data-testid="board">
        {PHASES.map((phase) => {
          const inPhase = cases.filter((c) => c.process.phase === phase);
          return (
            <Col xs={24} sm={12} xl={6} key={phase}>
              <Card
                title={`${t(PHASE_LABEL[phase]!)}（${inPhase.length}）`}
                size="small"
                data-testid={`stage-${phase}`}
              >
                {inPhase.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('none')} />
                ) : null}
                {inPhase.map((c) => {
                  const d = [...c.deadlines].sort((a, b) => a.due.localeCompare(b.due))[0];
                  return (
                    <Card
                      key={c.member}
                      size="small"
                      hoverable
                      style={{ marginBottom: 8 }}
                      onClick={() => go('recruitment', c.member)}
                      data-testid={`case-${c.member}`}
                    >
                      <b>
                        <PersonName id={c.member} />
                      </b>{' '}
                      <Typography.Text type="secondary">
                        <OrgName id={c.branch} />
                      </Typography.Text>
                      {c.next ? <div>{t('nextStep', { no: c.next.no, name: c.next.name })}</div> : null}
                      {d ? (
                        <Tag
                          color={d.level === 'overdue' ? 'red' : d.level === 'dueSoon' ? 'orange' : 'default'}
                        >
                          {d.level === 'overdue' ? `${t('overdue')} ` : ''}
                          {t('due', { date: d.due })}
                        </Tag>
                      ) : null}
                    </Card>
                  );
                })}
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
