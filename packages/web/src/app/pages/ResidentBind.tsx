/**
 * 绑定居民账户 (`#/resident/bind`): the community service centre's clerk (党务工作者 of the top
 * organization), after checking the resident in person, enters the resident id, the key address the
 * resident shows and what was checked. The check goes, signed by the clerk's key, to the sealed-data
 * service (`POST /sealed/resident-check`, @djchain/client `sealedResidentCheck`), which draws the
 * salt, seals salt and check and answers only the commitment; this page keeps nothing and puts only
 * that commitment on chain (resident.bind).
 */
import { sealedResidentCheck } from '@djchain/client';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useChainSend } from '../act-send.tsx';
import { useApp } from '../context.tsx';
import { CodedAlert } from '../ui.tsx';
import { SignInPage } from './SignIn.tsx';

export function ResidentBindPage() {
  const { t, chain, session, unlockKey } = useApp();
  const { busy, refusal, receipt, send } = useChainSend();
  if (!session) return <SignInPage />;
  const post = session.post;
  const clerk = post !== null && post.post === '党务工作者';
  const bind = async (v: { id: string; address: string; check: string }) => {
    if (!post) return;
    const address = v.address.replace(/\s+/g, '');
    // The check goes to the sealed-data service signed by the clerk's key; only its commitment is sent.
    await send(
      'resident',
      'bind',
      async (key) => {
        const c = chain.client;
        const { height } = await c.status();
        const { commitment } = await sealedResidentCheck(
          window.location.origin,
          c.suite,
          { chainId: c.chainId, height, org: post.org, resident: v.id, address, check: v.check },
          key,
        );
        return { id: v.id, org: post.org, address, commitment };
      },
      unlockKey,
    );
  };
  return (
    <Card title={t('rsBindTitle')} style={{ maxWidth: 640, margin: '0 auto' }} data-testid="resident-bind">
      <Typography.Paragraph style={{ fontSize: 17 }}>{t('rsBindHint')}</Typography.Paragraph>
      {clerk ? null : (
        <Alert type="warning" showIcon title={t('rsBindNoPost')} style={{ marginBottom: 12 }} />
      )}
      <Form layout="vertical" size="large" onFinish={bind} disabled={busy || receipt !== null}>
        <Form.Item
          name="id"
          label={t('rsBindId')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/ }]}
        >
          <Input data-testid="bind-id" />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('rsBindAddress')}
          rules={[{ required: true, pattern: /^[0-9a-f\s]{40,60}$/ }]}
        >
          <Input data-testid="bind-address" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item
          name="check"
          label={t('rsBindCheck')}
          extra={t('rsBindCheckHint')}
          rules={[{ required: true, max: 500 }]}
        >
          <Input.TextArea rows={3} data-testid="bind-check" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={busy}
          disabled={!clerk}
          data-testid="bind-send"
        >
          {t('rsBindSend')}
        </Button>
      </Form>
      {refusal ? <CodedAlert error={refusal} title={t('rsRefused')} /> : null}
      {receipt ? (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="bind-done"
          title={t('rsBindDone', { height: receipt.height })}
        />
      ) : null}
    </Card>
  );
}
