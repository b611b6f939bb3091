// 新建轮班规律 / 编辑轮班规律: a name and a row of day cells (a timetable code or 休 per day), quick templates
// (做二休一, 四班三倒, 早中晚) filled with the company's own codes, and the backend's problems on their days.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RotationDto } from '../bindings/RotationDto';
import type { TimetableDto } from '../bindings/TimetableDto';
import { useSaveRotation } from '../queries';
import { toApiError } from '../apiError';
import { currentLanguage } from '../i18n';
import { CodeTag } from './parts';
import { splitErrors } from './timetableForm';
import {
  fillTemplate,
  isRest,
  MAX_ROTATION_DAYS,
  MIN_ROTATION_DAYS,
  REST,
  ROTATION_NAME_MAX_CHARS,
  ROTATION_TEMPLATES,
  rotationErrorName,
  toRotationInput,
  type RotationFormValues,
} from './rotationModel';

const watchDays = (values: RotationFormValues) => values?.days;

const unchosen = (count: number) => Array.from({ length: count }, () => undefined as unknown as string);

interface DayOption {
  value: string;
  label: string;
  name: string;
  color: string | null;
  disabled: boolean;
}

export function RotationDialog({
  rotation,
  timetables,
  onClose,
}: {
  rotation?: RotationDto;
  timetables: readonly TimetableDto[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RotationFormValues>();
  const save = useSaveRotation();
  const [problems, setProblems] = useState<string[]>([]);
  const isEdit = rotation !== undefined;

  const initialValues = useMemo<RotationFormValues>(
    // A new rotation starts with two unchosen days (undefined: the cell shows its placeholder).
    () => (rotation ? { name: rotation.name, days: [...rotation.days] } : { name: '', days: unchosen(MIN_ROTATION_DAYS) }),
    // Created once per opening.
    [],
  );
  const days = (Form.useWatch(watchDays, { form, preserve: true }) as string[] | undefined) ?? initialValues.days;

  /** Options labelled by code (what the cell shows and typing matches first), drawn with colour and name. */
  const dayOptions = useMemo<DayOption[]>(
    () => [
      ...timetables.map((tt) => ({
        value: tt.code,
        label: tt.code,
        name: tt.kind === 'free' ? t('timetables.rotations.free_not_allowed', { name: tt.name }) : tt.name,
        color: tt.color,
        disabled: tt.kind === 'free',
      })),
      { value: REST, label: REST, name: t('timetables.rotations.rest'), color: null, disabled: false },
    ],
    [timetables, t],
  );
  const colourOf = (code: unknown) => dayOptions.find((o) => o.value === code)?.color ?? null;

  const applyTemplate = (key: (typeof ROTATION_TEMPLATES)[number]['key']) => {
    const template = ROTATION_TEMPLATES.find((tp) => tp.key === key);
    if (!template) return;
    const name = (form.getFieldValue('name') as string | undefined)?.trim();
    form.setFieldsValue({
      days: fillTemplate(template, timetables).map((code) => code || (undefined as unknown as string)),
      ...(name ? {} : { name: t(`timetables.rotations.templates.${key}`) }),
    });
    setProblems([]);
  };

  const onFinish = async (values: RotationFormValues) => {
    setProblems([]);
    const all = { ...values, days: (form.getFieldValue('days') as string[] | undefined) ?? values.days ?? [] };
    try {
      const saved = await save.mutateAsync({ id: rotation?.id ?? null, rotation: toRotationInput(all) });
      void message.success(t('timetables.rotations.saved', { name: saved.name }));
      onClose();
    } catch (error) {
      const split = splitErrors(toApiError(error), (path) => rotationErrorName(path, all.days.length), currentLanguage(i18n.language));
      form.setFields(split.fields as unknown as Parameters<typeof form.setFields>[0]);
      setProblems(split.general);
    }
  };

  const submitOnEnter = {
    onPressEnter: (event: KeyboardEvent) => {
      event.preventDefault();
      form.submit();
    },
  };

  const working = days.filter((d) => !isRest(d)).length;
  const noTimetables = timetables.filter((tt) => tt.kind !== 'free').length === 0;

  return (
    <Modal
      open
      width={860}
      title={isEdit ? t('timetables.rotations.edit_title', { name: rotation.name }) : t('timetables.rotations.new_title')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={save.isPending} disabled={save.isPending} onClick={() => form.submit()} data-testid="rotation-save">
          {t('common.save')}
        </Button>,
      ]}
    >
      {noTimetables && <Alert type="warning" showIcon className="page-block" title={t('timetables.rotations.no_timetables')} />}
      <Form<RotationFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void onFinish(v)}>
        <Form.Item
          name="name"
          label={t('timetables.rotations.name')}
          tooltip={t('timetables.rotations.name_help')}
          rules={[{ required: true, whitespace: true, message: t('validation.required_input', { field: t('timetables.rotations.name') }) }]}
        >
          <Input maxLength={ROTATION_NAME_MAX_CHARS} placeholder={t('timetables.rotations.name_placeholder')} data-testid="rotation-name" autoFocus {...submitOnEnter} />
        </Form.Item>
        <div className="page-block">
          <Typography.Text type="secondary">{t('timetables.rotations.templates_label')}</Typography.Text>{' '}
          <Space wrap size="small">
            {ROTATION_TEMPLATES.map((tp) => (
              <Button key={tp.key} size="small" onClick={() => applyTemplate(tp.key)} data-testid={`rotation-template-${tp.key}`}>
                {t(`timetables.rotations.templates.${tp.key}`)}
              </Button>
            ))}
          </Space>
        </div>
        <Typography.Paragraph type="secondary">{t('timetables.rotations.days_help')}</Typography.Paragraph>
        <Form.List name="days">
          {(rows, { add, remove }) => (
            <>
              <div className="rotation-days">
                {rows.map((row) => (
                  <Form.Item
                    key={row.key}
                    name={row.name}
                    label={t('timetables.rotations.day_n', { n: row.name + 1 })}
                    className="rotation-day"
                    rules={[
                      {
                        validator: (_: unknown, value: string | undefined) =>
                          value && value.trim()
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('timetables.rotations.day_required'))),
                      },
                    ]}
                  >
                    <Select<string, DayOption>
                      options={dayOptions}
                      data-testid={`rotation-day-${row.name}`}
                      placeholder={t('timetables.rotations.day_placeholder')}
                      popupMatchSelectWidth={false}
                      aria-label={t('timetables.rotations.day_n', { n: row.name + 1 })}
                      labelRender={({ value }) => <CodeTag code={String(value)} color={colourOf(value)} />}
                      optionRender={(option) => (
                        <span className="rotation-option">
                          <CodeTag code={option.data.label} color={option.data.color} />
                          <span className="rotation-option-name">{option.data.name}</span>
                        </span>
                      )}
                      showSearch={{
                        optionFilterProp: ['label', 'name'],
                        // An exact code first, so typing 夜 + Enter picks 夜 even when another name contains 夜.
                        filterSort: (x, y, info) => {
                          const typed = info.searchValue.trim();
                          return Number(y.label === typed) - Number(x.label === typed);
                        },
                      }}
                    />
                  </Form.Item>
                ))}
              </div>
              <Space wrap className="page-block">
                <Button
                  icon={<PlusOutlined />}
                  disabled={rows.length >= MAX_ROTATION_DAYS}
                  onClick={() => add(REST)}
                  data-testid="rotation-add-day"
                >
                  {t('timetables.rotations.add_day')}
                </Button>
                <Button
                  icon={<MinusOutlined />}
                  disabled={rows.length <= MIN_ROTATION_DAYS}
                  onClick={() => remove(rows.length - 1)}
                  data-testid="rotation-remove-day"
                >
                  {t('timetables.rotations.remove_day')}
                </Button>
                <Typography.Text type="secondary" data-testid="rotation-cycle">
                  {t('timetables.rotations.cycle', { days: days.length, working, rest: days.length - working })}
                </Typography.Text>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="rotation-problems"
          title={t('timetables.rotations.problems')}
          description={
            <ul className="problem-list">
              {problems.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          }
        />
      )}
    </Modal>
  );
}
