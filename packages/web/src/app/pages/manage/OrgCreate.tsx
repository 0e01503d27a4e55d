/** 新建组织 (org.createOrg) beside the organization tree it adds to. */
import { Card, Col, Form, Input, Row, Select, Tree } from 'antd';
import { ActCard } from '../../act.tsx';
import { useApp } from '../../context.tsx';
import { type OrgNode, orgLabel, orgOptions, useOrgTree } from '../../org-data.ts';
import { ErrorBlock, Loading } from '../../ui.tsx';

const KINDS = ['党委', '党总支', '党支部', '党小组'];

export function OrgTreeCard({ orgs }: { orgs: readonly OrgNode[] }) {
  const { t } = useApp();
  const byId = new Map(orgs.map((o) => [o.id, o]));
  type Node = { key: string; title: string; children: Node[] };
  const node = (id: string, depth = 0): Node => {
    const o = byId.get(id)!;
    return {
      key: id,
      title: orgLabel(o),
      children: depth > 16 ? [] : o.children.filter((c) => byId.has(c)).map((c) => node(c, depth + 1)),
    };
  };
  const roots = orgs.filter((o) => o.parent === null || !byId.has(o.parent));
  return (
    <Card title={t('orgTreeTitle')}>
      <Tree treeData={roots.map((r) => node(r.id))} defaultExpandAll data-testid="manage-org-tree" />
    </Card>
  );
}

export function OrgCreatePage() {
  const { t } = useApp();
  const tree = useOrgTree();
  if (tree.loading && !tree.data) return <Loading />;
  if (tree.error) return <ErrorBlock error={tree.error} onRetry={tree.reload} />;
  const orgs = tree.data ?? [];
  const nameOf = (id: unknown) => orgs.find((o) => o.id === id)?.name ?? String(id ?? '');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <ActCard
          action="org.createOrg"
          title={t('orgCreateTitle')}
          hint={t('orgCreateHint')}
          testId="create-org"
          targetOf={(v) => (typeof v.parent === 'string' ? v.parent : null)}
          prepare={(v) => ({
            params: {
              id: String(v.id).trim(),
              name: String(v.name).trim(),
              kind: String(v.kind),
              parent: String(v.parent),
            },
            summary: [
              [t('orgParent'), nameOf(v.parent)],
              [t('orgKind'), String(v.kind)],
              [t('orgName'), String(v.name)],
              [t('orgId'), String(v.id)],
            ],
          })}
          onDone={tree.reload}
        >
          <Form.Item name="parent" label={t('orgParent')} rules={[{ required: true }]}>
            <Select options={orgOptions(orgs)} data-testid="org-parent" showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="kind" label={t('orgKind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: k }))} data-testid="org-kind" />
          </Form.Item>
          <Form.Item name="name" label={t('orgName')} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="org-name" />
          </Form.Item>
          <Form.Item
            name="id"
            label={t('orgId')}
            extra={t('orgIdHelp')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/ }]}
          >
            <Input data-testid="org-id" />
          </Form.Item>
        </ActCard>
      </Col>
      <Col xs={24} lg={10}>
        <OrgTreeCard orgs={orgs} />
      </Col>
    </Row>
  );
}
