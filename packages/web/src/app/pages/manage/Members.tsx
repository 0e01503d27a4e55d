/**
 * 党员登记与党籍变动: register a person (member.register: id, branch, key address — no personal
 * field), suspend (member.suspend), restore (member.restore), remove (member.removeMember, by the
 * superior 党委). Each form shows the member's current status as the chain derives it.
 */
import { parseKeystore } from '@djchain/client';
import { Button, Col, DatePicker, Form, Input, Row, Select, Typography, Upload } from 'antd';
import { ActCard, type FormValues } from '../../act.tsx';
import { useApp } from '../../context.tsx';
import { orgOptions, useOrgTree } from '../../org-data.ts';
import { ErrorBlock, Loading } from '../../ui.tsx';
import { KeyAddressField, MEMBER_ID, MemberIdField, useMemberRecord } from './fields.tsx';

const GROUNDS = ['不交纳党费', '不参加组织生活', '不做党所分配的工作'];

/** The member's status line under an id field (nothing until the id is well formed). */
export function MemberStatus({ id }: { id: unknown }) {
  const { t } = useApp();
  const m = useMemberRecord(id);
  if (!m.ok || m.loading) return null;
  if (m.error) return <ErrorBlock error={m.error} />;
  if (!m.data) return null;
  return (
    <Typography.Paragraph data-testid="member-status">
      {t('statusNow', { status: m.data.status })} · {m.data.org}
    </Typography.Paragraph>
  );
}

const dateOf = (v: unknown) =>
  v && typeof (v as { format?: unknown }).format === 'function'
    ? (v as { format(f: string): string }).format('YYYY-MM-DD')
    : String(v ?? '');

export function MembersAdminPage() {
  const { t, chain } = useApp();
  const tree = useOrgTree();
  const [regForm] = Form.useForm();
  if (tree.loading && !tree.data) return <Loading />;
  if (tree.error) return <ErrorBlock error={tree.error} onRetry={tree.reload} />;
  const orgs = tree.data ?? [];
  const nameOf = (id: unknown) => orgs.find((o) => o.id === id)?.name ?? String(id ?? '');
  const memberOrg = async (id: string) => (await chain.member(id))?.org ?? null;
  const watched = (v: FormValues) => (typeof v.member === 'string' ? v.member.trim() : '');

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <ActCard
          action="member.register"
          title={t('registerTitle')}
          hint={t('registerHint')}
          testId="register"
          form={regForm}
          targetOf={(v) => (typeof v.org === 'string' ? v.org : null)}
          prepare={(v) => ({
            params: {
              id: String(v.id).trim(),
              org: String(v.org),
              address: String(v.address).trim().toLowerCase(),
            },
            summary: [
              [t('branchField'), nameOf(v.org)],
              [t('newMemberId'), String(v.id)],
              [t('keyAddress'), String(v.address)],
            ],
          })}
        >
          <Form.Item name="org" label={t('branchField')} rules={[{ required: true }]}>
            <Select options={orgOptions(orgs, ['党支部'])} data-testid="register-org" />
          </Form.Item>
          <Form.Item name="id" label={t('newMemberId')} rules={[{ required: true, pattern: MEMBER_ID }]}>
            <Input data-testid="register-id" />
          </Form.Item>
          <KeyAddressField name="address" label={t('keyAddress')} testId="register-address" />
          <Upload
            accept=".json,application/json"
            showUploadList={false}
            beforeUpload={async (file) => {
              try {
                const k = parseKeystore(await file.text());
                regForm.setFieldValue('address', k.address);
              } catch {
                regForm.setFields([{ name: 'address', errors: [t('CLIENT_KEYSTORE_MALFORMED')] }]);
              }
              return false;
            }}
          >
            <Button style={{ marginBottom: 16 }}>{t('readAddressFromFile')}</Button>
          </Upload>
        </ActCard>
      </Col>
      <Col xs={24} lg={12}>
        <ActCard
          action="member.suspend"
          title={t('suspendTitle')}
          hint={t('suspendHint')}
          testId="suspend"
          memberOf={watched}
          prepare={(v) => ({
            params: { member: watched(v), lostContactSince: dateOf(v.lostContactSince) },
            summary: [
              [t('memberField'), watched(v)],
              [t('lostContactSince'), dateOf(v.lostContactSince)],
            ],
          })}
        >
          <MemberField />
          <Form.Item name="lostContactSince" label={t('lostContactSince')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} data-testid="suspend-since" />
          </Form.Item>
        </ActCard>
      </Col>
      <Col xs={24} lg={12}>
        <ActCard
          action="member.restore"
          title={t('restoreTitle')}
          testId="restore"
          memberOf={watched}
          prepare={(v) => ({ params: { member: watched(v) }, summary: [[t('memberField'), watched(v)]] })}
        >
          <MemberField />
        </ActCard>
      </Col>
      <Col xs={24} lg={12}>
        <ActCard
          action="member.removeMember"
          title={t('removeTitle')}
          hint={t('removeHint')}
          testId="remove"
          memberOf={watched}
          prepare={async (v) => {
            const org = await memberOrg(watched(v));
            return {
              params: {
                member: watched(v),
                reason: String(v.reason),
                ...(v.ground ? { ground: String(v.ground) } : {}),
                resolution: String(v.resolution).trim(),
              },
              summary: [
                [t('memberField'), `${watched(v)}${org ? ` · ${nameOf(org)}` : ''}`],
                [t('exitReason'), String(v.reason)],
                ...(v.ground ? [[t('exitGround'), String(v.ground)] as const] : []),
                [t('resolutionId'), String(v.resolution)],
              ],
            };
          }}
        >
          <MemberField />
          <Form.Item name="reason" label={t('exitReason')} rules={[{ required: true }]}>
            <Select
              options={['除名', '自行脱党'].map((r) => ({ value: r, label: r }))}
              data-testid="remove-reason"
            />
          </Form.Item>
          <Form.Item name="ground" label={t('exitGround')}>
            <Select
              allowClear
              options={GROUNDS.map((g) => ({ value: g, label: g }))}
              data-testid="remove-ground"
            />
          </Form.Item>
          <Form.Item
            name="resolution"
            label={t('resolutionId')}
            rules={[{ required: true, pattern: MEMBER_ID }]}
          >
            <Input data-testid="remove-resolution" />
          </Form.Item>
        </ActCard>
      </Col>
    </Row>
  );
}

/** The member id field with the member's status beneath it. */
function MemberField() {
  return <MemberIdField testId="member-id" below={(id) => <MemberStatus id={id} />} />;
}
