/**
 * The public portal (no sign-in): the organizations, their posts' titles and terms, counts by
 * membership status and the chain height. No member id, name or any personal field is shown —
 * only aggregates; and no ranking of anyone.
 */
import { Card, Col, Row, Statistic, Tag, Typography, theme } from 'antd';
import { useEffect, useRef } from 'react';
import { useApp, useAsync } from '../context.tsx';
import { ErrorBlock, Loading } from '../ui.tsx';

export function PortalPage() {
  const { t, chain } = useApp();
  const { token } = theme.useToken();
  // One public request: the node counts (GET /v1/portal), no member's record is read here.
  const data = useAsync(async () => {
    // The height comes with the aggregates: no second request for the status.
    const portal = await chain.portal();
    const status = { height: portal.height };
    const roots = new Set(chain.config.rootOrgs);
    const orgs = portal.orgs.filter((o) => roots.size === 0 || roots.has(o.id) || o.parent !== null);
    const counts = new Map<string, number>();
    const perOrg = new Map<string, number>();
    for (const o of orgs) {
      let n = 0;
      for (const status of ['正式党员', '预备党员']) {
        const c = o.members[status] ?? 0;
        if (c > 0) counts.set(status, (counts.get(status) ?? 0) + c);
        n += c;
      }
      if (o.kind === '党支部') perOrg.set(o.id, n);
    }
    const posts = new Map(orgs.map((o) => [o.id, o.posts] as const));
    return { status, orgs, counts, perOrg, posts };
  }, []);
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { status, orgs, counts, perOrg, posts } = data.data!;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return (
    <div data-testid="portal">
      <Typography.Title level={3}>{chain.config.title ?? t('portalTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('portalIntro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8}>
          <Card>
            <Statistic title={t('orgCount')} value={orgs.length} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card>
            <Statistic title={t('memberCount')} value={total} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t('chainHeight')} value={status.height} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('statusChart')}>
            <StatusPie counts={counts} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('orgList')}>
            {/* A plain list: antd's List brings its pagination (and with it Select) to the first script. */}
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {orgs.map((o, i) => (
                <li
                  key={o.id}
                  style={{
                    padding: '12px 0',
                    borderTop: i === 0 ? undefined : `1px solid ${token.colorSplit}`,
                  }}
                >
                  <b>{o.name}</b> <Tag>{o.kind}</Tag>
                  {o.kind === '党支部' ? (
                    <Tag color="red">{`${t('memberCount')} ${perOrg.get(o.id) ?? 0}`}</Tag>
                  ) : null}
                  <div>
                    <Typography.Text type="secondary">
                      {t('term')}：{t('termFrom', { start: o.termStart, years: o.termYears })}
                    </Typography.Text>
                  </div>
                  <div>
                    {(posts.get(o.id) ?? []).map((p) => (
                      <Tag key={`${p.post}-${p.since}`}>{p.post}</Tag>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function StatusPie({ counts }: { counts: Map<string, number> }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let disposed = false;
    let cleanup = () => {};
    // The chart library is its own chunk (echarts-pie.ts), fetched once the portal is on screen.
    void import('../echarts-pie.ts').then(({ echarts }) => {
      if (disposed) return;
      const chart = echarts.init(el);
      chart.setOption({
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        color: ['#c8161d', '#f5a623'],
        series: [
          {
            type: 'pie',
            radius: ['40%', '70%'],
            data: [...counts.entries()].map(([name, value]) => ({ name, value })),
            label: { formatter: '{b}: {c}' },
          },
        ],
      });
      const onResize = () => chart.resize();
      window.addEventListener('resize', onResize);
      cleanup = () => {
        window.removeEventListener('resize', onResize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [counts]);
  return <div ref={ref} style={{ width: '100%', height: 260 }} data-testid="status-pie" />;
}
