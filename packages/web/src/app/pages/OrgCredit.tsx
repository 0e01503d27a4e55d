/**
 * 组织信用 on the operation index page: one organization's credit of the year (`insight.orgCredit`)
 * — read by its own post holders and those above it (the node's read rule, as the index) — every
 * point beside the record behind it. One organization at a time: no table of organizations, no rank.
 */
import { Card, Typography } from 'antd';
import { chinaToday } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { useNames } from '../names.tsx';
import { ErrorBlock, Loading } from '../ui.tsx';
import { CreditEntries } from './credit-common.tsx';

interface OrgCredit {
  readonly org: string;
  readonly total: number;
  readonly entries: readonly { points: number; kind: string; org: string; on: string; record: string }[];
}

export function OrgCreditCard({ org }: { org: string }) {
  const { t, chain } = useApp();
  const names = useNames();
  const year = Number(chinaToday().slice(0, 4));
  const data = useAsync(
    async () =>
      (await chain.client.query('insight', 'orgCredit', { org, year })).result as unknown as OrgCredit | null,
    [org, year],
  );
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const c = data.data;
  if (!c) return null;
  return (
    <Card title={t('ocTitle', { year })} data-testid="org-credit">
      <Typography.Paragraph type="secondary">{t('ocNote')}</Typography.Paragraph>
      <b style={{ fontSize: '1.3em' }} data-testid="org-credit-total">
        {t('crTotal', { total: c.total })}
      </b>
      <CreditEntries
        entries={c.entries}
        empty={t('ocNone')}
        itemTestId="org-credit-entry"
        label={(e) => t(`oc_${e.kind}` as MessageKey)}
        extra={(e) => e.org !== c.org && <span>{names.org(e.org) ?? e.org}</span>}
      />
    </Card>
  );
}
