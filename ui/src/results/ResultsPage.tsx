// 考勤结果: the month in the address (#/results/2026-10, default last month), a department filter, 导入打卡 (dry run,
// then confirm), 计算 with a progress bar fed by the backend's channel, everyone's totals, and a person's month
// (#/results/2026-10/12) with each day's 为什么.
import { useMemo, useState } from 'react';
import { App, Button, DatePicker, Empty, Progress, Skeleton, Tooltip, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { ComputeProgress } from '../bindings/ComputeProgress';
import { toApiError } from '../apiError';
import { DepartmentFilter } from '../departments/DepartmentFilter';
import { LoadError, useShowError } from '../feedback';
import { useComputeMonth, useMonthSummary } from '../queries';
import { useResultsPlace } from '../router';
import { progressPercent } from './format';
import { PersonMonthDrawer } from './PersonMonth';
import { SummaryTable } from './SummaryTable';
import { usePunchImport } from './usePunchImport';
import './results.css';

export function ResultsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  // Today is read once, here: it only decides the default month (the one before it).
  const [today] = useState(() => new Date());
  const [{ month, employeeId }, goTo] = useResultsPlace(today);
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [progress, setProgress] = useState<ComputeProgress | null>(null);

  const summary = useMonthSummary(month, departmentId);
  const computeMonth = useComputeMonth();
  const punches = usePunchImport();

  const rows = useMemo(() => summary.data?.rows ?? [], [summary.data]);
  const notComputed = summary.isError && toApiError(summary.error).code === 'not_found';
  const computing = computeMonth.isPending;

  const compute = async () => {
    setProgress(null);
    try {
      const report = await computeMonth.mutateAsync({
        input: { month, employee_no: null, department_id: departmentId },
        onProgress: setProgress,
      });
      void message.success(
        t('results.computed', {
          month: report.month,
          employees: report.employees,
          days: report.days,
          exceptions: report.exception_days,
          provisional: report.provisional_days,
        }),
      );
    } catch (error) {
      showError(error);
    } finally {
      setProgress(null);
    }
  };

  const computeButton = (testId: string, primary: boolean) => (
    <Tooltip title={t('results.compute_hint', { month })}>
      <Button
        type={primary ? 'primary' : 'default'}
        icon={<CalculatorOutlined />}
        loading={computing}
        onClick={() => void compute()}
        data-testid={testId}
      >
        {t('results.compute')}
      </Button>
    </Tooltip>
  );

  const toolbar = (
    <div className="res-toolbar">
      <DatePicker
        picker="month"
        value={dayjs(`${month}-01`)}
        format="YYYY-MM"
        allowClear={false}
        aria-label={t('results.month')}
        data-testid="results-month"
        className="res-month"
        onChange={(value: Dayjs | null) => {
          if (value) goTo({ month: value.format('YYYY-MM') });
        }}
      />
      <DepartmentFilter
        className="res-department"
        testId="results-department"
        value={departmentId}
        placeholder={t('results.all_departments')}
        label={t('results.department')}
        onChange={(id) => setDepartmentId(id)}
      />
      <span className="res-toolbar-gap" />
      {punches.button}
      {computeButton('results-compute', true)}
    </div>
  );

  let body;
  if (notComputed) {
    body = (
      <Empty data-testid="results-empty" description={t('results.empty.title', { month })}>
        <Typography.Paragraph type="secondary">{t('results.empty.body')}</Typography.Paragraph>
        {computeButton('results-empty-compute', true)}
      </Empty>
    );
  } else if (summary.isError) {
    body = <LoadError error={summary.error} onRetry={() => void summary.refetch()} />;
  } else if (!summary.data) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else {
    body = (
      <>
        <Typography.Text type="secondary" className="res-count" data-testid="results-count">
          {t('results.people_count', { count: rows.length })} · {t('results.row_hint')}
        </Typography.Text>
        <SummaryTable
          rows={rows}
          loading={summary.isFetching}
          onOpen={(row) => goTo({ month, employeeId: row.employee_id })}
        />
      </>
    );
  }

  return (
    <div className="page res-page">
      <Typography.Title level={3}>{t('nav.results')}</Typography.Title>
      {toolbar}
      {computing && (
        <div className="res-progress" data-testid="results-progress">
          <Progress percent={progressPercent(progress)} status="active" />
          <Typography.Text type="secondary">
            {progress && progress.total > 0
              ? t('results.computing', { done: progress.done, total: progress.total })
              : t('results.computing_start')}
          </Typography.Text>
        </div>
      )}
      {punches.problem}
      {body}
      {punches.dialog}
      <PersonMonthDrawer
        employeeId={employeeId}
        month={month}
        known={rows.find((row) => row.employee_id === employeeId)}
        onClose={() => goTo({ month })}
      />
    </div>
  );
}
