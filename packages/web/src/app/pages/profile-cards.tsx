/**
 * The member profile's cards (精准画像): the posts a member holds, their credit of the year and their
 * open warnings (about them, and owed by their posts) — each read from the chain with the node's read rule (the member, or post holders
 * of their organization or above). A refused read shows a short reason in its card, never an error
 * page. Nothing here compares one member with another.
 */
import { Alert, Card, List, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { chinaToday, type PostInfo } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import type { WarningRecord } from '../insight.ts';
import { OrgName } from '../names.tsx';
import { codedOf, ErrorBlock, Loading } from '../ui.tsx';
import { WarningList } from './Warnings.tsx';

/** A read the node refused for this reader (not a failure of the node). */
export function isRefused(e: unknown): boolean {
  const code = codedOf(e).code;
  return code === 'READ_FORBIDDEN' || code === 'AUTH_REQUIRED';
}

/** A read's state in a card: loading, refused (the reason), failed (the error), or its content. */
export function ReadState<T>({
  read,
  testid,
  children,
}: {
  read: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  testid: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useApp();
  if (read.loading && read.data === undefined) return <Loading />;
  if (read.error !== undefined && isRefused(read.error))
    return <Alert type="info" showIcon data-testid={`${testid}-refused`} title={t('pfRefused')} />;
  if (read.error !== undefined || read.data === undefined)
    return <ErrorBlock error={read.error} onRetry={read.reload} />;
  return <>{children(read.data)}</>;
}

export function MemberPostsCard({ id }: { id: string }) {
  const { t, chain } = useApp();
  const posts = useAsync(() => chain.postsOf(id), [id]);
  return (
    <Card title={t('pfPosts')} data-testid="member-posts">
      <ReadState read={posts} testid="member-posts">
        {(list: PostInfo[]) =>
          list.length === 0 ? (
            <Typography.Text type="secondary">{t('pfPostsNone')}</Typography.Text>
          ) : (
            <List
              dataSource={list}
              renderItem={(p) => (
                <List.Item data-testid="member-post" data-org={p.org} style={{ display: 'block' }}>
                  <Tag color="red">{p.post}</Tag>
                  <a
                    href={`#/org/${p.org}`}
                    style={{ display: 'inline-block', minHeight: 44, lineHeight: '44px' }}
                  >
                    <OrgName id={p.org} />
                  </a>
                  <div style={{ color: '#595959' }}>
                    {t('pfPostSince', { since: p.since })}
                    {p.termEnd ? ` · ${t('termEnd', { date: p.termEnd })}` : ''}
                  </div>
                </List.Item>
              )}
            />
          )
        }
      </ReadState>
    </Card>
  );
}

interface CreditSummary {
  readonly total: number;
  readonly closedMonth: string;
  readonly entries: readonly unknown[];
}

export function MemberCreditCard({ id }: { id: string }) {
  const { t, chain, session } = useApp();
  const year = Number(chinaToday().slice(0, 4));
  const credit = useAsync(
    async () =>
      (await chain.client.query('insight', 'credit', { member: id, year }))
        .result as unknown as CreditSummary,
    [id, year],
  );
  return (
    <Card title={t('pfCredit', { year })} data-testid="member-credit">
      <ReadState read={credit} testid="member-credit">
        {(c: CreditSummary) => (
          <>
            <b style={{ fontSize: '1.2em' }} data-testid="member-credit-total">
              {t('pfCreditTotal', { total: c.total, count: c.entries.length, month: c.closedMonth })}
            </b>
            {/* 我的信用 is the member's own page (with their correction requests). */}
            {session?.memberId === id ? (
              <div>
                <a href="#/credit" style={{ display: 'inline-block', minHeight: 44, lineHeight: '44px' }}>
                  {t('pfCreditGo')}
                </a>
              </div>
            ) : null}
          </>
        )}
      </ReadState>
    </Card>
  );
}

export function MemberWarningsCard({ id }: { id: string }) {
  const { t, chain } = useApp();
  const warnings = useAsync(
    async () =>
      (await chain.client.query('warnings', 'mine', { member: id })).result as unknown as WarningRecord[],
    [id],
  );
  return (
    <Card title={t('pfWarnings')} data-testid="member-warnings">
      <ReadState read={warnings} testid="member-warnings">
        {(list: WarningRecord[]) => {
          // About the member, then those owed by the posts they hold (about others, or their organization).
          const owed = list.filter((w) => w.member !== id);
          return (
            <>
              <Typography.Title level={5}>{t('pfWarningsAbout')}</Typography.Title>
              <WarningList list={list.filter((w) => w.member === id)} testid="member-warnings-about" />
              {owed.length > 0 ? (
                <>
                  <Typography.Title level={5}>{t('pfWarningsOwed')}</Typography.Title>
                  <WarningList list={owed} testid="member-warnings-owed" />
                </>
              ) : null}
            </>
          );
        }}
      </ReadState>
    </Card>
  );
}
