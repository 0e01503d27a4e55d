/**
 * The shell: zh-CN Ant Design with a large-type setting, a header menu that folds on phones, and
 * the hash routes of every page. Pages that act need a session; the portal, explorer and verify
 * pages do not.
 */

import type { ReadSession } from '@djchain/client';
import type { KeyPair } from '@djchain/crypto/browser';
import {
  App as AntApp,
  Button,
  ConfigProvider,
  Grid,
  Layout,
  Menu,
  Space,
  Spin,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import enRaw from 'antd/locale/en_US.js';
import zhRaw from 'antd/locale/zh_CN.js';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Chain } from './chain.ts';
import { AppContext, type AppState, go, type Session, useApp, useRoute } from './context.tsx';
import { type Lang, translator } from './i18n.ts';
import { NamesProvider, PersonName, useNames } from './names.tsx';
import { PortalPage } from './pages/Portal.tsx';
import { SignInPage } from './pages/SignIn.tsx';
import { SeedingBanner } from './seeding-banner.tsx';
import { loadSession, type StoredSession, saveSession } from './session-store.ts';
import { UnlockModal, type UnlockRequest } from './unlock.tsx';

// Split by route (issue 20): the portal and the sign-in page (what a cold load of the portal or of
// the workbench shows) come with the first script; every other page is its own chunk, fetched
// when its route is opened.
const AppraisalPage = lazy(() => import('./pages/Appraisal.tsx').then((m) => ({ default: m.AppraisalPage })));
const DisclosureItemPage = lazy(() =>
  import('./pages/Disclosure.tsx').then((m) => ({ default: m.DisclosureItemPage })),
);
const DisclosureListPage = lazy(() =>
  import('./pages/Disclosure.tsx').then((m) => ({ default: m.DisclosureListPage })),
);
const DisclosureNewPage = lazy(() =>
  import('./pages/DisclosureForms.tsx').then((m) => ({ default: m.DisclosureNewPage })),
);
const RegionPage = lazy(() => import('./pages/Region.tsx').then((m) => ({ default: m.RegionPage })));
const RequestsPage = lazy(() => import('./pages/Requests.tsx').then((m) => ({ default: m.RequestsPage })));
const DeclarationsPage = lazy(() =>
  import('./pages/Declarations.tsx').then((m) => ({ default: m.DeclarationsPage })),
);
const DisciplinePage = lazy(() =>
  import('./pages/Discipline.tsx').then((m) => ({ default: m.DisciplinePage })),
);
const DossierPrintPage = lazy(() =>
  import('./pages/DossierPrint.tsx').then((m) => ({ default: m.DossierPrintPage })),
);
const DuesPage = lazy(() => import('./pages/Dues.tsx').then((m) => ({ default: m.DuesPage })));
const ExplorerPage = lazy(() => import('./pages/Explorer.tsx').then((m) => ({ default: m.ExplorerPage })));
const MeetingPage = lazy(() => import('./pages/Meeting.tsx').then((m) => ({ default: m.MeetingPage })));
const MeetingFormPage = lazy(() =>
  import('./pages/MeetingForm.tsx').then((m) => ({ default: m.MeetingFormPage })),
);
const MemberPage = lazy(() => import('./pages/Member.tsx').then((m) => ({ default: m.MemberPage })));
const MembersPage = lazy(() => import('./pages/Members.tsx').then((m) => ({ default: m.MembersPage })));
const MyLifePage = lazy(() => import('./pages/MyLife.tsx').then((m) => ({ default: m.MyLifePage })));
const CreditPage = lazy(() => import('./pages/Credit.tsx').then((m) => ({ default: m.CreditPage })));
const CreditAnswersPage = lazy(() =>
  import('./pages/CreditAnswers.tsx').then((m) => ({ default: m.CreditAnswersPage })),
);
const IndexPage = lazy(() => import('./pages/Index.tsx').then((m) => ({ default: m.IndexPage })));
const WarningsPage = lazy(() => import('./pages/Warnings.tsx').then((m) => ({ default: m.WarningsPage })));
const MyReadsPage = lazy(() => import('./pages/MyReads.tsx').then((m) => ({ default: m.MyReadsPage })));
const ManagePage = lazy(() => import('./pages/manage/Manage.tsx').then((m) => ({ default: m.ManagePage })));
const NewKeyPage = lazy(() => import('./pages/manage/NewKey.tsx').then((m) => ({ default: m.NewKeyPage })));
const OrgPage = lazy(() => import('./pages/Org.tsx').then((m) => ({ default: m.OrgPage })));
const OrgLifePage = lazy(() => import('./pages/OrgLife.tsx').then((m) => ({ default: m.OrgLifePage })));
const ProcessPage = lazy(() => import('./pages/Process.tsx').then((m) => ({ default: m.ProcessPage })));
const RecruitmentPage = lazy(() =>
  import('./pages/Recruitment.tsx').then((m) => ({ default: m.RecruitmentPage })),
);
const ResidentsPage = lazy(() => import('./pages/Residents.tsx').then((m) => ({ default: m.ResidentsPage })));
const ServicePage = lazy(() => import('./pages/Service.tsx').then((m) => ({ default: m.ServicePage })));
const StudyPage = lazy(() => import('./pages/Study.tsx').then((m) => ({ default: m.StudyPage })));
const SupervisionPage = lazy(() =>
  import('./pages/Supervision.tsx').then((m) => ({ default: m.SupervisionPage })),
);
const WorkbenchPage = lazy(() => import('./pages/Workbench.tsx').then((m) => ({ default: m.WorkbenchPage })));
const VerifyPage = lazy(() => import('./pages/Verify.tsx').then((m) => ({ default: m.VerifyPage })));
// The phone's menu drawer: fetched once the page is on a narrow screen, before the first tap.
const loadNavDrawer = () => import('./nav-drawer.tsx');
const NavDrawer = lazy(() => loadNavDrawer().then((m) => ({ default: m.NavDrawer })));

// The locale files are CommonJS: the default import is the module object under Node typing rules.
const unwrap = (m: unknown) => ((m as { default?: Locale }).default ?? m) as Locale;
const zhCN = unwrap(zhRaw);
const enUS = unwrap(enRaw);

const LARGE_KEY = 'djchain.largeType';
const LANG_KEY = 'djchain.lang';

export function App({ chain }: { chain: Chain }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const [largeType, setLarge] = useState(() => localStorage.getItem(LARGE_KEY) === '1');
  const [reducedMotion] = useState(
    () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches,
  );
  // The tab's session survives a reload (session-store.ts); its key does not (key: null until unlocked).
  const [session, setSessionState] = useState<Session | null>(() => {
    const kept = loadSession();
    if (!kept) return null;
    chain.client.resumeSession(kept.read);
    const { read: _read, ...rest } = kept;
    return { ...rest, key: null };
  });
  const [unlock, setUnlock] = useState<UnlockRequest | null>(null);
  const current = useRef(session);
  current.current = session;
  const setSession = useCallback(
    (s: Session | null) => {
      current.current = s;
      setSessionState(s);
      const read = chain.client.session();
      saveSession(s && read ? storedOf(s, read) : null);
    },
    [chain],
  );
  const unlockKey = useCallback(
    () =>
      current.current?.key
        ? Promise.resolve(current.current.key)
        : new Promise<KeyPair>((resolve, reject) => setUnlock({ resolve, reject })),
    [],
  );
  useEffect(() => {
    // A renewed read session is kept for the tab too; an expired one asks for the passphrase.
    chain.client.onSession = (read) => {
      const s = current.current;
      if (s && read) saveSession(storedOf(s, read));
    };
    chain.client.keyProvider = () => (current.current ? unlockKey() : Promise.resolve(undefined));
  }, [chain, unlockKey]);
  const state: AppState = useMemo(
    () => ({
      chain,
      t: translator(lang),
      lang,
      setLang: (l: Lang) => {
        localStorage.setItem(LANG_KEY, l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLangState(l);
      },
      largeType,
      setLargeType: (on: boolean) => {
        localStorage.setItem(LARGE_KEY, on ? '1' : '0');
        setLarge(on);
      },
      session,
      setSession,
      unlockKey,
    }),
    [chain, lang, largeType, session, setSession, unlockKey],
  );
  return (
    <AppContext.Provider value={state}>
      <ConfigProvider
        locale={lang === 'zh' ? zhCN : enUS}
        theme={{
          // Large type for older users (RULES.md §7); the default is already above antd's 14 px.
          // Grey text at ≥ 4.5:1 on white (WCAG AA): antd's 0.45 alpha is 3.35:1.
          token: {
            fontSize: largeType ? 20 : 16,
            // No animation for those who asked their system for less motion (WCAG 2.3.3).
            motion: !reducedMotion,
            colorPrimary: '#c8161d',
            borderRadius: 6,
            // Links at 5.6:1 (antd's #1677ff is 4.0:1).
            colorLink: '#0958d9',
            colorLinkHover: '#003eb3',
            colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
            colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
            colorTextDescription: 'rgba(0, 0, 0, 0.65)',
            colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
            // Validation messages at 5.5:1 (antd's #ff4d4f is 3.3:1): a required box says so legibly.
            colorError: '#cf1322',
            colorErrorText: '#cf1322',
            // Every control at least 44 px high: tap targets for older hands (WCAG 2.5.5).
            controlHeight: 44,
            controlHeightSM: 44,
            controlHeightLG: 48,
          },
          components: {
            // Menu entries as tall as the other controls (the header sets line-height: normal).
            Menu: { horizontalLineHeight: '48px', itemHeight: 48 },
          },
        }}
      >
        <AntApp>
          {/* Preset tag colours darker than antd's (orange, green, gold at ~3.4:1) for 4.5:1 text. */}
          <style>{TAG_CONTRAST}</style>
          <NamesProvider>
            <Shell />
          </NamesProvider>
          <UnlockModal
            request={unlock}
            session={session}
            chain={chain}
            t={state.t}
            onKey={(key) => current.current && setSession({ ...current.current, key })}
            onClose={() => setUnlock(null)}
          />
        </AntApp>
      </ConfigProvider>
    </AppContext.Provider>
  );
}

const TAG_CONTRAST = [
  ['orange', '#873800'],
  ['green', '#135200'],
  ['gold', '#613400'],
  ['red', '#a8071a'],
  ['blue', '#003eb3'],
  ['volcano', '#871400'],
  ['cyan', '#00474f'],
  ['lime', '#3f6600'],
  ['purple', '#391085'],
  ['magenta', '#780650'],
  ['geekblue', '#061178'],
]
  .map(([c, v]) => `.ant-tag.ant-tag-${c}{color:${v}!important}`)
  .join('')
  // Header menu entries 48 px tall (the header's line-height is normal, and the items follow it).
  .concat(
    '.ant-menu-horizontal>.ant-menu-item,.ant-menu-horizontal>.ant-menu-submenu{line-height:48px!important;min-height:48px}',
  )
  // The copy button of copyable text (keys, addresses) as a 44 px tap target.
  .concat(
    '.ant-typography-copy{min-width:44px;min-height:44px;display:inline-flex!important;align-items:center;justify-content:center}',
  )
  // A link to a person inside a line of text is underlined, not told by colour alone (WCAG 1.4.1).
  .concat('a[href^="#/member/"]{text-decoration:underline}')
  // Check boxes (table row selection, checkbox groups) as 44 px tap targets (WCAG 2.5.5).
  .concat('.ant-checkbox-wrapper{min-height:44px;min-width:44px;display:inline-flex;align-items:center}');

function storedOf(s: Session, read: ReadSession): StoredSession {
  const { key: _key, ...rest } = s;
  return { ...rest, read };
}

function Shell() {
  const { t, lang, setLang, largeType, setLargeType, session, setSession, chain } = useApp();
  const route = useRoute();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [menuOpen, setMenuOpen] = useState(false);
  // Mounted from the first tap on, so it can animate closed; fetched as soon as the screen is narrow.
  const [menuUsed, setMenuUsed] = useState(false);
  useEffect(() => {
    if (narrow) void loadNavDrawer().catch(() => {});
  }, [narrow]);
  const page = route[0] ?? (session ? 'workbench' : 'portal');
  // 我的档案: the signed-in member's own page.
  const navigate = (key: string) => (key === 'me' && session ? go('member', session.memberId) : go(key));
  const selected = page === 'member' && route[1] === session?.memberId ? 'me' : page;
  const items = [
    ...(session
      ? [
          { key: 'workbench', label: t('navWorkbench') },
          { key: 'me', label: t('navMyDossier') },
          { key: 'recruitment', label: t('navRecruitment') },
          { key: 'dues', label: t('navDues') },
          { key: 'mylife', label: t('navMyLife') },
          { key: 'study', label: t('navStudy') },
          { key: 'warnings', label: t('navWarnings') },
          { key: 'credit', label: t('navCredit') },
          ...(session.post ? [{ key: 'index', label: t('navIndex') }] : []),
          ...(session.post ? [{ key: 'orglife', label: t('navOrgLife') }] : []),
          { key: 'members', label: t('navMembers') },
          ...(session.post ? [{ key: 'supervision', label: t('navSupervision') }] : []),
          // 辖区看板: for the committee (a post in a top organization) when an index is behind the server.
          ...(session.post && chain.config.region === true && chain.config.rootOrgs.includes(session.post.org)
            ? [{ key: 'region', label: t('navRegion') }]
            : []),
          { key: 'org', label: t('navOrg') },
          { key: 'discipline', label: t('navDiscipline') },
          { key: 'declarations', label: t('navDeclarations') },
          ...(session.post ? [{ key: 'requests', label: t('navRequests') }] : []),
          { key: 'reads', label: t('navMyReads') },
          { key: 'manage', label: t('navManage') },
        ]
      : [{ key: 'signin', label: t('navSignIn') }]),
    { key: 'explorer', label: t('navExplorer') },
    { key: 'disclosure', label: t('navDisclosure') },
    { key: 'verify', label: t('navVerify') },
    { key: 'portal', label: t('navPortal') },
    { key: 'resident', label: t('navResidents') },
    { key: 'service', label: t('navService') },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: narrow ? '0 8px' : '0 24px',
          background: '#fff',
          borderBottom: '3px solid #c8161d',
          height: 'auto',
          lineHeight: 'normal',
          flexWrap: 'wrap',
        }}
      >
        <a href="#/" style={{ color: '#c8161d', fontWeight: 700, fontSize: '1.3em', padding: '12px 0' }}>
          {t('appName')}
        </a>
        {narrow ? (
          // On a phone: one large, labelled button instead of a folded "…" menu.
          <div style={{ flex: 1 }}>
            <Button
              size="large"
              onClick={() => {
                setMenuUsed(true);
                setMenuOpen(true);
              }}
              data-testid="nav-open"
            >
              ☰ {t('menu')}
            </Button>
            {menuUsed ? (
              <Suspense fallback={null}>
                <NavDrawer
                  open={menuOpen}
                  onClose={() => setMenuOpen(false)}
                  title={t('appName')}
                  selected={selected}
                  items={items}
                  onNavigate={navigate}
                />
              </Suspense>
            ) : null}
          </div>
        ) : (
          <Menu
            mode="horizontal"
            // Every entry stays visible (the header wraps) instead of folding into a "…" menu.
            disabledOverflow
            selectedKeys={[selected]}
            items={items}
            onClick={(e) => navigate(e.key)}
            style={{ flex: 1, minWidth: 0, borderBottom: 'none' }}
            data-testid="nav"
          />
        )}
        <Space size="small" wrap>
          <label
            htmlFor="large-type"
            style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minHeight: 44, cursor: 'pointer' }}
          >
            {t('largeType')}
            <Switch
              checked={largeType}
              onChange={setLargeType}
              id="large-type"
              data-testid="large-type"
              aria-label={t('largeType')}
            />
          </label>
          <Button onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
            {t('language')}
          </Button>
          {session ? (
            <Button
              onClick={() => {
                setSession(null);
                void chain.client.signOut();
                go('portal');
              }}
            >
              {t('signOut')}
            </Button>
          ) : null}
        </Space>
      </Layout.Header>
      <SeedingBanner />
      {session ? <SessionBar /> : null}
      <Layout.Content style={{ padding: narrow ? 8 : 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
          <Route page={page} route={route} />
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', padding: 12 }}>
        <Typography.Text type="secondary">{t('appSubtitle')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}

/** Who is acting, in which post, and — for a clerk — on whose behalf (shown on every page). */
function SessionBar() {
  const { t, session } = useApp();
  const names = useNames();
  if (!session) return null;
  return (
    <div
      style={{ background: '#fff7e6', padding: '6px 16px', display: 'flex', gap: 8, flexWrap: 'wrap' }}
      data-testid="session-bar"
    >
      <span>
        {t('signedInAs')}：<b>{session.label ?? <PersonName id={session.memberId} />}</b>（{session.memberId}
        ）
      </span>
      {session.post ? (
        <Tag color="red">
          {t('postIn', { org: names.org(session.post.org) ?? session.post.org, post: session.post.post })}
        </Tag>
      ) : null}
      {session.onBehalfOf ? (
        <Tag color="orange" data-testid="acting-banner" style={{ whiteSpace: 'normal' }}>
          {t('actingBanner', { member: session.onBehalfOf.member, clerk: session.memberId })}
        </Tag>
      ) : null}
    </div>
  );
}

function Route({ page, route }: { page: string; route: string[] }): ReactNode {
  const { session } = useApp();
  const needsSession = [
    'workbench',
    'recruitment',
    'members',
    'member',
    'org',
    'process',
    'discipline',
    'supervision',
    'dues',
    'orglife',
    'mylife',
    'study',
    'manage',
    'warnings',
    'index',
    'credit',
    'declarations',
    'reads',
    'requests',
    'region',
  ];
  if (needsSession.includes(page) && !session) return <SignInPage />;
  switch (page) {
    case 'workbench':
      return <WorkbenchPage />;
    case 'recruitment':
      return route[1] ? <ProcessPage member={route[1]} action={route[2]} /> : <RecruitmentPage />;
    case 'members':
      return <MembersPage />;
    case 'supervision':
      return <SupervisionPage branch={route[1]} />;
    case 'member':
      return route[2] === 'print' ? (
        <DossierPrintPage id={route[1] ?? ''} />
      ) : (
        <MemberPage id={route[1] ?? ''} />
      );
    case 'org':
      return <OrgPage id={route[1]} />;
    case 'dues':
      return <DuesPage />;
    case 'orglife':
      return route[1] === 'new' ? (
        <MeetingFormPage />
      ) : route[1] === 'm' ? (
        <MeetingPage id={route[2] ?? ''} />
      ) : route[1] === 'appraisal' ? (
        <AppraisalPage id={route[2] ?? ''} />
      ) : (
        <OrgLifePage route={route} />
      );
    case 'mylife':
      return <MyLifePage />;
    case 'warnings':
      return <WarningsPage />;
    case 'credit':
      return route[1] === 'answers' ? <CreditAnswersPage /> : <CreditPage />;
    case 'index':
      return <IndexPage route={route} />;
    case 'study':
      return <StudyPage route={route} />;
    case 'discipline':
      return <DisciplinePage />;
    case 'declarations':
      return <DeclarationsPage />;
    case 'reads':
      return <MyReadsPage />;
    case 'explorer':
      return <ExplorerPage route={route.slice(1)} />;
    case 'manage':
      return <ManagePage sub={route[1]} />;
    case 'newkey':
      return <NewKeyPage />;
    case 'resident':
      return <ResidentsPage route={route} />;
    case 'service':
      return <ServicePage route={route} />;
    case 'disclosure':
      return route[1] === 'new' ? (
        <DisclosureNewPage />
      ) : route[1] ? (
        <DisclosureItemPage id={route[1]} />
      ) : (
        <DisclosureListPage />
      );
    case 'requests':
      return <RequestsPage />;
    case 'region':
      return <RegionPage />;
    case 'verify':
      return <VerifyPage />;
    case 'signin':
      return <SignInPage />;
    default:
      return <PortalPage />;
  }
}
