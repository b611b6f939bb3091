// 设置 → 节假日: pick a year, see its 12 months coloured by class and the notice behind them, load a year (file or by hand), export it, delete an imported one, and set company days.
import { useCallback, useState } from 'react';
import { App, Button, Card, Popconfirm, Result, Select, Skeleton, Space, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, ExportOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CalendarDayDto } from '../bindings/CalendarDayDto';
import { useCalendarStatus, useCalendarYear, useDeleteCalendarYear } from '../queries';
import { toApiError } from '../apiError';
import { LoadError, useShowError } from '../feedback';
import { companyDays, findYear, yearChoices, yearOf, type YearState } from './model';
import { CalendarLegend, YearCalendar } from './YearCalendar';
import { NoticeCard } from './NoticeCard';
import { NextYearBanner } from './NextYearBanner';
import { useCalendarImport } from './useCalendarImport';
import { ManualEntryDialog } from './ManualEntryDialog';
import { ExportDialog } from './ExportDialog';
import { CompanyDayDialog, CompanyDayList } from './CompanyDays';

const YEAR_OPTION_KEYS: Record<YearState, string> = {
  builtin: 'calendar.year_option_builtin',
  loaded: 'calendar.year_option_loaded',
  missing: 'calendar.year_option_missing',
};

/**
 * `year` is the year asked for (from the address, `#/settings/holidays/2027`); without one the
 * page shows the year of today. `onYear` changes it.
 */
export function HolidaysPage({ year: askedYear, onYear }: { year?: number; onYear: (year: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const status = useCalendarStatus();
  const year = askedYear ?? (status.data ? yearOf(status.data.today) : undefined);
  const detail = useCalendarYear(year);
  const deleteYear = useDeleteCalendarYear();
  const [dialog, setDialog] = useState<'enter' | 'export' | null>(null);
  const [picked, setPicked] = useState<CalendarDayDto | null>(null);
  const onImported = useCallback((loaded: number) => onYear(loaded), [onYear]);
  const importer = useCalendarImport(onImported);

  if (status.isPending || year === undefined) return <Skeleton active />;
  if (status.isError) return <LoadError error={status.error} onRetry={() => void status.refetch()} />;

  const info = findYear(status.data, year);
  const missing = detail.isError && toApiError(detail.error).code === 'calendar_year_missing';
  const choices = yearChoices(status.data, year);

  const onDelete = async () => {
    try {
      const after = await deleteYear.mutateAsync(year);
      void message.success(
        t(findYear(after, year) ? 'calendar.actions.deleted_builtin_back' : 'calendar.actions.deleted_now_missing', { year }),
      );
    } catch (error) {
      showError(error);
    }
  };

  const importButton = (
    <Button icon={<UploadOutlined />} loading={importer.busy} onClick={importer.pick} data-testid="calendar-import">
      {t('calendar.actions.import')}
    </Button>
  );
  const enterButton = (
    <Button icon={<EditOutlined />} onClick={() => setDialog('enter')} data-testid="calendar-enter">
      {t('calendar.actions.enter')}
    </Button>
  );

  let body;
  if (missing) {
    body = (
      <Result
        status="warning"
        data-testid="calendar-missing"
        title={t('calendar.missing.title', { year })}
        subTitle={t('calendar.missing.body', { year })}
        extra={
          <Space wrap>
            {importButton}
            {enterButton}
          </Space>
        }
      />
    );
  } else if (detail.isError) {
    body = <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  } else if (detail.isPending) {
    body = <Skeleton active />;
  } else {
    const days = detail.data.days;
    body = (
      <>
        <Card title={t('calendar.grid_label', { year })} className="page-block">
          <CalendarLegend days={days} />
          <Typography.Paragraph type="secondary" className="cal-hint">
            {t('calendar.click_hint')}
          </Typography.Paragraph>
          <YearCalendar year={year} days={days} today={status.data.today} onPick={setPicked} />
        </Card>
        <Card title={t('calendar.company.list_title')} className="page-block">
          <Typography.Paragraph type="secondary">{t('calendar.company.list_hint')}</Typography.Paragraph>
          <CompanyDayList year={year} days={companyDays(days)} />
        </Card>
        {/* The calendar is what the clerk comes for; where its data comes from follows it. */}
        <NoticeCard year={detail.data.year} />
      </>
    );
  }

  return (
    <div className="holidays">
      <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
      <NextYearBanner onShow={onYear} showing={year} />
      <div className="holidays-toolbar page-block">
        <Space wrap>
          <Typography.Text>{t('calendar.year')}</Typography.Text>
          <Select<number>
            className="holidays-year-select"
            data-testid="calendar-year-select"
            value={year}
            onChange={onYear}
            options={choices.map((choice) => ({
              value: choice.year,
              label: t(YEAR_OPTION_KEYS[choice.state], { year: choice.year }),
            }))}
          />
        </Space>
        {!missing && (
          <Space wrap>
            {importButton}
            {enterButton}
            {info && (
              <Button icon={<ExportOutlined />} onClick={() => setDialog('export')} data-testid="calendar-export">
                {t('calendar.actions.export')}
              </Button>
            )}
            {info?.source === 'loaded' && (
              <Popconfirm
                title={t('calendar.actions.delete_confirm_title', { year })}
                description={<div className="popconfirm-body">{t('calendar.actions.delete_confirm_body')}</div>}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={onDelete}
              >
                <Button danger icon={<DeleteOutlined />} loading={deleteYear.isPending} data-testid="calendar-delete-year">
                  {t('calendar.actions.delete_loaded')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </div>
      {importer.problem}
      {body}
      {importer.input}
      {dialog === 'enter' && (
        <ManualEntryDialog
          defaultYear={year}
          onCancel={() => setDialog(null)}
          onDone={(saved) => {
            setDialog(null);
            onYear(saved);
          }}
        />
      )}
      {dialog === 'export' && <ExportDialog year={year} onClose={() => setDialog(null)} />}
      {picked && <CompanyDayDialog day={picked} onClose={() => setPicked(null)} />}
    </div>
  );
}
