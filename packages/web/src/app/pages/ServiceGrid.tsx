/**
 * 网格 (`#/service/grid`): the grids with their aggregate figures (households and residents only, no
 * lists), and for a grid leader signed in as a member the open orders of their grid that are past
 * their due day — the escalations that came to them (service.overdue, their grid's only).
 */
import { Alert, Card, List, Space, Statistic, Typography } from 'antd';
import { useApp, useAsync } from '../context.tsx';
import { type GridInfo, type OrderInfo, serviceApi } from '../service.ts';
import { ErrorBlock, Loading } from '../ui.tsx';
import { BIG } from './Residents.tsx';
import { OrderStatusLine, ServiceLinks, WIDE } from './Service.tsx';

export function ServiceGrids() {
  const { t, chain, session } = useApp();
  const me = session ? `member:${session.memberId}` : null;
  const data = useAsync(async () => {
    const grids = await serviceApi.grids(chain);
    const mine = grids.filter((g) => g.leader === me);
    const overdue = new Map<string, OrderInfo[]>();
    for (const g of mine) overdue.set(g.id, await serviceApi.overdue(chain, g.id));
    return { grids, overdue };
  }, [me]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { grids, overdue } = data.data!;
  return (
    <Space direction="vertical" size="large" style={WIDE}>
      <Typography.Title level={3}>{t('svGrids')}</Typography.Title>
      <Typography.Paragraph style={BIG}>{t('svGridsIntro')}</Typography.Paragraph>
      {grids.map((g: GridInfo) => (
        <Card key={g.id} title={g.name} data-testid={`sv-grid-${g.id}`}>
          <Space size="large" wrap>
            <Statistic title={t('svHouseholds')} value={g.households} />
            <Statistic title={t('svResidents')} value={g.residents} />
            <Statistic title={t('svGridMembers')} value={g.members.length + 1} />
          </Space>
          {overdue.has(g.id) ? (
            <div style={{ marginTop: 16 }} data-testid={`sv-grid-overdue-${g.id}`}>
              <Typography.Text strong style={BIG}>
                {t('svMyGridOverdue')}
              </Typography.Text>
              {(overdue.get(g.id) ?? []).length === 0 ? (
                <Alert style={{ marginTop: 8 }} type="success" showIcon title={t('svNoOverdue')} />
              ) : (
                <List
                  dataSource={overdue.get(g.id) ?? []}
                  renderItem={(o) => (
                    <List.Item>
                      <Space direction="vertical" size={2}>
                        <Typography.Text>{o.id}</Typography.Text>
                        <OrderStatusLine o={o} />
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </div>
          ) : null}
        </Card>
      ))}
      <ServiceLinks />
    </Space>
  );
}
