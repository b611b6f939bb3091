// The people of one group on a date, each with the assignment that puts them there — or the people in no group, each with a button to assign them.
import { useMemo, useState } from 'react';
import { Button, Drawer, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { GroupMemberDto } from '../bindings/GroupMemberDto';
import type { MembershipDto } from '../bindings/MembershipDto';
import { LoadError } from '../feedback';
import { useGroupMembers } from '../queries';

/** 「通过 总部/生产部（2026-10-01 起）」 or 「个人分配（2026-10-01 起）」. */
export function ViaText({ via }: { via: MembershipDto | null }) {
  const { t } = useTranslation();
  if (!via) return <Typography.Text type="secondary">{t('groups.members.via_none')}</Typography.Text>;
  return via.target_kind === 'employee'
    ? t('groups.members.via_employee', { date: via.effective_from })
    : t('groups.members.via_department', { path: via.target_label, date: via.effective_from });
}

export type MembersScope = { kind: 'group'; groupId: number; name: string } | { kind: 'unassigned' };

export function MembersDrawer({
  scope,
  on,
  onAssign,
  onClose,
}: {
  scope: MembersScope;
  /** The date asked about (YYYY-MM-DD). */
  on: string;
  /** For people in no group: opens the assign dialog for this person. */
  onAssign?: (member: GroupMemberDto) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const members = useGroupMembers(scope.kind === 'group' ? scope.groupId : null, scope.kind === 'unassigned', on);
  const [filter, setFilter] = useState('');

  const rows = useMemo(() => {
    const typed = filter.trim().toLowerCase();
    const all = members.data ?? [];
    if (typed === '') return all;
    return all.filter((m) =>
      [m.employee_no, m.name, m.department_path].some((text) => text.toLowerCase().includes(typed)),
    );
  }, [members.data, filter]);

  const columns: TableColumnsType<GroupMemberDto> = [
    { key: 'no', title: t('groups.members.employee_no'), dataIndex: 'employee_no', width: 110 },
    { key: 'name', title: t('groups.members.name'), dataIndex: 'name', width: 110 },
    { key: 'department', title: t('groups.members.department'), dataIndex: 'department_path' },
    scope.kind === 'group'
      ? {
          key: 'via',
          title: t('groups.members.why'),
          render: (_, member) => (
            <span className="group-via">
              {member.via?.target_kind === 'employee' && <Tag color="purple">{t('groups.members.personal')}</Tag>}
              <ViaText via={member.via} />
            </span>
          ),
        }
      : {
          key: 'actions',
          title: t('common.actions'),
          width: 110,
          render: (_, member) => (
            <Button size="small" onClick={() => onAssign?.(member)} data-testid="group-member-assign">
              {t('groups.members.assign')}
            </Button>
          ),
        },
  ];

  const title =
    scope.kind === 'group'
      ? t('groups.members.title', { name: scope.name, date: on })
      : t('groups.members.unassigned_title', { date: on });

  return (
    <Drawer open size="large" title={title} onClose={onClose} destroyOnHidden>
      {scope.kind === 'unassigned' && (
        <Typography.Paragraph type="secondary">{t('groups.members.unassigned_help')}</Typography.Paragraph>
      )}
      <Input
        className="page-block"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('groups.members.filter')}
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        data-testid="group-members-filter"
      />
      {members.data && (
        <Typography.Paragraph type="secondary" data-testid="group-members-count">
          {t('groups.members.count', { count: rows.length })}
        </Typography.Paragraph>
      )}
      {members.isError ? (
        <LoadError error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <div data-testid="group-members-table">
          <Table<GroupMemberDto>
            size="small"
            rowKey="employee_id"
            columns={columns}
            dataSource={rows}
            loading={members.isPending}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            locale={{
              emptyText:
                scope.kind === 'group' ? t('groups.members.empty') : t('groups.members.unassigned_empty'),
            }}
          />
        </div>
      )}
    </Drawer>
  );
}
