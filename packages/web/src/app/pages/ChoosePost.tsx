/**
 * After the key is opened on the sign-in page: the post to act in, and for a clerk (党务工作者)
 * optionally the member acted for. Its own chunk (issue 20): fetched while the key is opened.
 */
import { Button, Card, Input, Radio, Space, Typography, theme } from 'antd';
import { useState } from 'react';
import type { PostInfo } from '../chain.ts';
import { type Session, useApp } from '../context.tsx';
import { AppError } from '../errors.ts';
import { useNames } from '../names.tsx';
import { CodedAlert, useBusyTask } from '../ui.tsx';

export function ChoosePost({
  pending,
  onDone,
}: {
  pending: Omit<Session, 'post' | 'onBehalfOf'>;
  onDone: (s: Session) => void;
}) {
  const { t, chain } = useApp();
  const names = useNames();
  const { token } = theme.useToken();
  const [choice, setChoice] = useState(pending.posts.length > 0 ? 0 : -1);
  const [forMember, setForMember] = useState('');
  const { busy, error, setError, run } = useBusyTask();
  const post: PostInfo | null = choice >= 0 ? (pending.posts[choice] ?? null) : null;
  const clerk = post?.post === '党务工作者';

  const finish = async () => {
    setError(null);
    const id = forMember.trim();
    if (!id) return onDone({ ...pending, post, onBehalfOf: null });
    if (!clerk) return setError({ code: 'WEB_NOT_CLERK', message: t('clerkOnly') });
    await run(async () => {
      const m = await chain.member(id);
      if (!m) throw new AppError('MEMBER_NOT_FOUND', id);
      onDone({ ...pending, post, onBehalfOf: { member: id, address: m.address } });
    });
  };

  return (
    <Card title={t('choosePost')} style={{ maxWidth: 560, margin: '0 auto' }}>
      <Typography.Paragraph>
        {t('signedInAs')}：<b>{pending.label ?? pending.memberId}</b>（{pending.memberId}）
      </Typography.Paragraph>
      <Radio.Group
        value={choice}
        onChange={(e) => setChoice(e.target.value as number)}
        data-testid="post-choice"
      >
        <Space direction="vertical" size="middle">
          {pending.posts.map((p, i) => (
            // Pixels from the theme, not em: the radio group's font-size is 0, so 1.1em was 0 px.
            <Radio
              key={`${p.org}/${p.post}`}
              value={i}
              style={{ fontSize: token.fontSize * 1.1, minHeight: 44, alignItems: 'center' }}
            >
              {t('postIn', { org: names.org(p.org) ?? p.org, post: p.post })}
            </Radio>
          ))}
          <Radio value={-1} style={{ fontSize: token.fontSize * 1.1, minHeight: 44, alignItems: 'center' }}>
            {t('asSelf')}
          </Radio>
        </Space>
      </Radio.Group>
      {clerk ? (
        <div style={{ marginTop: 16 }}>
          <Typography.Text>{t('actingFor')}</Typography.Text>
          <Input
            value={forMember}
            onChange={(e) => setForMember(e.target.value)}
            placeholder={t('actingForPlaceholder')}
            aria-label={t('actingFor')}
            data-testid="acting-for"
          />
        </div>
      ) : null}
      {error ? (
        <div style={{ marginTop: 16 }}>
          <CodedAlert error={error} />
        </div>
      ) : null}
      <Button
        type="primary"
        size="large"
        block
        style={{ marginTop: 16 }}
        onClick={finish}
        loading={busy}
        data-testid="post-submit"
      >
        {t('navWorkbench')}
      </Button>
    </Card>
  );
}
