// What loading a year would do (dry run) or did: the year, its notice, 新增 or what it replaces, and every date whose class changes.
import { Descriptions, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CalendarDayDto } from '../bindings/CalendarDayDto';
import type { CalendarLoadResult } from '../bindings/CalendarLoadResult';
import { dayReason } from './dayText';

const CLASS_COLOURS = {
  statutory: 'red',
  rest_day: 'green',
  make_up_workday: 'orange',
  workday: 'default',
} as const;

/** A class as a coloured tag. */
export function ClassTag({ day }: { day: Pick<CalendarDayDto, 'class'> }) {
  const { t } = useTranslation();
  return <Tag color={CLASS_COLOURS[day.class]}>{t(`calendar.classes.${day.class}`)}</Tag>;
}

export function LoadResultSummary({ result }: { result: CalendarLoadResult }) {
  const { t } = useTranslation();
  const year = result.year;
  const action =
    result.replaced === 'builtin'
      ? t('calendar.preview.replace_builtin')
      : result.replaced === 'loaded'
        ? t('calendar.preview.replace_loaded')
        : t('calendar.preview.add_new');

  const columns: TableColumnsType<CalendarDayDto> = [
    {
      key: 'date',
      title: t('calendar.preview.date'),
      render: (_, day) => `${day.date} ${t(`calendar.weekday_names.${day.weekday}`)}`,
    },
    { key: 'class', title: t('calendar.preview.new_class'), render: (_, day) => <ClassTag day={day} /> },
    {
      key: 'reason',
      title: t('calendar.preview.reason'),
      render: (_, day) => [day.festival, dayReason(t, day)].filter(Boolean).join(' · '),
    },
  ];

  return (
    <div className="load-summary" data-testid="calendar-load-summary">
      <Descriptions column={1} size="small" bordered className="page-block">
        <Descriptions.Item label={t('calendar.preview.year')}>{year.year}</Descriptions.Item>
        <Descriptions.Item label={t('calendar.preview.notice')}>{year.notice}</Descriptions.Item>
        <Descriptions.Item label={t('calendar.preview.statutory_days')}>
          {t('calendar.notice.days_value', { count: year.statutory_days })}
        </Descriptions.Item>
        <Descriptions.Item label={t('calendar.preview.action')}>
          <Tag color={result.replaced ? 'orange' : 'blue'}>{action}</Tag>
        </Descriptions.Item>
      </Descriptions>
      {result.replaced === null ? (
        <Typography.Paragraph type="secondary">
          {t('calendar.preview.new_year_days', { count: year.notice_days })}
        </Typography.Paragraph>
      ) : result.changed_days.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('calendar.preview.changed_none')}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Text strong>
            {t('calendar.preview.changed', { count: result.changed_days.length })}
          </Typography.Text>
          <div className="load-summary-table">
            <Table<CalendarDayDto>
              size="small"
              rowKey="date"
              columns={columns}
              dataSource={result.changed_days}
              pagination={false}
            />
          </div>
        </>
      )}
    </div>
  );
}
