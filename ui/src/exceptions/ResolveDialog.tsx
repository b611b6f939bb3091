// One resolution for the chosen person-days: what to do (补卡 with time and direction, 忽略/改方向 of one of the
// row's punches, 按出勤, 按旷工, 备注, 请假 of a type, 核定加班), why (required) and what backs it up. Enter submits.
import { useState } from 'react';
import { Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExceptionRowDto } from '../bindings/ExceptionRowDto';
import type { ResolutionInput } from '../bindings/ResolutionInput';
import { useLeaveTypes } from '../queries';

export type ResolutionKind = ResolutionInput['kind'];
export const KINDS: ResolutionKind[] = [
  'make_up',
  'accept_worked',
  'mark_absent',
  'note',
  'leave',
  'overtime',
  'ignore_punch',
  'flip_punch',
];

interface Values {
  kind: ResolutionKind;
  time?: string;
  next_day?: boolean;
  direction?: 'in' | 'out';
  punch_id?: number;
  minutes?: number;
  leave_type?: string;
  from_time?: string;
  to_time?: string;
  reason: string;
  attachment?: string;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The wire form of what the dialog holds. */
export function resolutionOf(v: Values): ResolutionInput {
  switch (v.kind) {
    case 'make_up':
      return { kind: 'make_up', time: v.time ?? '', next_day: v.next_day ?? false, direction: v.direction ?? 'out' };
    case 'ignore_punch':
      return { kind: 'ignore_punch', punch_id: v.punch_id ?? 0 };
    case 'flip_punch':
      return { kind: 'flip_punch', punch_id: v.punch_id ?? 0, direction: v.direction ?? 'in' };
    case 'overtime':
      return { kind: 'overtime', minutes: v.minutes ?? 0 };
    case 'leave':
      return { kind: 'leave', leave_type: v.leave_type ?? '', from_time: v.from_time ?? '', to_time: v.to_time ?? '' };
    default:
      return { kind: v.kind } as ResolutionInput;
  }
}

export function ResolveDialog({
  kind,
  targets,
  busy,
  onCancel,
  onSubmit,
}: {
  kind: ResolutionKind;
  targets: ExceptionRowDto[];
  busy: boolean;
  onCancel: () => void;
  onSubmit: (resolution: ResolutionInput, reason: string, attachment: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<ResolutionKind>(kind);
  const leaveTypes = useLeaveTypes();
  const punches = [...new Set(targets.flatMap((r) => r.punches))];
  const single = targets.length === 1;
  const people = new Set(targets.map((r) => `${r.employee_id}|${r.date}`)).size;
  const missingOut = targets.every((r) => r.kind === 'missing_check_out');

  return (
    <Modal
      open
      title={t('exceptions.dialog.title', { count: people })}
      okText={t('exceptions.dialog.ok')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'resolve-ok' }}
    >
      {single && (
        <Typography.Paragraph type="secondary">
          {targets[0].employee_no} {targets[0].name} · {targets[0].date}
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind, direction: missingOut || kind !== 'flip_punch' ? 'out' : 'in', next_day: false }}
        onValuesChange={(changed) => changed.kind && setCurrent(changed.kind)}
        onFinish={(v) => onSubmit(resolutionOf(v), v.reason.trim(), (v.attachment ?? '').trim())}
      >
        <Form.Item name="kind" label={t('exceptions.dialog.kind')}>
          <Select
            data-testid="resolve-kind"
            options={KINDS.filter((k) => single || (k !== 'ignore_punch' && k !== 'flip_punch')).map((k) => ({
              value: k,
              label: t(`exceptions.kinds.${k}`),
            }))}
          />
        </Form.Item>
        {current === 'make_up' && (
          <>
            <Form.Item
              name="time"
              label={t('exceptions.dialog.time')}
              rules={[{ required: true, pattern: TIME, message: t('exceptions.dialog.time_format') }]}
            >
              <Input autoFocus placeholder="18:00" maxLength={5} data-testid="resolve-time" />
            </Form.Item>
            <Form.Item name="direction" label={t('exceptions.dialog.direction')}>
              <Radio.Group
                options={[
                  { value: 'in', label: t('exceptions.dialog.in') },
                  { value: 'out', label: t('exceptions.dialog.out') },
                ]}
              />
            </Form.Item>
            <Form.Item name="next_day" valuePropName="checked">
              <Checkbox>{t('exceptions.dialog.next_day')}</Checkbox>
            </Form.Item>
          </>
        )}
        {(current === 'ignore_punch' || current === 'flip_punch') && (
          <Form.Item name="punch_id" label={t('exceptions.dialog.punch')} rules={[{ required: true, message: t('exceptions.dialog.punch_required') }]}>
            <Select options={punches.filter((p) => p > 0).map((p) => ({ value: p, label: `#${p}` }))} data-testid="resolve-punch" />
          </Form.Item>
        )}
        {current === 'flip_punch' && (
          <Form.Item name="direction" label={t('exceptions.dialog.direction')}>
            <Radio.Group
              options={[
                { value: 'in', label: t('exceptions.dialog.in') },
                { value: 'out', label: t('exceptions.dialog.out') },
              ]}
            />
          </Form.Item>
        )}
        {current === 'overtime' && (
          <Form.Item name="minutes" label={t('exceptions.dialog.minutes')} extra={t('exceptions.dialog.minutes_hint')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1440} autoFocus data-testid="resolve-minutes" />
          </Form.Item>
        )}
        {current === 'leave' && (
          <>
            <Form.Item name="leave_type" label={t('exceptions.dialog.leave_type')} rules={[{ required: true, message: t('exceptions.dialog.leave_required') }]}>
              <Select
                data-testid="resolve-leave-type"
                options={(leaveTypes.data ?? []).map((lt) => ({ value: lt.code, label: lt.name }))}
              />
            </Form.Item>
            <Form.Item label={t('exceptions.dialog.hours')} extra={t('exceptions.dialog.hours_hint')}>
              <Input.Group compact>
                <Form.Item name="from_time" noStyle rules={[{ pattern: TIME, message: t('exceptions.dialog.time_format') }]}>
                  <Input style={{ width: 90 }} placeholder="09:00" maxLength={5} />
                </Form.Item>
                <Form.Item name="to_time" noStyle rules={[{ pattern: TIME, message: t('exceptions.dialog.time_format') }]}>
                  <Input style={{ width: 90 }} placeholder="18:00" maxLength={5} />
                </Form.Item>
              </Input.Group>
            </Form.Item>
          </>
        )}
        <Form.Item
          name="reason"
          label={t('exceptions.dialog.reason')}
          rules={[{ required: true, whitespace: true, message: t('exceptions.dialog.reason_required') }]}
        >
          <Input autoFocus={current !== 'make_up' && current !== 'overtime'} maxLength={200} data-testid="resolve-reason" />
        </Form.Item>
        <Form.Item name="attachment" label={t('exceptions.dialog.attachment')}>
          <Input maxLength={200} placeholder={t('exceptions.dialog.attachment_hint')} data-testid="resolve-attachment" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
