/**
 * The meeting form (issue 15), made for a secretary on a phone: kind, date, length and agenda, then
 * — the chain having derived the expected attendees from the roster — each attendee present by
 * default, one tap for 请假 (with the reason) or 缺席, the minutes file uploaded as an attachment
 * (SDK putAttachment: its SHA-256 registered and the content kept by the nodes entitled to read it)
 * and its hash recorded with the meeting. Two signed acts: the plan, then the held record.
 */

import type { Value } from '@djchain/crypto/browser';
import { Alert, Button, Card, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import { fileOrgDocument } from '../docs.ts';
import { useNames } from '../names.tsx';
import { type AttendanceStatus, MEETING_KINDS, type Meeting, type MeetingKind } from '../orglife.ts';
import { CodedAlert, codedOf, ErrorBlock, LabelledInput, Loading } from '../ui.tsx';
import { OL_TAP_CSS, useOrgLifeAct } from './OrgLife.tsx';

const newId = (...parts: string[]) =>
  `mt-${parts.join('-')}-${Date.now().toString(36)}`.replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 64);

const encoder = new TextEncoder();

export function MeetingFormPage() {
  const { t, session, chain, unlockKey } = useApp();
  const org = session?.post?.org ?? '';
  const names = useNames();
  const roster = useAsync(async () => (await chain.orgMembers(org)).members, [org]);
  const [kind, setKind] = useState<MeetingKind>('主题党日');
  const [date, setDate] = useState(chinaToday());
  const [length, setLength] = useState<'半天' | '一天'>('半天');
  const [agenda, setAgenda] = useState('');
  const [pair, setPair] = useState<[string, string]>(['', '']);
  const [offDay, setOffDay] = useState('');
  const [planned, setPlanned] = useState<Meeting | null>(null);
  const [plannedAt, setPlannedAt] = useState(0);
  const act = useOrgLifeAct();
  if (roster.loading && !roster.data) return <Loading />;
  if (roster.error || !roster.data) return <ErrorBlock error={roster.error} onRetry={roster.reload} />;
  const members = roster.data.filter(
    (m) => m.org === org && (m.status === '正式党员' || m.status === '预备党员'),
  );
  const label = (id: string) => names.person(id) ?? id;
  const memberOptions = members.map((m) => ({ value: m.id, label: label(m.id) }));
  const submit = async () => {
    act.setRefusal(null);
    const id = newId(org, date);
    const params: Record<string, Value> = { id, org, kind, date, length };
    if (agenda.trim() !== '') {
      // The agenda's text stays off chain (an attachment of the branch); its hash is the plan's.
      try {
        const key = await unlockKey();
        const put = await chain.client.putAttachment(
          encoder.encode(agenda.trim()),
          { org, scope: 'org', mediaType: 'text/plain' },
          key,
        );
        params.agenda = put.hash;
      } catch (e) {
        act.setRefusal(codedOf(e));
        return;
      }
    }
    if (kind === '谈心谈话') params.pair = [...pair];
    if (offDay.trim() !== '') params.offDayReason = offDay.trim();
    const h = await act.send('orglife', 'plan', params);
    if (h === null) return;
    const m = (await chain.client.query('orglife', 'meeting', { id })).result as unknown as Meeting;
    setPlannedAt(h);
    setPlanned(m);
  };
  const past = date <= chinaToday();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} className="ol-page">
      <style>{OL_TAP_CSS}</style>
      <h1 style={{ margin: 0 }}>{t('olFormTitle')}</h1>
      <Card data-testid="ol-form">
        <Form layout="vertical" onFinish={() => void submit()} disabled={planned !== null}>
          <Form.Item label={t('olKind')}>
            <Select
              size="large"
              aria-label={t('olKind')}
              value={kind}
              onChange={setKind}
              options={MEETING_KINDS.map((k) => ({ value: k, label: k }))}
              data-testid="ol-kind"
            />
          </Form.Item>
          <LabelledInput label={t('olDate')} id="ol-date" type="date" value={date} onChange={setDate} />
          {(kind === '党课' || kind === '主题党日') && (
            <Form.Item label={t('olLength')}>
              <Radio.Group
                optionType="button"
                size="large"
                value={length}
                onChange={(e) => setLength(e.target.value)}
                options={[
                  { value: '半天', label: '半天' },
                  { value: '一天', label: '一天' },
                ]}
              />
            </Form.Item>
          )}
          {kind === '谈心谈话' && (
            <>
              <Form.Item label={t('olPairA')}>
                <Select
                  size="large"
                  aria-label={t('olPairA')}
                  value={pair[0] || undefined}
                  onChange={(v: string) => setPair([v, pair[1]])}
                  options={memberOptions}
                />
              </Form.Item>
              <Form.Item label={t('olPairB')}>
                <Select
                  size="large"
                  aria-label={t('olPairB')}
                  value={pair[1] || undefined}
                  onChange={(v: string) => setPair([pair[0], v])}
                  options={memberOptions}
                />
              </Form.Item>
            </>
          )}
          <Form.Item label={t('olAgenda')} htmlFor="ol-agenda">
            <Input.TextArea
              id="ol-agenda"
              rows={3}
              maxLength={500}
              value={agenda}
              onChange={(e) => setAgenda(e.target.value)}
            />
          </Form.Item>
          {kind === '主题党日' && (
            <LabelledInput
              label={t('olOffDay')}
              id="ol-offday"
              maxLength={60}
              value={offDay}
              onChange={setOffDay}
            />
          )}
          {act.refusal && planned === null && <CodedAlert error={act.refusal} />}
          <Button size="large" type="primary" htmlType="submit" disabled={act.busy} data-testid="ol-plan">
            {past ? t('olPlanAndHold') : t('olPlan')}
          </Button>
        </Form>
      </Card>
      {planned && !past && (
        <Alert type="success" showIcon message={t('olPlannedOk', { height: plannedAt })} />
      )}
      {planned && past && (
        <AttendanceForm meeting={planned} offDayReason={offDay.trim()} onDone={() => undefined} />
      )}
    </Space>
  );
}

/** Records a planned meeting as held: attendance from its expected list, minutes as an attachment. */
export function AttendanceForm({
  meeting,
  offDayReason,
  onDone,
}: {
  meeting: Meeting;
  offDayReason?: string;
  onDone: () => void;
}) {
  const { t, chain, unlockKey } = useApp();
  const names = useNames();
  const [heldOn, setHeldOn] = useState([meeting.date, chinaToday()].sort()[0]!);
  const [status, setStatus] = useState<Record<string, AttendanceStatus>>(
    Object.fromEntries(meeting.expected.map((m) => [m, 'present'])),
  );
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [file, setFile] = useState<File | null>(null);
  const [lecturer, setLecturer] = useState<string | undefined>(meeting.expected[0]);
  const [rep, setRep] = useState('');
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'sending'>('idle');
  const [done, setDone] = useState<{ height: number; minutes: string | null } | null>(null);
  const act = useOrgLifeAct();
  const label = (id: string) => names.person(id) ?? id;
  const of = (s: AttendanceStatus) => meeting.expected.filter((m) => status[m] === s);
  const submit = async () => {
    act.setRefusal(null);
    let minutes: string | null = null;
    if (file) {
      setPhase('uploading');
      try {
        // Registered and uploaded as the organization's document; the bytes read are checked to hash
        // to what goes on chain.
        minutes = (await fileOrgDocument(chain, file, { org: meeting.org, scope: 'org' }, await unlockKey()))
          .hash;
      } catch (e) {
        act.setRefusal(codedOf(e));
        setPhase('idle');
        return;
      }
    }
    setPhase('sending');
    const excused = of('excused');
    const params: Record<string, Value> = {
      meeting: meeting.id,
      heldOn,
      present: of('present'),
      ...(excused.length > 0
        ? { excused, reasons: Object.fromEntries(excused.map((m) => [m, (reasons[m] ?? '').trim()])) }
        : {}),
      ...(of('absent').length > 0 ? { absent: of('absent') } : {}),
      ...(minutes ? { minutes, minutesScope: 'org' } : {}),
      ...(meeting.kind === '党课' && lecturer ? { lecturer } : {}),
      ...(meeting.kind === '组织生活会' && rep.trim() ? { superiorRep: rep.trim() } : {}),
      ...(offDayReason ? { offDayReason } : {}),
    };
    const h = await act.send('orglife', 'hold', params);
    setPhase('idle');
    if (h !== null) {
      setDone({ height: h, minutes });
      onDone();
    }
  };
  const missingReason = of('excused').some((m) => (reasons[m] ?? '').trim() === '');
  return (
    <Card title={t('olAttendance')} data-testid="ol-attendance">
      <Form layout="vertical" onFinish={() => void submit()} disabled={done !== null}>
        <LabelledInput label={t('olDate')} id="ol-held-on" type="date" value={heldOn} onChange={setHeldOn} />
        {meeting.expected.map((m) => (
          <div
            key={m}
            data-testid={`ol-line-${m}`}
            style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}
          >
            <div style={{ fontWeight: 600, marginBottom: 4 }} data-member={m}>
              {label(m)}
            </div>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="large"
              aria-label={label(m)}
              value={status[m]}
              onChange={(e) => setStatus({ ...status, [m]: e.target.value })}
              options={[
                { value: 'present', label: t('olPresent') },
                { value: 'excused', label: t('olExcused') },
                { value: 'absent', label: t('olAbsent') },
              ]}
            />
            {status[m] === 'excused' && (
              <Input
                size="large"
                style={{ marginTop: 6 }}
                aria-label={`${label(m)} ${t('olReason')}`}
                placeholder={t('olReason')}
                maxLength={100}
                value={reasons[m] ?? ''}
                onChange={(e) => setReasons({ ...reasons, [m]: e.target.value })}
              />
            )}
          </div>
        ))}
        {meeting.kind === '党课' && (
          <Form.Item label={t('olLecturer')} style={{ marginTop: 12 }}>
            <Select
              size="large"
              aria-label={t('olLecturer')}
              value={lecturer}
              onChange={setLecturer}
              options={meeting.expected.map((m) => ({ value: m, label: label(m) }))}
            />
          </Form.Item>
        )}
        {meeting.kind === '组织生活会' && (
          <Form.Item label={t('olSuperiorRep')} htmlFor="ol-rep" style={{ marginTop: 12 }}>
            <Input id="ol-rep" size="large" value={rep} onChange={(e) => setRep(e.target.value)} />
          </Form.Item>
        )}
        <Form.Item label={t('olMinutes')} style={{ marginTop: 12 }}>
          {/* The native control's text follows the browser's language, not the page's: a label as the button. */}
          <input
            id="ol-minutes"
            type="file"
            data-testid="ol-minutes"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden' }}
          />
          <Space wrap>
            <label
              htmlFor="ol-minutes"
              className="ant-btn ant-btn-default ant-btn-lg"
              style={{ minHeight: 44 }}
            >
              {t('olChooseFile')}
            </label>
            <span data-testid="ol-minutes-name">{file ? file.name : t('olNoFile')}</span>
          </Space>
        </Form.Item>
        <p data-testid="ol-counts">
          {t('olCounts', {
            expected: meeting.expected.length,
            present: of('present').length,
            excused: of('excused').length,
            absent: of('absent').length,
          })}
        </p>
        {act.refusal && <CodedAlert error={act.refusal} />}
        {phase === 'uploading' && <Alert type="info" message={t('olUploading')} />}
        {done && (
          <Alert
            type="success"
            showIcon
            data-testid="ol-held-ok"
            message={t('olHeldOk', { height: done.height })}
            description={
              done.minutes ? (
                <span>
                  {t('olMinutesHash')}：<code style={{ wordBreak: 'break-all' }}>{done.minutes}</code>
                </span>
              ) : undefined
            }
          />
        )}
        <Button
          size="large"
          type="primary"
          htmlType="submit"
          disabled={act.busy || phase !== 'idle' || missingReason}
          data-testid="ol-hold"
          style={{ marginTop: 8 }}
        >
          {t('olHold')}
        </Button>
        {done && (
          <Button size="large" style={{ marginTop: 8, marginLeft: 8 }} href={`#/orglife/m/${meeting.id}`}>
            {t('olSheet')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
