/**
 * 事务办理: every organization, member, key and roster action as a page of its own, listed for the
 * signed-in post (those it may do first), and the route to each: #/manage/<page>.
 */
import { Card, Col, Row, Tag, Typography } from 'antd';
import { postMayAct, whoMay } from '../../admin-permissions.ts';
import { go, useApp } from '../../context.tsx';
import type { MessageKey } from '../../i18n.ts';
import { ExcelPage } from './Excel.tsx';
import { KeysPage } from './Keys.tsx';
import { MembersAdminPage } from './Members.tsx';
import { OrgCreatePage } from './OrgCreate.tsx';
import { PostsPage } from './Posts.tsx';
import { TermsPage } from './Terms.tsx';

interface Entry {
  readonly page: string;
  readonly title: MessageKey;
  readonly actions: readonly string[];
}

export const MANAGE_PAGES: readonly Entry[] = [
  { page: 'orgs', title: 'orgCreateTitle', actions: ['org.createOrg'] },
  { page: 'posts', title: 'postsTitle', actions: ['org.appointPost', 'org.endPost'] },
  { page: 'terms', title: 'termsTitle', actions: ['org.electCommittee'] },
  {
    page: 'members',
    title: 'membersManageTitle',
    actions: ['member.register', 'member.suspend', 'member.restore', 'member.removeMember'],
  },
  {
    page: 'keys',
    title: 'keysTitle',
    actions: ['member.rotateKey', 'member.requestKeyRecovery', 'member.approveKeyRecovery'],
  },
  { page: 'excel', title: 'excelTitle', actions: ['member.importMember', 'member.register'] },
];

export function ManagePage({ sub }: { sub?: string | undefined }) {
  switch (sub) {
    case 'orgs':
      return <OrgCreatePage />;
    case 'posts':
      return <PostsPage />;
    case 'terms':
      return <TermsPage />;
    case 'members':
      return <MembersAdminPage />;
    case 'keys':
      return <KeysPage />;
    case 'excel':
      return <ExcelPage />;
    default:
      return <ManageHub />;
  }
}

function ManageHub() {
  const { t, lang, session } = useApp();
  const post = session?.post ?? null;
  // The post's own organization for the "may do" mark: an action about it or one below.
  const mine = (action: string) =>
    action === 'member.rotateKey' ||
    (post !== null &&
      (postMayAct(action, post, post.org, null) ||
        postMayAct(action, { org: post.org, post: post.post }, '', post.org)));
  return (
    <div>
      <Typography.Title level={3}>{t('manageTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('manageHint')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {MANAGE_PAGES.map((e) => {
          const may = e.actions.some(mine);
          return (
            <Col xs={24} md={12} lg={8} key={e.page}>
              <Card
                hoverable
                onClick={() => go('manage', e.page)}
                data-testid={`manage-${e.page}`}
                title={
                  <span>
                    {t(e.title)} {may ? <Tag color="red">{t('mayDo')}</Tag> : null}
                  </span>
                }
                extra={<a href={`#/manage/${e.page}`}>{t('open')}</a>}
              >
                {e.actions.map((a) => (
                  <div key={a} style={{ marginBottom: 4 }}>
                    <Typography.Text type="secondary">{whoMay(a, lang)}</Typography.Text>
                  </div>
                ))}
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
