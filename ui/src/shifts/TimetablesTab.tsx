// 班次 tab: the list of timetables (colour chip and code, kind, summary, who uses them, versions), the form drawer,
// delete with the backend's "still in use" answer, and the 设置文件 export/import buttons in the toolbar.
import { useState } from 'react';
import { App, Button, Empty, Popconfirm, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TimetableDto } from '../bindings/TimetableDto';
import { useDeleteTimetable, useTimetables } from '../queries';
import { toApiError } from '../apiError';
import { currentLanguage, localize } from '../i18n';
import { LoadError } from '../feedback';
import { TimetableDrawer } from './TimetableDrawer';
import { useSetupFile } from './SetupFile';
import { CodeTag, KindTag, versionLabel } from './parts';
import './shifts.css';

type Editing = { mode: 'new' } | { mode: 'edit'; timetable: TimetableDto } | null;

export function TimetablesTab() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const { modal, message } = App.useApp();
  const timetables = useTimetables();
  const remove = useDeleteTimetable();
  const setup = useSetupFile();
  const [editing, setEditing] = useState<Editing>(null);

  const onDelete = async (timetable: TimetableDto) => {
    if (timetable.id === null) return;
    try {
      await remove.mutateAsync(timetable.id);
      void message.success(t('timetables.list.deleted', { name: timetable.name }));
    } catch (error) {
      const apiError = toApiError(error);
      const texts = apiError.fields.map((f) => localize(f.message, lang));
      modal.error({
        title: t('timetables.list.delete_refused', { name: timetable.name }),
        content: (
          <div data-testid="timetable-delete-problem">
            {(texts.length > 0 ? [...new Set(texts)] : [localize(apiError.dto.message, lang)]).map((text) => (
              <p key={text}>{text}</p>
            ))}
          </div>
        ),
        okText: t('timetables.common.ok'),
      });
    }
  };

  const columns: TableColumnsType<TimetableDto> = [
    {
      key: 'code',
      title: t('timetables.list.code'),
      width: 110,
      render: (_, row) => (
        <span data-testid={`timetable-row-${row.code}`}>
          <CodeTag code={row.code} color={row.color} />
        </span>
      ),
    },
    { key: 'name', title: t('timetables.list.name'), dataIndex: 'name', width: 150 },
    { key: 'kind', title: t('timetables.list.kind'), width: 110, render: (_, row) => <KindTag kind={row.kind} /> },
    {
      key: 'summary',
      title: t('timetables.list.summary'),
      render: (_, row) => <span className="timetable-summary-cell">{localize(row.summary, lang)}</span>,
    },
    {
      key: 'day_value',
      title: t('timetables.list.day_value'),
      width: 90,
      render: (_, row) => (row.day_value === 0.5 ? t('timetables.list.half_day') : t('timetables.list.days', { count: row.day_value })),
    },
    {
      key: 'used_by',
      title: t('timetables.list.used_by'),
      width: 170,
      render: (_, row) =>
        row.used_by.length === 0 ? (
          <Typography.Text type="secondary">{t('timetables.list.unused')}</Typography.Text>
        ) : (
          <Space size={[0, 4]} wrap>
            {row.used_by.map((user) => (
              <Tag key={user}>{user}</Tag>
            ))}
          </Space>
        ),
    },
    {
      key: 'versions',
      title: t('timetables.list.versions'),
      width: 80,
      render: (_, row) => (
        <Tooltip title={row.versions.map((date) => versionLabel(date, t)).join(t('timetables.common.separator'))}>
          <span>{row.versions.length}</span>
        </Tooltip>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      render: (_, row) => (
        <Space size="small">
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing({ mode: 'edit', timetable: row })}
            data-testid={`timetable-edit-${row.code}`}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('timetables.list.delete_confirm', { name: row.name })}
            description={t('timetables.list.delete_hint')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => onDelete(row)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid={`timetable-delete-${row.code}`}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'new' })} data-testid="timetable-new">
      {t('timetables.list.new')}
    </Button>
  );

  let body;
  if (timetables.isPending) {
    body = <Skeleton active />;
  } else if (timetables.isError) {
    body = <LoadError error={timetables.error} onRetry={() => void timetables.refetch()} />;
  } else if (timetables.data.length === 0) {
    body = (
      <Empty className="timetable-empty" description={<span>{t('timetables.list.empty_title')}</span>} data-testid="timetable-empty">
        <Typography.Paragraph type="secondary" className="timetable-empty-text">
          {t('timetables.list.empty_text')}
        </Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'new' })} data-testid="timetable-new-empty">
          {t('timetables.list.new')}
        </Button>
      </Empty>
    );
  } else {
    body = (
      <Table<TimetableDto>
        rowKey={(row) => String(row.id ?? row.code)}
        columns={columns}
        dataSource={timetables.data}
        pagination={false}
        size="middle"
        data-testid="timetable-table"
      />
    );
  }

  return (
    <div data-testid="timetables-tab">
      <div className="shifts-toolbar page-block">
        <Space wrap>
          {newButton}
          {setup.buttons}
        </Space>
        <Typography.Text type="secondary">{t('timetables.list.hint')}</Typography.Text>
      </div>
      {setup.problem}
      {body}
      {setup.dialog}
      {editing && (
        <TimetableDrawer
          timetable={editing.mode === 'edit' ? editing.timetable : undefined}
          usedColors={timetables.data?.map((tt) => tt.color) ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
