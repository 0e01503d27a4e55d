/**
 * 民主评议党员 (issue 15), `#/orglife/appraisal/<meeting>`: after the appraisal meeting is held, the
 * branch's 书记 or 组织委员 records the meeting's rating of each member (优秀 / 合格 / 基本合格 /
 * 不合格, `orglife.rate`: every member once, on their dossier) after a confirmation; a member rated
 * 不合格 has an open handling case, and the decision of the 党员大会 on it (限期改正, 劝退, 除名) is
 * recorded with its resolution id (`orglife.decideHandling`). People decide; the chain records.
 */

import type { Value } from '@djchain/crypto/browser';
import { Alert, Button, Card, Input, List, Radio, Select, Space, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { PersonName } from '../names.tsx';
import { CodedAlert, type CodedView, ErrorBlock, Loading, useConfirm } from '../ui.tsx';
import { OL_TAP_CSS, Quiet, useOrgLifeAct } from './OrgLife.tsx';

/** orglife RATINGS and HANDLINGS (modules src/orglife/rules.ts). */
export const RATINGS = ['优秀', '合格', '基本合格', '不合格'] as const;
export const HANDLINGS = ['限期改正', '劝退', '除名'] as const;
type Rating = (typeof RATINGS)[number];
const RATING_COLOR: Record<Rating, string> = {
  优秀: 'green',
  合格: 'blue',
  基本合格: 'orange',
  不合格: 'red',
};

/** What `orglife.appraisal` returns (modules src/orglife/queries.ts). */
export interface AppraisalView {
  readonly meeting: string;
  readonly org: string;
  readonly kind: string;
  readonly status: string;
  readonly year: number;
  readonly rows: readonly {
    readonly member: string;
    readonly selfAssessment: string | null;
    readonly rating: Rating | null;
    /** Corrections of the rating, oldest first (`orglife.correctRating`). */
    readonly corrections?: readonly { readonly from: Rating; readonly to: Rating; readonly on: string }[];
    readonly handling: {
      readonly status: 'open' | 'decided' | 'withdrawn';
      readonly decision: {
        readonly outcome: string;
        readonly on: string;
        readonly resolution: string;
      } | null;
    } | null;
  }[];
}

/** A resolution id of the 党员大会 (as the orglife module checks it). */
const RESOLUTION_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The page's acts, each after a confirmation: `ask` shows `title` and `content`, then sends orglife
 * `action` with the params `params()` builds and calls `then` once the act is on chain.
 */
function useConfirmedAct() {
  const confirm = useConfirm();
  const act = useOrgLifeAct();
  const ask = (title: string, content: ReactNode, action: string, params: () => Value, then: () => void) =>
    confirm({
      title,
      content,
      onOk: async () => {
        const h = await act.send('orglife', action, params());
        if (h !== null) then();
      },
    });
  return { act, ask };
}

export function AppraisalPage({ id }: { id: string }) {
  const { t, chain } = useApp();
  const data = useAsync(
    async () =>
      (await chain.client.query('orglife', 'appraisal', { meeting: id }))
        .result as unknown as AppraisalView | null,
    [id],
  );
  const { act, ask } = useConfirmedAct();
  const [ratings, setRatings] = useState<Record<string, Rating>>({});
  const [correcting, setCorrecting] = useState<string | null>(null);
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const a = data.data;
  const head = (
    <>
      <style>{OL_TAP_CSS}</style>
      <h1 style={{ margin: 0 }}>{t('apTitle')}</h1>
      <p style={{ color: '#595959', margin: 0 }}>{t('apNote')}</p>
    </>
  );
  if (a.kind !== '民主评议党员')
    return (
      <Space direction="vertical" className="ol-page" style={{ width: '100%' }}>
        {head}
        <Alert type="info" showIcon message={t('apNotAppraisal')} />
      </Space>
    );
  const held = a.status === 'held' || a.status === 'confirmed';
  const unrated = a.rows.filter((r) => r.rating === null);
  const chosen = (m: string): Rating => ratings[m] ?? '合格';
  const count = (r: Rating) => unrated.filter((x) => chosen(x.member) === r).length;
  const counts = t('apCounts', {
    n: unrated.length,
    a: count('优秀'),
    b: count('合格'),
    c: count('基本合格'),
    d: count('不合格'),
  });
  const submitRatings = () =>
    ask(
      t('apSubmit'),
      <div data-testid="ap-confirm-summary">
        <p>{t('apConfirm')}</p>
        <p>{counts}</p>
      </div>,
      'rate',
      () => {
        const params: Record<string, string[]> = {};
        for (const r of RATINGS) {
          const ids = unrated.filter((x) => chosen(x.member) === r).map((x) => x.member);
          if (ids.length > 0) params[r] = ids;
        }
        return { meeting: a.meeting, ...params };
      },
      data.reload,
    );
  const cases = a.rows.filter((r) => r.handling !== null);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} className="ol-page">
      {head}
      {!held && <Alert type="info" showIcon message={t('apNotHeld')} />}
      {act.refusal && <CodedAlert error={act.refusal} />}
      {held && (
        <Card title={`${a.year}`} data-testid="ap-ratings">
          <List
            dataSource={[...a.rows]}
            renderItem={(r) => (
              <List.Item style={{ display: 'block' }} data-testid={`ap-row-${r.member}`}>
                <Space wrap>
                  <strong>
                    <PersonName id={r.member} />
                  </strong>
                  {r.selfAssessment && <Tag>{t('apSelf')}</Tag>}
                  {r.rating && (
                    <Tag color={RATING_COLOR[r.rating]}>
                      {t('apRated', { rating: t(`apR_${r.rating}` as MessageKey) })}
                    </Tag>
                  )}
                  {r.corrections && r.corrections.length > 0 && (
                    <Tag color="gold">{t('apCorrected', { n: r.corrections.length })}</Tag>
                  )}
                  {r.rating && r.handling?.status !== 'decided' && correcting !== r.member && (
                    <Button
                      onClick={() => setCorrecting(r.member)}
                      data-testid={`ap-correct-open-${r.member}`}
                    >
                      {t('apCorrect')}
                    </Button>
                  )}
                </Space>
                {r.rating && correcting === r.member && (
                  <CorrectForm
                    member={r.member}
                    year={a.year}
                    current={r.rating}
                    onDone={() => {
                      setCorrecting(null);
                      data.reload();
                    }}
                  />
                )}
                {r.rating === null && (
                  <div style={{ marginTop: 6 }}>
                    <Radio.Group
                      size="large"
                      value={chosen(r.member)}
                      onChange={(e) => setRatings((x) => ({ ...x, [r.member]: e.target.value as Rating }))}
                      data-testid={`ap-rate-${r.member}`}
                    >
                      {RATINGS.map((x) => (
                        <Radio.Button key={x} value={x}>
                          {t(`apR_${x}` as MessageKey)}
                        </Radio.Button>
                      ))}
                    </Radio.Group>
                  </div>
                )}
              </List.Item>
            )}
          />
          {unrated.length > 0 && (
            <>
              <p data-testid="ap-counts">{counts}</p>
              <Button
                type="primary"
                size="large"
                block
                disabled={act.busy}
                onClick={submitRatings}
                data-testid="ap-submit"
              >
                {t('apSubmit')}
              </Button>
            </>
          )}
          {unrated.length === 0 && (
            <Alert type="success" showIcon message={t('apDone')} data-testid="ap-done" />
          )}
        </Card>
      )}
      {held && (
        <Card title={t('apHandling')} data-testid="ap-handling">
          <p style={{ color: '#595959' }}>{t('apHandlingNote')}</p>
          <List
            dataSource={cases}
            locale={{ emptyText: <Quiet text={t('apNoHandling')} /> }}
            renderItem={(r) => (
              <List.Item style={{ display: 'block' }} data-testid={`ap-case-${r.member}`}>
                <Space wrap>
                  <strong>
                    <PersonName id={r.member} />
                  </strong>
                  {r.handling?.status === 'open' && <Tag color="red">{t('apOpenCase')}</Tag>}
                  {r.handling?.status === 'withdrawn' && <Tag>{t('apWithdrawn')}</Tag>}
                  {r.handling?.decision && (
                    <Tag color="blue">
                      {t('apDecided', {
                        outcome: t(`apO_${r.handling.decision.outcome}` as MessageKey),
                        on: r.handling.decision.on,
                      })}
                    </Tag>
                  )}
                </Space>
                {r.handling?.status === 'open' && (
                  <HandlingForm member={r.member} year={a.year} onDone={data.reload} />
                )}
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}

/** A correction of one member's rating: the new rating, the reason and the meeting's resolution id. */
function CorrectForm(props: { member: string; year: number; current: Rating; onDone: () => void }) {
  const { member, year, current, onDone } = props;
  const { t } = useApp();
  const { act, ask } = useConfirmedAct();
  const [rating, setRating] = useState<Rating>(current === '合格' ? '基本合格' : '合格');
  const [reason, setReason] = useState('');
  const [resolution, setResolution] = useState('');
  const valid = rating !== current && reason.trim().length >= 4 && RESOLUTION_ID.test(resolution.trim());
  const submit = () =>
    ask(
      t('apCorrect'),
      <p data-testid="ap-correct-summary">
        {t('apCorrectConfirm', { member, rating: t(`apR_${rating}` as MessageKey) })}
      </p>,
      'correctRating',
      () => ({ member, year, rating, reason: reason.trim(), resolution: resolution.trim() }),
      onDone,
    );
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 8 }} data-testid={`ap-correct-${member}`}>
      <p style={{ color: '#595959', margin: 0 }}>{t('apCorrectNote')}</p>
      <span>{t('apCorrectTo')}</span>
      <Radio.Group
        size="large"
        value={rating}
        onChange={(e) => setRating(e.target.value as Rating)}
        data-testid={`ap-correct-rating-${member}`}
      >
        {RATINGS.filter((x) => x !== current).map((x) => (
          <Radio.Button key={x} value={x}>
            {t(`apR_${x}` as MessageKey)}
          </Radio.Button>
        ))}
      </Radio.Group>
      <label htmlFor={`ap-correct-reason-${member}`}>{t('apCorrectReason')}</label>
      <Input
        id={`ap-correct-reason-${member}`}
        size="large"
        maxLength={200}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid={`ap-correct-reason-${member}`}
      />
      <ResolutionInput id={`ap-correct-resolution-${member}`} value={resolution} onChange={setResolution} />
      <SubmitAct
        act={act}
        valid={valid}
        onClick={submit}
        testId={`ap-correct-submit-${member}`}
        label={t('apCorrect')}
      />
    </Space>
  );
}

function HandlingForm({ member, year, onDone }: { member: string; year: number; onDone: () => void }) {
  const { t } = useApp();
  const { act, ask } = useConfirmedAct();
  const [outcome, setOutcome] = useState<(typeof HANDLINGS)[number]>('限期改正');
  const [resolution, setResolution] = useState('');
  const valid = RESOLUTION_ID.test(resolution.trim());
  const submit = () =>
    ask(
      t('apDecide'),
      <p>
        {t('apDecideConfirm')} {t(`apO_${outcome}` as MessageKey)} · {resolution.trim()}
      </p>,
      'decideHandling',
      () => ({ member, year, outcome, resolution: resolution.trim() }),
      onDone,
    );
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
      <label htmlFor={`ap-outcome-${member}`}>{t('apOutcome')}</label>
      <Select
        id={`ap-outcome-${member}`}
        size="large"
        value={outcome}
        onChange={(v) => setOutcome(v)}
        options={HANDLINGS.map((h) => ({ value: h, label: t(`apO_${h}` as MessageKey) }))}
        data-testid={`ap-outcome-${member}`}
      />
      <ResolutionInput id={`ap-resolution-${member}`} value={resolution} onChange={setResolution} />
      <SubmitAct
        act={act}
        valid={valid}
        onClick={submit}
        testId={`ap-decide-${member}`}
        label={t('apDecide')}
      />
    </Space>
  );
}

/** The 党员大会's resolution id, labelled; `id` is the input's id and test id. */
function ResolutionInput(props: { id: string; value: string; onChange: (v: string) => void }) {
  const { t } = useApp();
  return (
    <>
      <label htmlFor={props.id}>{t('apResolution')}</label>
      <Input
        id={props.id}
        size="large"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.id}
      />
    </>
  );
}

/** The refusal of the last try, if any, and the button that asks to send (off while busy or invalid). */
function SubmitAct(props: {
  act: { busy: boolean; refusal: CodedView | null };
  valid: boolean;
  onClick: () => void;
  testId: string;
  label: string;
}) {
  const { act } = props;
  return (
    <>
      {act.refusal && <CodedAlert error={act.refusal} />}
      <Button
        size="large"
        type="primary"
        disabled={act.busy || !props.valid}
        onClick={props.onClick}
        data-testid={props.testId}
      >
        {props.label}
      </Button>
    </>
  );
}
