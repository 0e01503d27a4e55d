/**
 * 信用更正申请 (`#/credit/answers`): the branch's 书记 or 组织委员 — the posts that may answer
 * (insight.answerCreditCorrection) — sees its members' open requests (`insight.openCorrections`),
 * each with the member's name, the disputed record and the reason, and answers: accepted, or refused
 * with a reason. The answer is signed and recorded; the member's 我的信用 then shows it.
 */
import { Alert, Button, Card, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { go, useApp, useAsync } from '../context.tsx';
import { PersonName, useNames } from '../names.tsx';
import { useSignedAct } from '../signed-act.ts';
import { CodedAlert, ErrorBlock, Loading, useConfirm } from '../ui.tsx';
import { MIN_REASON } from './Credit.tsx';
import { ANSWER_POSTS, type Correction } from './credit-common.tsx';
import { Quiet } from './OrgLife.tsx';

export function CreditAnswersPage() {
  const { t, chain, session } = useApp();
  const post = session?.post;
  const org = post?.org ?? '';
  const [answered, setAnswered] = useState<number | null>(null);
  const data = useAsync(
    async () =>
      post && ANSWER_POSTS.includes(post.post)
        ? ((await chain.client.query('insight', 'openCorrections', { org }))
            .result as unknown as Correction[])
        : [],
    [org, post?.post],
  );
  const back = (
    <Button size="large" onClick={() => go('credit')}>
      {t('caBack')}
    </Button>
  );
  if (!post || !ANSWER_POSTS.includes(post.post))
    return (
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t('caNoPost')} />
        {back}
      </Space>
    );
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="credit-answers">
      <h1 style={{ margin: 0 }}>{t('caTitle')}</h1>
      <Typography.Paragraph type="secondary">{t('caNote')}</Typography.Paragraph>
      {back}
      {answered !== null && (
        <Alert
          type="success"
          showIcon
          message={t('caAnswered', { height: answered })}
          data-testid="ca-done"
        />
      )}
      <List
        dataSource={data.data}
        locale={{ emptyText: <Quiet text={t('caNone')} /> }}
        renderItem={(c) => (
          <List.Item
            style={{ display: 'block' }}
            data-testid="ca-request"
            data-id={c.id}
            data-member={c.member}
          >
            <Answer
              c={c}
              onDone={(h) => {
                setAnswered(h);
                data.reload();
              }}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}

function Answer({ c, onDone }: { c: Correction; onDone: (height: number) => void }) {
  const ask = useConfirm();
  const { t } = useApp();
  const names = useNames();
  const [accepted, setAccepted] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  const act = useSignedAct();
  const text = reason.trim();
  const ready = accepted === true || (accepted === false && text.length >= MIN_REASON);
  const decision = accepted ? t('caAccept') : t('caRefuse');
  const confirm = () =>
    ask({
      title: t('confirmTitle'),
      content: (
        <div data-testid="ca-confirm">
          <p>{t('crConfirmLead')}</p>
          <ul style={{ paddingLeft: 20 }}>
            <li>{t('caMember', { name: `${names.person(c.member) ?? ''}（${c.member}）` })}</li>
            <li>{t('crConfirmRecord', { record: c.record })}</li>
            <li>{t('caConfirmDecision', { decision })}</li>
            {text ? <li>{t('crAnswerReason', { reason: text })}</li> : null}
          </ul>
        </div>
      ),
      onOk: () => {
        const params = { id: c.id, accepted: accepted === true, ...(text ? { reason: text } : {}) };
        void act.send('insight', 'answerCreditCorrection', params).then((h) => {
          if (h !== null) onDone(h);
        });
      },
    });
  return (
    <Card size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <b style={{ fontSize: '1.15em' }}>
          {t('caMember', { name: '' })}
          <PersonName id={c.member} />（{c.member}）
        </b>
        <div>
          {c.missing ? <Tag color="blue">{t('crAskedMissing')}</Tag> : null}
          {t('ixRecord')}：<code>{c.record}</code>（{c.year}）
        </div>
        <div>{t('crFiled', { date: c.filedOn, reason: c.reason })}</div>
        <Radio.Group
          size="large"
          optionType="button"
          value={accepted}
          onChange={(e) => setAccepted(e.target.value as boolean)}
          aria-label={t('caDecision')}
          options={[
            { value: true, label: t('caAccept') },
            { value: false, label: t('caRefuse') },
          ]}
          data-testid="ca-decision"
        />
        <label htmlFor={`ca-reason-${c.id}`}>{t('caReason')}</label>
        <Input.TextArea
          id={`ca-reason-${c.id}`}
          rows={3}
          maxLength={100}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          style={{ fontSize: '1.1em' }}
          data-testid="ca-reason"
        />
        {act.refusal && <CodedAlert error={act.refusal} />}
        <Button
          size="large"
          type="primary"
          disabled={!ready || act.busy}
          onClick={confirm}
          data-testid="ca-submit"
        >
          {t('caSubmit')}
        </Button>
      </Space>
    </Card>
  );
}
