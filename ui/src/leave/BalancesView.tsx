// 假期余额: the balances of a type that keeps one (年假, 调休假) on a date; 发放年度假期 (a dry run with the counts, then
// the grant) and 调整余额 (people, year, an amount to add or take off, a reason).
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Skeleton, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, GiftOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { GrantAnnualResult } from '../bindings/GrantAnnualResult';
import type { LeaveBalanceDto } from '../bindings/LeaveBalanceDto';
import type { LeaveTypeDto } from '../bindings/LeaveTypeDto';
import { toApiError, type ApiError } from '../apiError';
import { LoadError } from '../feedback';
import { currentLanguage } from '../i18n';
import { useAdjustBalance, useGrantAnnualLeave, useLeaveBalances } from '../queries';
import {
  amountStep,
  amountText,
  DATE_FORMAT,
  fieldErrors,
  grantsYearly,
  isAmountOnStep,
  matchesPerson,
  NOTE_MAX_CHARS,
  problemTexts,
  yearChoices,
} from './leaveModel';
import { enterSubmits, ProblemAlert } from './parts';
import { PeoplePicker } from './PeoplePicker';

export function BalancesView({ types }: { types: readonly LeaveTypeDto[] }) {
  const { t } = useTranslation();
  const balanceTypes = useMemo(() => types.filter((x) => x.tracks_balance), [types]);
  const [chosen, setChosen] = useState<number | null>(null);
  const typeId = chosen !== null && balanceTypes.some((x) => x.id === chosen) ? chosen : (balanceTypes[0]?.id ?? null);
  const type = balanceTypes.find((x) => x.id === typeId);
  const [asOf, setAsOf] = useState<Dayjs>(() => dayjs().startOf('day'));
  const [search, setSearch] = useState('');
  const [granting, setGranting] = useState(false);
  const [adjusting, setAdjusting] = useState(false);
  const balances = useLeaveBalances(typeId, asOf.format(DATE_FORMAT));
  const rows = useMemo(() => (balances.data ?? []).filter((r) => matchesPerson(r, search)), [balances.data, search]);

  if (balanceTypes.length === 0 || !type) {
    return <Empty description={t('leave.balances.no_types')} />;
  }

  const unit = type.unit;
  const amount = (value: number) => amountText(value, unit, t);
  const columns: TableColumnsType<LeaveBalanceDto> = [
    { key: 'employee_no', title: t('leave.records.employee_no'), dataIndex: 'employee_no', width: 90 },
    { key: 'name', title: t('leave.records.name'), dataIndex: 'name', width: 90 },
    { key: 'department', title: t('leave.balances.department'), dataIndex: 'department_path' },
    { key: 'granted', title: t('leave.balances.granted'), align: 'right', render: (_, r) => amount(r.granted) },
    { key: 'taken', title: t('leave.balances.taken'), align: 'right', render: (_, r) => amount(r.taken) },
    { key: 'expired', title: t('leave.balances.expired'), align: 'right', render: (_, r) => amount(r.expired) },
    {
      key: 'remaining',
      title: t('leave.balances.remaining'),
      align: 'right',
      render: (_, r) => (
        <Typography.Text strong type={r.remaining <= 0 ? 'danger' : undefined} data-testid={`leave-balance-${r.employee_no}`}>
          {amount(r.remaining)}
        </Typography.Text>
      ),
    },
  ];

  const canGrant = grantsYearly(type);

  return (
    <div>
      <div className="leave-toolbar">
        <div className="leave-filters">
          <Select<number>
            className="leave-type-filter"
            data-testid="leave-balance-type"
            value={type.id}
            onChange={setChosen}
            options={balanceTypes.map((x) => ({ value: x.id, label: x.name }))}
          />
          <span className="leave-inline-field">
            <span>{t('leave.balances.as_of')}</span>
            <DatePicker
              data-testid="leave-balance-as-of"
              value={asOf}
              format={DATE_FORMAT}
              allowClear={false}
              onChange={(d) => d && setAsOf(d.startOf('day'))}
            />
          </span>
          <Input
            className="leave-search"
            data-testid="leave-balance-search"
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('leave.records.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="leave-actions">
          <Tooltip title={canGrant ? t('leave.grant.button_help') : t('leave.grant.nothing_to_grant', { type: type.name })}>
            <Button icon={<GiftOutlined />} disabled={!canGrant} onClick={() => setGranting(true)} data-testid="leave-grant-annual">
              {t('leave.grant.button')}
            </Button>
          </Tooltip>
          <Button icon={<EditOutlined />} onClick={() => setAdjusting(true)} data-testid="leave-adjust">
            {t('leave.adjust.button')}
          </Button>
        </div>
      </div>
      <Typography.Paragraph type="secondary" className="leave-hint">
        {t('leave.balances.help', { date: asOf.format(DATE_FORMAT), year: asOf.year() })}
      </Typography.Paragraph>

      {balances.isPending ? (
        <Skeleton active />
      ) : balances.isError ? (
        <LoadError error={balances.error} onRetry={() => void balances.refetch()} />
      ) : (
        <div data-testid="leave-balance-table">
          <Table<LeaveBalanceDto>
            size="small"
            rowKey="employee_id"
            loading={balances.isFetching}
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            locale={{ emptyText: t('leave.balances.empty') }}
          />
        </div>
      )}

      {granting && <GrantDialog type={type} onClose={() => setGranting(false)} />}
      {adjusting && <AdjustDialog type={type} year={asOf.year()} onClose={() => setAdjusting(false)} />}
    </div>
  );
}

/** 发放年度假期: the counts of a dry run for the chosen year first, then 确认发放. */
function GrantDialog({ type, onClose }: { type: LeaveTypeDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage(i18n.language);
  const grant = useGrantAnnualLeave();
  const [year, setYear] = useState(() => dayjs().year());
  const [result, setResult] = useState<GrantAnnualResult | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [checking, setChecking] = useState(false);
  const { mutateAsync } = grant;

  useEffect(() => {
    let current = true;
    setResult(null);
    setRefusal(null);
    setChecking(true);
    mutateAsync({ leave_type_id: type.id, year, dry_run: true })
      .then((r) => current && setResult(r))
      .catch((error: unknown) => current && setRefusal(toApiError(error)))
      .finally(() => current && setChecking(false));
    return () => {
      current = false;
    };
  }, [mutateAsync, type.id, year]);

  const amount = (value: number) => amountText(value, type.unit, t);
  const nothing = result !== null && result.granted_people === 0 && result.carried_people === 0;

  const confirm = async () => {
    if (!result || nothing || grant.isPending) return;
    try {
      const done = await mutateAsync({ leave_type_id: type.id, year, dry_run: false });
      void message.success(
        t('leave.grant.done', {
          year,
          type: type.name,
          people: done.granted_people,
          total: amount(done.granted_total),
          carried: done.carried_people,
          carried_total: amount(done.carried_total),
        }),
      );
      onClose();
    } catch (error) {
      setRefusal(toApiError(error));
    }
  };

  return (
    <Modal
      open
      title={t('leave.grant.title', { type: type.name })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('leave.grant.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !result || nothing, loading: grant.isPending && !checking, 'data-testid': 'leave-grant-confirm' }}
      onOk={() => void confirm()}
    >
      <div className="leave-inline-field leave-block">
        <span>{t('leave.grant.year')}</span>
        <Select<number>
          data-testid="leave-grant-year"
          value={year}
          onChange={setYear}
          options={yearChoices().map((y) => ({ value: y, label: t('leave.grant.year_option', { year: y }) }))}
        />
      </div>
      <Typography.Paragraph type="secondary">
        {t('leave.grant.help', {
          type: type.name,
          grant: type.annual_grant === null ? t('leave.grant.no_annual') : amount(type.annual_grant),
          carry: type.max_carry_over === null ? t('leave.grant.no_carry') : amount(type.max_carry_over),
        })}
      </Typography.Paragraph>
      {checking && <Skeleton active paragraph={{ rows: 2 }} />}
      {result && (
        <Alert
          type={nothing ? 'info' : 'success'}
          showIcon
          title={nothing ? t('leave.grant.nothing', { year }) : t('leave.grant.preview_title', { year })}
          description={
            <ul className="leave-preview-list" data-testid="leave-grant-preview">
              <li>{t('leave.grant.granted', { people: result.granted_people, total: amount(result.granted_total) })}</li>
              <li>{t('leave.grant.carried', { people: result.carried_people, total: amount(result.carried_total) })}</li>
              {result.already_granted > 0 && <li>{t('leave.grant.already', { people: result.already_granted })}</li>}
            </ul>
          }
        />
      )}
      {refusal && <ProblemAlert title={t('leave.grant.refused')} problems={problemTexts(refusal, lang)} testId="leave-grant-problems" />}
    </Modal>
  );
}

interface AdjustFormValues {
  employee_ids: number[];
  year: number;
  amount: number | null;
  note: string;
}

/** 调整余额: add (or with a negative amount, take off) balance for some people in a year. */
function AdjustDialog({ type, year, onClose }: { type: LeaveTypeDto; year: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage(i18n.language);
  const [form] = Form.useForm<AdjustFormValues>();
  const adjust = useAdjustBalance();
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const step = amountStep(type.unit);
  const unitWord = t(type.unit === 'hour' ? 'leave.adjust.unit_hours' : 'leave.adjust.unit_days');

  const submit = async () => {
    let values: AdjustFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setRefusal(null);
    const input = {
      employee_ids: values.employee_ids,
      leave_type_id: type.id,
      year: values.year,
      amount: values.amount ?? 0,
      note: values.note.trim(),
    };
    try {
      await adjust.mutateAsync(input);
      void message.success(
        t('leave.adjust.done', { count: input.employee_ids.length, type: type.name, amount: amountText(input.amount, type.unit, t) }),
      );
      onClose();
    } catch (error) {
      const apiError = toApiError(error);
      setRefusal(apiError);
      form.setFields(
        fieldErrors(apiError, lang, (field) =>
          field === 'employee_id' ? 'employee_ids' : field === 'amount' || field === 'note' || field === 'year' ? field : null,
        ),
      );
    }
  };

  return (
    <Modal
      open
      width={640}
      title={t('leave.adjust.title', { type: type.name })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('leave.adjust.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: adjust.isPending, 'data-testid': 'leave-adjust-save' }}
      onOk={() => void submit()}
    >
      <div onKeyDown={enterSubmits(() => void submit())}>
        {refusal && <ProblemAlert title={t('leave.adjust.refused')} problems={problemTexts(refusal, lang)} testId="leave-adjust-problems" />}
        <Form<AdjustFormValues>
          form={form}
          layout="vertical"
          initialValues={{ employee_ids: [], year, amount: null, note: '' }}
          disabled={adjust.isPending}
        >
          <Form.Item
            name="employee_ids"
            label={t('leave.form.people')}
            rules={[{ required: true, type: 'array', min: 1, message: t('leave.form.people_required') }]}
          >
            <PeoplePicker testId="leave-adjust-people" departmentTestId="leave-adjust-department" />
          </Form.Item>
          <div className="leave-date-row">
            <Form.Item name="year" label={t('leave.adjust.year')} extra={t('leave.adjust.year_help')}>
              <Select<number>
                data-testid="leave-adjust-year"
                options={yearChoices().map((y) => ({ value: y, label: t('leave.grant.year_option', { year: y }) }))}
              />
            </Form.Item>
            <Form.Item
              name="amount"
              label={t('leave.adjust.amount', { unit: unitWord })}
              extra={t('leave.adjust.amount_help', { step })}
              rules={[
                { required: true, message: t('leave.adjust.amount_required') },
                {
                  validator: (_, v: number | null | undefined) => {
                    if (v === null || v === undefined) return Promise.resolve();
                    if (v === 0) return Promise.reject(new Error(t('leave.adjust.amount_zero')));
                    if (!isAmountOnStep(v, type.unit)) return Promise.reject(new Error(t('leave.adjust.amount_step', { step })));
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <InputNumber<number> data-testid="leave-adjust-amount" step={step} min={-10000} max={10000} placeholder="2" />
            </Form.Item>
          </div>
          <Form.Item
            name="note"
            label={t('leave.adjust.note')}
            extra={t('leave.adjust.note_help')}
            rules={[
              { required: true, whitespace: true, message: t('leave.adjust.note_required') },
              { max: NOTE_MAX_CHARS, message: t('leave.form.note_too_long', { max: NOTE_MAX_CHARS }) },
            ]}
          >
            <Input data-testid="leave-adjust-note" maxLength={NOTE_MAX_CHARS} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
