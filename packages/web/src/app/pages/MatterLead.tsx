/**
 * 四议两公开 for the community organization's 书记 and 副书记 (issue 16), phone first:
 * `#/resident/lead` lists the community's matters with the form of the first step
 * (`resident.propose`) and the 居民代表 (`designate`, `revoke`); `#/resident/lead/<id>` shows one
 * matter's next step as a form with that action's parameters — `deliberate` (两委会商议: counts and
 * outcome), `review` (党员大会审议: attendance from the members with a vote, votes), `openVote`,
 * `closeVote`, `publishResolution`, `publishResult` (public attachments). Every act goes through
 * ActCard: what will be recorded is listed before it is signed; refusals show the chain's code.
 */
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { ActCard, type FormValues } from '../act.tsx';
import { chinaToday } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import { DocField, recordId } from '../doc-field.tsx';
import { PersonName, useNames } from '../names.tsx';
import { COMMITTEE_POSTS } from '../openness.ts';
import { type MatterInfo, residentApi } from '../resident.ts';
import { ErrorBlock, Loading } from '../ui.tsx';
import { MatterSteps } from './ResidentMatter.tsx';
import { BIG, StatusTag } from './Residents.tsx';

const LEADERS: readonly string[] = ['书记', '副书记'];
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const ids = (v: unknown) => (Array.isArray(v) ? (v as string[]).slice().sort() : []);
const BOX = { minHeight: 44, display: 'flex', alignItems: 'center', fontSize: 18 } as const;

/** The community organization the session leads, or why not. */
function useLeader() {
  const { chain, session } = useApp();
  const post = session?.post ?? null;
  return useAsync(async () => {
    if (!post || !LEADERS.includes(post.post)) return null;
    const org = await chain.org(post.org);
    return org && org.parent === null ? post.org : null;
  }, [post?.org, post?.post]);
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <Space
      direction="vertical"
      size="large"
      style={{ display: 'flex', width: '100%', maxWidth: 720, margin: '0 auto', ...BIG }}
    >
      {children}
    </Space>
  );
}

export function MatterLeadPage({ id }: { id?: string }) {
  const { t } = useApp();
  const leader = useLeader();
  if (leader.loading) return <Loading />;
  if (leader.error) return <ErrorBlock error={leader.error} onRetry={leader.reload} />;
  if (!leader.data) return <Alert type="info" showIcon title={t('opMtNoCommunity')} />;
  return id ? <MatterStep org={leader.data} id={id} /> : <LeadHome org={leader.data} />;
}

function LeadHome({ org }: { org: string }) {
  const { t, chain } = useApp();
  const names = useNames();
  const data = useAsync(async () => {
    const [matters, reps, posts] = await Promise.all([
      residentApi.matters(chain),
      chain.client.query('resident', 'representatives', {}),
      chain.posts(org),
    ]);
    const today = chinaToday();
    const committee = [
      ...new Set(
        posts
          .filter((p) => COMMITTEE_POSTS.includes(p.post) && (p.termEnd === null || p.termEnd >= today))
          .map((p) => p.member),
      ),
    ].sort();
    return { matters: matters.filter((m) => m.org === org), reps: reps.result as string[], committee };
  }, [org]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const d = data.data!;
  return (
    <Frame>
      <Typography.Title level={3}>{t('opMtTitle')}</Typography.Title>
      <Typography.Paragraph style={BIG}>{t('opMtIntro')}</Typography.Paragraph>
      <Card title={t('opMtList')} data-testid="lead-matters">
        <List
          dataSource={[...d.matters].reverse()}
          locale={{ emptyText: t('rsNoMatters') }}
          renderItem={(m) => (
            <List.Item key={m.id}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text strong style={BIG}>
                  {m.title}
                </Typography.Text>
                <StatusTag m={m} />
                <Button
                  size="large"
                  block
                  onClick={() => go('resident', 'lead', m.id)}
                  data-testid={`lead-${m.id}`}
                >
                  {t('opMtOpen')}
                </Button>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <ActCard
        action="resident.propose"
        title={t('opMtPropose')}
        hint={t('opMtProposeHint')}
        testId="mt-propose"
        targetOf={() => org}
        prepare={(v: FormValues) => {
          const id = recordId('mt', org, str(v.heldOn));
          return {
            params: {
              id,
              org,
              title: str(v.title),
              document: str(v.document),
              heldOn: str(v.heldOn),
              present: ids(v.present),
            },
            summary: [
              [t('opMtMatterTitle'), str(v.title)],
              [t('opMtHeldOn'), str(v.heldOn)],
              // Names, as the boxes show them (the ids go on chain).
              [
                t('opMtPresent'),
                ids(v.present)
                  .map((x) => names.person(x) ?? x)
                  .join('、'),
              ],
              [t('dsHash'), str(v.document)],
            ],
          };
        }}
        onDone={data.reload}
      >
        <Form.Item name="title" label={t('opMtMatterTitle')} rules={[{ required: true }]}>
          <Input maxLength={64} data-testid="mt-title" />
        </Form.Item>
        <HeldOn />
        {/* No `required` rule here: it puts aria-required on the group's div (axe); the chain checks the quorum. */}
        <Form.Item name="present" label={t('opMtPresent')}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column' }} data-testid="mt-present">
            {d.committee.map((m) => (
              <Checkbox key={m} value={m} style={BOX}>
                <PersonName id={m} />
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <DocField name="document" label={t('opMtMinutes')} org={org} scope="org" testId="mt-document" />
      </ActCard>
      <Representatives reps={d.reps} onDone={data.reload} />
    </Frame>
  );
}

function HeldOn() {
  const { t } = useApp();
  return (
    <Form.Item name="heldOn" label={t('opMtHeldOn')} rules={[{ required: true }]} initialValue={chinaToday()}>
      <Input type="date" max={chinaToday()} data-testid="mt-heldOn" />
    </Form.Item>
  );
}

function Representatives({ reps, onDone }: { reps: string[]; onDone: () => void }) {
  const { t } = useApp();
  return (
    <Card title={t('opRep')} data-testid="lead-reps">
      <Typography.Paragraph>{t('opRepHint')}</Typography.Paragraph>
      <Typography.Paragraph data-testid="lead-rep-list">
        {reps.length === 0 ? t('opRepNone') : reps.map((r) => <Tag key={r}>{r}</Tag>)}
      </Typography.Paragraph>
      <Space direction="vertical" size="large" style={{ display: 'flex' }}>
        <ActCard
          action="resident.designate"
          title={t('opRepDesignate')}
          testId="rep-designate"
          prepare={(v: FormValues) => ({
            params: { resident: str(v.resident), resolution: str(v.resolution) },
            summary: [
              [t('opRepResident'), str(v.resident)],
              [t('opRepResolution'), str(v.resolution)],
            ],
          })}
          onDone={onDone}
        >
          <Form.Item name="resident" label={t('opRepResident')} rules={[{ required: true }]}>
            <Input data-testid="rep-resident" />
          </Form.Item>
          <Form.Item name="resolution" label={t('opRepResolution')} rules={[{ required: true }]}>
            <Input maxLength={64} data-testid="rep-resolution" />
          </Form.Item>
        </ActCard>
        <ActCard
          action="resident.revoke"
          title={t('opRepRevoke')}
          testId="rep-revoke"
          prepare={(v: FormValues) => ({
            params: { resident: str(v.resident), reason: str(v.reason) },
            summary: [
              [t('opRepResident'), str(v.resident)],
              [t('opRepReason'), str(v.reason)],
            ],
          })}
          onDone={onDone}
        >
          <Form.Item name="resident" label={t('opRepResident')} rules={[{ required: true }]}>
            <Input data-testid="rep-revoke-resident" />
          </Form.Item>
          <Form.Item name="reason" label={t('opRepReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={200} data-testid="rep-reason" />
          </Form.Item>
        </ActCard>
      </Space>
    </Card>
  );
}

function MatterStep({ org, id }: { org: string; id: string }) {
  const { t, chain } = useApp();
  const data = useAsync(() => residentApi.matter(chain, id), [id]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const m = data.data;
  if (!m) return <Alert type="warning" title={id} />;
  return (
    <Frame>
      <Button size="large" onClick={() => go('resident', 'lead')} data-testid="lead-back">
        ← {t('opMtBack')}
      </Button>
      <Typography.Title level={3} data-testid="lead-matter-title">
        {m.title}
      </Typography.Title>
      <StatusTag m={m} />
      <Button size="large" href={`#/resident/m/${encodeURIComponent(m.id)}`}>
        {t('rsOpenMatter')}
      </Button>
      <MatterSteps m={m} testId="lead-steps" />
      {/* Keyed by the step: a card of the previous step (its receipt, its file) is never reused. */}
      <NextStep key={`${m.status}-${m.rounds.length}`} org={org} m={m} onDone={data.reload} />
    </Frame>
  );
}

function NextStep({ org, m, onDone }: { org: string; m: MatterInfo; onDone: () => void }) {
  const { t } = useApp();
  const common = { targetOf: () => org, onDone } as const;
  switch (m.status) {
    case 'proposed':
      return (
        <ActCard
          action="resident.deliberate"
          title={t('opMtDeliberate')}
          hint={t('opMtDeliberateHint')}
          testId="mt-deliberate"
          {...common}
          prepare={(v: FormValues) => ({
            params: {
              matter: m.id,
              document: str(v.document),
              heldOn: str(v.heldOn),
              expected: num(v.expected),
              present: num(v.present),
              outcome: str(v.outcome),
            },
            summary: [
              [t('opMtHeldOn'), str(v.heldOn)],
              [t('opMtExpected'), String(num(v.expected))],
              [t('opMtPresentCount'), String(num(v.present))],
              [t('opMtOutcome'), v.outcome === 'agreed' ? t('opMtAgreed') : t('opMtNotAgreed')],
              [t('dsHash'), str(v.document)],
            ],
          })}
        >
          <HeldOn />
          <Form.Item name="expected" label={t('opMtExpected')} rules={[{ required: true }]}>
            <InputNumber min={1} max={99} style={{ width: '100%' }} data-testid="mt-expected" />
          </Form.Item>
          <Form.Item name="present" label={t('opMtPresentCount')} rules={[{ required: true }]}>
            <InputNumber min={0} max={99} style={{ width: '100%' }} data-testid="mt-present-count" />
          </Form.Item>
          <Form.Item name="outcome" label={t('opMtOutcome')} initialValue="agreed">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="large"
              options={[
                { value: 'agreed', label: t('opMtAgreed') },
                { value: 'notAgreed', label: t('opMtNotAgreed') },
              ]}
            />
          </Form.Item>
          <DocField name="document" label={t('opMtMinutes')} org={org} scope="org" testId="mt-document" />
        </ActCard>
      );
    case 'deliberated':
      return <ReviewForm org={org} m={m} onDone={onDone} />;
    case 'reviewed':
    case 'voting': {
      const open = m.status === 'reviewed';
      return (
        <ActCard
          action={open ? 'resident.openVote' : 'resident.closeVote'}
          title={open ? t('opMtOpenVote') : t('opMtCloseVote')}
          hint={open ? t('opMtOpenVoteHint') : t('opMtCloseVoteHint')}
          testId={open ? 'mt-open-vote' : 'mt-close-vote'}
          {...common}
          prepare={() => ({ params: { matter: m.id }, summary: [[t('opMtMatterTitle'), m.title]] })}
        >
          {null}
        </ActCard>
      );
    }
    case 'resolved':
    case 'published': {
      const resolution = m.status === 'resolved';
      return (
        <ActCard
          action={resolution ? 'resident.publishResolution' : 'resident.publishResult'}
          title={resolution ? t('opMtResolution') : t('opMtResult')}
          hint={resolution ? t('opMtResolutionHint') : t('opMtResultHint')}
          testId={resolution ? 'mt-resolution' : 'mt-result'}
          {...common}
          prepare={(v: FormValues) => ({
            params: { matter: m.id, document: str(v.document) },
            summary: [
              [t('opMtMatterTitle'), m.title],
              [t('dsHash'), str(v.document)],
            ],
          })}
        >
          <DocField name="document" label={t('opMtDocument')} org={org} scope="public" testId="mt-document" />
        </ActCard>
      );
    }
    case 'done':
      return <Alert type="success" showIcon title={t('opMtDone')} data-testid="mt-done" />;
    default:
      return <Alert type="warning" showIcon title={t('opMtRejected')} />;
  }
}

/** 党员大会审议: the members with a vote on the meeting's day come from the chain (`resident.voters`). */
function ReviewForm({ org, m, onDone }: { org: string; m: MatterInfo; onDone: () => void }) {
  const { t, chain } = useApp();
  const [form] = Form.useForm();
  const heldOn = (Form.useWatch('heldOn', form) as string | undefined) ?? chinaToday();
  const voters = useAsync(
    async () =>
      /^\d{4}-\d{2}-\d{2}$/.test(heldOn)
        ? ((await chain.client.query('resident', 'voters', { org, on: heldOn })).result as string[])
        : [],
    [org, heldOn],
  );
  return (
    <ActCard
      action="resident.review"
      title={t('opMtReview')}
      hint={t('opMtReviewHint')}
      testId="mt-review"
      form={form}
      targetOf={() => org}
      onDone={onDone}
      prepare={(v: FormValues) => ({
        params: {
          matter: m.id,
          document: str(v.document),
          heldOn: str(v.heldOn),
          present: ids(v.present),
          yes: num(v.yes),
          no: num(v.no),
          abstain: num(v.abstain),
        },
        summary: [
          [t('opMtHeldOn'), str(v.heldOn)],
          [t('opMtPresent'), `${ids(v.present).length} / ${voters.data?.length ?? 0}`],
          [t('opMtYes'), String(num(v.yes))],
          [t('opMtNo'), String(num(v.no))],
          [t('opMtAbstain'), String(num(v.abstain))],
          [t('dsHash'), str(v.document)],
        ],
      })}
    >
      <HeldOn />
      <Form.Item
        name="present"
        label={`${t('opMtPresent')}（${t('opMtVoters', { n: voters.data?.length ?? 0 })}）`}
      >
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column' }} data-testid="mt-voters">
          {(voters.data ?? []).map((x) => (
            <Checkbox key={x} value={x} style={BOX}>
              <PersonName id={x} />
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      {(['yes', 'no', 'abstain'] as const).map((k) => (
        <Form.Item
          key={k}
          name={k}
          label={t(k === 'yes' ? 'opMtYes' : k === 'no' ? 'opMtNo' : 'opMtAbstain')}
          initialValue={0}
        >
          <InputNumber min={0} style={{ width: '100%' }} data-testid={`mt-${k}`} />
        </Form.Item>
      ))}
      <DocField name="document" label={t('opMtMinutes')} org={org} scope="org" testId="mt-document" />
    </ActCard>
  );
}

/** The residents' page's link here, for the community's 书记 or 副书记. */
export function MatterLeadLink() {
  const { t } = useApp();
  const leader = useLeader();
  if (!leader.data) return null;
  return (
    <Button size="large" type="primary" onClick={() => go('resident', 'lead')} data-testid="lead-open">
      {t('opMtManage')}
    </Button>
  );
}
