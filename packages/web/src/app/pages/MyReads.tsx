/**
 * 谁查看了我的信息 (issue 18): every read of the signed-in member's sealed data — profile fields or a
 * personal declaration — as the chain recorded it before anything was released: when, who, what,
 * for what purpose, in which block (declaration.readsOf; the node lets only the member and the
 * 纪检委员 above them read it). A 纪检委员 acting in their post also sees the organization's log
 * (declaration.readLog): the discipline-inspection view.
 */
import { Card, List, Space, Tag, Typography } from 'antd';
import { useApp, useAsync } from '../context.tsx';
import { declarationQuery, type ReadEntry } from '../declarations.ts';
import type { MessageKey } from '../i18n.ts';
import { PersonName } from '../names.tsx';
import { ErrorBlock, Loading } from '../ui.tsx';

function Entries({ entries, subject }: { entries: readonly ReadEntry[]; subject: boolean }) {
  const { t } = useApp();
  return (
    <List
      dataSource={[...entries].reverse()}
      locale={{ emptyText: t('mrNone') }}
      renderItem={(e) => (
        <List.Item data-testid="read-entry">
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{e.on}</Typography.Text>
              <Tag color={e.what === 'profile' ? 'blue' : 'purple'}>
                {t(`mrWhat.${e.what}` as MessageKey)}
              </Tag>
              <Typography.Text type="secondary">
                {t('mrBlock')} {e.height}
              </Typography.Text>
            </Space>
            {subject ? (
              <span>
                {t('mrSubject')}：<PersonName id={e.subject} />
              </span>
            ) : null}
            <span>
              {t('mrReader')}：{e.reader ? <PersonName id={e.reader} /> : '—'}
            </span>
            <span data-testid="read-purpose">
              {t('mrPurpose')}：{e.purpose}
            </span>
          </Space>
        </List.Item>
      )}
    />
  );
}

export function MyReadsPage() {
  const { t, chain, session } = useApp();
  const mine = useAsync(
    () => declarationQuery<ReadEntry[]>(chain, 'readsOf', { member: session!.memberId }),
    [session?.memberId],
  );
  const inspector = session?.post?.post === '纪检委员' ? session.post.org : null;
  const log = useAsync(
    async () => (inspector ? declarationQuery<ReadEntry[]>(chain, 'readLog', { org: inspector }) : []),
    [inspector],
  );
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('mrTitle')} data-testid="my-reads">
        <Typography.Paragraph type="secondary">{t('mrIntro')}</Typography.Paragraph>
        {mine.loading ? (
          <Loading />
        ) : mine.error ? (
          <ErrorBlock error={mine.error} onRetry={mine.reload} />
        ) : (
          <Entries entries={mine.data ?? []} subject={false} />
        )}
      </Card>
      {inspector ? (
        <Card title={t('mrInspect')} data-testid="read-log">
          <Typography.Paragraph type="secondary">{t('mrInspectHint')}</Typography.Paragraph>
          {log.loading ? (
            <Loading />
          ) : log.error ? (
            <ErrorBlock error={log.error} onRetry={log.reload} />
          ) : (
            <Entries entries={log.data ?? []} subject />
          )}
        </Card>
      ) : null}
    </Space>
  );
}
