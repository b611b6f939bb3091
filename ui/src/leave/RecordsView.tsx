// 请假记录: the leaves in a date range (default: this month), filtered by type, person and 显示已撤销; 撤销 asks for a
// reason; 登记请假 opens the form.
import { useMemo, useState, type HTMLAttributes } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, RollbackOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { LeaveQuery } from '../bindings/LeaveQuery';
import type { LeaveRecordDto } from '../bindings/LeaveRecordDto';
import type { LeaveTypeDto } from '../bindings/LeaveTypeDto';
import { toApiError, type ApiError } from '../apiError';
import { LoadError } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { useCancelLeave, useLeave } from '../queries';
import { amountText, DATE_FORMAT, matchesPerson, monthRange, NOTE_MAX_CHARS, problemTexts } from './leaveModel';
import { enterSubmits, LeaveTypeTag, ProblemAlert } from './parts';
import { LeaveFormDialog } from './LeaveFormDialog';

export function RecordsView({ types }: { types: readonly LeaveTypeDto[] }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => monthRange(dayjs()));
  /** 0 = every type. */
  const [typeId, setTypeId] = useState<number>(0);
  const [search, setSearch] = useState('');
  const [includeCancelled, setIncludeCancelled] = useState(false);
  const [adding, setAdding] = useState(false);
  const [cancelling, setCancelling] = useState<LeaveRecordDto | null>(null);

  const query = useMemo<LeaveQuery>(
    () => ({
      from: range[0].format(DATE_FORMAT),
      to: range[1].format(DATE_FORMAT),
      employee_id: null,
      leave_type_id: typeId === 0 ? null : typeId,
      include_cancelled: includeCancelled,
    }),
    [range, typeId, includeCancelled],
  );
  const leave = useLeave(query);
  const typeById = useMemo(() => new Map(types.map((x) => [x.id, x])), [types]);
  const rows = useMemo(() => (leave.data ?? []).filter((r) => matchesPerson(r, search)), [leave.data, search]);

  const thisMonth = monthRange(dayjs());
  const lastMonth = monthRange(dayjs().subtract(1, 'month'));
  const nextMonth = monthRange(dayjs().add(1, 'month'));

  const columns: TableColumnsType<LeaveRecordDto> = [
    { key: 'employee_no', title: t('leave.records.employee_no'), dataIndex: 'employee_no', width: 90 },
    { key: 'name', title: t('leave.records.name'), dataIndex: 'name', width: 90 },
    {
      key: 'type',
      title: t('leave.records.type'),
      width: 150,
      render: (_, r) => <LeaveTypeTag name={r.leave_type_name} type={typeById.get(r.leave_type_id)} />,
    },
    { key: 'when', title: t('leave.records.when'), render: (_, r) => localize(r.when, lang) },
    {
      key: 'amount',
      title: t('leave.records.amount'),
      width: 100,
      align: 'right',
      render: (_, r) => <span data-testid={`leave-amount-${r.id}`}>{amountText(r.amount, r.unit, t)}</span>,
    },
    {
      key: 'note',
      title: t('leave.records.note'),
      render: (_, r) => (
        <span>
          {r.note}
          {r.cancelled && (
            <span className="leave-cancelled-note">
              <Tag>{t('leave.records.cancelled')}</Tag>
              {r.cancel_reason && t('leave.records.cancel_reason', { reason: r.cancel_reason })}
            </span>
          )}
        </span>
      ),
    },
    { key: 'created_by', title: t('leave.records.created_by'), dataIndex: 'created_by', width: 90 },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, r) =>
        r.cancelled ? null : (
          <Button size="small" icon={<RollbackOutlined />} onClick={() => setCancelling(r)} data-testid={`leave-cancel-${r.id}`}>
            {t('leave.records.cancel')}
          </Button>
        ),
    },
  ];

  return (
    <div>
      <div className="leave-toolbar">
        <div className="leave-filters">
          <DatePicker.RangePicker
            className="leave-range"
            value={range}
            format={DATE_FORMAT}
            allowClear={false}
            presets={[
              { label: t('leave.records.this_month'), value: thisMonth },
              { label: t('leave.records.last_month'), value: lastMonth },
              { label: t('leave.records.next_month'), value: nextMonth },
              { label: t('leave.records.this_year'), value: [dayjs().startOf('year'), dayjs().endOf('year').startOf('day')] },
            ]}
            onChange={(value) => {
              if (value && value[0] && value[1]) setRange([value[0], value[1]]);
            }}
          />
          <Select<number>
            className="leave-type-filter"
            data-testid="leave-filter-type"
            value={typeId}
            onChange={setTypeId}
            options={[
              { value: 0, label: t('leave.records.all_types') },
              ...types.map((x) => ({ value: x.id, label: x.name })),
            ]}
          />
          <Input
            className="leave-search"
            data-testid="leave-filter-search"
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('leave.records.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <span className="leave-switch">
            <Switch
              size="small"
              checked={includeCancelled}
              onChange={setIncludeCancelled}
              data-testid="leave-filter-cancelled"
            />
            <span>{t('leave.records.show_cancelled')}</span>
          </span>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="leave-add">
          {t('leave.records.add')}
        </Button>
      </div>

      {leave.isError ? (
        <LoadError error={leave.error} onRetry={() => void leave.refetch()} />
      ) : (
        <div data-testid="leave-table">
          <Table<LeaveRecordDto>
            size="small"
            rowKey="id"
            loading={leave.isFetching}
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            rowClassName={(r) => (r.cancelled ? 'leave-row--cancelled' : '')}
            onRow={(r) => ({ 'data-testid': `leave-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: t('leave.records.empty') }}
          />
          <Typography.Text type="secondary" data-testid="leave-count">
            {t('leave.records.count', { count: rows.length })}
          </Typography.Text>
        </div>
      )}

      {adding && <LeaveFormDialog types={types} onClose={() => setAdding(false)} />}
      {cancelling && <CancelDialog record={cancelling} onClose={() => setCancelling(null)} />}
    </div>
  );
}

/** 撤销: the leave stays in the list (with 显示已撤销), marked with the reason. */
function CancelDialog({ record, onClose }: { record: LeaveRecordDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage(i18n.language);
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelLeave();
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const submit = async () => {
    let reason: string;
    try {
      reason = ((await form.validateFields()).reason ?? '').trim();
    } catch {
      return;
    }
    setRefusal(null);
    try {
      await cancel.mutateAsync({ id: record.id, reason });
      void message.success(t('leave.cancel.done', { name: record.name, type: record.leave_type_name }));
      onClose();
    } catch (error) {
      setRefusal(toApiError(error));
    }
  };

  return (
    <Modal
      open
      title={t('leave.cancel.title')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('leave.cancel.ok')}
      okButtonProps={{ danger: true, loading: cancel.isPending, 'data-testid': 'leave-cancel-ok' }}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
    >
      <div onKeyDown={enterSubmits(() => void submit())}>
        <Typography.Paragraph>
          {t('leave.cancel.what', {
            person: `${record.employee_no} ${record.name}`,
            type: record.leave_type_name,
            when: localize(record.when, lang),
            amount: amountText(record.amount, record.unit, t),
          })}
        </Typography.Paragraph>
        {refusal && <ProblemAlert title={t('leave.cancel.refused')} problems={problemTexts(refusal, lang)} testId="leave-cancel-problems" />}
        <Form form={form} layout="vertical" disabled={cancel.isPending}>
          <Form.Item
            name="reason"
            label={t('leave.cancel.reason')}
            extra={t('leave.cancel.reason_help')}
            rules={[
              { required: true, whitespace: true, message: t('leave.cancel.reason_required') },
              { max: NOTE_MAX_CHARS, message: t('leave.form.note_too_long', { max: NOTE_MAX_CHARS }) },
            ]}
          >
            <Input data-testid="leave-cancel-reason" maxLength={NOTE_MAX_CHARS} autoFocus />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
