// What a group's row unfolds to: every version of its rules (the history) and every assignment naming it, each assignment with 结束 and 删除.
import { Button, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GroupDto } from '../bindings/GroupDto';
import type { GroupVersionDto } from '../bindings/GroupVersionDto';
import type { MembershipDto } from '../bindings/MembershipDto';
import type { TimetableDto } from '../bindings/TimetableDto';
import { asGroupKind, sortedVersions, versionStart, weekCells } from './groupForm';

const KIND_COLORS = { fixed: 'geekblue', scheduled: 'orange', free: 'green' } as const;

export function KindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const key = asGroupKind(kind);
  return <Tag color={KIND_COLORS[key]}>{t(`groups.kinds.${key}`)}</Tag>;
}

/** Seven small tags 一…日 with the timetable code (rest days grey 休), or 按排班表 for a scheduled group. */
export function WeekTags({ week, timetables }: { week: readonly string[]; timetables: readonly TimetableDto[] }) {
  const { t } = useTranslation();
  const cells = weekCells(week, timetables);
  if (cells.length === 0) {
    return <Typography.Text type="secondary">{t('groups.week_from_grid')}</Typography.Text>;
  }
  return (
    <span className="group-week-tags">
      {cells.map((cell) => (
        <Tag
          key={cell.index}
          color={cell.rest ? undefined : 'blue'}
          className="group-day-tag"
          title={t('groups.day_title', {
            day: t(`groups.weekdays.${cell.weekday}`),
            text: cell.rest ? t('groups.rest_day') : `${cell.code} ${cell.timetable?.name ?? ''}`.trim(),
          })}
        >
          {t(`groups.weekdays_short.${cell.weekday}`)} {cell.code}
        </Tag>
      ))}
    </span>
  );
}

/** 「最初」 or the date a version starts. */
export function VersionStart({ from }: { from: string }) {
  const { t } = useTranslation();
  const start = versionStart(from);
  return <>{start ? t('groups.detail.from_date', { date: start }) : t('groups.detail.from_start')}</>;
}

export function GroupDetail({
  group,
  timetables,
  onAssign,
  onEnd,
  onRemove,
}: {
  group: GroupDto;
  timetables: readonly TimetableDto[];
  onAssign: () => void;
  onEnd: (assignment: MembershipDto) => void;
  onRemove: (assignment: MembershipDto) => void;
}) {
  const { t } = useTranslation();
  const versions = sortedVersions(group).reverse();
  const inForce = group.current.effective_from;

  const versionColumns: TableColumnsType<GroupVersionDto> = [
    {
      key: 'from',
      title: t('groups.detail.effective_from'),
      width: 150,
      render: (_, v) => (
        <span>
          <VersionStart from={v.effective_from} />
          {v.effective_from === inForce && (
            <Tag color="success" className="group-inline-tag">
              {t('groups.detail.in_force')}
            </Tag>
          )}
        </span>
      ),
    },
    { key: 'kind', title: t('groups.fields.kind'), width: 100, render: (_, v) => <KindTag kind={v.form.kind} /> },
    { key: 'week', title: t('groups.fields.week'), render: (_, v) => <WeekTags week={v.form.week} timetables={timetables} /> },
    {
      key: 'holidays',
      title: t('groups.fields.follow_holidays'),
      width: 100,
      render: (_, v) => (v.form.follow_holidays === false ? t('groups.no') : t('groups.yes')),
    },
    {
      key: 'limits',
      title: t('groups.detail.limits'),
      width: 190,
      render: (_, v) =>
        t('groups.detail.limits_text', {
          minutes: v.form.min_rest_minutes ?? '',
          days: v.form.max_consecutive_days ?? '',
        }),
    },
  ];

  const assignmentColumns: TableColumnsType<MembershipDto> = [
    {
      key: 'target',
      title: t('groups.detail.target'),
      render: (_, a) => (
        <span>
          <Tag color={a.target_kind === 'employee' ? 'purple' : 'cyan'}>
            {a.target_kind === 'employee' ? t('groups.detail.person') : t('groups.detail.department')}
          </Tag>
          {a.target_label}
        </span>
      ),
    },
    {
      key: 'from',
      title: t('groups.detail.effective_from'),
      width: 130,
      render: (_, a) => t('groups.detail.from_date', { date: a.effective_from }),
    },
    {
      key: 'until',
      title: t('groups.detail.until'),
      width: 200,
      render: (_, a) =>
        a.until === null ? (
          <Typography.Text type="secondary">{t('groups.detail.until_now')}</Typography.Text>
        ) : (
          <span data-testid={`assignment-until-${a.target_kind}-${a.target_id}-${a.effective_from}`}>
            {a.next_group_name === null
              ? t('groups.detail.until_ended', { date: a.until })
              : t('groups.detail.until_moved', { date: a.until, group: a.next_group_name })}
          </span>
        ),
    },
    { key: 'by', title: t('groups.detail.saved_by'), width: 100, dataIndex: 'saved_by' },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      render: (_, a) => (
        <span className="group-actions">
          <Button size="small" onClick={() => onEnd(a)} data-testid="group-assignment-end">
            {t('groups.detail.end')}
          </Button>
          <Popconfirm
            title={t('groups.detail.remove_confirm', { target: a.target_label, date: a.effective_from })}
            description={t('groups.detail.remove_help')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => onRemove(a)}
          >
            <Button size="small" danger data-testid="group-assignment-delete">
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </span>
      ),
    },
  ];

  return (
    <div className="group-detail" data-testid={`group-detail-${group.name}`}>
      <Typography.Title level={5}>{t('groups.detail.history')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('groups.detail.history_help')}</Typography.Paragraph>
      <Table<GroupVersionDto>
        size="small"
        rowKey="effective_from"
        columns={versionColumns}
        dataSource={versions}
        pagination={false}
        className="page-block"
      />
      <div className="group-detail-heading">
        <Typography.Title level={5}>{t('groups.detail.assignments')}</Typography.Title>
        <Button size="small" type="primary" ghost onClick={onAssign}>
          {t('groups.actions.assign')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('groups.detail.assignments_help')}</Typography.Paragraph>
      <Table<MembershipDto>
        size="small"
        rowKey={(a) => `${a.target_kind}-${a.target_id}-${a.effective_from}`}
        columns={assignmentColumns}
        dataSource={group.assignments}
        pagination={false}
        locale={{ emptyText: t('groups.detail.no_assignments') }}
      />
    </div>
  );
}
