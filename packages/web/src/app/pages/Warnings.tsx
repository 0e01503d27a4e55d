/**
 * 预警中心 (`#/warnings`): the warning centre's open warnings — the signed-in member's own (about
 * them, and owed by the posts they hold: `warnings.mine`) and, for a post holder, those of their
 * organization and every one below it (`warnings.open` with subtree). Each names its level, due date,
 * article and the act that answers it, with a link to that act's page. Live: a `warnings.Raised` or
 * `warnings.Closed` on the event stream re-reads both lists.
 */
import { Card, List, Space, Tag, Typography } from 'antd';
import { actionLabel } from '../chain-view.tsx';
import { useApp, useAsync } from '../context.tsx';
import type { MessageKey, Translate } from '../i18n.ts';
import { type WarningRecord, warningLink } from '../insight.ts';
import { useLive } from '../live.ts';
import { PersonName, useNames } from '../names.tsx';
import { ErrorBlock, Loading } from '../ui.tsx';
import { Quiet } from './OrgLife.tsx';

const LEVEL_COLOR = { dueSoon: 'gold', overdue: 'red', serious: 'magenta' } as const;

export function WarningsPage() {
  const { t, chain, session } = useApp();
  const member = session?.memberId ?? '';
  const org = session?.post?.org ?? null;
  const live = useLive(
    chain,
    // Blocks too: the page shows the height it is live at; only the centre's warnings re-read.
    ['block', 'warning'],
    (e) => e.kind === 'warning' && e.data.type.startsWith('warnings.'),
  );
  const data = useAsync(async () => {
    const mine = (await chain.client.query('warnings', 'mine', { member }))
      .result as unknown as WarningRecord[];
    const below =
      org === null
        ? null
        : ((await chain.client.query('warnings', 'open', { org, subtree: true }))
            .result as unknown as WarningRecord[]);
    return { mine, below };
  }, [member, org, live.tick]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { mine, below } = data.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <h1 style={{ margin: 0 }}>{t('wcTitle')}</h1>
        {live.height !== null && (
          <Tag color="green" data-testid="wc-live">
            {t('wcLive', { height: live.height })}
          </Tag>
        )}
      </Space>
      <Card title={t('wcMine')} data-testid="wc-mine">
        <Typography.Paragraph type="secondary">{t('wcMineNote')}</Typography.Paragraph>
        <WarningList list={mine} testid="wc-mine-list" />
      </Card>
      {below !== null && org !== null && <OrgWarnings org={org} list={below} />}
    </Space>
  );
}

function OrgWarnings({ org, list }: { org: string; list: WarningRecord[] }) {
  const { t } = useApp();
  const names = useNames();
  return (
    <Card title={t('wcOrg', { org: names.org(org) ?? org })} data-testid="wc-org">
      <WarningList list={list} testid="wc-org-list" />
    </Card>
  );
}

/** Levels by urgency, for a short list (the workbench's): serious, overdue, due soon; then due date. */
export function byUrgency(list: readonly WarningRecord[]): WarningRecord[] {
  const rank = { serious: 0, overdue: 1, dueSoon: 2 } as const;
  return [...list].sort((a, b) => rank[a.level] - rank[b.level] || a.due.localeCompare(b.due));
}

/** The act that answers a warning for people: its label from the i18n tables (the id only without one). */
export function resolvingAct(t: Translate, act: string): string {
  const dot = act.indexOf('.');
  return actionLabel(t, act.slice(0, dot), act.slice(dot + 1)) ?? act;
}

/**
 * A study-pace warning's figures as raised: the months judged and, under a pro-rating rule set, the
 * day the member's pace counts from (joined or transferred in during the year).
 */
function StudyPaceData({ data }: { data: WarningRecord['data'] }) {
  const { t } = useApp();
  const d = data as { elapsed?: unknown; since?: unknown };
  return (
    <span data-testid="wc-study-pace">
      {typeof d.elapsed === 'number' && t('wcStudyElapsed', { months: d.elapsed })}
      {typeof d.since === 'string' && ` · ${t('wcStudySince', { date: d.since })}`}
    </span>
  );
}

export function WarningList({ list, testid }: { list: WarningRecord[]; testid: string }) {
  const { t } = useApp();
  const names = useNames();
  return (
    <List
      data-testid={testid}
      dataSource={list}
      locale={{ emptyText: <Quiet text={t('wcNone')} /> }}
      renderItem={(w) => {
        const link = warningLink(w);
        return (
          <List.Item
            style={{ display: 'block' }}
            data-testid="wc-item"
            data-id={w.id}
            data-kind={w.kind}
            data-level={w.level}
          >
            <Space wrap>
              <Tag color={LEVEL_COLOR[w.level]}>{t(`wl_${w.level}` as MessageKey)}</Tag>
              <b>{t(`wk_${w.kind.replace('.', '_')}` as MessageKey)}</b>
              {w.member !== null && <PersonName id={w.member} />}
              {typeof (w.data as { meeting?: string }).meeting === 'string' && (
                <span>
                  {(w.data as { meeting: string }).meeting} {(w.data as { period: string }).period}
                </span>
              )}
              {w.kind === 'study.pace' && <StudyPaceData data={w.data} />}
              <span>{t('wcDue', { date: w.due })}</span>
            </Space>
            <div style={{ color: '#595959', marginTop: 4 }}>
              {t('wcOwner', { org: names.org(w.org) ?? w.org, posts: w.posts.join('、') })} · {w.cite} ·{' '}
              {t('wcRaised', { date: w.raisedOn })}
            </div>
            <div style={{ marginTop: 4 }}>
              {t('wcResolves', { acts: w.resolves.map((a) => resolvingAct(t, a)).join('、') })}
              {link !== null && (
                <a
                  href={link}
                  style={{
                    marginInlineStart: 12,
                    display: 'inline-block',
                    minHeight: 44,
                    lineHeight: '44px',
                  }}
                >
                  {t('wcGo')}
                </a>
              )}
            </div>
          </List.Item>
        );
      }}
    />
  );
}
