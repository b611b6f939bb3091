// A person's month in a drawer: one row per date (weekday, timetable, status tag, day class, hours worked, minutes
// late / early / absent, overtime, findings by severity); 暂定 days outlined and tagged. A day (click, or Enter on
// it) opens its 为什么 in a second drawer on top.
import { useMemo, useState, type HTMLAttributes, type KeyboardEvent } from 'react';
import { Drawer, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DayRowDto } from '../bindings/DayRowDto';
import type { SummaryRowDto } from '../bindings/SummaryRowDto';
import { LoadError } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { usePersonMonth } from '../queries';
import { DayLedgerDrawer } from './DayLedger';
import { blankZero, formatHours, shortDate } from './format';
import { FindingTags, ProvisionalTag, StatusTag, useWeekday } from './parts';

export function PersonMonthDrawer({
  employeeId,
  month,
  known,
  onClose,
}: {
  /** The person whose month is open; undefined: the drawer is closed. */
  employeeId: number | undefined;
  month: string;
  /** The person's summary row, when the table has it: the title shows before the month has loaded. */
  known?: SummaryRowDto;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const weekday = useWeekday();
  const person = usePersonMonth(employeeId, month);
  const [day, setDay] = useState<{ employeeId: number; date: string } | null>(null);
  // A day belongs to the person it was opened for: another person, or closing the drawer, forgets it.
  if (day !== null && day.employeeId !== employeeId) setDay(null);
  const openDate = day?.date;

  const columns = useMemo<TableColumnsType<DayRowDto>>(
    () => [
      {
        key: 'date',
        title: t('results.person.columns.date'),
        width: 150,
        render: (_, row) => (
          <span className="res-date">
            <span>
              {shortDate(row.date)} {weekday(row.date)}
            </span>
            {row.provisional && <ProvisionalTag />}
          </span>
        ),
      },
      { key: 'timetable', title: t('results.person.columns.timetable'), width: 60, render: (_, row) => row.timetable ?? '' },
      { key: 'status', title: t('results.person.columns.status'), width: 90, render: (_, row) => <StatusTag row={row} /> },
      { key: 'class', title: t('results.person.columns.class'), width: 100, render: (_, row) => localize(row.class_name, lang) },
      {
        key: 'worked',
        title: t('results.person.columns.worked'),
        width: 96,
        align: 'right',
        render: (_, row) => blankZero(row.worked_minutes, formatHours),
      },
      { key: 'late', title: t('results.person.columns.late'), width: 96, align: 'right', render: (_, row) => blankZero(row.late_minutes) },
      { key: 'early', title: t('results.person.columns.early'), width: 96, align: 'right', render: (_, row) => blankZero(row.early_minutes) },
      { key: 'absent', title: t('results.person.columns.absent'), width: 96, align: 'right', render: (_, row) => blankZero(row.absent_minutes) },
      {
        key: 'overtime',
        title: t('results.person.columns.overtime'),
        width: 96,
        align: 'right',
        render: (_, row) => blankZero(row.overtime_minutes, formatHours),
      },
      { key: 'findings', title: t('results.person.columns.findings'), render: (_, row) => <FindingTags findings={row.findings} /> },
    ],
    [t, lang, weekday],
  );

  const data = person.data;
  const who = data ?? known;
  const title = who
    ? t('results.person.title', { no: who.employee_no, name: who.name, department: who.department, month })
    : month;

  let body;
  if (person.isError) {
    body = <LoadError error={person.error} onRetry={() => void person.refetch()} />;
  } else if (!data) {
    body = <Skeleton active paragraph={{ rows: 10 }} />;
  } else {
    body = (
      <>
        <Typography.Paragraph type="secondary">{t('results.person.hint')}</Typography.Paragraph>
        <Table<DayRowDto>
          size="small"
          rowKey="date"
          columns={columns}
          dataSource={data.days}
          pagination={false}
          rowClassName={(row) => (row.provisional ? 'res-day res-day--provisional' : 'res-day')}
          onRow={(row) =>
            ({
              'data-testid': `person-day-${row.date}`,
              tabIndex: 0,
              onClick: () => setDay({ employeeId: data.employee_id, date: row.date }),
              onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
                if (event.key === 'Enter' && event.target === event.currentTarget) {
                  event.preventDefault();
                  setDay({ employeeId: data.employee_id, date: row.date });
                }
              },
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </>
    );
  }

  return (
    <Drawer open={employeeId !== undefined} size={980} title={title} onClose={onClose} destroyOnHidden>
      <div data-testid="person-month">{body}</div>
      {employeeId !== undefined && (
        <DayLedgerDrawer employeeId={employeeId} date={openDate} onClose={() => setDay(null)} />
      )}
    </Drawer>
  );
}
