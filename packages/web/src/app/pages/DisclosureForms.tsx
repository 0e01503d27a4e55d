/**
 * 党务公开 forms (issue 16) for the organization's 书记, 组织委员 and 宣传委员: `#/disclosure/new`
 * publishes an item (`disclosure.publish`: kind, readers, period, content filed first as an
 * attachment whose readers cover the item's), and an item's page offers its correction
 * (`disclosure.correct`: a new linked item with a reason) and withdrawal (`disclosure.withdraw`).
 * Each goes through ActCard: a confirmation listing what will be recorded, one submission, the
 * chain's coded refusal in Chinese.
 */
import { Alert, Button, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ActCard, type FormValues } from '../act.tsx';
import { chinaToday } from '../chain.ts';
import { useApp } from '../context.tsx';
import type { DisclosureItem } from '../disclosure.ts';
import { DocField, recordId } from '../doc-field.tsx';
import type { MessageKey } from '../i18n.ts';
import { HAND_KINDS } from '../openness.ts';

const SCOPES = ['public', 'community', 'org'] as const;
type Scope = (typeof SCOPES)[number];
/** 第十五条: who publishes (disclosure PUBLISHERS). */
export const DISCLOSURE_POSTS: readonly string[] = ['书记', '组织委员', '宣传委员'];

const scopeKey = (s: Scope): MessageKey =>
  s === 'public' ? 'dsRangePublic' : s === 'community' ? 'dsRangeCommunity' : 'dsRangeOrg';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The item an act replaces, as a person knows it: kind and period (its id is on its page). */
const described = (item: DisclosureItem) => `${item.kind}（${item.from} — ${item.until ?? '…'}）`;

/** The post the session acts in, when it may publish for its organization. */
function usePublisher(): { org: string } | null {
  const { session } = useApp();
  const p = session?.post;
  return p && DISCLOSURE_POSTS.includes(p.post) ? { org: p.org } : null;
}

function PeriodFields({ fixedUntil }: { fixedUntil?: string | null }) {
  const { t } = useApp();
  return (
    <>
      <Form.Item name="from" label={t('opDsFrom')} rules={[{ required: true }]} initialValue={chinaToday()}>
        <Input type="date" min={chinaToday()} data-testid="ds-from" />
      </Form.Item>
      {fixedUntil === undefined ? (
        <Form.Item name="until" label={t('opDsUntil')}>
          <Input type="date" min={chinaToday()} data-testid="ds-until" />
        </Form.Item>
      ) : (
        <Typography.Paragraph>
          {t('opDsUntilFixed', { until: fixedUntil ?? t('dsOpenEnded') })}
        </Typography.Paragraph>
      )}
    </>
  );
}

export function DisclosureNewPage() {
  const { t } = useApp();
  const publisher = usePublisher();
  const [form] = Form.useForm();
  const scope = (Form.useWatch('scope', form) ?? 'public') as Scope;
  const kind = Form.useWatch('kind', form) as string | undefined;
  const made = useRef('');
  const [published, setPublished] = useState<string | null>(null);
  if (!publisher) return <Alert type="info" showIcon title={t('opNoPost')} />;
  return (
    <Space direction="vertical" size="large" style={{ display: 'flex', maxWidth: 720, margin: '0 auto' }}>
      <Typography.Paragraph>
        <a href="#/disclosure">← {t('dsBack')}</a>
      </Typography.Paragraph>
      <Typography.Title level={3}>{t('opDsNew')}</Typography.Title>
      <ActCard
        action="disclosure.publish"
        title={t('opDsNew')}
        hint={t('opDsNewHint')}
        testId="ds-publish"
        form={form}
        targetOf={() => publisher.org}
        prepare={(v: FormValues) => {
          const id = recordId('ds', publisher.org, chinaToday());
          made.current = id;
          const until = str(v.until);
          const meeting = str(v.meeting);
          return {
            params: {
              id,
              org: publisher.org,
              kind: str(v.kind),
              scope,
              from: str(v.from),
              ...(until ? { until } : {}),
              content: str(v.content),
              ...(v.kind === '会议纪要' && meeting ? { meeting } : {}),
            },
            summary: [
              [t('opOrg'), publisher.org],
              [t('opDsKind'), str(v.kind)],
              [t('opDsScope'), t(scopeKey(scope))],
              [t('dsPeriodLabel'), `${str(v.from)} — ${until || t('dsOpenEnded')}`],
              ...(meeting && v.kind === '会议纪要' ? [[t('opDsMeeting'), meeting] as const] : []),
              [t('dsHash'), str(v.content)],
            ],
          };
        }}
        onDone={() => setPublished(made.current)}
      >
        <Form.Item name="kind" label={t('opDsKind')} rules={[{ required: true }]} initialValue="工作公开">
          <Select
            aria-label={t('opDsKind')}
            options={HAND_KINDS.map((k) => ({ value: k, label: k }))}
            data-testid="ds-kind"
          />
        </Form.Item>
        {kind === '会议纪要' ? (
          <Form.Item name="meeting" label={t('opDsMeeting')} rules={[{ required: true }]}>
            <Input data-testid="ds-meeting" />
          </Form.Item>
        ) : null}
        <Form.Item name="scope" label={t('opDsScope')} initialValue="public">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={SCOPES.map((s) => ({ value: s, label: t(scopeKey(s)) }))}
            onChange={() => form.setFieldValue('content', undefined)}
            data-testid="ds-scope"
          />
        </Form.Item>
        <PeriodFields />
        {/* Keyed by the range: a file registered for another range is picked again. */}
        <DocField
          key={scope}
          name="content"
          label={t('opDsContent')}
          org={publisher.org}
          scope={scope}
          testId="ds-content"
        />
      </ActCard>
      {published ? (
        <Alert
          type="success"
          showIcon
          data-testid="ds-published"
          title={
            <span>
              {t('opDsPublished')}{' '}
              <a href={`#/disclosure/${encodeURIComponent(published)}`} style={{ wordBreak: 'break-all' }}>
                {t('opDsOpenItem')}
              </a>
            </span>
          }
        />
      ) : null}
    </Space>
  );
}

/** On an item's page, for its organization's publishers: correct it or withdraw it. */
export function DisclosureReplaceCards({ item, onDone }: { item: DisclosureItem; onDone: () => void }) {
  const { t } = useApp();
  const publisher = usePublisher();
  const [correctForm] = Form.useForm();
  if (!publisher || publisher.org !== item.org || item.withdraws !== null) return null;
  const automatic = item.source !== null;
  return (
    <Space direction="vertical" size="large" style={{ display: 'flex' }}>
      <ActCard
        action="disclosure.correct"
        title={t('opDsCorrect')}
        hint={t('opDsCorrectHint')}
        testId="ds-correct"
        form={correctForm}
        targetOf={() => item.org}
        prepare={(v: FormValues) => {
          const until = automatic ? (item.until ?? '') : str(v.until);
          return {
            params: {
              id: recordId('ds', item.org, chinaToday()),
              corrects: item.id,
              from: str(v.from),
              ...(until ? { until } : {}),
              content: str(v.content),
              reason: str(v.reason),
            },
            summary: [
              [t('opDsCorrects'), described(item)],
              [t('dsPeriodLabel'), `${str(v.from)} — ${until || t('dsOpenEnded')}`],
              [t('opDsReason'), str(v.reason)],
              [t('dsHash'), str(v.content)],
            ],
          };
        }}
        onDone={onDone}
      >
        <PeriodFields {...(automatic ? { fixedUntil: item.until } : {})} />
        <DocField
          name="content"
          label={t('opDsContent')}
          org={item.org}
          scope={item.scope}
          testId="ds-correct-content"
        />
        <Form.Item name="reason" label={t('opDsReason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={200} data-testid="ds-correct-reason" />
        </Form.Item>
      </ActCard>
      <ActCard
        action="disclosure.withdraw"
        title={t('opDsWithdraw')}
        hint={t('opDsWithdrawHint')}
        testId="ds-withdraw"
        targetOf={() => item.org}
        prepare={(v: FormValues) => ({
          params: {
            id: recordId('ds', item.org, chinaToday()),
            withdraws: item.id,
            reason: str(v.reason),
            ...(str(v.content) ? { content: str(v.content) } : {}),
          },
          summary: [
            [t('opDsWithdraws'), described(item)],
            [t('opDsReason'), str(v.reason)],
            ...(str(v.content) ? [[t('dsHash'), str(v.content)] as const] : []),
          ],
        })}
        onDone={onDone}
      >
        <Form.Item name="reason" label={t('opDsReason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={200} data-testid="ds-withdraw-reason" />
        </Form.Item>
        <DocField
          name="content"
          label={t('opDsWithdrawContent')}
          org={item.org}
          scope={item.scope}
          required={false}
          testId="ds-withdraw-content"
        />
      </ActCard>
    </Space>
  );
}

/** The list page's link to the form, for a publisher. */
export function DisclosureNewLink() {
  const { t } = useApp();
  if (!usePublisher()) return null;
  return (
    <Button
      size="large"
      type="primary"
      href="#/disclosure/new"
      data-testid="ds-new"
      style={{ marginBottom: 12 }}
    >
      {t('opDsManage')}
    </Button>
  );
}
