/**
 * 服务公开数据 (`#/service/figures`), for anyone: completed services confirmed by residents, per month
 * and kind, with the average rating. Only the chain's aggregate (service.stats): no names, no ids.
 */
import { Card, Space, Statistic, Table, Typography } from 'antd';
import { useApp, useAsync } from '../context.tsx';
import { serviceApi } from '../service.ts';
import { ErrorBlock, Loading } from '../ui.tsx';
import { BIG } from './Residents.tsx';
import { ServiceLinks, WIDE } from './Service.tsx';

/** One decimal of an average rating, from integer sums (display only). */
const avg = (sum: number, n: number) => (n === 0 ? '—' : (Math.round((sum * 10) / n) / 10).toFixed(1));

export function ServiceFigures() {
  const { t, chain } = useApp();
  const stats = useAsync(() => serviceApi.stats(chain), []);
  if (stats.loading && !stats.data) return <Loading />;
  if (stats.error) return <ErrorBlock error={stats.error} onRetry={stats.reload} />;
  const rows = [...(stats.data ?? [])].sort(
    (a, b) => b.month.localeCompare(a.month) || a.kind.localeCompare(b.kind),
  );
  const orders = rows.reduce((n, r) => n + r.orders, 0);
  const sum = rows.reduce((n, r) => n + r.ratingSum, 0);
  return (
    <Space direction="vertical" size="large" style={WIDE}>
      <Typography.Title level={3}>{t('svFigures')}</Typography.Title>
      <Typography.Paragraph style={BIG}>{t('svFiguresIntro')}</Typography.Paragraph>
      <Card data-testid="sv-figures-total">
        <Space size="large" wrap>
          <Statistic title={t('svFiguresOrders')} value={orders} />
          <Statistic title={t('svFiguresRating')} value={avg(sum, orders)} />
        </Space>
      </Card>
      <Card data-testid="sv-figures">
        {rows.length === 0 ? (
          <Typography.Text>{t('svFiguresEmpty')}</Typography.Text>
        ) : (
          <Table
            size="middle"
            pagination={false}
            rowKey={(r) => `${r.month}/${r.kind}`}
            dataSource={rows}
            columns={[
              { title: t('svFiguresMonth'), dataIndex: 'month' },
              { title: t('svFiguresKind'), dataIndex: 'kind' },
              { title: t('svFiguresOrders'), dataIndex: 'orders' },
              { title: t('svFiguresRating'), render: (_: unknown, r) => avg(r.ratingSum, r.orders) },
            ]}
          />
        )}
      </Card>
      <ServiceLinks />
    </Space>
  );
}
