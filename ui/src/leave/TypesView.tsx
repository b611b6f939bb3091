// 假期类型: the types with their rules as tags; 新建 / 编辑 in a dialog with every field and a worked example for each.
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Radio, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LeaveTypeDto } from '../bindings/LeaveTypeDto';
import { toApiError, type ApiError } from '../apiError';
import { currentLanguage } from '../i18n';
import { useSaveLeaveType } from '../queries';
import {
  amountStep,
  emptyLeaveTypeForm,
  fieldErrors,
  formToLeaveTypeInput,
  LEAVE_UNITS,
  leaveTypeToForm,
  problemTexts,
  type LeaveTypeFormValues,
} from './leaveModel';
import { enterSubmits, LeaveTypeRules, ProblemAlert } from './parts';

export function TypesView({ types }: { types: readonly LeaveTypeDto[] }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<{ type?: LeaveTypeDto } | null>(null);

  const columns: TableColumnsType<LeaveTypeDto> = [
    { key: 'name', title: t('leave.types.name'), render: (_, x) => <strong>{x.name}</strong>, width: 110 },
    { key: 'code', title: t('leave.types.code'), dataIndex: 'code', width: 130 },
    { key: 'rules', title: t('leave.types.rules'), render: (_, x) => <LeaveTypeRules type={x} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, x) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ type: x })} data-testid={`leave-type-edit-${x.code}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <div>
      <div className="leave-toolbar">
        <Typography.Text type="secondary">{t('leave.types.intro')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="leave-type-new">
          {t('leave.types.new')}
        </Button>
      </div>
      <div data-testid="leave-type-table">
        <Table<LeaveTypeDto>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={[...types]}
          pagination={false}
          onRow={(x) => ({ 'data-testid': `leave-type-row-${x.code}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
      {editing && <LeaveTypeDialog type={editing.type} onClose={() => setEditing(null)} />}
    </div>
  );
}

const FORM_FIELDS = [
  'code',
  'name',
  'unit',
  'counts_rest_days',
  'on_duty',
  'paid',
  'tracks_balance',
  'annual_grant',
  'max_carry_over',
  'carry_over_expires',
] as const;
type TypeField = (typeof FORM_FIELDS)[number];

function LeaveTypeDialog({ type, onClose }: { type?: LeaveTypeDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage(i18n.language);
  const [form] = Form.useForm<LeaveTypeFormValues>();
  const save = useSaveLeaveType();
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const tracksBalance = Form.useWatch('tracks_balance', form) ?? type?.tracks_balance ?? false;
  const unit = Form.useWatch('unit', form) ?? type?.unit ?? 'day';
  const unitWord = t(unit === 'hour' ? 'leave.adjust.unit_hours' : 'leave.adjust.unit_days');

  const submit = async () => {
    let values: LeaveTypeFormValues;
    try {
      await form.validateFields();
      values = form.getFieldsValue(true) as LeaveTypeFormValues;
    } catch {
      return;
    }
    setRefusal(null);
    try {
      const saved = await save.mutateAsync({ id: type?.id ?? null, leave_type: formToLeaveTypeInput(values) });
      void message.success(t('leave.types.saved', { name: saved.name }));
      onClose();
    } catch (error) {
      const apiError = toApiError(error);
      setRefusal(apiError);
      form.setFields(
        fieldErrors(apiError, lang, (field) => ((FORM_FIELDS as readonly string[]).includes(field) ? (field as TypeField) : null)),
      );
    }
  };

  const flag = (name: TypeField, label: string, help: ReactNode, testId: string, disabled = false) => (
    <Form.Item name={name} valuePropName="checked" label={label} extra={help} className="leave-flag">
      <Switch data-testid={testId} disabled={disabled} />
    </Form.Item>
  );

  return (
    <Modal
      open
      width={720}
      title={type ? t('leave.types.edit_title', { name: type.name }) : t('leave.types.new_title')}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'leave-type-save' }}
      onOk={() => void submit()}
    >
      <div onKeyDown={enterSubmits(() => void submit())}>
        {refusal && <ProblemAlert title={t('leave.types.refused')} problems={problemTexts(refusal, lang)} testId="leave-type-problems" />}
        <Form<LeaveTypeFormValues>
          form={form}
          layout="vertical"
          initialValues={type ? leaveTypeToForm(type) : emptyLeaveTypeForm()}
          disabled={save.isPending}
          onValuesChange={() => setRefusal(null)}
        >
          <div className="leave-date-row">
            <Form.Item
              name="name"
              label={t('leave.types.name')}
              extra={t('leave.types.name_help')}
              rules={[{ required: true, whitespace: true, message: t('leave.types.name_required') }, { max: 20 }]}
            >
              <Input data-testid="leave-type-name" maxLength={20} />
            </Form.Item>
            <Form.Item
              name="code"
              label={t('leave.types.code')}
              extra={t('leave.types.code_help')}
              rules={[
                { required: true, whitespace: true, message: t('leave.types.code_required') },
                { pattern: /^[A-Za-z0-9_]*$/, message: t('leave.types.code_chars') },
                { max: 20 },
              ]}
            >
              <Input data-testid="leave-type-code" maxLength={20} />
            </Form.Item>
          </div>
          <Form.Item name="unit" label={t('leave.types.unit')} extra={t('leave.types.unit_help')}>
            <Radio.Group
              optionType="button"
              options={LEAVE_UNITS.map((u) => ({
                value: u,
                label: <span data-testid={`leave-type-unit-${u}`}>{t(`leave.units.${u}`)}</span>,
              }))}
            />
          </Form.Item>
          <div className="leave-flags">
            {flag('counts_rest_days', t('leave.types.counts_rest_days'), t('leave.types.counts_rest_days_help'), 'leave-type-counts-rest')}
            {flag('on_duty', t('leave.types.on_duty'), t('leave.types.on_duty_help'), 'leave-type-on-duty')}
            {flag('paid', t('leave.types.paid'), t('leave.types.paid_help'), 'leave-type-paid')}
            {flag('tracks_balance', t('leave.types.tracks_balance'), t('leave.types.tracks_balance_help'), 'leave-type-tracks-balance')}
          </div>
          <div className="leave-date-row">
            <Form.Item
              name="annual_grant"
              label={t('leave.types.annual_grant', { unit: unitWord })}
              extra={t('leave.types.annual_grant_help')}
            >
              <InputNumber<number>
                data-testid="leave-type-annual-grant"
                min={0}
                max={10000}
                step={amountStep(unit)}
                disabled={!tracksBalance}
                placeholder={tracksBalance ? '5' : t('leave.types.balance_only')}
              />
            </Form.Item>
            <Form.Item
              name="max_carry_over"
              label={t('leave.types.max_carry_over', { unit: unitWord })}
              extra={t('leave.types.max_carry_over_help')}
            >
              <InputNumber<number>
                data-testid="leave-type-max-carry"
                min={0}
                max={10000}
                step={amountStep(unit)}
                disabled={!tracksBalance}
                placeholder={tracksBalance ? '5' : t('leave.types.balance_only')}
              />
            </Form.Item>
            <Form.Item
              name="carry_over_expires"
              label={t('leave.types.carry_over_expires')}
              extra={t('leave.types.carry_over_expires_help')}
            >
              <Input data-testid="leave-type-expires" placeholder="03-31" disabled={!tracksBalance} className="leave-time-input" />
            </Form.Item>
          </div>
          {!tracksBalance && (
            <Typography.Paragraph type="secondary" className="leave-hint">
              {t('leave.types.balance_fields_off')}
            </Typography.Paragraph>
          )}
        </Form>
      </div>
    </Modal>
  );
}
