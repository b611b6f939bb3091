// 设置 → 审计记录: who changed what and when, from the signed audit log. The clerk checks the
// signatures (the first bad event is named), filters by date, person and kind of change, and
// exports what the filters show as CSV (the export is itself recorded).
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { AuditQuery } from '../bindings/AuditQuery';
import type { AuditRowDto } from '../bindings/AuditRowDto';
import { LoadError, useShowError } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { useAudit, useExportAudit, useVerifyAudit } from '../queries';
import { saveText } from '../shifts/SetupFile';

const PAGE_SIZE = 50;
const DATE = 'YYYY-MM-DD';

/** The filters as the backend takes them; empty text means "any". */
export function auditQuery(range: [Dayjs, Dayjs] | null, actor: string, action: string, page: number): AuditQuery {
  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    from: range ? range[0].format(DATE) : null,
    to: range ? range[1].format(DATE) : null,
    actor: text(actor),
    action: text(action),
    entity: null,
    entity_id: null,
    page,
    page_size: PAGE_SIZE,
  };
}

export function AuditTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const lang = currentLanguage(i18n.language);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [page, setPage] = useState(1);
  const query = auditQuery(range, actor, action, page);
  const list = useAudit(query);
  const verify = useVerifyAudit();
  const exporter = useExportAudit();

  const onExport = async () => {
    try {
      const file = await exporter.mutateAsync({ ...query, page: null, page_size: null });
      saveText(file.csv, file.file_name, 'text/csv;charset=utf-8');
      void message.success(t('audit.exported', { rows: file.rows, file: file.file_name }));
    } catch (error) {
      showError(error);
    }
  };

  const columns: TableColumnsType<AuditRowDto> = [
    { title: t('audit.columns.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.columns.at'), dataIndex: 'at_local', width: 170 },
    { title: t('audit.columns.actor'), dataIndex: 'actor', width: 110 },
    {
      title: t('audit.columns.action'),
      dataIndex: 'action',
      width: 220,
      render: (value: string) => (
        <span>
          {t(`audit.actions.${value.replaceAll('.', '_')}`, { defaultValue: value })}{' '}
          <Typography.Text type="secondary" className="audit-action-code">
            {value}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('audit.columns.entity'),
      key: 'entity',
      width: 150,
      render: (_, row) => `${row.entity}${row.entity_id == null ? '' : ` #${row.entity_id}`}`,
    },
    {
      title: t('audit.columns.detail'),
      dataIndex: 'detail',
      ellipsis: true,
      render: (value: string) => <Typography.Text code>{value}</Typography.Text>,
    },
    {
      title: t('audit.columns.signed'),
      dataIndex: 'signed',
      width: 90,
      render: (signed: boolean) => (signed ? <Tag color="green">{t('audit.signed')}</Tag> : <Tag>{t('audit.unsigned')}</Tag>),
    },
  ];

  return (
    <div data-testid="audit-tab">
      <Card className="page-block" title={t('audit.verify_title')}>
        <Typography.Paragraph type="secondary">{t('audit.verify_help')}</Typography.Paragraph>
        <Space orientation="vertical" className="audit-verify">
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate(undefined, { onError: showError })}
            data-testid="audit-verify"
          >
            {t('audit.verify')}
          </Button>
          {verify.data && (
            <Alert
              type={verify.data.ok ? 'success' : 'error'}
              showIcon
              title={localize(verify.data.message, lang)}
              data-testid="audit-verify-result"
            />
          )}
        </Space>
      </Card>
      <div className="leave-toolbar">
        <Space wrap>
          <DatePicker.RangePicker
            value={range}
            format={DATE}
            onChange={(value) => {
              setRange(value && value[0] && value[1] ? [value[0], value[1]] : null);
              setPage(1);
            }}
            data-testid="audit-range"
          />
          <Input
            allowClear
            placeholder={t('audit.actor_placeholder')}
            value={actor}
            onChange={(e) => {
              setActor(e.target.value);
              setPage(1);
            }}
            className="audit-filter"
            data-testid="audit-actor"
          />
          <Input
            allowClear
            placeholder={t('audit.action_placeholder')}
            value={action}
            onChange={(e) => {
              setAction(e.target.value);
              setPage(1);
            }}
            className="audit-filter"
            data-testid="audit-action"
          />
        </Space>
        <Button icon={<DownloadOutlined />} loading={exporter.isPending} onClick={() => void onExport()} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </div>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<AuditRowDto>
          rowKey="seq"
          size="small"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.rows ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('audit.total', { total }),
            onChange: setPage,
          }}
          data-testid="audit-table"
        />
      )}
    </div>
  );
}
