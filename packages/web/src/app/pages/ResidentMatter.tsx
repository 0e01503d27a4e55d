import type { Value } from '@djchain/crypto/browser';
import { Alert, Button, Card, List, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useActSend } from '../act-send.tsx';
import { go, useApp, useAsync } from '../context.tsx';
import type { Translate } from '../i18n.ts';
import {
  type MatterInfo,
  type ResidentInfo,
  residentApi,
  type StepInfo,
  useResidentSession,
  VOTE_CHOICES,
} from '../resident.ts';
import { CodedAlert, ErrorBlock, Loading } from '../ui.tsx';
import { BIG, StatusTag, TextSend } from './Residents.tsx';

const PUBLIC: readonly string[] = ['reviewed', 'voting', 'resolved', 'published', 'done'];

function held(t: Translate, s: StepInfo): string {
  const base = t('rsHeld', { date: s.heldOn, expected: s.expected, present: s.present });
  const votes =
    s.yes === null ? '' : `；${t('rsVotes', { yes: s.yes, no: s.no ?? 0, abstain: s.abstain ?? 0 })}`;
  return `${base}${votes}${s.late ? t('rsLate') : ''}`;
}

function stepItems(t: Translate, m: MatterInfo) {
  const round = m.rounds[m.rounds.length - 1];
  const pending = t('rsPending');
  return [
    { title: t('rsStep1'), description: held(t, m.propose) },
    { title: t('rsStep2'), description: m.deliberate ? held(t, m.deliberate) : pending },
    { title: t('rsStep3'), description: m.review ? held(t, m.review) : pending },
    {
      title: t('rsStep4'),
      description: round
        ? `${t('rsRound', {
            round: round.round,
            opened: round.openedOn,
            expected: round.expected.length,
            voted: round.yes + round.no + round.abstain,
          })}；${t('rsVotes', { yes: round.yes, no: round.no, abstain: round.abstain })}${
            round.outcome ? `；${t(`ro_${round.outcome}` as 'ro_passed')}` : ''
          }`
        : pending,
    },
    {
      title: t('rsStep5'),
      description: m.resolution
        ? `${t('rsPublishedOn', { date: m.resolution.on })}${m.resolution.late ? t('rsLate') : ''}`
        : pending,
    },
    { title: t('rsStep6'), description: m.result ? t('rsPublishedOn', { date: m.result.on }) : pending },
  ];
}

/** How far the matter went: the index of the current step for antd Steps. */
function current(m: MatterInfo): number {
  if (m.result) return 5;
  if (m.resolution) return 4;
  if (m.rounds.length > 0 && m.status !== 'reviewed') return 3;
  if (m.review) return 2;
  if (m.deliberate) return 1;
  return 0;
}

/** The six steps as recorded: each meeting's day, expected and present, votes, the rounds. */
export function MatterSteps({ m, testId }: { m: MatterInfo; testId: string }) {
  const { t } = useApp();
  return (
    <Card data-testid={testId}>
      <Steps
        direction="vertical"
        current={current(m)}
        status={m.status === 'rejected' ? 'error' : m.status === 'done' ? 'finish' : 'process'}
        items={stepItems(t, m).map((s) => ({
          title: <span style={BIG}>{s.title}</span>,
          description: <span style={{ fontSize: 16 }}>{s.description}</span>,
        }))}
      />
    </Card>
  );
}

export function MatterPage({ id }: { id: string }) {
  const { t, chain } = useApp();
  const session = useResidentSession();
  const data = useAsync(async () => {
    const [matter, comments, me] = await Promise.all([
      residentApi.matter(chain, id),
      residentApi.comments(chain, id),
      session ? residentApi.byAddress(chain, session.address) : Promise.resolve(null),
    ]);
    return { matter, comments, me };
  }, [id, session?.address]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const m = data.data?.matter;
  if (!m) return <Alert type="warning" title={id} />;
  const me = data.data?.me ?? null;
  return (
    <Space
      direction="vertical"
      size="large"
      style={{ display: 'flex', width: '100%', maxWidth: 720, margin: '0 auto', ...BIG }}
    >
      <Button size="large" onClick={() => go('resident')}>
        ← {t('rsMatters')}
      </Button>
      <Typography.Title level={3} data-testid="matter-title">
        {m.title}
      </Typography.Title>
      <StatusTag m={m} />
      <MatterSteps m={m} testId="matter-steps" />
      <VoteCard m={m} me={me} onDone={data.reload} />
      <Card title={t('rsComments')} data-testid="matter-comments">
        {(data.data?.comments ?? []).length === 0 ? (
          <Typography.Text>{t('rsNoComments')}</Typography.Text>
        ) : (
          <List
            dataSource={data.data?.comments ?? []}
            renderItem={(c) => (
              <List.Item data-testid={`comment-${c.n}`}>
                <Space direction="vertical" size={0}>
                  <Typography.Text style={BIG}>{c.text ?? c.document}</Typography.Text>
                  <Typography.Text type="secondary">
                    {c.resident} · {c.on}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
        {PUBLIC.includes(m.status) ? <CommentForm matter={m.id} me={me} onDone={data.reload} /> : null}
      </Card>
    </Space>
  );
}

/** Sends one resident action with the signed-in resident's key (act-send.tsx); nothing without one. */
function useResidentSend() {
  const session = useResidentSession();
  const s = useActSend('resident');
  const send = async (action: string, params: Value): Promise<boolean> =>
    session ? s.send(session.key, action, params) : false;
  return { ...s, send };
}

function CommentForm({
  matter,
  me,
  onDone,
}: {
  matter: string;
  me: ResidentInfo | null;
  onDone: () => void;
}) {
  const { t } = useApp();
  const [text, setText] = useState('');
  const s = useResidentSend();
  if (me?.status !== 'bound')
    return <Typography.Paragraph style={{ marginTop: 12 }}>{t('rsCommentSignIn')}</Typography.Paragraph>;
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="comment-form">
      <Typography.Text strong style={BIG}>
        {t('rsCommentLabel')}
      </Typography.Text>
      <Typography.Text type="secondary">{t('rsCommentHint')}</Typography.Text>
      <TextSend
        rows={4}
        value={text}
        onChange={setText}
        testid="comment"
        label={t('rsCommentSend')}
        busy={s.busy}
        disabled={s.receipt !== null}
        onSend={async () => {
          if (await s.send('comment', { matter, text: text.trim() })) onDone();
        }}
      />
      {s.refusal ? <CodedAlert error={s.refusal} title={t('rsRefused')} /> : null}
      {s.receipt ? (
        <Alert
          type="success"
          showIcon
          data-testid="comment-done"
          title={t('rsCommentDone', { height: s.receipt.height })}
        />
      ) : null}
    </Space>
  );
}

function VoteCard({ m, me, onDone }: { m: MatterInfo; me: ResidentInfo | null; onDone: () => void }) {
  const { t } = useApp();
  const s = useResidentSend();
  const [chosen, setChosen] = useState<string | null>(null);
  const round = m.rounds[m.rounds.length - 1];
  if (!me || !round || m.status !== 'voting' || !round.expected.includes(me.id)) return null;
  const mine = m.votes?.[round.round - 1]?.find((v) => v.resident === me.id);
  return (
    <Card title={t('rsVoteTitle')} data-testid="vote-card">
      <Typography.Paragraph style={BIG}>{t('rsVoteHint')}</Typography.Paragraph>
      {mine || s.receipt ? (
        <Alert
          type="success"
          showIcon
          data-testid="vote-done"
          title={t('rsVoted', { height: s.receipt?.height ?? '', choice: chosen ?? mine?.choice ?? '' })}
        />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {VOTE_CHOICES.map((c) => (
            <Button
              key={c}
              size="large"
              block
              type={c === '赞成' ? 'primary' : 'default'}
              style={{ fontSize: 20, height: 56 }}
              loading={s.busy && chosen === c}
              disabled={s.busy}
              data-testid={`vote-${c}`}
              onClick={async () => {
                setChosen(c);
                if (await s.send('vote', { matter: m.id, choice: c })) onDone();
              }}
            >
              {c}
            </Button>
          ))}
        </Space>
      )}
      {s.refusal ? <CodedAlert error={s.refusal} title={t('rsRefused')} /> : null}
    </Card>
  );
}
