/**
 * 我的信用 (`#/credit`): the signed-in member's own credit of the year (`insight.credit`), derived
 * only from attested records — dues paid on time, confirmed attendance, sanctions in force — with
 * every point beside the record it comes from. Nothing from clicks, study time or time online; no
 * comparison with anyone. Beside each entry the member may ask their branch for a correction (a
 * recorded request, signed with their own key) and sees it awaiting the branch, then its answer.
 */
import { Button, Card, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { useSignedAct } from '../signed-act.ts';
import { CodedAlert, ErrorBlock, Loading, useConfirm } from '../ui.tsx';
import {
  ANSWER_POSTS,
  type Correction,
  CorrectionStatus,
  CreditEntries,
  newCorrectionId,
} from './credit-common.tsx';
import { Quiet } from './OrgLife.tsx';

interface Entry {
  readonly points: number;
  readonly kind: string;
  readonly on: string;
  readonly record: string;
  readonly corrections?: readonly Correction[];
}
interface Credit {
  readonly total: number;
  readonly closedMonth: string;
  readonly entries: readonly Entry[];
  /** Requests about points the member says are missing (beside no entry). */
  readonly missing?: readonly Correction[];
}
/** A line of the member's own organizational life (orglife.member). */
interface LifeLine {
  readonly meeting: string;
  readonly kind: string;
  readonly heldOn: string | null;
}

/** Minimum reason length, as the chain checks it (insight MIN_CORRECTION_REASON). */
export const MIN_REASON = 4;

export function CreditPage() {
  const { t, chain, session } = useApp();
  const member = session?.memberId ?? '';
  const year = Number(chinaToday().slice(0, 4));
  const data = useAsync(async () => {
    const [credit, life] = await Promise.all([
      chain.client.query('insight', 'credit', { member, year }),
      chain.client.query('orglife', 'member', { member, year }),
    ]);
    return {
      credit: credit.result as unknown as Credit,
      lines: (life.result as unknown as { meetings: readonly LifeLine[] }).meetings,
    };
  }, [member, year]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const c = data.data.credit;
  // Held meetings of the year with the member's line but no point, not already asked about.
  const credited = new Set(c.entries.map((e) => e.record));
  const asked = new Set((c.missing ?? []).filter((k) => k.status === 'open').map((k) => k.record));
  const uncounted = data.data.lines.filter(
    (l) =>
      l.heldOn !== null &&
      !credited.has(`orglife.meeting/${l.meeting}`) &&
      !asked.has(`orglife.meeting/${l.meeting}`),
  );
  const answers = session?.post && ANSWER_POSTS.includes(session.post.post);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <h1 style={{ margin: 0 }}>{t('crTitle', { year })}</h1>
      <Typography.Paragraph type="secondary">{t('crNote')}</Typography.Paragraph>
      {answers ? (
        <Button size="large" onClick={() => go('credit', 'answers')} data-testid="credit-go-answers">
          {t('crGoAnswers')}
        </Button>
      ) : null}
      <Card data-testid="credit-total">
        <b style={{ fontSize: '1.4em' }}>{t('crTotal', { total: c.total })}</b>
        <div style={{ color: '#595959' }}>{t('crThrough', { month: c.closedMonth })}</div>
      </Card>
      <Card title={t('crEntries')}>
        <CreditEntries
          listTestId="credit-entries"
          entries={c.entries}
          empty={t('crNone')}
          itemTestId="credit-entry"
          label={(e) => t(`cr_${e.kind}` as MessageKey)}
          below={(e) => (
            <>
              {(e.corrections ?? []).map((k) => (
                <CorrectionStatus key={k.id} c={k} />
              ))}
              {(e.corrections ?? []).some((k) => k.status === 'open') ? null : (
                <AskCorrection member={member} year={year} record={e.record} onDone={data.reload} />
              )}
            </>
          )}
        />
      </Card>
      <Card title={t('crMissingTitle')} data-testid="credit-missing">
        <Typography.Paragraph type="secondary">{t('crMissingNote')}</Typography.Paragraph>
        {(c.missing ?? []).map((k) => (
          <div key={k.id} data-testid="credit-missing-asked" data-record={k.record}>
            <b>{t('crAskedMissing')}</b> <code>{k.record}</code>
            <CorrectionStatus c={k} />
          </div>
        ))}
        <List
          dataSource={uncounted}
          locale={{ emptyText: <Quiet text={t('crMissingNone')} /> }}
          renderItem={(l) => (
            <List.Item
              data-testid="credit-missing-meeting"
              data-record={`orglife.meeting/${l.meeting}`}
              style={{ display: 'block' }}
            >
              <div>{t('crMissingMeeting', { date: l.heldOn ?? '', kind: l.kind, id: l.meeting })}</div>
              <AskCorrection
                member={member}
                year={year}
                record={`orglife.meeting/${l.meeting}`}
                missing
                onDone={data.reload}
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

/** The member's request for one entry: a reason, a confirmation of what is recorded, their signature. */
function AskCorrection({
  member,
  year,
  record,
  missing = false,
  onDone,
}: {
  member: string;
  year: number;
  record: string;
  /** A point the member says is missing (a meeting line without one), not a given one. */
  missing?: boolean;
  onDone: () => void;
}) {
  const { t } = useApp();
  const ask = useConfirm();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const act = useSignedAct();
  if (!open)
    return (
      <Button
        size="large"
        style={{ marginTop: 8 }}
        onClick={() => setOpen(true)}
        data-testid={missing ? 'credit-missing-ask' : 'credit-ask'}
      >
        {t(missing ? 'crMissingAsk' : 'crAsk')}
      </Button>
    );
  const text = reason.trim();
  const confirm = () =>
    ask({
      title: t('confirmTitle'),
      content: (
        <div data-testid="credit-ask-confirm">
          <p>{t('crConfirmLead')}</p>
          <ul style={{ paddingLeft: 20 }}>
            <li>{t(missing ? 'crConfirmMissing' : 'crConfirmRecord', { record })}</li>
            <li>{t('crConfirmYear', { year })}</li>
            <li>{t('crConfirmReason', { reason: text })}</li>
          </ul>
          <p>{t('crConfirmAnswer')}</p>
        </div>
      ),
      onOk: () => {
        const params = {
          id: newCorrectionId(member, record),
          member,
          year,
          record,
          reason: text,
          ...(missing ? { missing: true } : {}),
        };
        void act.send('insight', 'requestCreditCorrection', params).then((h) => {
          if (h !== null) {
            setOpen(false);
            setReason('');
            onDone();
          }
        });
      },
    });
  return (
    <Card
      size="small"
      title={t(missing ? 'crMissingAskTitle' : 'crAskTitle')}
      style={{ marginTop: 8 }}
      data-testid="credit-ask-form"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <label htmlFor={`reason-${record}`}>{t('crAskReason')}</label>
        <Input.TextArea
          id={`reason-${record}`}
          rows={3}
          maxLength={100}
          value={reason}
          onChange={(ev) => setReason(ev.target.value)}
          style={{ fontSize: '1.1em' }}
          data-testid="credit-ask-reason"
        />
        <Typography.Text type="secondary">{t('crAskNote')}</Typography.Text>
        {act.refusal && <CodedAlert error={act.refusal} />}
        <Space wrap>
          <Button
            size="large"
            type="primary"
            disabled={text.length < MIN_REASON || act.busy}
            onClick={confirm}
            data-testid="credit-ask-submit"
          >
            {t('crAskSubmit')}
          </Button>
          <Button size="large" onClick={() => setOpen(false)}>
            {t('crAskCancel')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
