/**
 * 绑定居民账户 (`#/resident/bind`): the community service centre's clerk (党务工作者 of the top
 * organization), after checking the resident in person, enters the resident id, the key address the
 * resident shows and what was checked. The check never leaves this browser except as a file the centre
 * keeps: the chain gets its salted commitment (resident.ts `residentCheckCommitment`, salt drawn here).
 */
import type { VerifiedReceipt } from '@djchain/client';
import { randomSeed, toHex } from '@djchain/crypto/browser';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { chinaToday, download } from '../chain.ts';
import { useApp } from '../context.tsx';
import { residentCheckCommitment } from '../resident.ts';
import { CodedAlert, type CodedView, codedOf } from '../ui.tsx';
import { SignInPage } from './SignIn.tsx';

export function ResidentBindPage() {
  const { t, chain, session, unlockKey } = useApp();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedView | null>(null);
  const [receipt, setReceipt] = useState<VerifiedReceipt | null>(null);
  if (!session) return <SignInPage />;
  const post = session.post;
  const clerk = post !== null && post.post === '党务工作者';
  const bind = async (v: { id: string; address: string; check: string }) => {
    if (!post) return;
    setBusy(true);
    setRefusal(null);
    try {
      const suite = chain.client.suite;
      const salt = randomSeed().slice(0, 16);
      const checkedOn = chinaToday();
      const record = { resident: v.id, address: v.address.replace(/\s+/g, ''), checkedOn, check: v.check };
      const commitment = residentCheckCommitment(suite, salt, record)!;
      const key = await unlockKey();
      const r = await chain.send(
        'resident',
        'bind',
        { id: record.resident, org: post.org, address: record.address, commitment },
        key,
      );
      if (r.receipt.status === 'failed' && r.receipt.error) {
        const e = r.receipt.error;
        setRefusal({
          code: e.code,
          message: e.message,
          ...(e.cite ? { cite: e.cite } : {}),
          details: e.details,
        });
        return;
      }
      // The centre keeps the check and its salt (the chain's commitment opens with them only).
      download(
        `resident-check-${record.resident}.json`,
        `${JSON.stringify({ ...record, salt: toHex(salt), commitment }, null, 2)}\n`,
        'application/json',
      );
      setReceipt(r);
    } catch (e) {
      setRefusal(codedOf(e));
    } finally {
      setBusy(false);
    }
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
          rules={[{ required: true }]}
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
