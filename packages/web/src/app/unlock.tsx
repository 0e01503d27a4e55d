/**
 * Opening the key again after a reload: the tab keeps the session (session-store.ts) but never the
 * decrypted key, so the first signature asks for the passphrase, decrypts the kept keystore here
 * and renews the read session with the key.
 */
import { addressOf } from '@djchain/client';
import type { KeyPair } from '@djchain/crypto/browser';
import { Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Chain } from './chain.ts';
import type { Session } from './context.tsx';
import { AppError } from './errors.ts';
import type { Translate } from './i18n.ts';
import { keystoreCode } from './keystore-code.ts';
import { CodedAlert, useBusyTask } from './ui.tsx';

export interface UnlockRequest {
  resolve(key: KeyPair): void;
  reject(e: unknown): void;
}

export function UnlockModal({
  request,
  session,
  chain,
  t,
  onKey,
  onClose,
}: {
  request: UnlockRequest | null;
  session: Session | null;
  chain: Chain;
  t: Translate;
  onKey(key: KeyPair): void;
  onClose(): void;
}) {
  const [pass, setPass] = useState('');
  const { busy, error, setError, run } = useBusyTask();
  const cancel = () => {
    request?.reject(new AppError('WEB_UNLOCK_CANCELLED', t('unlockCancelled')));
    setPass('');
    setError(null);
    onClose();
  };
  const unlock = async () => {
    if (!request || !session) return;
    await run(async () => {
      const { openKeystore } = await keystoreCode();
      const key = await openKeystore(session.keystore, pass, chain.client.suite);
      if (addressOf(chain.client.suite, key.publicKey) !== session.address)
        throw new AppError('WEB_KEY_MISMATCH', 'key of another member');
      await chain.client.signIn(key);
      onKey(key);
      setPass('');
      onClose();
      request.resolve(key);
    });
  };
  return (
    <Modal open={request !== null} title={t('unlockTitle')} onCancel={cancel} footer={null} destroyOnHidden>
      <Typography.Paragraph>{t('unlockHint')}</Typography.Paragraph>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Input.Password
            size="large"
            value={pass}
            onChange={(e) => setPass(e.target.value)}
            aria-label={t('passphrase')}
            placeholder={t('passphrase')}
            autoComplete="current-password"
            data-testid="unlock-passphrase"
            autoFocus
          />
          {error ? <CodedAlert error={error} /> : null}
          <Button
            type="primary"
            size="large"
            block
            htmlType="submit"
            loading={busy}
            disabled={pass.length === 0}
            data-testid="unlock-submit"
          >
            {t('unlockOk')}
          </Button>
        </Space>
      </form>
    </Modal>
  );
}
