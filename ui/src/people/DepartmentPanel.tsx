// Left side of 人员: the department tree ("全部部门" + the company's departments) and its actions.
import { useMemo, useState } from 'react';
import { App, Button, Empty, Skeleton, Tooltip, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DepartmentDto } from '../bindings/DepartmentDto';
import { buildDepartmentTree, subtreeTotals, type DepartmentTreeNode } from '../departments/tree';
import { useDeleteDepartment } from '../queries';
import { LoadError, useErrorText } from '../feedback';
import { DepartmentNameDialog, MoveDepartmentDialog } from './DepartmentDialogs';

/** The tree key of the "全部部门" root. */
export const ALL_DEPARTMENTS = 'all';
export type DepartmentSelection = typeof ALL_DEPARTMENTS | number;

type Dialog = { kind: 'add' } | { kind: 'rename'; department: DepartmentDto } | { kind: 'move'; department: DepartmentDto };

/** Tree nodes titled with the name and the active employees of the department and its sub-departments. */
function toTreeData(nodes: readonly DepartmentTreeNode[], activeTotals: ReadonlyMap<number, number>): TreeDataNode[] {
  return nodes.map((node) => ({
    key: String(node.department.id),
    title: (
      <span className="dept-title">
        <span className="dept-name">{node.department.name}</span>
        <span className="dept-count">{activeTotals.get(node.department.id) ?? 0}</span>
      </span>
    ),
    children: toTreeData(node.children, activeTotals),
  }));
}

export function DepartmentPanel({
  departments,
  isPending,
  error,
  onRetry,
  selected,
  onSelect,
  activeTotal,
}: {
  departments: readonly DepartmentDto[];
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  selected: DepartmentSelection;
  onSelect: (selection: DepartmentSelection) => void;
  /** Active employees in the whole company, shown beside "全部部门". */
  activeTotal: number | undefined;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const deleteDepartment = useDeleteDepartment();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  const byId = useMemo(() => new Map(departments.map((d) => [d.id, d])), [departments]);
  const selectedDepartment = selected === ALL_DEPARTMENTS ? undefined : byId.get(selected);

  const treeData = useMemo<TreeDataNode[]>(() => {
    const roots = buildDepartmentTree(departments);
    const activeTotals = subtreeTotals(roots, (d) => d.active_employee_count);
    return [
      {
        key: ALL_DEPARTMENTS,
        title: (
          <span className="dept-title">
            <span className="dept-name">{t('department.all')}</span>
            {activeTotal !== undefined && <span className="dept-count">{activeTotal}</span>}
          </span>
        ),
        children: toTreeData(roots, activeTotals),
      },
    ];
  }, [departments, activeTotal, t]);
  const allKeys = useMemo(() => [ALL_DEPARTMENTS, ...departments.map((d) => String(d.id))], [departments]);
  const expandedKeys = allKeys.filter((key) => !collapsed.has(key));

  const confirmDelete = (department: DepartmentDto) => {
    modal.confirm({
      title: t('department.delete_title', { name: department.name }),
      content: t('department.delete_body'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await deleteDepartment.mutateAsync(department.id);
          void message.success(t('department.deleted', { name: department.name }));
          onSelect(department.parent_id ?? ALL_DEPARTMENTS);
        } catch (err) {
          modal.error({ title: t('department.delete_refused'), content: errorText(err) });
        }
      },
    });
  };

  const actionDisabled = selectedDepartment === undefined;
  const needSelection = t('department.select_first');

  return (
    <div className="dept-panel">
      <div className="dept-panel-header">
        <Typography.Title level={5} className="dept-panel-title">
          {t('department.panel_title')}
        </Typography.Title>
        <Tooltip title={selectedDepartment ? t('department.add_under', { name: selectedDepartment.name }) : t('department.add_top')}>
          <Button size="small" type="primary" icon={<PlusOutlined />} data-testid="add-department" onClick={() => setDialog({ kind: 'add' })}>
            {t('department.add')}
          </Button>
        </Tooltip>
      </div>
      <div className="dept-actions">
        <Tooltip title={actionDisabled ? needSelection : undefined}>
          <Button
            size="small"
            icon={<EditOutlined />}
            disabled={actionDisabled}
            data-testid="rename-department"
            onClick={() => selectedDepartment && setDialog({ kind: 'rename', department: selectedDepartment })}
          >
            {t('department.rename')}
          </Button>
        </Tooltip>
        <Tooltip title={actionDisabled ? needSelection : undefined}>
          <Button
            size="small"
            icon={<DragOutlined />}
            disabled={actionDisabled}
            data-testid="move-department"
            onClick={() => selectedDepartment && setDialog({ kind: 'move', department: selectedDepartment })}
          >
            {t('department.move')}
          </Button>
        </Tooltip>
        <Tooltip title={actionDisabled ? needSelection : undefined}>
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            disabled={actionDisabled}
            data-testid="delete-department"
            onClick={() => selectedDepartment && confirmDelete(selectedDepartment)}
          >
            {t('common.delete')}
          </Button>
        </Tooltip>
      </div>
      <div className="dept-tree" data-testid="department-tree">
        {isPending ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : error ? (
          <LoadError error={error} onRetry={onRetry} />
        ) : (
          <>
            <Tree
              blockNode
              treeData={treeData}
              selectedKeys={[String(selected)]}
              expandedKeys={expandedKeys}
              onExpand={(keys) => {
                const open = new Set(keys.map(String));
                setCollapsed(new Set(allKeys.filter((key) => !open.has(key))));
              }}
              onSelect={(keys) => {
                // Clicking the selected node again keeps it selected instead of clearing the filter.
                const key = keys[0];
                if (key === undefined) return;
                onSelect(key === ALL_DEPARTMENTS ? ALL_DEPARTMENTS : Number(key));
              }}
            />
            {departments.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('department.none_yet')} />
            ) : (
              <Typography.Text type="secondary" className="dept-count-hint">
                {t('department.count_hint')}
              </Typography.Text>
            )}
          </>
        )}
      </div>
      {dialog?.kind === 'add' && (
        <DepartmentNameDialog
          mode="add"
          departments={departments}
          defaultParentId={selectedDepartment?.id ?? null}
          onCancel={() => setDialog(null)}
          onDone={(saved) => {
            setDialog(null);
            onSelect(saved.id);
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <DepartmentNameDialog
          mode="rename"
          departments={departments}
          department={dialog.department}
          defaultParentId={dialog.department.parent_id}
          onCancel={() => setDialog(null)}
          onDone={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'move' && (
        <MoveDepartmentDialog
          departments={departments}
          department={dialog.department}
          onCancel={() => setDialog(null)}
          onDone={() => setDialog(null)}
        />
      )}
    </div>
  );
}
