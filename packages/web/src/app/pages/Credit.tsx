/**
 * 我的信用 (`#/credit`): the signed-in member's own credit of the year (`insight.credit`), derived
 * only from attested records — dues paid on time, confirmed attendance, sanctions in force — with
 * every point beside the record it comes from. Nothing from clicks, study time or time online; no
 * comparison with anyone.
 */
import { Card, List, Space, Tag, Typography } from 'antd';
import { chinaToday } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { ErrorBlock, Loading } from '../ui.tsx';
import { Quiet } from './OrgLife.tsx';

interface Credit {
  readonly total: number;
  readonly closedMonth: string;
  readonly entries: readonly { points: number; kind: string; on: string; record: string }[];
}

export function CreditPage() {
  const { t, chain, session } = useApp();
  const member = session?.memberId ?? '';
  const year = Number(chinaToday().slice(0, 4));
  const data = useAsync(
    async () => (await chain.client.query('insight', 'credit', { member, year })).result as unknown as Credit,
    [member, year],
  );
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const c = data.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <h1 style={{ margin: 0 }}>{t('crTitle', { year })}</h1>
      <Typography.Paragraph type="secondary">{t('crNote')}</Typography.Paragraph>
      <Card data-testid="credit-total">
        <b style={{ fontSize: '1.4em' }}>{t('crTotal', { total: c.total })}</b>
        <div style={{ color: '#595959' }}>{t('crThrough', { month: c.closedMonth })}</div>
      </Card>
      <Card title={t('crEntries')}>
        <List
          data-testid="credit-entries"
          dataSource={[...c.entries]}
          locale={{ emptyText: <Quiet text={t('crNone')} /> }}
          renderItem={(e) => (
            <List.Item data-testid="credit-entry" data-kind={e.kind} style={{ display: 'block' }}>
              <Space wrap>
                <Tag color={e.points > 0 ? 'green' : e.points < 0 ? 'red' : 'default'}>
                  {e.points > 0 ? `+${e.points}` : String(e.points)}
                </Tag>
                <b>{t(`cr_${e.kind}` as MessageKey)}</b>
                <span>{e.on}</span>
              </Space>
              <div style={{ color: '#595959' }}>
                {t('ixRecord')}：{e.record}
              </div>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
