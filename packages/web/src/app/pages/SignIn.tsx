/**
 * Sign-in: a keystore file (or the encrypted keystore kept in this browser) and its passphrase,
 * decrypted here with the same format as the CLI (@djchain/client openKeystore). Then the post to
 * act in, and for a clerk (党务工作者) optionally the member acted for — marked on every page.
 */
import { addressOf } from '@djchain/client';
import { Button, Card, Checkbox, Input, Space, Typography } from 'antd';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import type { Chain } from '../chain.ts';
import { go, type Session, useApp } from '../context.tsx';
import { AppError } from '../errors.ts';
import { keystoreCode } from '../keystore-code.ts';
import { CodedAlert, FileButton, Loading, useBusyTask } from '../ui.tsx';

// The post choice (antd Radio) is shown only once a key is open: its own chunk, fetched meanwhile.
const loadChoosePost = () => import('./ChoosePost.tsx');
const ChoosePost = lazy(() => loadChoosePost().then((m) => ({ default: m.ChoosePost })));

const KEYSTORE_KEY = 'djchain.keystore';

export function SignInPage() {
  const { t, chain, setSession } = useApp();
  const remembered = localStorage.getItem(KEYSTORE_KEY);
  const [text, setText] = useState<string | null>(remembered);
  const [fileName, setFileName] = useState<string | null>(remembered ? t('rememberedKey') : null);
  const [pass, setPass] = useState('');
  const [remember, setRemember] = useState(false);
  const { busy, error, run } = useBusyTask();
  const [pending, setPending] = useState<Omit<Session, 'post' | 'onBehalfOf'> | null>(null);

  const signIn = async () => {
    if (!text) return;
    void loadChoosePost();
    await run(async () => {
      const suite = chain.client.suite;
      const { openKeystore, parseKeystore } = await keystoreCode();
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
    });
  };

  if (pending)
    return (
      <Suspense fallback={<Loading />}>
        <ChoosePost
          pending={pending}
          onDone={(s) => {
            setSession(s);
            go('workbench');
          }}
        />
      </Suspense>
    );

  return (
    <Card title={t('signInTitle')} style={{ maxWidth: 560, margin: '0 auto' }}>
      <Typography.Paragraph type="secondary">{t('signInHint')}</Typography.Paragraph>
      {/* A plain form (antd's Form, with its validation engine, is more than three fields need). */}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text && pass.length > 0 && !busy) void signIn();
        }}
      >
        <Field label={t('keystoreFile')}>
          <Space wrap>
            <FileButton
              accept=".json,application/json"
              onFile={(file) => {
                void file.text().then((s) => {
                  setText(s);
                  setFileName(file.name);
                });
                // The key file is chosen: the keystore code (scrypt) comes now, not with the page.
                void keystoreCode().catch(() => {});
              }}
              data-testid="keystore-button"
            >
              {t('chooseFile')}
            </FileButton>
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
        </Field>
        <Field label={t('passphrase')} htmlFor="signin-passphrase">
          <Input.Password
            id="signin-passphrase"
            value={pass}
            onChange={(e) => setPass(e.target.value)}
            data-testid="passphrase"
            aria-label={t('passphrase')}
            autoComplete="current-password"
          />
        </Field>
        <Field>
          <Checkbox
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
            style={{ minHeight: 44, alignItems: 'center' }}
          >
            {t('rememberKey')}
          </Checkbox>
        </Field>
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
      </form>
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

/** A labelled row of the sign-in form, spaced as antd's vertical form items. */
function Field({ label, htmlFor, children }: { label?: string; htmlFor?: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 24 }}>
      {label ? (
        <label htmlFor={htmlFor} style={{ display: 'block', paddingBottom: 8 }}>
          {label}
        </label>
      ) : null}
      {children}
    </div>
  );
}
