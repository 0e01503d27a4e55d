/**
 * A member's page: status and rights (the node's derived view), the history as a timeline with the
 * block of each event — fetched as a dossier and verified in this browser against a header signed
 * by the validators (the SDK's light client), marked 已验证 — the dossier export, and personal
 * fields for those entitled: the page commits a read record (member.recordProfileRead naming the
 * fields and the purpose), then asks the sealed-data service (/sealed/read, forwarded by the web
 * server) with a signature by the same key; the service releases the fields only for that
 * committed record, once. The trace is the gate.
 *
 * The profile (精准画像) beside it: the posts the member holds, their credit of the year and their
 * open warnings (profile-cards.tsx); a read the node refuses shows its reason, not an error page.
 */

import { addressOf, readSealed, type SealedAnswer, signAction } from '@djchain/client';
import { Alert, Button, Card, Col, Descriptions, Input, Row, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { Chain, MemberInfo } from '../chain.ts';
import { download } from '../chain.ts';
import { type Session, useApp, useAsync } from '../context.tsx';
import { eventLabel, type MessageKey } from '../i18n.ts';
import { OrgName, useNames } from '../names.tsx';
import {
  admissionRefusal,
  CodedAlert,
  codedOf,
  ErrorBlock,
  Loading,
  receiptRefusal,
  useBusyTask,
} from '../ui.tsx';
import { isRefused, MemberCreditCard, MemberPostsCard, MemberWarningsCard } from './profile-cards.tsx';

export function MemberPage({ id }: { id: string }) {
  const { t, chain } = useApp();
  const names = useNames();
  const who = (m: string) => names.person(m) ?? m;
  const info = useAsync(() => chain.member(id), [id]);
  const dossier = useAsync(() => chain.client.getDossier(`member:${id}`), [id]);
  const rules = useAsync(() => chain.ruleSets(), []);
  const stepName = (no: number) => {
    const s = rules.data?.[0]?.steps.find((x) => x.no === no);
    return s ? t('nextStep', { no, name: s.name }) : `#${no}`;
  };
  if (info.loading) return <Loading />;
  if (info.error && isRefused(info.error))
    return (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('memberTitle', { id })} data-testid="member-card">
            <Alert type="info" showIcon data-testid="member-refused" title={t('pfMemberRefused')} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <MemberCreditCard id={id} />
        </Col>
      </Row>
    );
  if (info.error) return <ErrorBlock error={info.error} onRetry={info.reload} />;
  const m = info.data;
  if (!m) return <CodedAlert error={{ code: 'MEMBER_NOT_FOUND', message: id }} />;
  const yes = (b: boolean) => <Tag color={b ? 'green' : 'default'}>{b ? t('yes') : t('no')}</Tag>;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card
          title={t('memberTitle', { id: names.person(id) ? `${names.person(id)}（${id}）` : id })}
          data-testid="member-card"
        >
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('status')}>
              <Tag color="red">{m.status}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('org')}>
              <a href={`#/org/${m.org}`}>
                <OrgName id={m.org} />
              </a>
            </Descriptions.Item>
            <Descriptions.Item label={t('partyAgeFrom')}>{m.partyAgeFrom ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('rights')}</Typography.Title>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('rightVote')}>{yes(m.rights.vote)}</Descriptions.Item>
            <Descriptions.Item label={t('rightElect')}>{yes(m.rights.elect)}</Descriptions.Item>
            <Descriptions.Item label={t('rightBeElected')}>{yes(m.rights.beElected)}</Descriptions.Item>
            <Descriptions.Item label={t('rightIntroducer')}>{yes(m.rights.introducer)}</Descriptions.Item>
            <Descriptions.Item label={t('rightHoldPosts')}>{yes(m.rights.holdPosts)}</Descriptions.Item>
          </Descriptions>
          {m.rights.cites.length > 0 ? (
            <Typography.Paragraph type="secondary">{m.rights.cites.join('；')}</Typography.Paragraph>
          ) : null}
        </Card>
        <div style={{ marginTop: 16, display: 'grid', gap: 16 }}>
          <MemberPostsCard id={id} />
          <MemberCreditCard id={id} />
          <MemberWarningsCard id={id} />
          <PersonalCard chain={chain} m={m} />
        </div>
      </Col>
      <Col xs={24} lg={14}>
        <Card
          title={t('history')}
          extra={
            dossier.data ? (
              <span style={{ display: 'inline-flex', gap: 8, flexWrap: 'wrap' }}>
                <Button
                  data-testid="export-dossier"
                  onClick={() => download(`dossier-${id}.cbor`, dossier.data!.bytes)}
                >
                  {t('exportDossier')}
                </Button>
                <Button href={`#/member/${id}/print`} data-testid="print-dossier">
                  {t('printDossier')}
                </Button>
              </span>
            ) : null
          }
        >
          {dossier.loading ? (
            <Typography.Text>{t('verifying')}</Typography.Text>
          ) : dossier.error ? (
            <CodedAlert error={codedOf(dossier.error)} title={t('notVerified')} />
          ) : (
            <>
              <Alert
                type="success"
                showIcon
                data-testid="verified"
                style={{ marginBottom: 16 }}
                title={<b>{t('verified')}</b>}
                description={t('verifiedHint', {
                  count: dossier.data!.verdict.events.length,
                  height: dossier.data!.verdict.header.height,
                })}
              />
              <Timeline
                data-testid="timeline"
                items={dossier.data!.verdict.events.map((e) => {
                  const d = e.data as {
                    by?: string | null;
                    onBehalfOf?: string | null;
                    status?: string | null;
                    step?: number;
                  };
                  return {
                    color: 'red',
                    children: (
                      <div>
                        <b>{eventLabel(t, e.type)}</b>
                        {typeof d.step === 'number' ? ` · ${stepName(d.step)}` : ''}{' '}
                        {d.status ? <Tag>{d.status}</Tag> : null}
                        <Tag color="green">✓ {t('height', { height: e.height })}</Tag>
                        {d.by ? <div>{t('actedBy', { by: who(d.by) })}</div> : null}
                        {d.onBehalfOf ? (
                          <Tag color="orange">{t('onBehalf', { member: who(d.onBehalfOf) })}</Tag>
                        ) : null}
                      </div>
                    ),
                  };
                })}
              />
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** The fields the page reads, ascending (a read record names them in canonical order). */
const READ_FIELDS = ['address', 'birthDate', 'education', 'gender', 'name', 'phone'] as const;
const FIELD_LABEL: Record<(typeof READ_FIELDS)[number], MessageKey> = {
  address: 'fieldAddress',
  birthDate: 'fieldBirthDate',
  education: 'fieldEducation',
  gender: 'fieldGender',
  name: 'fieldName',
  phone: 'fieldPhone',
};

const BRANCH_READERS = ['书记', '组织委员', '纪检委员', '党务工作者'];
const SUPERIOR_READERS = ['书记', '组织委员', '纪检委员'];

/** Whether the session's post may read the member's personal fields (docs/permissions.md). */
async function entitled(chain: Chain, s: Session, m: MemberInfo): Promise<boolean> {
  // Acting on a member's behalf is data entry only: it never lends the member's right to read
  // (docs/threat-model.md); the clerk reads, if at all, under their own post.
  if (s.memberId === m.id) return true;
  const post = s.post;
  if (!post) return false;
  if (post.org === m.org) return BRANCH_READERS.includes(post.post);
  // The nearest 党委 above the member's branch.
  let org = await chain.org(m.org);
  for (let i = 0; org && i < 10; i++) {
    if (org.kind === '党委' && org.id !== m.org)
      return org.id === post.org && SUPERIOR_READERS.includes(post.post);
    org = org.parent ? await chain.org(org.parent) : null;
  }
  return false;
}

function PersonalCard({ chain, m }: { chain: Chain; m: MemberInfo }) {
  const { t, session, unlockKey } = useApp();
  const may = useAsync(async () => (session ? entitled(chain, session, m) : false), [m.id, session]);
  const [purpose, setPurpose] = useState('');
  const { busy, error, setError, run } = useBusyTask();
  const [readAt, setReadAt] = useState<number | null>(null);
  const [released, setReleased] = useState<SealedAnswer | null>(null);
  const read = async () => {
    if (!session) return;
    await run(async () => {
      const key = await unlockKey();
      const c = chain.client;
      const status = await c.status();
      const nonce = await c.nextNonce(addressOf(c.suite, key.publicKey), status.height);
      // Signed and recorded as the reader's own act, never on a member's behalf (the chain refuses it).
      const record = signAction(
        c.suite,
        c.chainId,
        key,
        {
          module: 'member',
          action: 'recordProfileRead',
          // The purpose as typed: a blank one is refused by the chain (no default stands in for it).
          params: { member: m.id, purpose: purpose.trim(), fields: [...READ_FIELDS] },
        },
        nonce,
        status.height + 100,
      );
      const [submitted] = await c.submit([record]);
      const notAdmitted = admissionRefusal(submitted);
      if (notAdmitted) return setError(notAdmitted);
      const r = await c.waitForReceipt(record.hash, 60_000);
      const refused = receiptRefusal(r, t('refused'));
      if (refused) return setError(refused);
      setReadAt(r.height);
      // The record is committed: only now can the service release the fields it names.
      setReleased(await readSealed(window.location.origin, c.suite, c.chainId, record, key.secretKey));
    });
  };
  return (
    <Card title={t('personal')} data-testid="personal-card">
      <Typography.Paragraph type="secondary">{t('personalHidden')}</Typography.Paragraph>
      {readAt !== null ? (
        <>
          <Alert type="success" data-testid="read-recorded" title={t('readRecorded', { height: readAt })} />
          {released ? (
            <div data-testid="released-fields" style={{ marginTop: 12 }}>
              <Typography.Paragraph type="secondary">
                {t('releasedFor', {
                  tx: released.record.txHash.slice(0, 12),
                  height: released.record.height,
                })}
              </Typography.Paragraph>
              <Descriptions column={1} size="small" bordered>
                {READ_FIELDS.filter((f) => released.fields[f] != null).map((f) => (
                  <Descriptions.Item key={f} label={t(FIELD_LABEL[f])}>
                    <span data-testid={`released-${f}`}>{String(released.fields[f])}</span>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </div>
          ) : null}
          <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('profileRef')}>
              {m.profileRef ?? t('profileNone')}
              {m.profileCommitment ? (
                <div>
                  <Typography.Text code>{m.profileCommitment.slice(0, 16)}…</Typography.Text>
                </div>
              ) : null}
            </Descriptions.Item>
          </Descriptions>
        </>
      ) : may.data ? (
        <>
          <Input
            placeholder={t('readPurpose')}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
            aria-label={t('readPurpose')}
            style={{ marginBottom: 8 }}
          />
          <Button block onClick={read} loading={busy} data-testid="read-profile">
            {t('recordRead')}
          </Button>
        </>
      ) : null}
      {error ? <CodedAlert error={error} /> : null}
    </Card>
  );
}
