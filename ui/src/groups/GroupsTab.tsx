// 班次与排班 → 考勤组: the groups with their weekly pattern and members on a chosen date, the people in no group, and the dialogs that create, change, assign and delete groups.
import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, App, Button, DatePicker, Empty, Popconfirm, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { GroupDto } from '../bindings/GroupDto';
import type { GroupMemberDto } from '../bindings/GroupMemberDto';
import type { MembershipDto } from '../bindings/MembershipDto';
import { toApiError } from '../apiError';
import { LoadError, useShowError } from '../feedback';
import { currentLanguage } from '../i18n';
import { useDeleteGroup, useDepartments, useGroups, useRemoveAssignment, useTimetables } from '../queries';
import { AssignDialog, type KnownEmployee } from './AssignDialog';
import { GroupDetail, KindTag, WeekTags } from './GroupDetail';
import { GroupFormDialog } from './GroupFormDialog';
import { MembersDrawer, type MembersScope } from './MembersDrawer';
import {
  assignmentKey,
  assignmentSummary,
  DATE_FORMAT,
  emptyAssignForm,
  endAssignmentForm,
  problemTexts,
  today,
  type AssignFormValues,
} from './groupForm';
import './groups.css';

interface AssignState {
  initial: AssignFormValues;
  title: ReactNode;
  knownEmployee?: KnownEmployee;
}

export function GroupsTab() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const [on, setOn] = useState<string | null>(null);
  const groups = useGroups(on);
  const timetables = useTimetables();
  const departments = useDepartments();
  const deleteGroup = useDeleteGroup();
  const removeAssignment = useRemoveAssignment();

  const [formDialog, setFormDialog] = useState<{ group?: GroupDto } | null>(null);
  const [assignDialog, setAssignDialog] = useState<AssignState | null>(null);
  const [members, setMembers] = useState<MembersScope | null>(null);

  const timetableList = useMemo(() => timetables.data ?? [], [timetables.data]);
  const groupList = useMemo(() => groups.data?.groups ?? [], [groups.data]);
  const shownDate = groups.data?.on ?? on ?? dayjs().format(DATE_FORMAT);

  const openAssign = (group: GroupDto) =>
    setAssignDialog({
      initial: emptyAssignForm(group.id, today()),
      title: t('groups.assign.title', { name: group.name }),
    });
  const openEnd = (assignment: MembershipDto) =>
    setAssignDialog({
      initial: endAssignmentForm(assignment, today()),
      title: t('groups.assign.end_title', { target: assignment.target_label }),
      knownEmployee:
        assignment.target_kind === 'employee' ? { id: assignment.target_id, label: assignment.target_label } : undefined,
    });
  const assignMember = (member: GroupMemberDto) =>
    setAssignDialog({
      initial: { ...emptyAssignForm(undefined, today()), target_kind: 'employee', employee_id: member.employee_id },
      title: t('groups.assign.person_title', { name: member.name }),
      knownEmployee: { id: member.employee_id, label: `${member.employee_no} ${member.name}（${member.department_path}）` },
    });

  const remove = async (assignment: MembershipDto) => {
    try {
      await removeAssignment.mutateAsync(assignmentKey(assignment));
      void message.success(t('groups.detail.removed', { target: assignment.target_label, date: assignment.effective_from }));
    } catch (error) {
      showError(error);
    }
  };

  const removeGroup = async (group: GroupDto) => {
    try {
      await deleteGroup.mutateAsync(group.id);
      void message.success(t('groups.deleted', { name: group.name }));
    } catch (error) {
      const apiError = toApiError(error);
      const inUse = apiError.fields.some((f) => f.problem === 'in_use');
      if (!inUse) {
        showError(apiError);
        return;
      }
      modal.warning({
        title: t('groups.delete_refused_title', { name: group.name }),
        width: 520,
        content: (
          <div data-testid="group-delete-refused">
            {problemTexts(apiError, currentLanguage(i18n.language)).map((text) => (
              <Typography.Paragraph key={text}>{text}</Typography.Paragraph>
            ))}
            <Typography.Paragraph type="secondary">{t('groups.delete_refused_help')}</Typography.Paragraph>
          </div>
        ),
      });
    }
  };

  if (groups.isPending) return <Skeleton active />;
  if (groups.isError) return <LoadError error={groups.error} onRetry={() => void groups.refetch()} />;

  const data = groups.data;
  const hasGroups = groupList.length > 0;

  const columns: TableColumnsType<GroupDto> = [
    {
      key: 'name',
      title: t('groups.fields.name'),
      render: (_, g) => <span className="group-name">{g.name}</span>,
    },
    { key: 'kind', title: t('groups.fields.kind'), width: 100, render: (_, g) => <KindTag kind={g.kind} /> },
    {
      key: 'week',
      title: t('groups.fields.week'),
      render: (_, g) => <WeekTags week={g.current.week} timetables={timetableList} />,
    },
    {
      key: 'holidays',
      title: t('groups.columns.holidays'),
      width: 90,
      render: (_, g) =>
        g.current.follow_holidays === false ? (
          <Tag>{t('groups.no')}</Tag>
        ) : (
          <Tag color="green">{t('groups.yes')}</Tag>
        ),
    },
    {
      key: 'members',
      title: t('groups.columns.members'),
      width: 90,
      render: (_, g) => (
        <Button
          type="link"
          size="small"
          className="group-count-link"
          onClick={() => setMembers({ kind: 'group', groupId: g.id, name: g.name })}
        >
          <span data-testid={`group-member-count-${g.name}`}>{g.member_count}</span> {t('groups.people_unit')}
        </Button>
      ),
    },
    {
      key: 'assignments',
      title: t('groups.columns.assignments'),
      render: (_, g) => {
        const summary = assignmentSummary(g.assignments);
        if (!summary) return <Typography.Text type="secondary">{t('groups.not_assigned')}</Typography.Text>;
        return (
          <span title={g.assignments.map((a) => t('groups.assignment_line', { target: a.target_label, date: a.effective_from })).join('\n')}>
            {summary.count > 1 ? t('groups.assignments_more', { first: summary.first, count: summary.count }) : summary.first}
          </span>
        );
      },
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 300,
      render: (_, g) => (
        <span className="group-actions">
          <Button size="small" icon={<EditOutlined />} onClick={() => setFormDialog({ group: g })} data-testid={`group-edit-${g.name}`}>
            {t('common.edit')}
          </Button>
          <Button size="small" icon={<UserAddOutlined />} onClick={() => openAssign(g)} data-testid={`group-assign-${g.name}`}>
            {t('groups.actions.assign')}
          </Button>
          <Button
            size="small"
            icon={<TeamOutlined />}
            onClick={() => setMembers({ kind: 'group', groupId: g.id, name: g.name })}
            data-testid={`group-members-${g.name}`}
          >
            {t('groups.actions.members')}
          </Button>
          <Popconfirm
            title={t('groups.delete_confirm', { name: g.name })}
            description={t('groups.delete_help')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => removeGroup(g)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid={`group-delete-${g.name}`}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </span>
      ),
    },
  ];

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormDialog({})} data-testid="group-new">
      {t('groups.new')}
    </Button>
  );

  return (
    <div data-testid="groups-tab">
      <div className="groups-toolbar page-block">
        <span className="groups-date">
          <label htmlFor="groups-on">{t('groups.on_label')}</label>
          <DatePicker
            id="groups-on"
            data-testid="groups-on"
            value={dayjs(shownDate, DATE_FORMAT)}
            format={DATE_FORMAT}
            allowClear={false}
            onChange={(value) => setOn(value ? value.format(DATE_FORMAT) : null)}
          />
          <Typography.Text type="secondary">{t('groups.on_help')}</Typography.Text>
        </span>
        {hasGroups && newButton}
      </div>

      {hasGroups && data.unassigned_count > 0 && (
        <Alert
          className="page-block"
          type="warning"
          showIcon
          title={t('groups.unassigned_title', { count: data.unassigned_count, date: data.on })}
          description={t('groups.unassigned_help')}
          action={
            <Button size="small" onClick={() => setMembers({ kind: 'unassigned' })} data-testid="groups-unassigned">
              {t('groups.unassigned_button', { count: data.unassigned_count })}
            </Button>
          }
        />
      )}

      {hasGroups ? (
        <Table<GroupDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={groupList}
          pagination={false}
          loading={groups.isFetching && groups.isPlaceholderData}
          onRow={(g) => ({ 'data-testid': `group-row-${g.name}` }) as HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowRender: (g) => (
              <GroupDetail
                group={g}
                timetables={timetableList}
                onAssign={() => openAssign(g)}
                onEnd={openEnd}
                onRemove={(a) => void remove(a)}
              />
            ),
          }}
        />
      ) : (
        <Empty
          className="groups-empty"
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <div className="groups-empty-text">
              <Typography.Title level={5}>{t('groups.empty_title')}</Typography.Title>
              <Typography.Paragraph>{t('groups.empty_what')}</Typography.Paragraph>
              <Typography.Paragraph type="secondary">{t('groups.empty_how')}</Typography.Paragraph>
            </div>
          }
        >
          {newButton}
        </Empty>
      )}

      {formDialog && (
        <GroupFormDialog group={formDialog.group} timetables={timetableList} onClose={() => setFormDialog(null)} />
      )}
      {members && (
        <MembersDrawer scope={members} on={shownDate} onAssign={assignMember} onClose={() => setMembers(null)} />
      )}
      {assignDialog && (
        <AssignDialog
          groups={groupList}
          departments={departments.data ?? []}
          initial={assignDialog.initial}
          knownEmployee={assignDialog.knownEmployee}
          title={assignDialog.title}
          onClose={() => setAssignDialog(null)}
        />
      )}
    </div>
  );
}
