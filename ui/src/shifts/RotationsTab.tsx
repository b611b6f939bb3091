// 轮班规律 tab: the rotations as rows of numbered, coloured day cells; 新建/编辑 in a dialog; delete with a confirm.
import { useState } from 'react';
import { App, Button, Empty, Popconfirm, Skeleton, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RotationDto } from '../bindings/RotationDto';
import type { TimetableDto } from '../bindings/TimetableDto';
import { useDeleteRotation, useRotations, useTimetables } from '../queries';
import { LoadError, useShowError } from '../feedback';
import { CodeTag } from './parts';
import { RotationDialog } from './RotationDialog';
import { isRest, REST } from './rotationModel';
import './shifts.css';

type Editing = { mode: 'new' } | { mode: 'edit'; rotation: RotationDto } | null;

export function RotationDays({ days, timetables }: { days: readonly string[]; timetables: readonly TimetableDto[] }) {
  const colours = new Map(timetables.map((tt) => [tt.code, tt.color]));
  return (
    <div className="rotation-cells">
      {days.map((day, i) => (
        <div key={i} className="rotation-cell">
          <span className="rotation-cell-number">{i + 1}</span>
          {isRest(day) ? <CodeTag code={REST} /> : <CodeTag code={day} color={colours.get(day)} />}
        </div>
      ))}
    </div>
  );
}

export function RotationsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const rotations = useRotations();
  const timetables = useTimetables();
  const remove = useDeleteRotation();
  const [editing, setEditing] = useState<Editing>(null);
  const timetableList = timetables.data ?? [];

  const onDelete = async (rotation: RotationDto) => {
    try {
      await remove.mutateAsync(rotation.id);
      void message.success(t('timetables.rotations.deleted', { name: rotation.name }));
    } catch (error) {
      showError(error);
    }
  };

  const columns: TableColumnsType<RotationDto> = [
    {
      key: 'name',
      title: t('timetables.rotations.name'),
      width: 170,
      render: (_, row) => <span data-testid={`rotation-row-${row.name}`}>{row.name}</span>,
    },
    {
      key: 'days',
      title: t('timetables.rotations.days'),
      render: (_, row) => <RotationDays days={row.days} timetables={timetableList} />,
    },
    {
      key: 'cycle',
      title: t('timetables.rotations.cycle_column'),
      width: 200,
      render: (_, row) => {
        const working = row.days.filter((d) => !isRest(d)).length;
        return t('timetables.rotations.cycle', { days: row.days.length, working, rest: row.days.length - working });
      },
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      render: (_, row) => (
        <Space size="small">
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', rotation: row })} data-testid={`rotation-edit-${row.name}`}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('timetables.rotations.delete_confirm', { name: row.name })}
            description={t('timetables.rotations.delete_hint')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => onDelete(row)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid={`rotation-delete-${row.name}`}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const openNew = () => setEditing({ mode: 'new' });

  let body;
  if (rotations.isPending) {
    body = <Skeleton active />;
  } else if (rotations.isError) {
    body = <LoadError error={rotations.error} onRetry={() => void rotations.refetch()} />;
  } else if (rotations.data.length === 0) {
    body = (
      <Empty className="timetable-empty" description={<span>{t('timetables.rotations.empty_title')}</span>} data-testid="rotation-empty">
        <Typography.Paragraph type="secondary" className="timetable-empty-text">
          {t('timetables.rotations.empty_text')}
        </Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined />} onClick={openNew} data-testid="rotation-new-empty">
          {t('timetables.rotations.new')}
        </Button>
      </Empty>
    );
  } else {
    body = (
      <Table<RotationDto>
        rowKey="id"
        columns={columns}
        dataSource={rotations.data}
        pagination={false}
        size="middle"
        data-testid="rotation-table"
      />
    );
  }

  return (
    <div data-testid="rotations-tab">
      <div className="shifts-toolbar page-block">
        <Button type="primary" icon={<PlusOutlined />} onClick={openNew} data-testid="rotation-new">
          {t('timetables.rotations.new')}
        </Button>
        <Typography.Text type="secondary">{t('timetables.rotations.hint')}</Typography.Text>
      </div>
      {timetables.isError && <LoadError error={timetables.error} onRetry={() => void timetables.refetch()} />}
      {body}
      {editing && (
        <RotationDialog
          rotation={editing.mode === 'edit' ? editing.rotation : undefined}
          timetables={timetableList}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
