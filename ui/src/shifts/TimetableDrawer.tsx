// 新建班次 / 编辑班次: a wide drawer with the kind first, then the fields that kind needs, each with a worked example.
// 检查 (and a quiet check after leaving a time or number field) runs a dry run that shows the summary and the effective
// punch windows; server problems land on their fields (segments.0.off → the first segment's 下班 time).
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { CheckCircleOutlined, MinusCircleOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SaveTimetableInput } from '../bindings/SaveTimetableInput';
import type { TimetableDto } from '../bindings/TimetableDto';
import { useSaveTimetable } from '../queries';
import { toApiError } from '../apiError';
import { currentLanguage, localize } from '../i18n';
import { COLOR_PRESETS, CodeTag, newTimetableColor, versionLabel } from './parts';
import {
  BREAK_KINDS,
  CODE_MAX_CHARS,
  effectiveFromToSend,
  emptyBreak,
  emptySegment,
  emptyTimetableForm,
  errorFieldNames,
  errorPathToName,
  hoursText,
  MAX_BREAKS,
  MAX_SEGMENTS,
  MAX_WINDOW_MINUTES,
  NAME_MAX_CHARS,
  parseTime,
  resolveTimes,
  segmentWindows,
  splitErrors,
  THRESHOLD_FIELDS,
  TIMETABLE_KINDS,
  toFormValues,
  toTimetableInput,
  WINDOW_FIELDS,
  withDefaultWindows,
  type EffectiveMode,
  type FormName,
  type SegmentNumberField,
  type TimetableFormValues,
  type TimetableKind,
} from './timetableForm';

type FormState = TimetableFormValues & { effective_mode: EffectiveMode; effective_from: string };

const DATE_FORMAT = 'YYYY-MM-DD';
/** A quiet check runs this long after the clerk leaves a field. */
const AUTO_CHECK_DELAY_MS = 400;

/** Lets a DatePicker edit a `YYYY-MM-DD` string held by the form. */
const dateAsText = {
  getValueProps: (value?: string) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format(DATE_FORMAT) : ''),
};

/** What the drawer itself shows from the values: watched as one small object, so typing re-renders only the field. */
interface FormView {
  kind: TimetableKind;
  effectiveMode: EffectiveMode;
  color: string;
  segmentCount: number;
  breakKinds: string[];
  /** Which times are on the next day (the 次日 tags). */
  nextDay: { segments: [boolean, boolean][]; breaks: [boolean, boolean][]; earliest: boolean; latest: boolean };
}

function viewOf(values: FormState | undefined): FormView | undefined {
  if (!values) return undefined;
  const times = resolveTimes({ ...values, kind: values.kind ?? 'fixed' });
  return {
    kind: values.kind ?? 'fixed',
    effectiveMode: values.effective_mode ?? 'correct',
    color: values.color ?? '',
    segmentCount: (values.segments ?? []).length,
    breakKinds: (values.breaks ?? []).map((b) => b?.kind ?? 'fixed'),
    nextDay: {
      segments: times.segments.map((s) => [s.on.nextDay, s.off.nextDay]),
      breaks: times.breaks.map((b) => [b.start.nextDay, b.end.nextDay]),
      earliest: times.earliest_arrival.nextDay,
      latest: times.latest_arrival.nextDay,
    },
  };
}

/**
 * Enough is filled in for a quiet check to say something useful (and not to complain about what the clerk is still
 * typing): every time and every break complete.
 */
function readyForCheck(values: TimetableFormValues): boolean {
  const breaksComplete = (values.breaks ?? []).every((b) =>
    b?.kind === 'auto' ? b.minutes != null && b.after_worked_minutes != null : Boolean(parseTime(b?.start) && parseTime(b?.end)),
  );
  if (values.kind === 'fixed') {
    const segments = values.segments ?? [];
    return segments.length > 0 && segments.every((s) => parseTime(s?.on) && parseTime(s?.off)) && breaksComplete;
  }
  if (values.kind === 'flexible') {
    return Boolean(parseTime(values.latest_arrival)) && values.required_minutes != null && breaksComplete;
  }
  return true;
}

/** The 次日 tag beside a time that is on the next calendar day. Always a span, so the input keeps its focus. */
function NextDay({ nextDay, testId }: { nextDay: boolean | undefined; testId: string }) {
  const { t } = useTranslation();
  return (
    <span className="next-day-mark">
      {nextDay && (
        <Tag color="geekblue" data-testid={testId} title={t('timetables.form.next_day_hint')}>
          {t('timetables.form.next_day')}
        </Tag>
      )}
    </span>
  );
}

export function TimetableDrawer({
  timetable,
  usedColors = [],
  onClose,
}: {
  timetable?: TimetableDto;
  /** The colours of the existing timetables, one per timetable: a new one starts with a preset none of them uses. */
  usedColors?: readonly (string | null)[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const { message } = App.useApp();
  const [form] = Form.useForm<FormState>();
  const check = useSaveTimetable();
  const save = useSaveTimetable();
  const isEdit = timetable !== undefined && timetable.id !== null;
  const [preview, setPreview] = useState<TimetableDto | null>(null);
  const [stale, setStale] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const checkSeq = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const alive = useRef(true);
  const previewRef = useRef<HTMLDivElement>(null);
  const problemsRef = useRef<HTMLDivElement>(null);

  const initialValues = useMemo<FormState>(
    () => ({
      ...(timetable ? toFormValues(timetable.form) : { ...emptyTimetableForm(), color: newTimetableColor(usedColors) }),
      effective_mode: 'correct',
      effective_from: '',
    }),
    // The form is created once per opening; a refetch must not reset what was typed.
    [],
  );
  const view = (Form.useWatch(viewOf, { form, preserve: true }) as FormView | undefined) ?? (viewOf(initialValues) as FormView);
  const kind = view.kind;
  const nextDay = view.nextDay;
  const defaults = preview?.form;

  useEffect(() => {
    // Set here too: StrictMode runs effects twice in development (mount, clean up, mount again).
    alive.current = true;
    return () => {
      alive.current = false;
      window.clearTimeout(timer.current);
    };
  }, []);

  /** Errors (or none) on fields named by paths, which antd's typed names cannot express for list items. */
  const setErrors = (fields: { name: FormName; errors: string[] }[]) =>
    form.setFields(fields as unknown as Parameters<typeof form.setFields>[0]);
  /** Clears the errors of every field that can have one, except those a check sent stand-ins for. */
  const clearErrors = (state: FormState, except: readonly string[] = []) =>
    setErrors(
      errorFieldNames(state, extraFields(state))
        .filter((name) => !except.includes(String(name[0])))
        .map((name) => ({ name, errors: [] })),
    );

  const extraFields = (state: FormState) => (isEdit && state.effective_mode === 'from' ? ['effective_from'] : []);

  /**
   * What to send. A check may run before the code and name are typed: it then sends stand-ins (`standIns`), whose
   * problems are not shown.
   */
  const request = (state: FormState, dryRun: boolean): { input: SaveTimetableInput; standIns: string[] } => {
    const timetableInput = toTimetableInput(state);
    const standIns: string[] = [];
    if (dryRun && !timetableInput.code) {
      timetableInput.code = '?';
      standIns.push('code');
    }
    if (dryRun && !timetableInput.name) {
      timetableInput.name = t('timetables.form.preview_name');
      standIns.push('name');
    }
    return {
      input: {
        id: isEdit ? timetable.id : null,
        effective_from: effectiveFromToSend(isEdit, state.effective_mode, state.effective_from),
        timetable: timetableInput,
        dry_run: dryRun,
      },
      standIns,
    };
  };

  /** After the next paint; scrolling is a nicety (and jsdom cannot). */
  const scrollTo = (scroll: () => void) =>
    window.setTimeout(() => {
      try {
        scroll();
      } catch {
        // Not worth an error.
      }
    }, 0);

  const showErrors = (error: unknown, state: FormState, standIns: readonly string[] = [], quiet = false) => {
    const extra = extraFields(state);
    const split = splitErrors(
      toApiError(error),
      (path) => (standIns.includes(path) ? ['__ignored'] : errorPathToName(path, state, extra)),
      lang,
    );
    clearErrors(state, standIns);
    const shown = split.fields.filter((f) => f.name[0] !== '__ignored');
    setErrors(shown);
    setProblems(split.general);
    if (!quiet && shown.length > 0) scrollTo(() => form.scrollToField(shown[0].name as never, { block: 'center' }));
    else if (!quiet) scrollTo(() => problemsRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }));
  };

  const runCheck = async (quiet: boolean) => {
    window.clearTimeout(timer.current);
    const state = form.getFieldsValue(true) as FormState;
    if (quiet) {
      if (!readyForCheck(state)) return;
    } else {
      // Everything but the code and name, which a check can do without.
      const names = form
        .getFieldsError()
        .map((f) => f.name)
        .filter((name) => name[0] !== 'code' && name[0] !== 'name');
      try {
        await form.validateFields(names);
      } catch {
        return; // antd shows the problems under the fields
      }
    }
    const seq = ++checkSeq.current;
    const { input, standIns } = request(state, true);
    try {
      const result = await check.mutateAsync(input);
      if (!alive.current || seq !== checkSeq.current) return;
      clearErrors(state, standIns);
      setProblems([]);
      setPreview(result);
      setStale(false);
      if (!quiet) scrollTo(() => previewRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }));
    } catch (error) {
      if (!alive.current || seq !== checkSeq.current) return;
      showErrors(error, state, standIns, quiet);
      setStale(true);
    }
  };

  /** A quiet check shortly after the clerk leaves a field. */
  const scheduleCheck = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      if (alive.current && !save.isPending) void runCheck(true);
    }, AUTO_CHECK_DELAY_MS);
  };

  const onFinish = async () => {
    window.clearTimeout(timer.current);
    checkSeq.current += 1; // a quiet check still under way must not overwrite what the save says
    const state = form.getFieldsValue(true) as FormState;
    try {
      const saved = await save.mutateAsync(request(state, false).input);
      void message.success(
        isEdit ? t('timetables.form.saved', { name: saved.name }) : t('timetables.form.added', { name: saved.name, code: saved.code }),
      );
      onClose();
    } catch (error) {
      showErrors(error, state);
    }
  };

  const onValuesChange = (changed: Partial<FormState>) => {
    setStale(true);
    if (changed.kind) {
      const state = form.getFieldsValue(true) as FormState;
      if (changed.kind === 'flexible') {
        // A flexible day has no fixed times to take a break at: only breaks deducted after N minutes.
        form.setFieldValue(
          'breaks',
          (state.breaks ?? []).map((b) => (b.kind === 'auto' ? b : { ...emptyBreak('auto'), paid: b.paid })),
        );
      }
      if (changed.kind === 'fixed' && (state.segments ?? []).length === 0) {
        form.setFieldValue('segments', [emptySegment('09:00', '18:00')]);
      }
      setProblems([]);
      setPreview(null);
    }
  };

  const submitOnEnter = {
    onPressEnter: (event: KeyboardEvent) => {
      // Save once: stop the browser's own implicit form submission as well.
      event.preventDefault();
      form.submit();
    },
  };
  const quietCheckOnBlur = { onBlur: scheduleCheck };

  const requiredTime = (label: string) => ({
    validator: (_: unknown, value: string | undefined) => {
      if (!value || !value.trim()) return Promise.reject(new Error(t('validation.required_input', { field: label })));
      return parseTime(value) ? Promise.resolve() : Promise.reject(new Error(t('timetables.form.bad_time')));
    },
  });
  const optionalTime = (sameDayOnly: boolean) => ({
    validator: (_: unknown, value: string | undefined) => {
      if (!value || !value.trim()) return Promise.resolve();
      const parsed = parseTime(value);
      if (parsed && !(sameDayOnly && parsed.explicitNextDay)) return Promise.resolve();
      return Promise.reject(new Error(t(sameDayOnly ? 'timetables.form.bad_day_change' : 'timetables.form.bad_time')));
    },
  });
  const requiredNumber = (label: string) => ({ required: true, message: t('validation.required_input', { field: label }) });

  /** Placeholder of a window: the default of the last check when there is one. */
  const windowPlaceholder = (index: number, field: SegmentNumberField) => {
    const value = defaults?.segments[index]?.[field];
    return value != null && (defaults?.segments.length ?? 0) === view.segmentCount
      ? t('timetables.form.default_value', { value })
      : t('timetables.form.default');
  };
  const thresholdPlaceholder = (field: SegmentNumberField) =>
    field === 'late_grace_minutes' || field === 'early_grace_minutes' ? '0' : t('timetables.form.not_set');

  const minutesInput = (testId: string, placeholder: string, min = 0, max = MAX_WINDOW_MINUTES) => (
    <InputNumber
      className="full-width"
      min={min}
      max={max}
      precision={0}
      placeholder={placeholder}
      data-testid={testId}
      {...submitOnEnter}
      {...quietCheckOnBlur}
    />
  );

  const segmentTestId: Partial<Record<SegmentNumberField, string>> = { late_grace_minutes: 'late-grace' };
  const numberTestId = (index: number, field: SegmentNumberField) =>
    `segment-${index}-${segmentTestId[field] ?? field.replace(/_minutes$/, '').replace(/_/g, '-')}`;

  const kindOptions = TIMETABLE_KINDS.map((k) => ({
    value: k,
    label: (
      <div className="kind-option" data-testid={`timetable-kind-${k}`}>
        <div className="kind-option-title">{t(`timetables.kinds.${k}`)}</div>
        <div className="kind-option-hint">{t(`timetables.kind_hints.${k}`)}</div>
      </div>
    ),
  }));

  const colorOptions = [
    { value: '', label: <span className="color-option">{t('timetables.colors.none')}</span> },
    ...COLOR_PRESETS.map((c) => ({
      value: c.value,
      label: (
        <span className="color-option">
          <CodeTag code={t('timetables.colors.sample')} color={c.value} />
          {t(`timetables.colors.${c.key}`)}
        </span>
      ),
    })),
  ];
  const currentColor = view.color;
  if (currentColor && !COLOR_PRESETS.some((c) => c.value === currentColor.toLowerCase())) {
    colorOptions.push({
      value: currentColor,
      label: (
        <span className="color-option">
          <CodeTag code={t('timetables.colors.sample')} color={currentColor} />
          {currentColor}
        </span>
      ),
    });
  }

  const breakKindOptions = BREAK_KINDS.map((k) => ({
    value: k,
    label: t(`timetables.break_kinds.${k}`),
    disabled: kind === 'flexible' && k !== 'auto',
  }));

  const title = isEdit ? t('timetables.form.edit_title', { name: timetable.name }) : t('timetables.form.new_title');

  const breaksList = (
    <Form.List name="breaks">
      {(rows, { add, remove }) => (
        <div className="timetable-section">
          <Typography.Title level={5}>{t('timetables.form.breaks')}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {kind === 'flexible' ? t('timetables.help.breaks_flexible') : t('timetables.help.breaks')}
          </Typography.Paragraph>
          {rows.map((row) => {
            const pauseKind = view.breakKinds[row.name] ?? 'fixed';
            return (
              <div key={row.key} className="break-row" data-testid={`break-${row.name}`}>
                <Form.Item name={[row.name, 'kind']} label={t('timetables.form.break_kind')} tooltip={t('timetables.help.break_kind')}>
                  <Select options={breakKindOptions} data-testid={`break-${row.name}-kind`} popupMatchSelectWidth={false} />
                </Form.Item>
                {pauseKind === 'auto' ? (
                  <>
                    <Form.Item
                      name={[row.name, 'minutes']}
                      label={t('timetables.form.break_minutes')}
                      tooltip={t('timetables.help.break_minutes')}
                      rules={[requiredNumber(t('timetables.form.break_minutes'))]}
                    >
                      {minutesInput(`break-${row.name}-minutes`, t('timetables.form.example', { value: 30 }), 1, 240)}
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'after_worked_minutes']}
                      label={t('timetables.form.break_after')}
                      tooltip={t('timetables.help.break_after')}
                      rules={[requiredNumber(t('timetables.form.break_after'))]}
                    >
                      {minutesInput(`break-${row.name}-after`, t('timetables.form.example', { value: 360 }), 1, 1440)}
                    </Form.Item>
                  </>
                ) : (
                  <>
                    <Form.Item
                      name={[row.name, 'start']}
                    required
                      label={t('timetables.form.break_start')}
                      tooltip={t('timetables.help.break_time')}
                      rules={[requiredTime(t('timetables.form.break_start'))]}
                    >
                      <Input
                        placeholder="12:00"
                        data-testid={`break-${row.name}-start`}
                        suffix={<NextDay nextDay={nextDay.breaks[row.name]?.[0]} testId={`break-${row.name}-start-next-day`} />}
                        {...submitOnEnter}
                        {...quietCheckOnBlur}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'end']}
                    required
                      label={t('timetables.form.break_end')}
                      tooltip={t('timetables.help.break_time')}
                      rules={[requiredTime(t('timetables.form.break_end'))]}
                    >
                      <Input
                        placeholder="13:00"
                        data-testid={`break-${row.name}-end`}
                        suffix={<NextDay nextDay={nextDay.breaks[row.name]?.[1]} testId={`break-${row.name}-end-next-day`} />}
                        {...submitOnEnter}
                        {...quietCheckOnBlur}
                      />
                    </Form.Item>
                  </>
                )}
                <Form.Item name={[row.name, 'paid']} valuePropName="checked" label={t('timetables.form.paid_label')} tooltip={t('timetables.help.paid')}>
                  <Checkbox data-testid={`break-${row.name}-paid`} onChange={scheduleCheck}>
                    {t('timetables.form.paid')}
                  </Checkbox>
                </Form.Item>
                <Form.Item label=" ">
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('timetables.form.remove_break')}
                    title={t('timetables.form.remove_break')}
                    data-testid={`break-${row.name}-remove`}
                    onClick={() => {
                      remove(row.name);
                      scheduleCheck();
                    }}
                  />
                </Form.Item>
              </div>
            );
          })}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={rows.length >= MAX_BREAKS}
            data-testid="break-add"
            onClick={() => add(emptyBreak(kind === 'flexible' ? 'auto' : 'fixed'))}
          >
            {t('timetables.form.add_break', { max: MAX_BREAKS })}
          </Button>
        </div>
      )}
    </Form.List>
  );

  const fixedFields = (
    <Form.List name="segments">
      {(rows, { add, remove }) => (
        <div className="timetable-section">
          <Typography.Title level={5}>{t('timetables.form.segments')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('timetables.help.segments')}</Typography.Paragraph>
          {rows.map((row) => {
            const i = row.name;
            return (
              <Card
                key={row.key}
                size="small"
                className="segment-card"
                data-testid={`segment-${i}`}
                title={t('timetables.form.segment_title', { n: i + 1 })}
                extra={
                  <Button
                    type="text"
                    size="small"
                    icon={<MinusCircleOutlined />}
                    disabled={rows.length <= 1}
                    data-testid={`segment-${i}-remove`}
                    onClick={() => {
                      remove(i);
                      scheduleCheck();
                    }}
                  >
                    {t('timetables.form.remove_segment')}
                  </Button>
                }
              >
                <div className="segment-grid">
                  <Form.Item
                    name={[i, 'on']}
                    required
                    label={t('timetables.form.on')}
                    tooltip={t('timetables.help.on')}
                    rules={[requiredTime(t('timetables.form.on'))]}
                  >
                    <Input
                      placeholder="09:00"
                      data-testid={`segment-${i}-on`}
                      suffix={<NextDay nextDay={nextDay.segments[i]?.[0]} testId={`segment-${i}-on-next-day`} />}
                      {...submitOnEnter}
                      {...quietCheckOnBlur}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[i, 'off']}
                    required
                    label={t('timetables.form.off')}
                    tooltip={t('timetables.help.off')}
                    rules={[requiredTime(t('timetables.form.off'))]}
                  >
                    <Input
                      placeholder="18:00"
                      data-testid={`segment-${i}-off`}
                      suffix={<NextDay nextDay={nextDay.segments[i]?.[1]} testId={`segment-${i}-off-next-day`} />}
                      {...submitOnEnter}
                      {...quietCheckOnBlur}
                    />
                  </Form.Item>
                </div>
                <Typography.Text type="secondary" className="segment-group-label">
                  {t('timetables.form.windows')}
                </Typography.Text>
                <div className="segment-grid">
                  {WINDOW_FIELDS.map((field) => (
                    <Form.Item key={field} name={[i, field]} label={t(`timetables.form.${field}`)} tooltip={t(`timetables.help.${field}`)}>
                      {minutesInput(numberTestId(i, field), windowPlaceholder(i, field))}
                    </Form.Item>
                  ))}
                </div>
                <Typography.Text type="secondary" className="segment-group-label">
                  {t('timetables.form.thresholds')}
                </Typography.Text>
                <div className="segment-grid segment-grid--5">
                  {THRESHOLD_FIELDS.map((field) => (
                    <Form.Item key={field} name={[i, field]} label={t(`timetables.form.${field}`)} tooltip={t(`timetables.help.${field}`)}>
                      {minutesInput(numberTestId(i, field), thresholdPlaceholder(field))}
                    </Form.Item>
                  ))}
                </div>
              </Card>
            );
          })}
          <Space wrap>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={rows.length >= MAX_SEGMENTS}
              data-testid="segment-add"
              onClick={() => add(emptySegment())}
            >
              {t('timetables.form.add_segment', { max: MAX_SEGMENTS })}
            </Button>
            <Button
              icon={<UndoOutlined />}
              data-testid="timetable-reset-windows"
              onClick={() => {
                form.setFieldsValue(withDefaultWindows(form.getFieldsValue(true) as FormState));
                setStale(true);
                scheduleCheck();
              }}
            >
              {t('timetables.form.reset_windows')}
            </Button>
          </Space>
        </div>
      )}
    </Form.List>
  );

  const requiredMinutesLabel = kind === 'flexible' ? t('timetables.form.required_minutes_flexible') : t('timetables.form.required_minutes');
  const requiredMinutesPlaceholder =
    kind === 'fixed'
      ? defaults?.required_minutes != null
        ? t('timetables.form.default_hours', { value: defaults.required_minutes, hours: hoursText(defaults.required_minutes) })
        : t('timetables.form.default')
      : kind === 'free'
        ? t('timetables.form.not_set')
        : t('timetables.form.example', { value: 480 });
  const requiredMinutesField = (
    <Form.Item
      name="required_minutes"
      label={requiredMinutesLabel}
      tooltip={t(`timetables.help.required_minutes_${kind}`)}
      rules={kind === 'flexible' ? [requiredNumber(requiredMinutesLabel)] : []}
    >
      {minutesInput(kind === 'flexible' ? 'flex-required-minutes' : 'timetable-required-minutes', requiredMinutesPlaceholder, 1, 1440)}
    </Form.Item>
  );

  const flexibleFields = (
    <div className="timetable-section">
      <Typography.Title level={5}>{t('timetables.form.flexible_rules')}</Typography.Title>
      <div className="segment-grid">
        <Form.Item
          name="earliest_arrival"
          label={t('timetables.form.earliest_arrival')}
          tooltip={t('timetables.help.earliest_arrival')}
          rules={[optionalTime(false)]}
        >
          <Input
            placeholder={t('timetables.form.optional')}
            data-testid="flex-earliest-arrival"
            suffix={<NextDay nextDay={nextDay.earliest} testId="flex-earliest-arrival-next-day" />}
            {...submitOnEnter}
            {...quietCheckOnBlur}
          />
        </Form.Item>
        <Form.Item
          name="latest_arrival"
          required
          label={t('timetables.form.latest_arrival')}
          tooltip={t('timetables.help.latest_arrival')}
          rules={[requiredTime(t('timetables.form.latest_arrival'))]}
        >
          <Input
            placeholder="10:00"
            data-testid="flex-latest-arrival"
            suffix={<NextDay nextDay={nextDay.latest} testId="flex-latest-arrival-next-day" />}
            {...submitOnEnter}
            {...quietCheckOnBlur}
          />
        </Form.Item>
        {requiredMinutesField}
        <Form.Item name="late_grace_minutes" label={t('timetables.form.late_grace_minutes')} tooltip={t('timetables.help.flex_late_grace')}>
          {minutesInput('flex-late-grace', '0')}
        </Form.Item>
        <Form.Item name="late_absent_minutes" label={t('timetables.form.late_absent_minutes')} tooltip={t('timetables.help.late_absent_minutes')}>
          {minutesInput('flex-late-absent', t('timetables.form.not_set'), 1)}
        </Form.Item>
      </div>
    </div>
  );

  const dayChangePlaceholder =
    kind === 'fixed' && defaults?.day_change
      ? t('timetables.form.auto_value', { value: defaults.day_change })
      : kind === 'fixed'
        ? t('timetables.form.auto')
        : '00:00';

  const effectiveFields = isEdit && (
    <Card size="small" className="page-block" title={t('timetables.form.effective_title')} data-testid="timetable-effective">
      <Typography.Paragraph type="secondary">
        {t('timetables.form.versions', { list: timetable.versions.map((d) => versionLabel(d, t)).join(t('timetables.common.separator')) })}
      </Typography.Paragraph>
      {timetable.used_by.length > 0 && (
        <Typography.Paragraph type="secondary" data-testid="timetable-used-by">
          {t('timetables.form.used_by', { list: timetable.used_by.join(t('timetables.common.separator')) })}
        </Typography.Paragraph>
      )}
      <Form.Item name="effective_mode" className="effective-mode">
        <Radio.Group>
          <Space orientation="vertical">
            <Radio value="correct" data-testid="timetable-effective-correct">
              {t('timetables.form.effective_correct')}
              <Typography.Text type="secondary"> — {t('timetables.form.effective_correct_hint')}</Typography.Text>
            </Radio>
            <Radio value="from" data-testid="timetable-effective-from">
              {t('timetables.form.effective_from')}
              <Typography.Text type="secondary"> — {t('timetables.form.effective_from_hint')}</Typography.Text>
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {view.effectiveMode === 'from' && (
        <Form.Item
          name="effective_from"
          label={t('timetables.form.effective_date')}
          rules={[{ required: true, message: t('validation.required_select', { field: t('timetables.form.effective_date') }) }]}
          {...dateAsText}
        >
          <DatePicker format={DATE_FORMAT} placeholder={DATE_FORMAT} data-testid="timetable-effective-date" />
        </Form.Item>
      )}
    </Card>
  );

  let previewBody: ReactNode = null;
  if (preview) {
    const shown = preview.form;
    const items = [
      {
        key: 'summary',
        label: t('timetables.check.summary'),
        children: <span data-testid="timetable-summary">{localize(preview.summary, lang)}</span>,
      },
      ...(preview.kind === 'fixed'
        ? shown.segments.map((segment, i) => {
            const w = segmentWindows(segment);
            return {
              key: `segment-${i}`,
              label: t('timetables.check.segment', { n: i + 1, on: w?.on ?? segment.on, off: w?.off ?? segment.off }),
              children: (
                <span data-testid={`timetable-windows-${i}`}>
                  {w ? t('timetables.check.windows', { check_in: w.checkIn, check_out: w.checkOut }) : '—'}
                </span>
              ),
            };
          })
        : []),
      {
        key: 'day_change',
        label: t('timetables.check.day_change'),
        children: <span data-testid="timetable-check-day-change">{t('timetables.check.day_change_value', { time: shown.day_change })}</span>,
      },
      {
        key: 'required',
        label: t('timetables.check.required_minutes'),
        children:
          preview.required_minutes != null
            ? t('timetables.check.minutes_hours', { minutes: preview.required_minutes, hours: hoursText(preview.required_minutes) })
            : t('timetables.check.no_minimum'),
      },
    ];
    previewBody = (
      <div
        ref={previewRef}
        className={stale ? 'timetable-preview timetable-preview--stale' : 'timetable-preview'}
        data-testid="timetable-preview"
      >
        <Alert
          type={stale ? 'info' : 'success'}
          showIcon
          className="page-block"
          title={stale ? t('timetables.check.stale') : t('timetables.check.ok')}
        />
        <Descriptions size="small" column={1} bordered items={items} />
      </div>
    );
  }

  return (
    <Drawer
      open
      size={980}
      title={title}
      onClose={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      data-testid="timetable-drawer"
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button icon={<CheckCircleOutlined />} loading={check.isPending} onClick={() => void runCheck(false)} data-testid="timetable-check">
            {t('timetables.form.check')}
          </Button>
          <Button
            type="primary"
            loading={save.isPending}
            disabled={save.isPending}
            onClick={() => form.submit()}
            data-testid="timetable-save"
          >
            {t('common.save')}
          </Button>
        </div>
      }
    >
      <Form<FormState>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={() => void onFinish()}
        onValuesChange={onValuesChange}
      >
        {effectiveFields}
        <Form.Item name="kind" label={t('timetables.form.kind')}>
          <Segmented<TimetableKind> block options={kindOptions} className="kind-choice" />
        </Form.Item>
        <div className="timetable-top-grid">
          <Form.Item
            name="code"
            label={t('timetables.form.code')}
            tooltip={t('timetables.help.code')}
            rules={[{ required: true, whitespace: true, message: t('validation.required_input', { field: t('timetables.form.code') }) }]}
          >
            <Input maxLength={CODE_MAX_CHARS} placeholder={t('timetables.form.code_placeholder')} data-testid="timetable-code" autoFocus {...submitOnEnter} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('timetables.form.name')}
            tooltip={t('timetables.help.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required_input', { field: t('timetables.form.name') }) }]}
          >
            <Input maxLength={NAME_MAX_CHARS} placeholder={t('timetables.form.name_placeholder')} data-testid="timetable-name" {...submitOnEnter} />
          </Form.Item>
          <Form.Item name="color" label={t('timetables.form.color')} tooltip={t('timetables.help.color')}>
            <Select options={colorOptions} data-testid="timetable-color" />
          </Form.Item>
          <Form.Item name="day_value" label={t('timetables.form.day_value')} tooltip={t('timetables.help.day_value')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 1, label: t('timetables.form.day_value_full') },
                { value: 0.5, label: t('timetables.form.day_value_half') },
              ]}
            />
          </Form.Item>
          <Form.Item name="pairing" label={t('timetables.form.pairing')} tooltip={t('timetables.help.pairing')}>
            <Radio.Group
              optionType="button"
              data-testid="timetable-pairing"
              options={[
                { value: 'first_last', label: t('timetables.form.pairing_first_last') },
                { value: 'every_pair', label: t('timetables.form.pairing_every_pair') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="day_change"
            label={kind === 'free' ? t('timetables.form.day_start') : t('timetables.form.day_change')}
            tooltip={t(`timetables.help.day_change_${kind}`)}
            rules={[optionalTime(true)]}
          >
            <Input placeholder={dayChangePlaceholder} data-testid="timetable-day-change" {...submitOnEnter} {...quietCheckOnBlur} />
          </Form.Item>
          {kind !== 'flexible' && requiredMinutesField}
        </div>
        {kind === 'fixed' && fixedFields}
        {kind === 'flexible' && flexibleFields}
        {kind !== 'free' && breaksList}
        {kind === 'free' && <Alert type="info" showIcon className="page-block" title={t('timetables.help.free')} />}
      </Form>
      <div ref={problemsRef} />
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="page-block"
          data-testid="timetable-problems"
          title={t('timetables.form.problems')}
          description={
            <ul className="problem-list">
              {problems.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          }
        />
      )}
      {previewBody}
    </Drawer>
  );
}

