// 登记请假: people (batch), leave type, then by the type's unit the dates with 上午/下午 (half-day types), whole days,
// or one date with from/to times (hour types); note. 计算 runs a dry run and shows each person's amount (or every
// refusal); 确认登记 saves exactly what was previewed. Enter runs 计算, then 确认登记; Esc closes.
import { useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Select, Tag, Typography } from 'antd';
import { CalculatorOutlined, CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { toApiError, type ApiError } from '../apiError';
import type { LeaveInput } from '../bindings/LeaveInput';
import type { LeaveRecordDto } from '../bindings/LeaveRecordDto';
import type { LeaveTypeDto } from '../bindings/LeaveTypeDto';
import { currentLanguage, localize } from '../i18n';
import { useAddLeave } from '../queries';
import {
  amountText,
  asUnit,
  DATE_FORMAT,
  emptyLeaveForm,
  fieldErrors,
  formToLeaveInput,
  leaveFormFieldOf,
  NOTE_MAX_CHARS,
  parseTime,
  previewSummary,
  problemTexts,
  totalAmount,
  type LeaveFormValues,
} from './leaveModel';
import { enterSubmits, LeaveTypeRules, ProblemAlert } from './parts';
import { PeoplePicker } from './PeoplePicker';

interface Preview {
  input: LeaveInput;
  rows: LeaveRecordDto[];
}

export function LeaveFormDialog({ types, onClose }: { types: readonly LeaveTypeDto[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage(i18n.language);
  const [form] = Form.useForm<LeaveFormValues>();
  const addLeave = useAddLeave();
  const initial = useMemo(() => emptyLeaveForm(dayjs().startOf('day')), []);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const typeId = Form.useWatch('leave_type_id', form);
  const type = types.find((x) => x.id === typeId);
  const unit = asUnit(type?.unit);

  const typeOptions = useMemo(() => types.map((x) => ({ value: x.id, label: x.name })), [types]);

  const currentInput = (dryRun: boolean): LeaveInput =>
    formToLeaveInput(form.getFieldsValue(true) as LeaveFormValues, unit, dryRun);

  const showRefusal = (error: unknown) => {
    const apiError = toApiError(error);
    setRefusal(apiError);
    const marks = fieldErrors(apiError, lang, (field, value) => leaveFormFieldOf(field, value, unit));
    form.setFields(marks.map((m) => ({ name: m.name, errors: m.errors })));
  };

  const runPreview = async () => {
    setPreview(null);
    setRefusal(null);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const input = currentInput(true);
    try {
      const rows = await addLeave.mutateAsync(input);
      setPreview({ input, rows });
    } catch (error) {
      showRefusal(error);
    }
  };

  const confirm = async () => {
    if (addLeave.isPending) return;
    if (!preview || JSON.stringify(currentInput(true)) !== JSON.stringify(preview.input)) {
      await runPreview();
      return;
    }
    try {
      const rows = await addLeave.mutateAsync({ ...preview.input, dry_run: false });
      void message.success(
        t('leave.form.saved', { count: rows.length, type: type?.name ?? '', summary: previewSummary(rows, t) }),
      );
      onClose();
    } catch (error) {
      setPreview(null);
      showRefusal(error);
    }
  };

  const onValuesChange = (changed: Partial<LeaveFormValues>, all: LeaveFormValues) => {
    setPreview(null);
    setRefusal(null);
    if (changed.start_date && (!all.end_date || all.end_date.isBefore(changed.start_date, 'day'))) {
      form.setFieldValue('end_date', changed.start_date);
    }
    if ('leave_type_id' in changed) {
      form.setFieldsValue({ start_half: 'am', end_half: 'pm' });
    }
  };

  const normalizeTimeField = (name: 'from_time' | 'to_time') => {
    const raw = (form.getFieldValue(name) as string | undefined) ?? '';
    const parsed = parseTime(raw);
    if (parsed && parsed !== raw) form.setFieldValue(name, parsed);
  };

  const timeRule = {
    validator: (_: unknown, v: string | undefined) =>
      !v || parseTime(v) ? Promise.resolve() : Promise.reject(new Error(t('leave.form.time_invalid'))),
  };

  const previewPanel = (preview || refusal) && (
    <div className="leave-block" data-testid="leave-preview-result">
      {preview && (
        <Alert
          type={preview.rows.some((r) => r.amount === 0) ? 'warning' : 'success'}
          showIcon
          title={t('leave.preview.title', {
            count: preview.rows.length,
            type: preview.rows[0]?.leave_type_name ?? type?.name ?? '',
            when: preview.rows[0] ? localize(preview.rows[0].when, lang) : '',
          })}
          description={
            <div>
              <Typography.Text strong data-testid="leave-preview-summary">
                {previewSummary(preview.rows, t)}
              </Typography.Text>
              <ul className="leave-preview-list">
                {preview.rows.map((r) => (
                  <li key={r.employee_id} data-testid={`leave-preview-${r.employee_id}`}>
                    <span className="leave-preview-person">
                      {r.employee_no} {r.name}
                    </span>{' '}
                    <strong className="leave-preview-amount">{amountText(r.amount, r.unit, t)}</strong>
                    {r.amount === 0 && <Tag color="orange">{t('leave.preview.zero')}</Tag>}
                  </li>
                ))}
              </ul>
              {preview.rows.length > 1 && (
                <Typography.Text type="secondary">
                  {t('leave.preview.total', {
                    count: preview.rows.length,
                    amount: amountText(totalAmount(preview.rows), preview.rows[0].unit, t),
                  })}
                </Typography.Text>
              )}
              <div>
                <Typography.Text type="secondary">{t('leave.preview.confirm_hint')}</Typography.Text>
              </div>
            </div>
          }
        />
      )}
      {refusal && (
        <>
          <ProblemAlert title={t('leave.form.refused')} problems={problemTexts(refusal, lang)} testId="leave-problems" />
          {refusal.code === 'calendar_year_missing' && (
            <Typography.Paragraph type="secondary">{t('leave.form.year_missing_hint')}</Typography.Paragraph>
          )}
        </>
      )}
    </div>
  );

  const halfOption = (value: 'am' | 'pm', key: string) => ({
    value,
    label: <span data-testid={`leave-${key}`}>{t(`leave.form.half.${key.replace('-', '_')}`)}</span>,
  });

  return (
    <Modal
      open
      width={720}
      title={t('leave.form.title')}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="preview"
          icon={<CalculatorOutlined />}
          loading={addLeave.isPending && !preview}
          onClick={() => void runPreview()}
          data-testid="leave-preview"
        >
          {t('leave.form.preview')}
        </Button>,
        <Button
          key="confirm"
          type="primary"
          icon={<CheckOutlined />}
          disabled={!preview}
          loading={addLeave.isPending && !!preview}
          onClick={() => void confirm()}
          data-testid="leave-confirm"
        >
          {t('leave.form.confirm')}
        </Button>,
      ]}
    >
      <div onKeyDown={enterSubmits(() => void (preview ? confirm() : runPreview()))}>
        <Form<LeaveFormValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          onValuesChange={onValuesChange}
          disabled={addLeave.isPending}
        >
          <Form.Item
            name="employee_ids"
            label={t('leave.form.people')}
            extra={t('leave.form.people_help')}
            rules={[{ required: true, type: 'array', min: 1, message: t('leave.form.people_required') }]}
          >
            <PeoplePicker testId="leave-people" departmentTestId="leave-add-department" />
          </Form.Item>

          <Form.Item
            name="leave_type_id"
            label={t('leave.form.type')}
            rules={[{ required: true, message: t('leave.form.type_required') }]}
            extra={type ? <LeaveTypeRules type={type} /> : t('leave.form.type_help')}
          >
            <Select<number>
              data-testid="leave-type"
              options={typeOptions}
              placeholder={t('leave.form.type_placeholder')}
              showSearch={{ optionFilterProp: 'label' }}
              optionRender={(option) => {
                const x = types.find((candidate) => candidate.id === option.value);
                return (
                  <span>
                    {option.label}
                    {x && <Tag className="leave-inline-tag">{t(`leave.units.${asUnit(x.unit)}`)}</Tag>}
                    {x?.on_duty && <Tag color="green">{t('leave.types.on_duty_tag')}</Tag>}
                    {x?.tracks_balance && <Tag color="purple">{t('leave.types.rule_balance')}</Tag>}
                  </span>
                );
              }}
            />
          </Form.Item>

          {unit === 'hour' ? (
            <div className="leave-date-row">
              <Form.Item
                name="start_date"
                label={t('leave.form.date')}
                rules={[{ required: true, message: t('leave.form.start_required') }]}
              >
                <DatePicker data-testid="leave-start" format={DATE_FORMAT} placeholder={DATE_FORMAT} allowClear={false} />
              </Form.Item>
              <Form.Item
                name="from_time"
                label={t('leave.form.from_time')}
                rules={[{ required: true, message: t('leave.form.from_required') }, timeRule]}
              >
                <Input
                  data-testid="leave-from-time"
                  placeholder="09:00"
                  className="leave-time-input"
                  onBlur={() => normalizeTimeField('from_time')}
                />
              </Form.Item>
              <Form.Item
                name="to_time"
                label={t('leave.form.to_time')}
                dependencies={['from_time']}
                rules={[
                  { required: true, message: t('leave.form.to_required') },
                  timeRule,
                  ({ getFieldValue }) => ({
                    validator: (_: unknown, v: string | undefined) => {
                      const from = parseTime((getFieldValue('from_time') as string | undefined) ?? '');
                      const to = parseTime(v ?? '');
                      return !from || !to || to > from
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('leave.form.to_not_after')));
                    },
                  }),
                ]}
              >
                <Input
                  data-testid="leave-to-time"
                  placeholder="11:30"
                  className="leave-time-input"
                  onBlur={() => normalizeTimeField('to_time')}
                />
              </Form.Item>
            </div>
          ) : (
            <>
              <div className="leave-date-row">
                <Form.Item
                  name="start_date"
                  label={t('leave.form.start')}
                  rules={[{ required: true, message: t('leave.form.start_required') }]}
                >
                  <DatePicker data-testid="leave-start" format={DATE_FORMAT} placeholder={DATE_FORMAT} allowClear={false} />
                </Form.Item>
                {unit === 'half_day' && (
                  <Form.Item name="start_half" label={t('leave.form.start_half')}>
                    <Radio.Group
                      optionType="button"
                      options={[halfOption('am', 'start-am'), halfOption('pm', 'start-pm')]}
                    />
                  </Form.Item>
                )}
              </div>
              <div className="leave-date-row">
                <Form.Item
                  name="end_date"
                  label={t('leave.form.end')}
                  dependencies={['start_date', 'start_half', 'end_half']}
                  rules={[
                    { required: true, message: t('leave.form.end_required') },
                    ({ getFieldValue }) => ({
                      validator: (_: unknown, v: dayjs.Dayjs | null | undefined) => {
                        const start = getFieldValue('start_date') as dayjs.Dayjs | null | undefined;
                        if (!v || !start) return Promise.resolve();
                        if (v.isBefore(start, 'day')) return Promise.reject(new Error(t('leave.form.end_before_start')));
                        const halves = unit === 'half_day';
                        if (halves && v.isSame(start, 'day') && getFieldValue('start_half') === 'pm' && getFieldValue('end_half') === 'am') {
                          return Promise.reject(new Error(t('leave.form.same_day_halves')));
                        }
                        return Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <DatePicker data-testid="leave-end" format={DATE_FORMAT} placeholder={DATE_FORMAT} allowClear={false} />
                </Form.Item>
                {unit === 'half_day' && (
                  <Form.Item name="end_half" label={t('leave.form.end_half')}>
                    <Radio.Group optionType="button" options={[halfOption('pm', 'end-pm'), halfOption('am', 'end-am')]} />
                  </Form.Item>
                )}
              </div>
              <Typography.Paragraph type="secondary" className="leave-hint">
                {unit === 'half_day'
                  ? t('leave.form.half_day_help')
                  : type?.counts_rest_days
                    ? t('leave.form.calendar_days_help')
                    : t('leave.form.day_help')}
              </Typography.Paragraph>
            </>
          )}
          {unit === 'hour' && (
            <Typography.Paragraph type="secondary" className="leave-hint">
              {t('leave.form.hour_help')}
            </Typography.Paragraph>
          )}

          <Form.Item
            name="note"
            label={t('leave.form.note')}
            rules={[{ max: NOTE_MAX_CHARS, message: t('leave.form.note_too_long', { max: NOTE_MAX_CHARS }) }]}
          >
            <Input data-testid="leave-note" placeholder={t('leave.form.note_placeholder')} maxLength={NOTE_MAX_CHARS} />
          </Form.Item>
        </Form>
        {previewPanel}
        {!preview && !refusal && (
          <Typography.Paragraph type="secondary" className="leave-hint">
            {t('leave.form.preview_first')}
          </Typography.Paragraph>
        )}
      </div>
    </Modal>
  );
}
