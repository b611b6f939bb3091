// 公司调整日: the dialog behind a date (show and delete a company day, or add one with its 说明), and the year's list of them.
import { App, Button, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CalendarDayDto } from '../bindings/CalendarDayDto';
import { useAddCompanyDay, useDeleteCompanyDay } from '../queries';
import { splitFieldErrors, toApiError } from '../apiError';
import { currentLanguage } from '../i18n';
import { useShowError } from '../feedback';
import { companyDayOptions, isCompanyDay } from './model';
import { dayHeading, dayReason } from './dayText';
import { ClassTag } from './LoadResultSummary';

const NOTE_MAX_CHARS = 50;

interface NoteFormValues {
  note: string;
}

type CompanyDayKind = 'day_off' | 'working_day';

/** Deletes a company day and says what the date is now. */
function useRemoveCompanyDay() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const remove = useDeleteCompanyDay();
  const run = async (date: string): Promise<boolean> => {
    try {
      const after = await remove.mutateAsync(date);
      void message.success(t('calendar.company.deleted', { date, class: t(`calendar.classes.${after.class}`) }));
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  };
  return { run, isPending: remove.isPending };
}

/** What a click on a date opens. */
export function CompanyDayDialog({ day, onClose }: { day: CalendarDayDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoteFormValues>();
  const add = useAddCompanyDay();
  const remove = useRemoveCompanyDay();
  const existing = isCompanyDay(day);
  const options = companyDayOptions(day.class);
  const reason = dayReason(t, day);

  const onAdd = async (kind: CompanyDayKind) => {
    let values: NoteFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await add.mutateAsync({ date: day.date, kind, note: values.note.trim() });
      void message.success(
        t(kind === 'day_off' ? 'calendar.company.added_day_off' : 'calendar.company.added_working_day', { date: day.date }),
      );
      onClose();
    } catch (error) {
      const split = splitFieldErrors(toApiError(error), ['note'] as const, currentLanguage(i18n.language));
      form.setFields(split.fields);
      split.general.forEach((text) => void message.error(text));
    }
  };

  const footer = existing
    ? [
        <Button key="close" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="delete"
          danger
          icon={<DeleteOutlined />}
          loading={remove.isPending}
          data-testid="company-day-delete"
          onClick={() => void remove.run(day.date).then((done) => done && onClose())}
        >
          {t('common.delete')}
        </Button>,
      ]
    : [
        <Button key="close" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="day-off"
          disabled={!options.dayOff}
          loading={add.isPending && add.variables?.kind === 'day_off'}
          data-testid="company-day-off"
          onClick={() => void onAdd('day_off')}
        >
          {t('calendar.company.set_day_off')}
        </Button>,
        <Button
          key="working"
          disabled={!options.workingDay}
          loading={add.isPending && add.variables?.kind === 'working_day'}
          data-testid="company-day-working"
          onClick={() => void onAdd('working_day')}
        >
          {t('calendar.company.set_working_day')}
        </Button>,
      ];

  return (
    <Modal open title={dayHeading(t, day)} onCancel={onClose} footer={footer} destroyOnHidden>
      <div className="day-detail" data-testid="company-day-dialog">
        <div>
          <Typography.Text type="secondary">{t('calendar.company.current')}</Typography.Text>
          <ClassTag day={day} />
          <Typography.Text>{t(`calendar.class_pay.${day.class}`)}</Typography.Text>
        </div>
        {day.festival && <div>{t('calendar.festival', { festival: day.festival })}</div>}
        {reason && <div>{reason}</div>}
      </div>
      {existing ? (
        <Typography.Paragraph type="secondary">{t('calendar.company.delete_hint')}</Typography.Paragraph>
      ) : (
        <>
          <Form<NoteFormValues> form={form} layout="vertical" initialValues={{ note: '' }} onFinish={() => undefined}>
            <Form.Item
              name="note"
              label={t('calendar.company.note')}
              rules={[{ required: true, whitespace: true, message: t('calendar.company.note_required') }]}
            >
              <Input
                data-testid="company-day-note"
                autoFocus
                maxLength={NOTE_MAX_CHARS}
                showCount
                placeholder={t('calendar.company.note_placeholder')}
                onPressEnter={(event) => {
                  // Enter picks the one button that applies to this date.
                  event.preventDefault();
                  if (options.dayOff) void onAdd('day_off');
                  else if (options.workingDay) void onAdd('working_day');
                }}
              />
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" className="company-day-why">
            {t(`calendar.company.${options.reason}`)}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}

/** The year's company days under the calendar, each with 删除. */
export function CompanyDayList({ year, days }: { year: number; days: readonly CalendarDayDto[] }) {
  const { t } = useTranslation();
  const remove = useRemoveCompanyDay();

  const columns: TableColumnsType<CalendarDayDto> = [
    { key: 'date', title: t('calendar.company.date'), render: (_, day) => dayHeading(t, day) },
    {
      key: 'kind',
      title: t('calendar.company.kind'),
      render: (_, day) => (
        <Tag color={day.source === 'company_day_off' ? 'green' : 'orange'}>{t(`calendar.sources.${day.source}`)}</Tag>
      ),
    },
    { key: 'note', title: t('calendar.company.note'), render: (_, day) => day.note },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_, day) => (
        <Popconfirm
          title={t('calendar.company.delete_confirm', { date: day.date })}
          description={t('calendar.company.delete_hint')}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.run(day.date)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="company-day-list-delete">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <div data-testid="company-day-list">
      <Table<CalendarDayDto>
        size="small"
        rowKey="date"
        columns={columns}
        dataSource={[...days]}
        pagination={false}
        locale={{ emptyText: t('calendar.company.none', { year }) }}
      />
    </div>
  );
}
