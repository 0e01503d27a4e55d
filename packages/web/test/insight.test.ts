/**
 * The warning centre and the operation index in real Chromium against a real node. The chain starts
 * 70 days ago on a clock this test drives (harness `pastDays`), the application is filed that day,
 * the 党委 adopts the index rule set 2026-v3 and 刘洋 (m-005, 第一支部) asks for a transfer to 第二支部
 * that nobody answers; then the node goes to the wall clock: the talk (due within a month, 细则第七条)
 * is overdue, the transfer (due 30 days after its request, so at least 9 days before last month's
 * end) waits past its deadline, and the months since genesis have closed — dues and orglife first,
 * the index in the block after.
 *
 * - the branch secretary's 预警中心 lists the overdue talk (their own, and their organization's);
 *   the talk recorded (through the SDK, as another device would) makes it disappear live, over the
 *   event stream, without reloading the page;
 * - the committee secretary's 运行指数 of 第一支部 shows the last closed month, and the drill-down
 *   reaches a missing person and the broken link of the overdue talk, naming its warning; 不漏人's
 *   checks (contact, roster, transfer) show with the missing persons by name, and the transfer check
 *   drills down to 刘洋 with the transfer and its deadline, linked to the chain records behind it;
 * - at 390 px the committee secretary opens the 党委's profile (counts only, warnings by level, its
 *   branches in id order), drills down to 第一支部 (index month and chart, members by name in id
 *   order) and to 李明 (his post, credit, open warnings); a plain member opening 李明's profile sees
 *   the reason the read is refused, not an error page;
 * - the committee secretary's 辖区看板 without an index says how to configure one; with one (its
 *   answers written by hand, served in the page's network: this chain has no index) it shows each
 *   chain and organization in id order, never by score, dues in 元, at 390 and 1280 px.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { browserTests, type Chain, clientOf, shootAt, startChain, useRig } from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('web insight tests');
const PAST_DAYS = 70;

describe('warning centre and operation index in Chromium', { timeout: 600_000 }, () => {
  const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  const lastMonth = () => {
    const d = new Date(Date.now() + 8 * 3600_000);
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 1);
    return d.toISOString().slice(0, 7);
  };

  const rig = useRig(gate, {
    start: () => startChain({ pastDays: PAST_DAYS }),
    setup: async (chain: Chain) => {
      // On the genesis day: the 党委 adopts 2026-v3 (不漏人 with its checks), 刘洋 asks for a transfer.
      const before = clientOf(chain);
      for (const [tx, key] of [
        [
          {
            module: 'insight',
            action: 'adoptRules',
            params: { org: 'c1', version: '2026-v3', resolution: 'res-v3' },
          },
          chain.keys.committeeSecretary,
        ],
        [
          {
            module: 'transfer',
            action: 'requestTransfer',
            params: { id: 'tr-m005', member: 'm-005', to: 'b2', reason: '居住地迁至第二支部辖区' },
          },
          chain.memberKeys['m-005']!,
        ],
      ] as const) {
        const r = await before.send(tx, key, { timeoutMs: 30_000 });
        assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
      }
      await chain.toWallClock!();
      // The index of last month closes in the block after dues and orglife closed it: wait for it,
      // bounded in count and time.
      const c = clientOf(chain);
      await c.signIn(chain.keys.committeeSecretary);
      for (let i = 0; i < 300; i++) {
        const r = (await c.query('insight', 'period', { org: 'b1', period: lastMonth() })).result;
        if (r !== null) break;
        await new Promise((ok) => setTimeout(ok, 200));
      }
    },
    timeoutMs: 60_000,
  });
  const { open, signIn, pageErrors } = rig;

  browserIt('the branch secretary sees the overdue talk; recording the talk closes it live', async () => {
    await signIn('branchSecretary');
    await open('warnings');
    await rig.page.getByTestId('wc-live').waitFor();
    const mine = rig.page
      .getByTestId('wc-mine')
      .locator('[data-testid=wc-item][data-kind="recruitment.deadline"]');
    await mine.waitFor();
    const text = (await mine.textContent()) ?? '';
    assert.match(text, /已超期.*发展党员期限.*周晓.*期限 \d{4}-\d{2}-\d{2}/);
    assert.match(text, /《中国共产党发展党员工作细则》第七条/);
    // The act that answers it by its name from the i18n tables, never the raw action id.
    assert.match(text, /处理方式：党组织派人谈话/);
    assert.doesNotMatch(text, /recruitment\.talk/);
    assert.equal(
      await rig.page
        .getByTestId('wc-org')
        .locator('[data-testid=wc-item][data-kind="recruitment.deadline"]')
        .count(),
      1,
    );
    await checkPage(rig.page, 'warnings-open');

    // Another device records the talk: the warning closes at the next block start and the page,
    // listening on the event stream, drops it without a reload.
    const c = clientOf(rig.chain);
    const r = await c.send(
      {
        module: 'recruitment',
        action: 'talk',
        params: { member: 'm-101', heldOn: chinaDay(Date.now()), lateReason: '申请人外出务工，返回后即谈话' },
      },
      rig.chain.keys.branchSecretary,
      { timeoutMs: 60_000 },
    );
    assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
    const url = rig.page.url();
    await mine.waitFor({ state: 'detached', timeout: 60_000 });
    assert.equal(rig.page.url(), url);
    await checkPage(rig.page, 'warnings-closed');

    // 我的信用: the member's own year, each point with its record (none on this chain: no dues
    // assessed, no attendance confirmed), computed through the closed months.
    await open('credit');
    const total = rig.page.getByTestId('credit-total');
    await total.waitFor();
    assert.match((await total.textContent()) ?? '', /合计 0 分.*统计至 \d{4}-\d{2}/);
    await checkPage(rig.page, 'credit-own');
    assert.deepEqual(pageErrors, []);
  });

  browserIt(
    "the committee secretary drills 第一支部's index down to a missing person and a broken link",
    async () => {
      await signIn('committeeSecretary');
      await open('index/b1');
      const overall = rig.page.getByTestId('index-overall');
      await overall.waitFor();
      assert.match((await overall.textContent()) ?? '', /^综合 \d+\.\d%$/);
      assert.ok(((await rig.page.getByTestId('index-period').textContent()) ?? '').includes(lastMonth()));
      await rig.page.getByTestId('index-chart').waitFor();
      await checkPage(rig.page, 'index-b1');

      // 不漏人: the members of the branch not accounted for (no dues assessed on this chain).
      await rig.page.getByTestId('index-drill-people').click();
      const person = rig.page
        .getByTestId('index-missing-people')
        .locator('[data-testid=index-missing-item][data-member=m-002]');
      await person.waitFor();
      assert.match((await person.textContent()) ?? '', /李明.*党费/);
      // 刘洋's transfer waits past its deadline: an item of 不漏人 too.
      const mover = rig.page
        .getByTestId('index-missing-people')
        .locator('[data-testid=index-missing-item][data-member=m-005]');
      assert.match((await mover.textContent()) ?? '', /刘洋.*组织关系转接超期/);
      await checkPage(rig.page, 'index-b1-people');

      // 不漏人's checks (2026-v3): each with its figure and the missing persons by name.
      await rig.page.getByTestId('index-back').click();
      const checks = rig.page.getByTestId('index-checks');
      await checks.waitFor();
      assert.match((await checks.textContent()) ?? '', /保持联系.*花名册完整.*转接按期办结/);
      const transfer = rig.page.getByTestId('index-check-transfer');
      // b1's roster: m-001…m-006 (m-101 is an applicant) → 5 of 6 on time.
      // The deadline the period's rule set used (2026-v3: 30 days) is named beside the figure.
      assert.match((await transfer.textContent()) ?? '', /遗漏 1 项.*83\.3% · 5 \/ 6.*在 30 天内被接收/);
      const named = rig.page.getByTestId('index-check-names-transfer').locator('a[data-member=m-005]');
      assert.equal(await named.textContent(), '刘洋');
      assert.equal(await named.getAttribute('href'), '#/member/m-005');
      // No sealed profile recorded on this chain: the roster check names the branch's members.
      assert.match(
        (await rig.page.getByTestId('index-check-names-roster').textContent()) ?? '',
        /王芳.*李明.*赵刚/,
      );
      await checkPage(rig.page, 'index-b1-checks');

      // The transfer check's drill-down: 刘洋, the transfer and its deadline, the records behind it.
      await rig.page.getByTestId('index-drill-transfer').click();
      const late = rig.page
        .getByTestId('index-missing-transfer')
        .locator('[data-testid=index-missing-item][data-member=m-005]');
      await late.waitFor();
      const lateText = (await late.textContent()) ?? '';
      assert.match(lateText, /刘洋（m-005）.*转接申请 tr-m005，期限 \d{4}-\d{2}-\d{2}/);
      assert.match(lateText, new RegExp(`月份：.*${lastMonth()}`));
      const record = late.getByRole('link', { name: /链上记录 tr-m005/ });
      assert.equal(await record.getAttribute('href'), '#/explorer/member/m-005');
      await checkPage(rig.page, 'index-b1-transfer');
      // The record: the member's verified chain history holds the transfer request.
      await record.click();
      const events = rig.page.getByTestId('member-events');
      await events.getByText('申请转接组织关系').first().waitFor();
      await rig.page.goBack();

      // 不掉链: the application whose talk was overdue at the close, naming its warning.
      await rig.page.getByTestId('index-back').click();
      await rig.page.getByTestId('index-drill-links').click();
      const link = rig.page.getByTestId('index-missing-links').locator('[data-testid=index-missing-item]');
      await link.first().waitFor();
      const t = (await link.first().textContent()) ?? '';
      assert.match(t, /发展党员期限.*周晓/);
      assert.match(t, /recruitment\.deadline\/m-101:talk:/);
      await checkPage(rig.page, 'index-b1-links');
      assert.deepEqual(pageErrors, []);
    },
  );

  browserIt(
    'on a phone the committee secretary drills the 党委 down to a branch and a member; a plain member is refused',
    async () => {
      await signIn('committeeSecretary');
      await rig.page.setViewportSize({ width: 390, height: 844 });
      await open('org/c1');
      const c1 = rig.page.locator('[data-testid=org-profile][data-org=c1]');
      await c1.waitFor();
      assert.equal(await c1.getByTestId('org-profile-name').textContent(), '东风社区党委');
      // Composition as counts only, over c1 and all below it: b1 holds m-001…m-005 (正式) and m-006
      // (预备; m-101 is an applicant, not counted), b2 holds m-011…m-013; below c1: b1, b2, g1.
      const composition = c1.getByTestId('org-composition');
      await composition.getByTestId('org-suborgs').waitFor();
      assert.match((await composition.textContent()) ?? '', /正式党员 8 人.*预备党员 1 人.*下级组织 3 个/);
      // Open warnings counted by level (no list of people), with the way to the warning centre.
      const levels = c1.getByTestId('org-warning-count');
      await levels.first().waitFor();
      assert.deepEqual(await levels.evaluateAll((es) => es.map((e) => e.getAttribute('data-level'))), [
        'dueSoon',
        'overdue',
        'serious',
      ]);
      assert.match((await levels.nth(1).textContent()) ?? '', /^已超期 \d+ 条$/);
      // The children in id order, each a link to its own profile.
      const children = c1.getByTestId('org-child');
      await children.first().waitFor();
      assert.deepEqual(await children.evaluateAll((es) => es.map((e) => e.getAttribute('data-org'))), [
        'b1',
        'b2',
      ]);
      assert.match((await children.allTextContents()).join('|'), /^第一党支部\|第二党支部$/);
      // At 390 px only (the viewport as it is: no resize); the role journeys check both pages'
      // axe, tap targets and copy at 390 and 1280 px.
      await shootAt(rig.page, 'profile-org-c1', 390);

      // Down to 第一支部: its latest index month with the chart, its members by name in id order.
      await children.first().getByRole('link').click();
      const b1 = rig.page.locator('[data-testid=org-profile][data-org=b1]');
      await b1.getByTestId('org-index-latest').waitFor();
      assert.match(
        (await b1.getByTestId('org-index-latest').textContent()) ?? '',
        new RegExp(`^${lastMonth()} · 综合 \\d+\\.\\d%$`),
      );
      await b1.getByTestId('index-chart').waitFor();
      const members = b1.getByTestId('org-member');
      await members.first().waitFor();
      assert.deepEqual(await members.evaluateAll((es) => es.map((e) => e.getAttribute('data-member'))), [
        'm-001',
        'm-002',
        'm-003',
        'm-004',
        'm-005',
        'm-006',
        'm-101',
      ]);
      assert.match((await members.nth(1).textContent()) ?? '', /^李明正式党员$/);
      await shootAt(rig.page, 'profile-org-b1', 390);

      // Down to 李明: the post he holds, his credit of the year, his open warnings.
      await members.nth(1).getByRole('link').click();
      const post = rig.page.getByTestId('member-posts').locator('[data-testid=member-post][data-org=b1]');
      await post.waitFor();
      assert.match((await post.textContent()) ?? '', /^书记第一党支部2024-06-01 起 · 至 2029-06-01$/);
      const total = rig.page.getByTestId('member-credit-total');
      await total.waitFor();
      assert.match((await total.textContent()) ?? '', /^合计 0 分（0 项记录，统计至 \d{4}-\d{2}）$/);
      // Another member's credit: no link to 我的信用 (the member's own page).
      assert.equal(await rig.page.getByTestId('member-credit').getByRole('link').count(), 0);
      // His own (学习进度 of the year, about him), apart from those his post owes (about others).
      const about = rig.page.getByTestId('member-warnings-about').locator('[data-testid=wc-item]');
      await about.first().waitFor();
      assert.equal(await about.count(), 1);
      assert.match(
        (await about.first().textContent()) ?? '',
        // The months its pace was judged over are part of the warning (the quarter close that raised it).
        /^即将到期学习进度落后李明按前 (3|6|9) 个月的进度期限 \d{4}-\d{2}-\d{2}.*处理方式：确认学习学时/,
      );
      const owed = rig.page.getByTestId('member-warnings-owed').locator('[data-testid=wc-item]');
      assert.match((await owed.allTextContents()).join('|'), /学习进度落后王芳.*学习进度落后赵刚/);
      await shootAt(rig.page, 'profile-member-m002', 390);

      // A plain member (孙伟, no post) opening 李明's profile: the reason, not an error page.
      await signIn('probationer');
      await open('member/m-002');
      const refused = rig.page.getByTestId('member-credit-refused');
      await refused.waitFor();
      assert.match(
        (await refused.textContent()) ?? '',
        /无权查看：仅本人、所在组织及上级组织的党务人员可以查看/,
      );
      assert.match(
        (await rig.page.getByTestId('member-refused').textContent()) ?? '',
        /无权查看这名党员的档案/,
      );
      await shootAt(rig.page, 'profile-member-refused', 390);
      assert.deepEqual(pageErrors, []);
    },
  );

  browserIt(
    "the committee secretary's 辖区看板: without an index how to configure one; with one each chain and organization in id order, never by score",
    async () => {
      await signIn('committeeSecretary');
      await rig.page.setViewportSize({ width: 1280, height: 900 });
      await open('region');
      const help = rig.page.getByTestId('region-no-index');
      await help.waitFor();
      assert.match(
        (await help.textContent()) ?? '',
        /本网页尚未连接索引库.*--serve 26800.*--index http:\/\/127\.0\.0\.1:26800.*只有上级党委/,
      );
      // No index behind this server: no menu entry (the page stays reachable by its address).
      assert.doesNotMatch((await rig.page.getByTestId('nav').textContent()) ?? '', /辖区看板/);
      await shootAt(rig.page, 'region-no-index', 1280);

      // With an index: the server's config says so and /region/* answers — here figures written by
      // hand, served in the page's network (this chain has no index; the server's forwarding and
      // its reader check are server.test.ts's, the index's answers indexer.test.ts's). Given out of
      // order, the best score first.
      const proofOf = (chainId: string, name: string, height: number) => ({
        chainId,
        name,
        suite: 'intl',
        height,
        headerHash: `${height}`.padStart(2, '0').repeat(32),
        appHash: 'cd'.repeat(32),
        timeMs: Date.UTC(2026, 2, 1, 4),
        indexMonth: '2026-02',
        indexHeight: height - 1,
      });
      const chains = [
        proofOf('demo-dongfeng', '东风社区党委', 42),
        proofOf('demo-chaoyang', '朝阳社区党委', 57),
      ];
      const org = (chainId: string, o: string, orgName: string) => ({ chainId, org: o, orgName });
      const ix = (chainId: string, o: string, orgName: string, overall: number, level: string) => ({
        ...org(chainId, o, orgName),
        period: '2026-02',
        rules: '2026-v3',
        overall,
        level,
        people: overall,
        items: overall,
        links: overall,
        peopleMissing: 1,
        itemsMissing: 2,
        linksMissing: 3,
        closedOn: '2026-03-01',
        height: 41,
      });
      const rows: Record<string, unknown[]> = {
        chains,
        members: [
          { ...org('demo-dongfeng', 'b1', '第一党支部'), status: '正式党员', members: 4 },
          { ...org('demo-chaoyang', 'b1', '第一党支部'), status: '正式党员', members: 5 },
          { ...org('demo-chaoyang', 'b1', '第一党支部'), status: '预备党员', members: 1 },
        ],
        recruitment: [{ chainId: 'demo-chaoyang', phase: 'activist', cases: 2 }],
        dues: [
          { ...org('demo-chaoyang', 'b1', '第一党支部'), month: '2026-02', paidFen: 1234 },
          { ...org('demo-chaoyang', 'b1', '第一党支部'), month: '2026-01', paidFen: 5 },
        ],
        meetings: [
          {
            ...org('demo-chaoyang', 'b1', '第一党支部'),
            kind: '支部委员会',
            quarter: '2026-Q1',
            meetings: 3,
          },
        ],
        index: [
          ix('demo-chaoyang', 'b2', '第二党支部', 980, '良好'),
          ix('demo-chaoyang', 'b1', '第一党支部', 512, '需关注'),
        ],
      };
      await rig.page.route('**/app-config.json', async (route) => {
        const r = await route.fetch();
        await route.fulfill({ response: r, json: { ...(await r.json()), region: true } });
      });
      const asked: string[] = [];
      await rig.page.route('**/region/*', async (route) => {
        const name = new URL(route.request().url()).pathname.slice('/region/'.length);
        asked.push(
          `${name} ${(await route.request().headerValue('authorization')) === null ? 'anonymous' : 'session'}`,
        );
        await route.fulfill({ json: { chains, rows: rows[name] ?? [], truncated: false } });
      });
      try {
        await rig.page.reload();
        const cards = rig.page.locator('[data-testid^=region-chain-]');
        await cards.first().waitFor();
        assert.deepEqual(await cards.evaluateAll((es) => es.map((e) => e.getAttribute('data-testid'))), [
          'region-chain-demo-chaoyang',
          'region-chain-demo-dongfeng',
        ]);
        assert.match((await rig.page.getByTestId('nav').textContent()) ?? '', /辖区看板/);
        assert.deepEqual(asked.sort(), [
          'chains session',
          'dues session',
          'index session',
          'meetings session',
          'members session',
          'recruitment session',
        ]);
        const west = cards.first();
        assert.match((await west.textContent()) ?? '', /^朝阳社区党委（demo-chaoyang）/);
        assert.match(
          (await west.getByTestId('region-proof').textContent()) ?? '',
          /^已验证至高度 57 · 区块头 5757575757575757… · 2026-03-01运行指数已读至 2026-02（高度 56）$/,
        );
        assert.equal(
          await west.getByTestId('region-members').textContent(),
          '第一党支部（6 人）：预备党员 1 · 正式党员 5',
        );
        assert.equal(await west.getByTestId('region-recruitment').textContent(), '入党积极分子 2');
        // Dues in 元, months in time order.
        assert.deepEqual(await west.getByTestId('region-dues').locator('tbody tr').allTextContents(), [
          '2026-01¥0.05',
          '2026-02¥12.34',
        ]);
        assert.match((await west.getByTestId('region-meetings').textContent()) ?? '', /2026-Q1支部委员会3/);
        // The index by organization id: b1 (51.2%) before b2 (98.0%).
        assert.match(
          (await west.getByTestId('region-index').textContent()) ?? '',
          /^第一党支部 · 2026-02 需关注综合 51\.2缺人 1 · 缺项 2 · 断链 3第二党支部 · 2026-02 良好综合 98\.0/,
        );
        await checkPage(rig.page, 'region');
        assert.deepEqual(pageErrors, []);
      } finally {
        await rig.page.unrouteAll();
      }
    },
  );
});
