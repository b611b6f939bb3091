// 考勤结果: everyone's totals of the month in one table (virtual rows past 1000 people), the leave by type in a
// tooltip, overtime past the monthly cap in a warning colour, 暂定 days tagged; a row (click, or Enter on it) opens
// the person's month.
import { useMemo, type HTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SummaryRowDto } from '../bindings/SummaryRowDto';
import { countAndMinutes, formatDays, formatHours, leaveLines } from './format';

/** Past this many rows the table renders only the rows in view (a project rule for long tables). */
export const VIRTUAL_FROM_ROWS = 1000;
/** The table body's fixed height: the header stays put and a virtual table knows its window. */
export const TABLE_BODY_HEIGHT = 520;

const cellKey = (row: SummaryRowDto) => row.employee_id;

export function SummaryTable({
  rows,
  loading,
  onOpen,
}: {
  rows: readonly SummaryRowDto[];
  loading: boolean;
  onOpen: (row: SummaryRowDto) => void;
}) {
  const { t } = useTranslation();

  const columns = useMemo<TableColumnsType<SummaryRowDto>>(() => {
    const overtime = (minutes: number, row: SummaryRowDto): ReactNode =>
      row.over_monthly_cap ? (
        <Tooltip title={t('results.over_cap')}>
          <span className="res-over-cap">{formatHours(minutes)}</span>
        </Tooltip>
      ) : (
        formatHours(minutes)
      );
    return [
      {
        key: 'employee_no',
        title: t('results.columns.employee_no'),
        dataIndex: 'employee_no',
        width: 90,
        fixed: 'start',
        sorter: (a, b) => a.employee_no.localeCompare(b.employee_no, 'zh-CN', { numeric: true }),
      },
      { key: 'name', title: t('results.columns.name'), dataIndex: 'name', width: 90, fixed: 'start' },
      { key: 'department', title: t('results.columns.department'), dataIndex: 'department', width: 160, ellipsis: true },
      {
        key: 'scheduled_days',
        title: t('results.columns.scheduled_days'),
        width: 90,
        align: 'right',
        render: (_, row) => formatDays(row.scheduled_days),
      },
      {
        key: 'attended_days',
        title: t('results.columns.attended_days'),
        width: 90,
        align: 'right',
        render: (_, row) =>
          row.on_duty_minutes > 0 ? (
            <Tooltip title={t('results.on_duty', { hours: formatHours(row.on_duty_minutes) })}>
              <span className="res-has-tip">{formatDays(row.attended_days)}</span>
            </Tooltip>
          ) : (
            formatDays(row.attended_days)
          ),
      },
      {
        key: 'late',
        title: t('results.columns.late'),
        width: 110,
        align: 'right',
        render: (_, row) => countAndMinutes(row.late_count, row.late_minutes),
      },
      {
        key: 'early',
        title: t('results.columns.early'),
        width: 110,
        align: 'right',
        render: (_, row) => countAndMinutes(row.early_count, row.early_minutes),
      },
      { key: 'missing', title: t('results.columns.missing'), dataIndex: 'missing_punch_count', width: 80, align: 'right' },
      {
        key: 'absent_days',
        title: t('results.columns.absent_days'),
        width: 80,
        align: 'right',
        render: (_, row) => formatDays(row.absent_days),
      },
      {
        key: 'leave',
        title: t('results.columns.leave'),
        width: 90,
        align: 'right',
        render: (_, row) =>
          row.leave.length > 0 ? (
            <Tooltip
              title={
                <ul className="res-tip-list">
                  {leaveLines(row.leave).map((line) => (
                    <li key={line.name}>{t('results.leave_item', line)}</li>
                  ))}
                </ul>
              }
            >
              <span className="res-has-tip">{formatHours(row.leave_minutes)}</span>
            </Tooltip>
          ) : (
            formatHours(row.leave_minutes)
          ),
      },
      {
        key: 'overtime',
        title: t('results.columns.overtime'),
        children: [
          {
            key: 'ot_workday',
            title: t('results.columns.ot_workday'),
            width: 80,
            align: 'right',
            render: (_, row) => overtime(row.ot_workday_minutes, row),
          },
          {
            key: 'ot_restday',
            title: t('results.columns.ot_restday'),
            width: 80,
            align: 'right',
            render: (_, row) => overtime(row.ot_restday_minutes, row),
          },
          {
            key: 'ot_holiday',
            title: t('results.columns.ot_holiday'),
            width: 80,
            align: 'right',
            render: (_, row) => overtime(row.ot_holiday_minutes, row),
          },
        ],
      },
      {
        key: 'time_off',
        title: t('results.columns.time_off'),
        width: 90,
        align: 'right',
        render: (_, row) => formatHours(row.time_off_minutes),
      },
      {
        key: 'exception_days',
        title: t('results.columns.exception_days'),
        width: 90,
        align: 'right',
        sorter: (a, b) => a.exception_days - b.exception_days,
        render: (_, row) =>
          row.exception_days > 0 ? <span className="res-exceptions">{row.exception_days}</span> : row.exception_days,
      },
      {
        key: 'provisional_days',
        title: t('results.columns.provisional_days'),
        width: 110,
        align: 'right',
        sorter: (a, b) => a.provisional_days - b.provisional_days,
        render: (_, row) =>
          row.provisional_days > 0 ? (
            <span className="res-provisional">
              {row.provisional_days}
              <Tooltip title={t('results.provisional_help')}>
                <Tag color="gold" className="res-provisional-tag">
                  {t('results.provisional')}
                </Tag>
              </Tooltip>
            </span>
          ) : (
            row.provisional_days
          ),
      },
    ];
  }, [t]);

  const width = 90 + 90 + 160 + 90 + 90 + 110 + 110 + 80 + 80 + 90 + 80 * 3 + 90 + 90 + 110;

  return (
    <div data-testid="results-table">
      <Table<SummaryRowDto>
        size="small"
        bordered
        rowKey={cellKey}
        loading={loading}
        columns={columns}
        dataSource={rows as SummaryRowDto[]}
        pagination={false}
        virtual={rows.length > VIRTUAL_FROM_ROWS}
        scroll={{ x: width, y: TABLE_BODY_HEIGHT }}
        rowClassName={(row) => (row.over_monthly_cap ? 'res-row res-row--over-cap' : 'res-row')}
        onRow={(row) =>
          ({
            'data-testid': `results-row-${row.employee_id}`,
            tabIndex: 0,
            onClick: () => onOpen(row),
            onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
              if (event.key === 'Enter' && event.target === event.currentTarget) {
                event.preventDefault();
                onOpen(row);
              }
            },
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: t('results.empty.none') }}
      />
    </div>
  );
}
