/**
 * The study and 民主评议 pages in real Chromium against a real node (issue 15), on a 390 px phone:
 * a member reports half a day of individual study on her 学习 page; the branch secretary confirms it
 * on the branch's page, and the member's 学时 grow by 4; after a 民主评议党员 meeting (planned and
 * held through the SDK) the secretary rates each member on the rating page — one 优秀, one 不合格 —
 * and records the 党员大会's 限期改正 decision on the open handling case; the member hands in her
 * self-assessment file on her own page, and the secretary corrects one rating (a linked record with
 * its reason and resolution). The chain (read with the
 * SDK, not the page) shows what the pages claim. Every page passes the common checks at 390 and
 * 1280 px (axe, tap targets, no English in zh-CN).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe } from 'node:test';
import { browserTests, clientOf, committeeNode, shoot, startChain, useRig } from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('study and appraisal page tests');

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

type Record = { id: string; member: string; hours: number; status: string; topic: string; via: string };

describe('study and 民主评议 pages in Chromium', { timeout: 900_000 }, () => {
  let studyId = '';

  const rig = useRig(gate, {
    // The running node is the 党委's (c1), which keeps b1's documents (the self-assessment file).
    start: () => startChain({ editGenesis: committeeNode }),
    timeoutMs: 60_000,
    onPage: (page) => page.setViewportSize({ width: 390, height: 844 }),
  });
  const { open } = rig;

  const sdk = async () => {
    const c = clientOf(rig.chain);
    await c.signIn(rig.chain.keys.branchSecretary);
    return c;
  };
  const progress = async (member: string) =>
    (await (await sdk()).query('study', 'progress', { member, year })).result as {
      individualHours: number;
      studies: Record[];
    };

  browserIt('on a phone a member reports half a day of individual study', async () => {
    await rig.signIn('probationer');
    await rig.page.setViewportSize({ width: 390, height: 844 });
    await open('study');
    await rig.page.getByTestId('sd-report').waitFor();
    await rig.page.locator('#sd-topic').fill('自学党章第二章');
    await rig.page.getByTestId('sd-length').getByText('半天').click();
    await shoot(rig.page, 'study-report-390');
    await rig.page.getByTestId('sd-submit').click();
    await rig.page.getByTestId('sd-confirm-summary').waitFor();
    assert.match((await rig.page.getByTestId('sd-confirm-summary').textContent()) ?? '', /自学党章第二章/);
    await rig.page.getByTestId('confirm-ok').click();
    await rig.page
      .getByTestId('sd-sent')
      .or(rig.page.getByTestId('coded-error'))
      .waitFor({ timeout: 120_000 });
    assert.equal(
      await rig.page.getByTestId('coded-error').count(),
      0,
      (await rig.page.getByTestId('sd-report').textContent()) ?? '',
    );
    await rig.page.getByTestId('sd-mine').getByText('待支部确认').waitFor();
    await checkPage(rig.page, 'study-member');

    const p = await progress('m-006');
    assert.equal(p.studies.length, 1);
    const r = p.studies[0]!;
    studyId = r.id;
    assert.deepEqual(
      { member: r.member, topic: r.topic, hours: r.hours, status: r.status, via: r.via },
      { member: 'm-006', topic: '自学党章第二章', hours: 4, status: 'reported', via: 'self' },
    );
    assert.equal(p.individualHours, 0, 'a report counts only once the branch confirms it');

    // Her 民主评议 self-assessment, handed in as a file on her own page.
    const bytes = Buffer.from('2026年度民主评议自我评价：按时参加组织生活，完成学习任务。', 'utf8');
    await open('mylife');
    await rig.page
      .getByTestId('ol-self-file')
      .setInputFiles({ name: '自我评价.txt', mimeType: 'text/plain', buffer: bytes });
    await rig.page.getByTestId('ol-self-submit').click();
    await rig.page
      .getByTestId('ol-self-done')
      .or(rig.page.getByTestId('coded-error'))
      .waitFor({ timeout: 120_000 });
    assert.equal(
      await rig.page.getByTestId('coded-error').count(),
      0,
      (await rig.page.getByTestId('ol-self').textContent()) ?? '',
    );
    await shoot(rig.page, 'mylife-self-assessment-390');
    const life = (await (await sdk()).query('orglife', 'member', { member: 'm-006', year })).result as {
      appraisal: { selfAssessment: string | null; rating: string | null } | null;
    };
    assert.deepEqual(life.appraisal && { ...life.appraisal }, {
      member: 'm-006',
      year,
      selfAssessment: createHash('sha256').update(bytes).digest('hex'),
      rating: null,
      meeting: null,
    });
  });

  browserIt("the branch secretary confirms it; the member's hours grow by 4", async () => {
    await rig.signIn('branchSecretary');
    await rig.page.setViewportSize({ width: 390, height: 844 });
    await open('study/confirm');
    const line = rig.page.getByTestId(`sd-pending-${studyId}`);
    await line.waitFor();
    assert.match((await line.textContent()) ?? '', /孙伟|m-006/);
    assert.match((await line.textContent()) ?? '', /4 学时/);
    await shoot(rig.page, 'study-confirm-390');
    await rig.page.getByTestId(`sd-accept-${studyId}`).click();
    await line.getByText('已确认').waitFor({ timeout: 120_000 });
    await checkPage(rig.page, 'study-confirm');
    const p = await progress('m-006');
    assert.equal(p.studies[0]!.status, 'confirmed');
    assert.equal(p.individualHours, 4);
    const pending = (await (await sdk()).query('study', 'pending', { org: 'b1' })).result as {
      reports: unknown[];
    };
    assert.deepEqual(pending.reports, []);
  });

  browserIt(
    'the secretary rates each member after the 民主评议 meeting and records a 不合格 handling',
    async () => {
      const c = await sdk();
      const send = async (action: string, params: { [k: string]: unknown }) => {
        const r = await c.send(
          { module: 'orglife', action, params: params as never },
          rig.chain.keys.branchSecretary,
        );
        assert.equal(r.receipt.status, 'ok', `${action}: ${JSON.stringify(r.receipt.error)}`);
      };
      await send('plan', { id: 'ev-web', org: 'b1', kind: '民主评议党员', date: today });
      const m = (await c.query('orglife', 'meeting', { id: 'ev-web' })).result as { expected: string[] };
      await send('hold', { meeting: 'ev-web', heldOn: today, present: m.expected });

      await open('orglife/m/ev-web');
      await rig.page.getByTestId('ol-to-appraisal').click();
      await rig.page.getByTestId('ap-ratings').waitFor();
      await rig.page.getByTestId('ap-rate-m-005').getByText('优秀').click();
      await rig.page.getByTestId('ap-rate-m-006').getByText('不合格').click();
      const others = m.expected.length - 2;
      assert.equal(
        (await rig.page.getByTestId('ap-counts').textContent())?.trim(),
        `共 ${m.expected.length} 人：优秀 1 人，合格 ${others} 人，基本合格 0 人，不合格 1 人`,
      );
      await shoot(rig.page, 'appraisal-rate-390');
      await rig.page.getByTestId('ap-submit').click();
      await rig.page.getByTestId('confirm-ok').click();
      await rig.page.getByTestId('ap-done').waitFor({ timeout: 120_000 });
      await rig.page.getByTestId('ap-case-m-006').getByText('待处置').waitFor();
      await rig.page.getByTestId('ap-resolution-m-006').fill('res-web-1');
      await rig.page.getByTestId('ap-decide-m-006').click();
      await rig.page.getByTestId('confirm-ok').click();
      await rig.page
        .getByTestId('ap-case-m-006')
        .getByText(/已决定：限期改正/)
        .waitFor({ timeout: 120_000 });
      // m-006 handed in a self-assessment; her rating has a decided handling and is not corrected here.
      await rig.page.getByTestId('ap-row-m-006').getByText('已交自我评价').waitFor();
      assert.equal(await rig.page.getByTestId('ap-correct-open-m-006').count(), 0);
      // The meeting corrects m-005's 优秀 to 合格.
      await rig.page.getByTestId('ap-correct-open-m-005').click();
      await rig.page.getByTestId('ap-correct-rating-m-005').getByText('合格', { exact: true }).click();
      await rig.page.getByTestId('ap-correct-reason-m-005').fill('会议记录核对有误');
      await rig.page.getByTestId('ap-correct-resolution-m-005').fill('res-web-2');
      await rig.page.getByTestId('ap-correct-submit-m-005').click();
      await rig.page.getByTestId('confirm-ok').click();
      await rig.page.getByTestId('ap-row-m-005').getByText('已更正 1 次').waitFor({ timeout: 120_000 });
      await shoot(rig.page, 'appraisal-corrected-390');
      await checkPage(rig.page, 'appraisal');

      const a = (await c.query('orglife', 'appraisal', { meeting: 'ev-web' })).result as {
        rows: {
          member: string;
          rating: string;
          handling: { status: string; decision: { outcome: string; resolution: string } | null } | null;
        }[];
      };
      const by = Object.fromEntries(a.rows.map((r) => [r.member, r]));
      assert.equal(by['m-005']!.rating, '合格');
      assert.deepEqual(
        (
          by['m-005'] as unknown as {
            corrections: { from: string; to: string; reason: string; resolution: string }[];
          }
        ).corrections.map((c) => [c.from, c.to, c.reason, c.resolution]),
        [['优秀', '合格', '会议记录核对有误', 'res-web-2']],
      );
      assert.equal(by['m-006']!.rating, '不合格');
      assert.equal(a.rows.filter((r) => r.rating === '合格').length, others + 1);
      assert.deepEqual(by['m-006']!.handling?.status, 'decided');
      assert.deepEqual(
        {
          outcome: by['m-006']!.handling?.decision?.outcome,
          resolution: by['m-006']!.handling?.decision?.resolution,
        },
        { outcome: '限期改正', resolution: 'res-web-1' },
      );
      assert.equal(by['m-005']!.handling, null);
    },
  );
});
