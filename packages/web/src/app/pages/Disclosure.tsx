/**
 * 党务公开 (issue 16), phone first: the list of what is in force — for residents without signing in,
 * for members after sign-in also what the community's Party members or their organization may read —
 * and an item's page, whose record, replacement link and content are checked in this browser
 * against the chain (the light client, as the dossier check does) before anything is shown.
 */
import { ROUTES } from '@djchain/client';
import { Alert, Button, Card, Descriptions, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { download } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import { checkItem, type DisclosureItem, type DisclosureScope, itemsInForce } from '../disclosure.ts';
import { ErrorBlock, Loading } from '../ui.tsx';
import { DisclosureNewLink, DisclosureReplaceCards } from './DisclosureForms.tsx';

/** Organization names from the public portal answer (no member data). */
function useOrgNames(): Map<string, string> {
  const { chain } = useApp();
  const names = useAsync(async () => new Map((await chain.portal()).orgs.map((o) => [o.id, o.name])), []);
  return names.data ?? new Map();
}

function ItemTags({ item }: { item: DisclosureItem }) {
  const { t } = useApp();
  return (
    <Space size={4} wrap>
      <Tag color="red">{item.kind}</Tag>
      {item.corrects !== null ? <Tag color="orange">{t('dsCorrection')}</Tag> : null}
      {item.source !== null ? <Tag color="blue">{t('dsAutomatic')}</Tag> : null}
    </Space>
  );
}

export function DisclosureListPage() {
  const { t, chain, session } = useApp();
  const names = useOrgNames();
  const [range, setRange] = useState<DisclosureScope>('public');
  // A member reads their own organization's items (and those of the organizations above it).
  const home = useAsync(async () => {
    if (!session) return null;
    const m = (await chain.client.query('member', 'member', { id: session.memberId })).result as {
      org?: string;
    } | null;
    return m?.org ?? null;
  }, [session?.memberId]);
  const scope: DisclosureScope = session ? range : 'public';
  const data = useAsync(
    () => itemsInForce(chain, scope, scope === 'org' ? (home.data ?? undefined) : undefined),
    [scope, home.data],
  );
  return (
    <div data-testid="disclosure-list">
      <Typography.Title level={3}>{t('dsTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('dsIntro')}</Typography.Paragraph>
      <DisclosureNewLink />
      {session ? (
        <Space direction="vertical" style={{ marginBottom: 12 }}>
          <Typography.Text>{t('dsRange')}</Typography.Text>
          <Segmented
            size="large"
            value={range}
            onChange={(v) => setRange(v as DisclosureScope)}
            data-testid="disclosure-range"
            options={[
              { value: 'public', label: t('dsRangePublic') },
              { value: 'community', label: t('dsRangeCommunity') },
              { value: 'org', label: t('dsRangeOrg') },
            ]}
          />
        </Space>
      ) : null}
      {data.loading ? (
        <Loading />
      ) : data.error ? (
        <ErrorBlock error={data.error} onRetry={data.reload} />
      ) : (
        <List
          dataSource={data.data!.items}
          locale={{ emptyText: t('dsNone') }}
          renderItem={(item) => (
            <List.Item key={item.id} style={{ padding: '8px 0' }}>
              <Card
                style={{ width: '100%' }}
                size="small"
                data-testid={`disclosure-item-${item.id}`}
                title={<ItemTags item={item} />}
              >
                <Typography.Paragraph style={{ fontSize: '1.1em', marginBottom: 4 }} strong>
                  {names.get(item.org) ?? item.org}
                </Typography.Paragraph>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t('dsPeriod', { from: item.from, until: item.until ?? t('dsOpenEnded') })}
                </Typography.Paragraph>
                <Button size="large" href={`#/disclosure/${encodeURIComponent(item.id)}`} block>
                  {t('dsOpen')}
                </Button>
              </Card>
            </List.Item>
          )}
        />
      )}
      <Typography.Paragraph style={{ marginTop: 16 }}>
        <a href={ROUTES.disclosureFeed.path} data-testid="disclosure-feed" style={{ fontSize: '1.1em' }}>
          {t('dsFeed')}
        </a>
      </Typography.Paragraph>
    </div>
  );
}

/** A link to another version, named as a reader knows it (第 n 版), its id only in the tooltip. */
function ItemLink({ id, versions }: { id: string; versions: readonly DisclosureItem[] }) {
  const { t } = useApp();
  const n = versions.findIndex((v) => v.id === id);
  return (
    <a href={`#/disclosure/${encodeURIComponent(id)}`} title={id} style={{ textDecoration: 'underline' }}>
      {n < 0 ? t('dsOpen') : t('dsVersionN', { n: n + 1 })}
    </a>
  );
}

export function DisclosureItemPage({ id }: { id: string }) {
  const { t, chain } = useApp();
  const names = useOrgNames();
  const checked = useAsync(() => checkItem(chain, id), [id]);
  if (checked.loading) return <Typography.Paragraph>{t('dsChecking')}</Typography.Paragraph>;
  if (checked.error) return <ErrorBlock error={checked.error} onRetry={checked.reload} />;
  const { item, successor, height, answerMatches, versions, content } = checked.data!;
  const scopeLabel = { public: t('dsRangePublic'), community: t('dsRangeCommunity'), org: t('dsRangeOrg') }[
    item.scope
  ];
  return (
    <div data-testid="disclosure-page">
      <Typography.Paragraph>
        <a href="#/disclosure">← {t('dsBack')}</a>
      </Typography.Paragraph>
      <Typography.Title level={3}>
        {names.get(item.org) ?? item.org}｜{item.kind}
      </Typography.Title>
      <Alert
        type="success"
        showIcon
        data-testid="disclosure-verified"
        message={t(content ? 'dsVerified' : 'dsVerifiedNoContent', { height })}
        style={{ marginBottom: 12 }}
      />
      {answerMatches ? null : (
        <Alert type="warning" showIcon message={t('dsMismatch')} style={{ marginBottom: 12 }} />
      )}
      {successor ? (
        <Alert
          type="warning"
          showIcon
          data-testid="disclosure-replaced"
          style={{ marginBottom: 12 }}
          message={
            <span>
              {t(successor.how === 'corrected' ? 'dsReplacedCorrected' : 'dsReplacedWithdrawn', {
                on: successor.on,
              })}{' '}
              <ItemLink id={successor.id} versions={versions} />
            </span>
          }
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <ItemTags item={item} />
        <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
          <Descriptions.Item label={t('dsOrg')}>{names.get(item.org) ?? item.org}</Descriptions.Item>
          <Descriptions.Item label={t('dsKind')}>{item.kind}</Descriptions.Item>
          <Descriptions.Item label={t('dsScope')}>{scopeLabel}</Descriptions.Item>
          <Descriptions.Item label={t('dsPeriodLabel')}>
            {item.from} — {item.until ?? t('dsOpenEnded')}
          </Descriptions.Item>
          <Descriptions.Item label={t('dsRecordedOn')}>{item.on}</Descriptions.Item>
        </Descriptions>
        {item.corrects !== null ? (
          <Typography.Paragraph data-testid="disclosure-corrects">
            {t('dsCorrects')} <ItemLink id={item.corrects} versions={versions} />
          </Typography.Paragraph>
        ) : null}
        {item.withdraws !== null ? (
          <Typography.Paragraph>
            {t('dsWithdraws')} <ItemLink id={item.withdraws} versions={versions} />
          </Typography.Paragraph>
        ) : null}
        {item.reason !== null ? (
          <Typography.Paragraph>{t('dsReason', { reason: item.reason })}</Typography.Paragraph>
        ) : null}
        {item.source !== null ? (
          <Typography.Paragraph type="secondary">
            {t('dsSource', { module: item.source.module, height: item.source.height })}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card size="small" title={t('dsContent')} style={{ marginBottom: 12 }} data-testid="disclosure-content">
        {content === null ? (
          <Typography.Paragraph>{t('dsNoContent')}</Typography.Paragraph>
        ) : (
          <>
            {content.text !== null ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: '1.1em' }}>
                {content.text}
              </Typography.Paragraph>
            ) : null}
            <Button size="large" onClick={() => download(`${item.id}`, content.bytes, content.mediaType)}>
              {t('dsDownload')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ wordBreak: 'break-all', marginTop: 8 }}>
              {t('dsHash')}: {item.content}
            </Typography.Paragraph>
          </>
        )}
      </Card>
      {successor ? null : <DisclosureReplaceCards item={item} onDone={checked.reload} />}
      {versions.length > 1 ? (
        <Card size="small" title={t('dsVersions')}>
          <List
            dataSource={[...versions]}
            renderItem={(v) => (
              <List.Item key={v.id}>
                <Space wrap>
                  {v.id === item.id ? (
                    <b>{t('dsVersionHere', { n: versions.indexOf(v) + 1 })}</b>
                  ) : (
                    <ItemLink id={v.id} versions={versions} />
                  )}
                  <Tag>{v.kind}</Tag>
                  <span>{v.on}</span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
    </div>
  );
}
