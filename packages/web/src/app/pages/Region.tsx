/**
 * 辖区看板 (`#/region`, issue 19): for a street or district committee, the chains below it as the
 * index holds them (region.ts): per chain (community name) members by status, the recruitment
 * pipeline, confirmed dues per month in 元 (integer fen), meetings per quarter and each
 * organization's latest operation index — every chain with the height and header hash its figures
 * are proved to. Chains in chain-id order, organizations in id order: diagnostic tables, never a
 * ranking (国办函〔2026〕12号). Without an index behind the web server the page says how to
 * configure one, never an error page. Phone first: one card per chain, short tables.
 */
import { Alert, Card, Collapse, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { percent } from '../insight.ts';
import {
  type ChainFigures,
  loadRegion,
  NOT_CONFIGURED,
  type OrgFigures,
  regionView,
  yuanText,
} from '../region.ts';
import { ErrorBlock, Loading } from '../ui.tsx';

const LEVEL_COLOR: Record<string, string> = { 良好: 'green', 一般: 'gold', 需关注: 'red' };

/** YYYY-MM-DD of a BFT time in China (UTC+8), as the chain dates its records. */
const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

export function RegionPage() {
  const { t, chain } = useApp();
  const configured = chain.config.region === true;
  const region = useAsync(
    async () => (configured ? loadRegion(chain.client.session()?.token) : null),
    [configured],
  );
  const notConfigured =
    !configured || (region.error as { code?: string } | undefined)?.code === NOT_CONFIGURED;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="region-page">
      <h1 style={{ margin: 0 }}>{t('rgTitle')}</h1>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('rgNote')}
      </Typography.Paragraph>
      {notConfigured ? (
        <Alert
          type="info"
          showIcon
          message={t('rgNoIndexTitle')}
          description={
            <div style={{ wordBreak: 'break-word' }}>
              <p style={{ margin: '0 0 6px' }}>{t('rgNoIndexRun')}</p>
              <pre style={{ whiteSpace: 'pre-wrap', margin: '0 0 6px' }}>
                <code>djchain index --node URL --genesis genesis.json --serve 26800</code>
              </pre>
              <p style={{ margin: '0 0 6px' }}>{t('rgNoIndexThen')}</p>
              <pre style={{ whiteSpace: 'pre-wrap', margin: '0 0 6px' }}>
                <code>node packages/web/src/serve.ts … --index http://127.0.0.1:26800</code>
              </pre>
              <p style={{ margin: 0 }}>{t('rgNoIndexLoopback')}</p>
            </div>
          }
          data-testid="region-no-index"
        />
      ) : region.loading && !region.data ? (
        <Loading />
      ) : region.error || !region.data ? (
        <ErrorBlock error={region.error} onRetry={region.reload} />
      ) : (
        <Chains data={regionView(region.data)} truncated={region.data.truncated} />
      )}
    </Space>
  );
}

function Chains({ data, truncated }: { data: ChainFigures[]; truncated: boolean }) {
  const { t } = useApp();
  if (data.length === 0)
    return <Typography.Text data-testid="region-empty">{t('rgNoChains')}</Typography.Text>;
  return (
    <>
      {truncated ? <Alert type="warning" showIcon message={t('rgTruncated')} /> : null}
      {data.map((c) => (
        <ChainCard key={c.proof.chainId} c={c} />
      ))}
    </>
  );
}

function ChainCard({ c }: { c: ChainFigures }) {
  const { t } = useApp();
  const p = c.proof;
  return (
    <Card
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {c.name}
          <Typography.Text type="secondary">（{p.chainId}）</Typography.Text>
        </span>
      }
      data-testid={`region-chain-${p.chainId}`}
      styles={{ body: { padding: 12 } }}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary" data-testid="region-proof" style={{ wordBreak: 'break-all' }}>
          {t('rgProof', { height: p.height, hash: p.headerHash.slice(0, 16), date: chinaDay(p.timeMs) })}
          <br />
          {p.indexMonth !== null && p.indexHeight !== null
            ? t('rgIndexProof', { month: p.indexMonth, height: p.indexHeight })
            : t('rgIndexNotYet')}
        </Typography.Text>
        <Section title={`${t('rgMembers')} · ${t('rgMembersTotal', { n: c.members })}`}>
          <OrgLines orgs={c.orgs} testId="region-members" />
        </Section>
        <Section title={t('rgRecruitment')}>
          {c.recruitment.length === 0 ? (
            <Typography.Text type="secondary">{t('none')}</Typography.Text>
          ) : (
            <Space wrap data-testid="region-recruitment">
              {c.recruitment.map((r) => (
                <Tag key={r.phase}>
                  {t(`val:${r.phase}` as MessageKey)} {r.cases}
                </Tag>
              ))}
            </Space>
          )}
        </Section>
        <Section title={t('rgDues')}>
          {c.duesByMonth.length === 0 ? (
            <Typography.Text type="secondary">{t('none')}</Typography.Text>
          ) : (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="month"
                dataSource={c.duesByMonth}
                data-testid="region-dues"
                columns={[
                  { title: t('rgMonth'), dataIndex: 'month' },
                  {
                    title: t('rgAmount'),
                    dataIndex: 'fen',
                    align: 'right',
                    render: (fen: number) => yuanText(fen),
                  },
                ]}
              />
              <ByOrg orgs={c.orgs.filter((o) => o.dues.length > 0)} render={(o) => <OrgDues o={o} />} />
            </>
          )}
        </Section>
        <Section title={t('rgMeetings')}>
          {c.orgs.every((o) => o.meetings.length === 0) ? (
            <Typography.Text type="secondary">{t('none')}</Typography.Text>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="region-meetings">
              {c.orgs
                .filter((o) => o.meetings.length > 0)
                .map((o) => (
                  <div key={o.org}>
                    <b>{o.name}</b>
                    <Table
                      size="small"
                      pagination={false}
                      rowKey={(r) => `${r.quarter}/${r.kind}`}
                      dataSource={o.meetings}
                      columns={[
                        { title: t('rgQuarter'), dataIndex: 'quarter' },
                        { title: t('rgKind'), dataIndex: 'kind' },
                        { title: t('rgCount'), dataIndex: 'meetings', align: 'right' },
                      ]}
                    />
                  </div>
                ))}
            </Space>
          )}
        </Section>
        <Section title={t('rgIndex')}>
          {c.orgs.every((o) => o.index === null) ? (
            <Typography.Text type="secondary">{t('none')}</Typography.Text>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="region-index">
              {c.orgs.map((o) =>
                o.index === null ? null : (
                  <div key={o.org}>
                    <b>{o.name}</b> · {o.index.period}{' '}
                    <Tag color={LEVEL_COLOR[o.index.level] ?? 'default'}>{o.index.level}</Tag>
                    {t('rgOverall', { value: percent(o.index.overall) })}
                    <br />
                    <Typography.Text type="secondary">
                      {t('rgMissing', {
                        people: o.index.peopleMissing,
                        items: o.index.itemsMissing,
                        links: o.index.linksMissing,
                      })}
                    </Typography.Text>
                  </div>
                ),
              )}
            </Space>
          )}
        </Section>
      </Space>
    </Card>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 style={{ margin: '0 0 6px', fontSize: '1em' }}>{title}</h3>
      {children}
    </section>
  );
}

/** One line per organization (id order): its members by status. */
function OrgLines({ orgs, testId }: { orgs: readonly OrgFigures[]; testId: string }) {
  const { t } = useApp();
  const withMembers = orgs.filter((o) => o.members > 0);
  if (withMembers.length === 0) return <Typography.Text type="secondary">{t('none')}</Typography.Text>;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid={testId}>
      {withMembers.map((o) => (
        <div key={o.org}>
          <b>{o.name}</b>（{t('rgOrgMembers', { n: o.members })}）：
          {o.byStatus.map((s) => `${s.status} ${s.members}`).join(' · ')}
        </div>
      ))}
    </Space>
  );
}

function ByOrg({ orgs, render }: { orgs: readonly OrgFigures[]; render: (o: OrgFigures) => ReactNode }) {
  const { t } = useApp();
  if (orgs.length === 0) return null;
  return (
    <Collapse
      style={{ marginTop: 8 }}
      items={[
        {
          key: 'orgs',
          label: t('rgByOrg'),
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              {orgs.map((o) => (
                <div key={o.org}>{render(o)}</div>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}

function OrgDues({ o }: { o: OrgFigures }) {
  return (
    <>
      <b>{o.name}</b>：{o.dues.map((d) => `${d.month} ${yuanText(d.fen)}`).join(' · ')}
    </>
  );
}
