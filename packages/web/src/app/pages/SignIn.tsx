/**
 * Sign-in: a keystore file (or the encrypted keystore kept in this browser) and its passphrase,
 * decrypted here with the same format as the CLI (@djchain/client openKeystore). Then the post to
 * act in, and for a clerk (党务工作者) optionally the member acted for — marked on every page.
 */
import { addressOf, openKeystore, parseKeystore } from '@djchain/client';
import { Button, Card, Checkbox, Form, Input, Radio, Space, Typography, theme, Upload } from 'antd';
import { useState } from 'react';
import type { Chain, PostInfo } from '../chain.ts';
import { go, type Session, useApp } from '../context.tsx';
import { AppError } from '../errors.ts';
import { useNames } from '../names.tsx';
import { CodedAlert, type CodedView, codedOf } from '../ui.tsx';

const KEYSTORE_KEY = 'djchain.keystore';

export function SignInPage() {
  const { t, chain, setSession } = useApp();
  const remembered = localStorage.getItem(KEYSTORE_KEY);
  const [text, setText] = useState<string | null>(remembered);
  const [fileName, setFileName] = useState<string | null>(remembered ? t('rememberedKey') : null);
  const [pass, setPass] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CodedView | null>(null);
  const [pending, setPending] = useState<Omit<Session, 'post' | 'onBehalfOf'> | null>(null);

  const signIn = async () => {
    if (!text) return;
    setBusy(true);
    setError(null);
    try {
      const suite = chain.client.suite;
      const key = await openKeystore(text, pass, suite);
      const file = parseKeystore(text);
      const address = addressOf(suite, key.publicKey);
      // A read session for this key: from here on the node answers as it may answer this member
      // (their own records, and those of the organizations their posts reach).
      const session = await chain.client.signIn(key);
      const memberId = session.member;
      // The county discipline commission named in genesis is no member: it signs in to approve
      // expulsions (pages/Discipline.tsx), acting in no post.
      const commission = memberId ? null : await commissionOf(chain, address);
      if (commission) {
        if (remember) localStorage.setItem(KEYSTORE_KEY, text);
        setSession({
          key,
          keystore: text,
          address,
          memberId: commission,
          label: commission,
          posts: [],
          post: null,
          onBehalfOf: null,
        });
        go('discipline');
        return;
      }
      if (!memberId) {
        await chain.client.signOut();
        throw new AppError('WEB_NO_MEMBER', t('noMemberForKey'));
      }
      if (remember) localStorage.setItem(KEYSTORE_KEY, text);
      const posts = await chain.postsOf(memberId);
      setPending({
        key,
        keystore: text,
        address,
        memberId,
        posts,
        ...(file.label ? { label: file.label } : {}),
      });
    } catch (e) {
      setError(codedOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (pending)
    return (
      <ChoosePost
        pending={pending}
        onDone={(s) => {
          setSession(s);
          go('workbench');
        }}
      />
    );

  return (
    <Card title={t('signInTitle')} style={{ maxWidth: 560, margin: '0 auto' }}>
      <Typography.Paragraph type="secondary">{t('signInHint')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={signIn}>
        <Form.Item label={t('keystoreFile')}>
          <Space wrap>
            <Upload
              accept=".json,application/json"
              showUploadList={false}
              beforeUpload={(file) => {
                void file.text().then((s) => {
                  setText(s);
                  setFileName(file.name);
                });
                return false;
              }}
            >
              <Button data-testid="keystore-button">{t('chooseFile')}</Button>
            </Upload>
            {fileName ? <Typography.Text data-testid="keystore-name">{fileName}</Typography.Text> : null}
            {remembered ? (
              <Button
                type="link"
                onClick={() => {
                  localStorage.removeItem(KEYSTORE_KEY);
                  setText(null);
                  setFileName(null);
                }}
              >
                {t('forgetKey')}
              </Button>
            ) : null}
          </Space>
        </Form.Item>
        <Form.Item label={t('passphrase')}>
          <Input.Password
            value={pass}
            onChange={(e) => setPass(e.target.value)}
            data-testid="passphrase"
            aria-label={t('passphrase')}
            autoComplete="current-password"
          />
        </Form.Item>
        <Form.Item>
          <Checkbox
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
            style={{ minHeight: 44, alignItems: 'center' }}
          >
            {t('rememberKey')}
          </Checkbox>
        </Form.Item>
        {error ? <CodedAlert error={error} /> : null}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          disabled={!text || pass.length === 0}
          data-testid="signin-submit"
          style={{ marginTop: 16 }}
        >
          {busy ? t('signingIn') : t('signIn')}
        </Button>
      </Form>
    </Card>
  );
}

function ChoosePost({
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
  const [error, setError] = useState<CodedView | null>(null);
  const [busy, setBusy] = useState(false);
  const post: PostInfo | null = choice >= 0 ? (pending.posts[choice] ?? null) : null;
  const clerk = post?.post === '党务工作者';

  const finish = async () => {
    setError(null);
    const id = forMember.trim();
    if (!id) return onDone({ ...pending, post, onBehalfOf: null });
    if (!clerk) return setError({ code: 'WEB_NOT_CLERK', message: t('clerkOnly') });
    setBusy(true);
    try {
      const m = await chain.member(id);
      if (!m) throw new AppError('MEMBER_NOT_FOUND', id);
      onDone({ ...pending, post, onBehalfOf: { member: id, address: m.address } });
    } catch (e) {
      setError(codedOf(e));
    } finally {
      setBusy(false);
    }
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

/** The discipline commission's name when this key address is the one genesis names, else null. */
async function commissionOf(chain: Chain, address: string): Promise<string | null> {
  const c = (await chain.client.query('discipline', 'commission', {})).result as {
    name?: string;
    address?: string;
  } | null;
  return c?.address === address && typeof c.name === 'string' ? c.name : null;
}
