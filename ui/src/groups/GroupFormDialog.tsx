// 新建考勤组 / 编辑考勤组 dialog: name, kind, the weekly pattern (with 工作日都用), holidays, the grid's limits, and on edit whether the change corrects the rules or starts on a date.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { GroupDto } from '../bindings/GroupDto';
import type { TimetableDto } from '../bindings/TimetableDto';
import { toApiError } from '../apiError';
import { enterInDateSubmits } from './enterToSubmit';
import { currentLanguage, localize } from '../i18n';
import { useSaveGroup } from '../queries';
import {
  DATE_FORMAT,
  eligibleTimetables,
  emptyGroupForm,
  fillWorkdays,
  formToGroupInput,
  GROUP_KINDS,
  groupFieldPath,
  groupToForm,
  isRest,
  latestVersion,
  MAX_CONSECUTIVE_RANGE,
  HOURS_SYSTEMS,
  MIN_REST_RANGE,
  NAME_MAX_CHARS,
  quickFillCode,
  REST,
  splitServerErrors,
  today,
  versionStart,
  WEEKDAYS,
  type FormPath,
  type GroupFormValues,
  type GroupKind,
} from './groupForm';

interface WeekOption {
  value: string;
  label: string;
  /** The timetable's name (not `name`: option fields land on the DOM). */
  tname: string;
  detail: string;
}

export function GroupFormDialog({
  group,
  timetables,
  onClose,
}: {
  /** The group to edit; none for 新建考勤组. */
  group?: GroupDto;
  timetables: readonly TimetableDto[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage(i18n.language);
  const mode = group ? 'edit' : 'add';
  const [form] = Form.useForm<GroupFormValues>();
  const save = useSaveGroup();
  const [weekErrors, setWeekErrors] = useState<string[]>([]);
  const [general, setGeneral] = useState<string[]>([]);

  const initialValues = useMemo(
    () => (group ? groupToForm(group, today()) : emptyGroupForm()),
    // The form is created once per opening; later refreshes must not reset what was typed.
    [],
  );
  const kind = (Form.useWatch('kind', form) ?? initialValues.kind) as GroupKind;
  const apply = Form.useWatch('apply', form) ?? initialValues.apply;
  // Watch Monday itself: a watch of the whole list does not always see one entry change.
  const monday = Form.useWatch(['week', 0], form) as string | undefined;
  const usesWeek = kind !== 'scheduled';

  const eligible = useMemo(() => eligibleTimetables(timetables, kind), [timetables, kind]);
  const eligibleCodes = useMemo(() => eligible.map((x) => x.code), [eligible]);
  const fillCode = quickFillCode([monday], eligibleCodes);
  const weekOptions = useMemo<WeekOption[]>(
    () => [
      { value: REST, label: REST, tname: t('groups.rest_day'), detail: '' },
      ...eligible.map((x) => ({ value: x.code, label: x.code, tname: x.name, detail: localize(x.summary, lang) })),
    ],
    [eligible, lang, t],
  );

  const correctedFrom = group ? versionStart(latestVersion(group).effective_from) : null;

  const submitOnEnter = {
    onPressEnter: (event: KeyboardEvent) => {
      event.preventDefault();
      form.submit();
    },
  };

  const onValuesChange = (changed: Partial<GroupFormValues>) => {
    if ('week' in changed || 'kind' in changed) setWeekErrors([]);
    if (changed.kind && changed.kind !== 'scheduled') {
      // Switching between fixed and free: entries the new kind may not use are cleared.
      const allowed = eligibleTimetables(timetables, changed.kind).map((x) => x.code);
      const current = form.getFieldValue('week') as (string | undefined)[];
      form.setFieldValue(
        'week',
        current.map((entry) => (entry === undefined || isRest(entry) || allowed.includes(entry) ? entry : undefined)),
      );
    }
  };

  const fill = () => {
    if (!fillCode) return;
    form.setFieldValue('week', fillWorkdays(fillCode));
    form.setFields(WEEKDAYS.map((_, i) => ({ name: ['week', i], errors: [] })));
    setWeekErrors([]);
  };

  const onFinish = async (values: GroupFormValues) => {
    setGeneral([]);
    setWeekErrors([]);
    try {
      const saved = await save.mutateAsync({ id: group?.id ?? null, group: formToGroupInput(values, mode) });
      void message.success(t(mode === 'add' ? 'groups.form.created' : 'groups.form.saved', { name: saved.name }));
      onClose();
    } catch (error) {
      const shown = (path: FormPath | 'days') => {
        if (path === 'days' || path[0] === 'week') return usesWeek;
        if (path[0] === 'effective_from') return mode === 'edit' && apply === 'from';
        return true;
      };
      const split = splitServerErrors(toApiError(error), lang, groupFieldPath, shown);
      form.setFields(split.fields as Parameters<typeof form.setFields>[0]);
      setWeekErrors(split.week);
      setGeneral(split.general);
    }
  };

  const kindOption = (key: GroupKind) => (
    <Radio key={key} value={key}>
      <span data-testid={`group-kind-${key}`} className="group-kind-title">
        {t(`groups.kinds.${key}`)}
      </span>
      <span className="group-kind-text">{t(`groups.form.kind_help.${key}`)}</span>
      <span className="group-kind-text group-kind-example">{t(`groups.form.kind_example.${key}`)}</span>
    </Radio>
  );

  return (
    <Modal
      open
      width={860}
      title={mode === 'add' ? t('groups.form.add_title') : t('groups.form.edit_title', { name: group?.name ?? '' })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="group-save">
          {t('common.save')}
        </Button>,
      ]}
    >
      <div onKeyDown={enterInDateSubmits(() => form.submit())}>
      <Form<GroupFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        onValuesChange={onValuesChange}
        disabled={save.isPending}
      >
        {general.length > 0 && (
          <Alert
            className="page-block"
            type="error"
            showIcon
            title={t('groups.form.not_saved')}
            description={
              <ul className="group-problem-list" data-testid="group-form-problems">
                {general.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            }
          />
        )}
        <Form.Item
          name="name"
          label={t('groups.fields.name')}
          extra={t('groups.form.name_help')}
          rules={[
            { required: true, whitespace: true, message: t('groups.form.name_required') },
            { max: NAME_MAX_CHARS, message: t('groups.form.name_too_long', { max: NAME_MAX_CHARS }) },
          ]}
        >
          <Input data-testid="group-name" autoFocus maxLength={NAME_MAX_CHARS} showCount {...submitOnEnter} />
        </Form.Item>

        <Form.Item name="kind" label={t('groups.fields.kind')}>
          <Radio.Group vertical className="group-kind-options">
            {GROUP_KINDS.map(kindOption)}
          </Radio.Group>
        </Form.Item>

        {usesWeek && (
          <Form.Item label={t('groups.fields.week')} extra={t(`groups.form.week_help.${kind}`)} required>
            {eligible.length === 0 && (
              <Alert
                className="page-block"
                type="warning"
                showIcon
                title={t(kind === 'free' ? 'groups.form.no_free_timetables' : 'groups.form.no_fixed_timetables')}
              />
            )}
            <div className="group-week">
              {WEEKDAYS.map((day, index) => (
                <Form.Item
                  key={day}
                  name={['week', index]}
                  label={t(`groups.weekdays.${day}`)}
                  rules={[{ required: true, message: t('groups.form.week_required') }]}
                  className="group-week-day"
                >
                  <Select<string, WeekOption>
                    data-testid={`group-week-${index}`}
                    aria-label={t(`groups.weekdays.${day}`)}
                    options={weekOptions}
                    placeholder={t('groups.form.week_placeholder')}
                    popupMatchSelectWidth={false}
                    notFoundContent={t('groups.form.no_timetable_match')}
                    optionRender={(option) => (
                      <span>
                        <b>{option.data.label}</b> {option.data.tname}
                        {option.data.detail && <Typography.Text type="secondary"> · {option.data.detail}</Typography.Text>}
                      </span>
                    )}
                    showSearch={{
                      optionFilterProp: ['label', 'tname'],
                      // An exact code first, so typing "班" + Enter picks 班 rather than 夜班.
                      filterSort: (a, b, info) => {
                        const typed = info.searchValue.trim();
                        return Number(b.label === typed) - Number(a.label === typed);
                      },
                    }}
                  />
                </Form.Item>
              ))}
            </div>
            {weekErrors.length > 0 && (
              <div className="group-week-error" data-testid="group-week-error">
                {weekErrors.map((text) => (
                  <Typography.Text key={text} type="danger">
                    {text}
                  </Typography.Text>
                ))}
              </div>
            )}
            <Button
              size="small"
              icon={<ThunderboltOutlined />}
              onClick={fill}
              disabled={!fillCode}
              data-testid="group-week-fill"
            >
              {fillCode ? t('groups.form.fill', { code: fillCode }) : t('groups.form.fill_disabled')}
            </Button>
          </Form.Item>
        )}

        <Form.Item
          name="follow_holidays"
          label={t('groups.fields.follow_holidays')}
          valuePropName="checked"
          extra={t('groups.form.follow_holidays_help')}
        >
          <Switch data-testid="group-follow-holidays" />
        </Form.Item>

        <div className="group-limits">
          <Form.Item
            name="min_rest_minutes"
            label={t('groups.fields.min_rest_minutes')}
            extra={t('groups.form.min_rest_help')}
            rules={[{ required: true, message: t('groups.form.number_required') }]}
          >
            <InputNumber
              data-testid="group-min-rest"
              min={MIN_REST_RANGE.min}
              max={MIN_REST_RANGE.max}
              precision={0}
              suffix={t('groups.form.minutes')}
              className="full-width"
              {...submitOnEnter}
            />
          </Form.Item>
          <Form.Item name="hours" label={t('groups.fields.hours')} tooltip={t('groups.form.hours_help')}>
            <Select
              data-testid="group-hours"
              options={HOURS_SYSTEMS.map((key) => ({ value: key, label: t(`groups.hours.${key}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="max_consecutive_days"
            label={t('groups.fields.max_consecutive_days')}
            extra={t('groups.form.max_days_help')}
            rules={[{ required: true, message: t('groups.form.number_required') }]}
          >
            <InputNumber
              data-testid="group-max-days"
              min={MAX_CONSECUTIVE_RANGE.min}
              max={MAX_CONSECUTIVE_RANGE.max}
              precision={0}
              suffix={t('groups.form.days')}
              className="full-width"
              {...submitOnEnter}
            />
          </Form.Item>
        </div>

        {mode === 'edit' && (
          <>
            {group && group.versions.length > 1 && (
              <Typography.Paragraph type="secondary" data-testid="group-editing-version">
                {t('groups.form.editing_version', {
                  from: correctedFrom ? t('groups.detail.from_date', { date: correctedFrom }) : t('groups.detail.from_start'),
                  count: group.versions.length,
                })}
              </Typography.Paragraph>
            )}
            <Form.Item name="apply" label={t('groups.form.apply')}>
              <Radio.Group vertical>
                <Radio value="from">
                  <span data-testid="group-apply-from" className="group-kind-title">
                    {t('groups.form.apply_from')}
                  </span>
                  <span className="group-kind-text">{t('groups.form.apply_from_help')}</span>
                </Radio>
                <Radio value="correct">
                  <span data-testid="group-apply-correct" className="group-kind-title">
                    {t('groups.form.apply_correct')}
                  </span>
                  <span className="group-kind-text">
                    {correctedFrom
                      ? t('groups.form.apply_correct_help_from', { date: correctedFrom })
                      : t('groups.form.apply_correct_help_start')}
                  </span>
                </Radio>
              </Radio.Group>
            </Form.Item>
            {apply === 'from' && (
              <Form.Item
                name="effective_from"
                label={t('groups.fields.effective_from')}
                extra={t('groups.form.effective_from_help')}
                rules={[{ required: true, message: t('groups.form.effective_from_required') }]}
              >
                <DatePicker data-testid="group-effective-from" format={DATE_FORMAT} placeholder={DATE_FORMAT} />
              </Form.Item>
            )}
          </>
        )}
      </Form>
      </div>
    </Modal>
  );
}
