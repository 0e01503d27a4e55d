/**
 * The shell: zh-CN Ant Design with a large-type setting, a header menu that folds on phones, and
 * the hash routes of every page. Pages that act need a session; the portal, explorer and verify
 * pages do not.
 */
import {
  App as AntApp,
  Button,
  ConfigProvider,
  Drawer,
  Grid,
  Layout,
  Menu,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import enRaw from 'antd/locale/en_US.js';
import zhRaw from 'antd/locale/zh_CN.js';
import { type ReactNode, useMemo, useState } from 'react';
import type { Chain } from './chain.ts';
import { AppContext, type AppState, go, type Session, useApp, useRoute } from './context.tsx';
import { type Lang, translator } from './i18n.ts';
import { ExplorerPage } from './pages/Explorer.tsx';
import { MemberPage } from './pages/Member.tsx';
import { MembersPage } from './pages/Members.tsx';
import { ManagePage } from './pages/manage/Manage.tsx';
import { NewKeyPage } from './pages/manage/NewKey.tsx';
import { OrgPage } from './pages/Org.tsx';
import { PortalPage } from './pages/Portal.tsx';
import { ProcessPage } from './pages/Process.tsx';
import { RecruitmentPage } from './pages/Recruitment.tsx';
import { SignInPage } from './pages/SignIn.tsx';
import { VerifyPage } from './pages/Verify.tsx';
import { WorkbenchPage } from './pages/Workbench.tsx';

// The locale files are CommonJS: the default import is the module object under Node typing rules.
const unwrap = (m: unknown) => ((m as { default?: Locale }).default ?? m) as Locale;
const zhCN = unwrap(zhRaw);
const enUS = unwrap(enRaw);

const LARGE_KEY = 'djchain.largeType';
const LANG_KEY = 'djchain.lang';

export function App({ chain }: { chain: Chain }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const [largeType, setLarge] = useState(() => localStorage.getItem(LARGE_KEY) === '1');
  const [session, setSession] = useState<Session | null>(null);
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
    }),
    [chain, lang, largeType, session],
  );
  return (
    <AppContext.Provider value={state}>
      <ConfigProvider
        locale={lang === 'zh' ? zhCN : enUS}
        theme={{
          // Large type for older users (RULES.md §7); the default is already above antd's 14 px.
          token: { fontSize: largeType ? 20 : 16, colorPrimary: '#c8161d', borderRadius: 6 },
        }}
      >
        <AntApp>
          <Shell />
        </AntApp>
      </ConfigProvider>
    </AppContext.Provider>
  );
}

function Shell() {
  const { t, lang, setLang, largeType, setLargeType, session, setSession, chain } = useApp();
  const route = useRoute();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [menuOpen, setMenuOpen] = useState(false);
  const page = route[0] ?? (session ? 'workbench' : 'portal');
  const items = [
    ...(session
      ? [
          { key: 'workbench', label: t('navWorkbench') },
          { key: 'recruitment', label: t('navRecruitment') },
          { key: 'members', label: t('navMembers') },
          { key: 'org', label: t('navOrg') },
          { key: 'manage', label: t('navManage') },
        ]
      : [{ key: 'signin', label: t('navSignIn') }]),
    { key: 'explorer', label: t('navExplorer') },
    { key: 'verify', label: t('navVerify') },
    { key: 'portal', label: t('navPortal') },
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
            <Button size="large" onClick={() => setMenuOpen(true)} data-testid="nav-open">
              ☰ {t('menu')}
            </Button>
            <Drawer
              open={menuOpen}
              onClose={() => setMenuOpen(false)}
              placement="left"
              size={260}
              title={t('appName')}
            >
              <Menu
                mode="inline"
                selectedKeys={[page]}
                items={items}
                onClick={(e) => {
                  setMenuOpen(false);
                  go(e.key);
                }}
                style={{ fontSize: '1.1em', borderInlineEnd: 'none' }}
              />
            </Drawer>
          </div>
        ) : (
          <Menu
            mode="horizontal"
            selectedKeys={[page]}
            items={items}
            onClick={(e) => go(e.key)}
            style={{ flex: 1, minWidth: 0, borderBottom: 'none' }}
            data-testid="nav"
          />
        )}
        <Space size="small" wrap>
          <span>
            {t('largeType')}{' '}
            <Switch checked={largeType} onChange={setLargeType} data-testid="large-type" size="small" />
          </span>
          <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('language')}
          </Button>
          {session ? (
            <Button
              size="small"
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
      {session ? <SessionBar /> : null}
      <Layout.Content style={{ padding: narrow ? 8 : 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <Route page={page} route={route} />
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
  if (!session) return null;
  return (
    <div
      style={{ background: '#fff7e6', padding: '6px 16px', display: 'flex', gap: 8, flexWrap: 'wrap' }}
      data-testid="session-bar"
    >
      <span>
        {t('signedInAs')}：<b>{session.label ?? session.memberId}</b>（{session.memberId}）
      </span>
      {session.post ? (
        <Tag color="red">{t('postIn', { org: session.post.org, post: session.post.post })}</Tag>
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
  const needsSession = ['workbench', 'recruitment', 'members', 'member', 'org', 'process', 'manage'];
  if (needsSession.includes(page) && !session) return <SignInPage />;
  switch (page) {
    case 'workbench':
      return <WorkbenchPage />;
    case 'recruitment':
      return route[1] ? <ProcessPage member={route[1]} action={route[2]} /> : <RecruitmentPage />;
    case 'members':
      return <MembersPage />;
    case 'member':
      return <MemberPage id={route[1] ?? ''} />;
    case 'org':
      return <OrgPage />;
    case 'explorer':
      return <ExplorerPage route={route.slice(1)} />;
    case 'manage':
      return <ManagePage sub={route[1]} />;
    case 'newkey':
      return <NewKeyPage />;
    case 'verify':
      return <VerifyPage />;
    case 'signin':
      return <SignInPage />;
    default:
      return <PortalPage />;
  }
}
