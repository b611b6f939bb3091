// 为什么: one person's day — who, when, the status and the figures — and then the ledger, each rule that fired in
// words, in the order the backend wrote them. This is what lets a clerk answer "why was I marked late?".
import { Descriptions, Drawer, Empty, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DayRowDto } from '../bindings/DayRowDto';
import { LoadError } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { useDayDetail } from '../queries';
import { formatHours } from './format';
import { FindingTags, ProvisionalTag, StatusTag, useWeekday } from './parts';

function Figures({ row }: { row: DayRowDto }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const minutes = (n: number) => t('results.day.minutes', { count: n });
  const hours = (n: number) => t('results.day.hours', { hours: formatHours(n) });
  return (
    <Descriptions
      size="small"
      column={2}
      bordered
      className="page-block"
      items={[
        { key: 'timetable', label: t('results.day.timetable'), children: row.timetable ?? t('results.day.no_timetable') },
        { key: 'class', label: t('results.day.class'), children: localize(row.class_name, lang) },
        { key: 'scheduled', label: t('results.day.scheduled'), children: hours(row.scheduled_minutes) },
        { key: 'worked', label: t('results.day.worked'), children: hours(row.worked_minutes) },
        { key: 'late', label: t('results.day.late'), children: minutes(row.late_minutes) },
        { key: 'early', label: t('results.day.early'), children: minutes(row.early_minutes) },
        { key: 'absent', label: t('results.day.absent'), children: minutes(row.absent_minutes) },
        { key: 'missing', label: t('results.day.missing'), children: t('results.day.times', { count: row.missing_count }) },
        { key: 'leave', label: t('results.day.leave'), children: hours(row.leave_minutes) },
        { key: 'on_duty', label: t('results.day.on_duty'), children: hours(row.on_duty_minutes) },
        { key: 'overtime', label: t('results.day.overtime'), children: hours(row.overtime_minutes) },
      ]}
    />
  );
}

/** The 为什么 drawer of one day (open while `date` is set). */
export function DayLedgerDrawer({
  employeeId,
  date,
  onClose,
}: {
  employeeId: number;
  date: string | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const weekday = useWeekday();
  const detail = useDayDetail(date === undefined ? undefined : employeeId, date);

  let body;
  if (detail.isError) {
    body = <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  } else if (!detail.data) {
    body = <Skeleton active paragraph={{ rows: 6 }} />;
  } else {
    const { row, ledger } = detail.data;
    body = (
      <>
        <div className="res-day-head">
          <Typography.Title level={5} className="res-day-title">
            {t('results.day.heading', {
              no: detail.data.employee_no,
              name: detail.data.name,
              date: row.date,
              weekday: weekday(row.date),
            })}
          </Typography.Title>
          <Space size={4} wrap>
            <StatusTag row={row} />
            {row.provisional && <ProvisionalTag />}
          </Space>
        </div>
        <Figures row={row} />
        {row.findings.length > 0 && (
          <div className="page-block">
            <FindingTags findings={row.findings} />
          </div>
        )}
        <Typography.Title level={5}>{t('results.day.ledger')}</Typography.Title>
        {ledger.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('results.day.ledger_empty')} />
        ) : (
          <ol className="res-ledger" data-testid="day-ledger">
            {ledger.map((line, i) => (
              <li key={i} data-testid="day-ledger-line">
                {localize(line, lang)}
              </li>
            ))}
          </ol>
        )}
      </>
    );
  }

  return (
    <Drawer open={date !== undefined} size={560} title={t('results.day.title')} onClose={onClose} destroyOnHidden>
      {body}
    </Drawer>
  );
}
