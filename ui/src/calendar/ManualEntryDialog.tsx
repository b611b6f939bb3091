// 手动录入: a year's notice typed in — title, date, address, document no. and its dates — checked with a dry run (预览) and saved.
import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CalendarLoadResult } from '../bindings/CalendarLoadResult';
import { useSaveCalendarYear } from '../queries';
import { splitFieldErrors, toApiError } from '../apiError';
import { currentLanguage } from '../i18n';
import { LoadResultSummary } from './LoadResultSummary';
import {
  isSwappedKind,
  NOTICE_KINDS,
  toCalendarYearInput,
  YEAR_FORM_ALIASES,
  YEAR_FORM_FIELDS,
  type NoticeDayRow,
  type YearFormValues,
} from './model';

const DATE_FORMAT = 'YYYY-MM-DD';

/** Lets a DatePicker edit a `YYYY-MM-DD` string held by the form. */
const dateAsText = {
  getValueProps: (value?: string) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format(DATE_FORMAT) : undefined),
};

export function ManualEntryDialog({
  defaultYear,
  onDone,
  onCancel,
}: {
  defaultYear: number;
  onDone: (year: number) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<YearFormValues>();
  const save = useSaveCalendarYear();
  const [preview, setPreview] = useState<CalendarLoadResult | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const enteredYear = Number(Form.useWatch('year', form)) || defaultYear;
  const yearStart = dayjs(`${enteredYear}-01-01`);

  const run = async (dryRun: boolean) => {
    let values: YearFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows the problems under the fields
    }
    setBusy(dryRun ? 'preview' : 'save');
    setProblems([]);
    try {
      const result = await save.mutateAsync({ input: toCalendarYearInput(values), dryRun });
      if (dryRun) {
        setPreview(result);
      } else {
        void message.success(t('calendar.enter.saved', { year: result.year.year }));
        onDone(result.year.year);
      }
    } catch (error) {
      setPreview(null);
      const split = splitFieldErrors(toApiError(error), YEAR_FORM_FIELDS, currentLanguage(i18n.language), YEAR_FORM_ALIASES);
      form.setFields(split.fields);
      setProblems([...new Set(split.general)]);
    } finally {
      setBusy(null);
    }
  };

  const kindOptions = NOTICE_KINDS.map((kind) => ({ value: kind, label: t(`calendar.kinds.${kind}`) }));
  const required = (field: string) => ({ required: true, message: t('validation.required_input', { field }) });

  return (
    <Modal
      open
      title={t('calendar.enter.title')}
      width={980}
      onCancel={onCancel}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button key="preview" loading={busy === 'preview'} disabled={busy === 'save'} onClick={() => void run(true)} data-testid="calendar-enter-preview">
          {t('calendar.enter.preview')}
        </Button>,
        <Button
          key="save"
          type="primary"
          loading={busy === 'save'}
          disabled={busy === 'preview'}
          onClick={() => void run(false)}
          data-testid="calendar-enter-save"
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('calendar.enter.hint')}</Typography.Paragraph>
      <Form<YearFormValues>
        form={form}
        layout="vertical"
        initialValues={{ year: String(defaultYear), days: [{ kind: 'statutory' }] }}
        onValuesChange={() => setPreview(null)}
      >
        <Row gutter={12}>
          <Col span={4}>
            <Form.Item name="year" label={t('calendar.enter.year')} rules={[required(t('calendar.enter.year'))]}>
              <Input data-testid="calendar-enter-year" maxLength={4} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col span={20}>
            <Form.Item name="notice" label={t('calendar.enter.notice')} rules={[required(t('calendar.enter.notice'))]}>
              <Input data-testid="calendar-enter-notice" maxLength={200} placeholder={t('calendar.enter.notice_placeholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={5}>
            <Form.Item
              name="issued_on"
              label={t('calendar.enter.issued_on')}
              rules={[required(t('calendar.enter.issued_on'))]}
              {...dateAsText}
            >
              <DatePicker className="full-width" format={DATE_FORMAT} data-testid="calendar-enter-issued-on" />
            </Form.Item>
          </Col>
          <Col span={11}>
            <Form.Item name="url" label={t('calendar.enter.url')} rules={[required(t('calendar.enter.url'))]}>
              <Input data-testid="calendar-enter-url" maxLength={500} placeholder={t('calendar.enter.url_placeholder')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="document_no" label={t('calendar.enter.document_no')}>
              <Input data-testid="calendar-enter-document-no" maxLength={100} placeholder={t('calendar.enter.document_no_placeholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('calendar.enter.days')}</Typography.Text>
        <div className="enter-day-head" aria-hidden="true">
          <span>{t('calendar.enter.date')}</span>
          <span>{t('calendar.enter.kind')}</span>
          <span>{t('calendar.enter.festival')}</span>
          <span>{t('calendar.enter.swapped_with')}</span>
          <span />
        </div>
        <Form.List name="days">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <div key={row.key} className="enter-day-row" data-testid="calendar-enter-row">
                  <Form.Item
                    name={[row.name, 'date']}
                    rules={[required(t('calendar.enter.date'))]}
                    {...dateAsText}
                  >
                    <DatePicker
                      className="full-width"
                      format={DATE_FORMAT}
                      defaultPickerValue={yearStart}
                      aria-label={t('calendar.enter.date')}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'kind']} rules={[{ required: true, message: t('validation.required_select', { field: t('calendar.enter.kind') }) }]}>
                    <Select options={kindOptions} aria-label={t('calendar.enter.kind')} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'festival']} rules={[required(t('calendar.enter.festival'))]}>
                    <Input maxLength={20} placeholder={t('calendar.enter.festival_placeholder')} aria-label={t('calendar.enter.festival')} />
                  </Form.Item>
                  <Form.Item noStyle dependencies={[['days', row.name, 'kind']]}>
                    {() =>
                      isSwappedKind(form.getFieldValue(['days', row.name, 'kind'])) ? (
                        <Form.Item
                          name={[row.name, 'swapped_with']}
                          rules={[required(t('calendar.enter.swapped_with'))]}
                          extra={t('calendar.enter.swapped_with_hint')}
                          {...dateAsText}
                        >
                          <DatePicker
                            className="full-width"
                            format={DATE_FORMAT}
                            defaultPickerValue={yearStart}
                            aria-label={t('calendar.enter.swapped_with')}
                          />
                        </Form.Item>
                      ) : (
                        <span />
                      )
                    }
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    title={t('calendar.enter.remove_day')}
                    aria-label={t('calendar.enter.remove_day')}
                    disabled={rows.length === 1}
                    onClick={() => remove(row.name)}
                  />
                </div>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                className="page-block"
                data-testid="calendar-enter-add-day"
                onClick={() => {
                  // A notice lists a festival's dates together: start the new line with the last festival.
                  const days: NoticeDayRow[] = form.getFieldValue('days') ?? [];
                  const last = days[days.length - 1];
                  add({ kind: 'statutory', festival: last?.festival ?? '' });
                }}
              >
                {t('calendar.enter.add_day')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="page-block"
          data-testid="calendar-enter-problems"
          title={t('calendar.enter.problems')}
          description={
            <ul className="problem-list">
              {problems.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          }
        />
      )}
      {preview && (
        <>
          <Alert type="success" showIcon className="page-block" title={t('calendar.preview.ok')} />
          <LoadResultSummary result={preview} />
        </>
      )}
    </Modal>
  );
}
