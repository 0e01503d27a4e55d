/**
 * Making a new key in this browser: a key pair drawn here, encrypted under a passphrase into the
 * keystore format of the CLI (scrypt + AES-256-GCM), downloaded, its address shown. Used before
 * registration, for a key recovery (the address goes to the branch), and by the key rotation form.
 */

import { createKeystore } from '@djchain/client';
import { type KeyPair, randomKeyPair } from '@djchain/crypto/browser';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { download } from '../../chain.ts';
import { useApp } from '../../context.tsx';
import { AppError } from '../../errors.ts';
import { CodedAlert, useBusyTask } from '../../ui.tsx';

const MIN_PASSPHRASE = 8;

export interface MadeKey {
  readonly key: KeyPair;
  readonly address: string;
  readonly file: string;
}

/** The passphrase form that makes, encrypts and downloads a key; `onMade` gets it. */
export function NewKeyMaker({
  label,
  fileName,
  onMade,
  testId,
}: {
  label: string;
  fileName: string;
  onMade: (made: MadeKey) => void;
  testId: string;
}) {
  const { t, chain } = useApp();
  const { busy, error, run } = useBusyTask();
  const [made, setMade] = useState<MadeKey | null>(null);
  const make = (v: { pass: string }) =>
    run(async () => {
      const suite = chain.client.suite;
      const key = randomKeyPair(suite);
      const file = await createKeystore(suite, key.secretKey, v.pass, { label });
      download(fileName, `${JSON.stringify(file, null, 2)}\n`, 'application/json');
      const m = { key, address: file.address, file: fileName };
      setMade(m);
      onMade(m);
    });
  return (
    <div data-testid={testId}>
      <Form layout="vertical" size="large" onFinish={make} disabled={busy || made !== null}>
        <Form.Item name="pass" label={t('newPassphrase')} rules={[{ required: true, min: MIN_PASSPHRASE }]}>
          <Input.Password autoComplete="new-password" data-testid={`${testId}-pass`} />
        </Form.Item>
        <Form.Item
          name="again"
          label={t('newPassphraseAgain')}
          dependencies={['pass']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_r, v) =>
                v === getFieldValue('pass')
                  ? Promise.resolve()
                  : Promise.reject(new AppError('WEB_PASSPHRASE_MISMATCH', t('passphraseMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid={`${testId}-again`} />
        </Form.Item>
        <Button htmlType="submit" block loading={busy} data-testid={`${testId}-make`}>
          {busy ? t('generating') : t('generateKey')}
        </Button>
      </Form>
      {error ? <CodedAlert error={error} /> : null}
      {made ? (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          title={t('newKeyReady', { file: made.file })}
          description={
            <span>
              {t('newKeyAddress')}：
              <Typography.Text code copyable data-testid={`${testId}-address`}>
                {made.address}
              </Typography.Text>
            </span>
          }
        />
      ) : null}
    </div>
  );
}

/** 生成密钥 (no sign-in needed): for someone to be registered or whose key was lost. */
export function NewKeyPage() {
  const { t } = useApp();
  return (
    <Card title={t('newKeyTitle')} style={{ maxWidth: 640, margin: '0 auto' }}>
      <Typography.Paragraph type="secondary">{t('newKeyHint')}</Typography.Paragraph>
      <NewKeyMaker label="djchain" fileName="djchain-key.json" onMade={() => undefined} testId="newkey" />
    </Card>
  );
}
