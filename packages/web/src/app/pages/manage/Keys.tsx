/**
 * 密钥: the member replaces their own key (member.rotateKey, signed with the current key), and the
 * two-person key recovery — the branch (or its 党委) requests binding a new address
 * (member.requestKeyRecovery), a 书记/组织委员 of a 党委 above approves (member.approveKeyRecovery),
 * the pending request shown to the approver before approving.
 */

import { Alert, Button, Card, Col, Row, Typography } from 'antd';
import { useState } from 'react';
import { ActCard, type FormValues } from '../../act.tsx';
import { go, useApp } from '../../context.tsx';
import { AppError } from '../../errors.ts';
import { ErrorBlock } from '../../ui.tsx';
import { KeyAddressField, MemberIdField, useMemberRecord } from './fields.tsx';
import { type MadeKey, NewKeyMaker } from './NewKey.tsx';

const idOf = (v: FormValues) => (typeof v.member === 'string' ? v.member.trim() : '');

export function KeysPage() {
  const { t, session, setSession, chain } = useApp();
  const [made, setMade] = useState<MadeKey | null>(null);
  const [rotated, setRotated] = useState(false);
  const member = session?.memberId ?? '';
  const leads = (session?.posts ?? []).some((p) => p.post === '书记' || p.post === '组织委员');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={`1. ${t('generateKey')}`} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('rotateHint')}</Typography.Paragraph>
          <NewKeyMaker
            label={session?.label ?? member}
            fileName={`djchain-key-${member}-new.json`}
            onMade={setMade}
            testId="rotate-key"
          />
        </Card>
        <ActCard
          action="member.rotateKey"
          title={`2. ${t('rotateTitle')}`}
          testId="rotate"
          prepare={() => {
            if (!made) throw new AppError('WEB_NO_NEW_KEY', t('generateKey'));
            return {
              params: { member, newAddress: made.address },
              summary: [
                [t('memberField'), member],
                [t('newKeyAddress'), made.address],
              ],
            };
          }}
          onDone={() => setRotated(true)}
        >
          <Typography.Paragraph>
            {t('newKeyAddress')}：<Typography.Text code>{made?.address ?? '—'}</Typography.Text>
          </Typography.Paragraph>
        </ActCard>
        {rotated ? (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            showIcon
            data-testid="rotate-signin"
            title={t('rotateDone')}
            action={
              <Button
                onClick={() => {
                  setSession(null);
                  void chain.client.signOut();
                  go('signin');
                }}
              >
                {t('signInAgain')}
              </Button>
            }
          />
        ) : null}
      </Col>
      {leads ? (
        <>
          <Col xs={24} lg={12}>
            <ActCard
              action="member.requestKeyRecovery"
              title={t('recoveryRequestTitle')}
              hint={t('recoveryRequestHint')}
              testId="recovery-request"
              memberOf={idOf}
              prepare={(v) => ({
                params: { member: idOf(v), newAddress: String(v.newAddress).trim().toLowerCase() },
                summary: [
                  [t('memberField'), idOf(v)],
                  [t('newKeyAddress'), String(v.newAddress)],
                ],
              })}
            >
              <MemberIdField testId="recovery-member" />
              <KeyAddressField name="newAddress" label={t('newKeyAddress')} testId="recovery-address" />
            </ActCard>
          </Col>
          <Col xs={24} lg={12}>
            <ActCard
              action="member.approveKeyRecovery"
              title={t('recoveryApproveTitle')}
              hint={t('recoveryApproveHint')}
              testId="recovery-approve"
              memberOf={idOf}
              prepare={async (v) => {
                const m = await chain.member(idOf(v));
                const r = m?.recovery;
                return {
                  params: { member: idOf(v) },
                  summary: [
                    [t('memberField'), idOf(v)],
                    ...(r
                      ? [
                          [t('newKeyAddress'), r.newAddress] as const,
                          [
                            t('pendingRecovery'),
                            t('requestedBy', { by: r.by, date: r.requestedOn }),
                          ] as const,
                        ]
                      : []),
                  ],
                };
              }}
            >
              <MemberIdField testId="approve-member" below={(id) => <PendingRecovery id={id} />} />
            </ActCard>
          </Col>
        </>
      ) : null}
    </Row>
  );
}

/** The pending recovery of a member as the chain holds it: the new address, who asked, when. */
function PendingRecovery({ id }: { id: unknown }) {
  const { t } = useApp();
  const m = useMemberRecord(id);
  if (!m.ok || m.loading) return null;
  if (m.error) return <ErrorBlock error={m.error} />;
  const r = m.data?.recovery;
  if (!r) return <Typography.Paragraph type="secondary">{t('noPendingRecovery')}</Typography.Paragraph>;
  return (
    <Alert
      style={{ marginBottom: 16 }}
      type="info"
      data-testid="pending-recovery"
      title={t('pendingRecovery')}
      description={
        <div>
          <div>
            {t('newKeyAddress')}：<Typography.Text code>{r.newAddress}</Typography.Text>
          </div>
          <div>{t('requestedBy', { by: r.by, date: r.requestedOn })}</div>
        </div>
      }
    />
  );
}
