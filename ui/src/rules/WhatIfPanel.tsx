// 设置 → 考勤规则 → 试算: one person and one month (default last month) recomputed with the form as it stands (saved or
// not), beside the saved rules: the two summary lines with the changed figures marked, and every day that would change
// (status and findings now and then). Nothing is saved.
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, DatePicker, Select, Table, Tag, Typography } from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { EmployeeDto } from '../bindings/EmployeeDto';
import type { RulesDto } from '../bindings/RulesDto';
import type { SummaryRowDto } from '../bindings/SummaryRowDto';
import type { WhatIfDayDto } from '../bindings/WhatIfDayDto';
import type { WhatIfDto } from '../bindings/WhatIfDto';
import { toApiError, type ApiError } from '../apiError';
import { useErrorText } from '../feedback';
import { useEmployeeSearch } from '../employees/useEmployeeSearch';
import { personLabel } from '../leave/PeoplePicker';
import { useWhatIf } from '../queries';
import { navigateToResults, previousMonth } from '../router';
import { shortDate } from '../results/format';
import { FindingTags, StatusTag, useWeekday } from '../results/parts';
import {
  changedDayFigures,
  changedFigures,
  changedRuleFields,
  summaryFigures,
  toRulesDto,
  type RulesFormValues,
  type SummaryFigure,
} from './rulesModel';

interface PersonOption {
  value: number;
  label: string;
}

const optionOf = (e: EmployeeDto): PersonOption => ({ value: e.id, label: personLabel(e) });

/** What was tried, to title the answer and to tell when the form has changed since. */
interface Tried {
  person: string;
  rules: RulesDto;
  dto: WhatIfDto;
}

type Problem = { kind: 'not_computed'; month: string } | { kind: 'error'; text: string };

export function WhatIfPanel({
  form,
  values,
  markFields,
}: {
  form: FormInstance<RulesFormValues>;
  /** The form's values as they stand (to tell when a shown answer is out of date). */
  values: Partial<RulesFormValues> | undefined;
  /** Marks a refusal's problems on the rule fields; false when none belongs to one. */
  markFields: (error: ApiError) => boolean;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const whatIf = useWhatIf();
  const { employees, onSearch } = useEmployeeSearch();
  const [person, setPerson] = useState<PersonOption | null>(null);
  // Today is read once: it only decides the default month (the one before it).
  const [month, setMonth] = useState(() => previousMonth(new Date()));
  const [tried, setTried] = useState<Tried | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const options = useMemo<PersonOption[]>(() => {
    const found = (employees.data?.rows ?? []).map(optionOf);
    return person && !found.some((o) => o.value === person.value) ? [person, ...found] : found;
  }, [employees.data, person]);

  const run = async () => {
    if (!person) return;
    let formValues: RulesFormValues;
    try {
      formValues = await form.validateFields();
    } catch {
      setProblem({ kind: 'error', text: t('rules.whatif.fix_form') });
      return;
    }
    const rules = toRulesDto(formValues);
    setProblem(null);
    try {
      const dto = await whatIf.mutateAsync({ employee_id: person.value, month, rules });
      setTried({ person: person.label, rules, dto });
    } catch (error) {
      const apiError = toApiError(error);
      setTried(null);
      if (apiError.code === 'not_found') setProblem({ kind: 'not_computed', month });
      else if (markFields(apiError)) setProblem({ kind: 'error', text: t('rules.whatif.fix_form') });
      else setProblem({ kind: 'error', text: errorText(apiError) });
    }
  };

  const stale = tried !== null && changedRuleFields(tried.rules, values).length > 0;

  return (
    <Card title={t('rules.whatif.title')} className="page-block">
      <Typography.Paragraph type="secondary">{t('rules.whatif.help')}</Typography.Paragraph>
      <div className="whatif-toolbar">
        <Select<number, PersonOption>
          className="whatif-person"
          data-testid="whatif-person"
          aria-label={t('rules.whatif.person')}
          value={person?.value}
          options={options}
          placeholder={t('rules.whatif.person_placeholder')}
          loading={employees.isFetching}
          notFoundContent={employees.isFetching ? t('rules.whatif.searching') : t('rules.whatif.no_match')}
          showSearch={{ filterOption: false, onSearch }}
          onChange={(_, option) => setPerson(option && !Array.isArray(option) ? { value: option.value, label: option.label } : null)}
        />
        <DatePicker
          picker="month"
          value={dayjs(`${month}-01`)}
          format="YYYY-MM"
          allowClear={false}
          aria-label={t('rules.whatif.month')}
          data-testid="whatif-month"
          className="whatif-month"
          onChange={(value: Dayjs | null) => {
            if (value) setMonth(value.format('YYYY-MM'));
          }}
        />
        <Button
          type="primary"
          icon={<ExperimentOutlined />}
          disabled={!person}
          loading={whatIf.isPending}
          onClick={() => void run()}
          data-testid="whatif-run"
        >
          {t('rules.whatif.run')}
        </Button>
        {!person && <Typography.Text type="secondary">{t('rules.whatif.pick_person')}</Typography.Text>}
      </div>
      {problem?.kind === 'not_computed' && (
        <Alert
          type="info"
          showIcon
          className="whatif-problem"
          data-testid="whatif-not-computed"
          title={t('rules.whatif.not_computed', { month: problem.month })}
          action={
            <Button size="small" onClick={() => navigateToResults(problem.month)}>
              {t('rules.whatif.go_results')}
            </Button>
          }
        />
      )}
      {problem?.kind === 'error' && (
        <Alert type="error" showIcon className="whatif-problem" title={t('rules.whatif.failed')} description={problem.text} />
      )}
      {tried && <WhatIfAnswer tried={tried} stale={stale} />}
    </Card>
  );
}

function WhatIfAnswer({ tried, stale }: { tried: Tried; stale: boolean }) {
  const { t } = useTranslation();
  const { dto } = tried;
  return (
    <div className="whatif-answer">
      <Typography.Text strong>{t('rules.whatif.tried', { person: tried.person, month: dto.month })}</Typography.Text>
      {stale && (
        <Alert type="warning" showIcon className="whatif-problem" title={t('rules.whatif.stale')} />
      )}
      <SummaryLines now={dto.now} then={dto.then} />
      {dto.changed_days.length === 0 ? (
        <Alert type="success" showIcon className="whatif-problem" data-testid="whatif-none" title={t('rules.whatif.none')} />
      ) : (
        <ChangedDays days={dto.changed_days} />
      )}
    </div>
  );
}

interface SummaryLine {
  key: 'now' | 'then';
  row: SummaryRowDto;
}

function SummaryLines({ now, then }: { now: SummaryRowDto; then: SummaryRowDto }) {
  const { t } = useTranslation();
  const changed = useMemo(() => changedFigures(now, then), [now, then]);
  const figures = useMemo(() => ({ now: summaryFigures(now), then: summaryFigures(then) }), [now, then]);

  const figureColumn = (figure: SummaryFigure, title: string) => ({
    key: figure,
    title,
    align: 'right' as const,
    render: (_: unknown, line: SummaryLine) => (
      <span className={changed.has(figure) ? 'whatif-figure whatif-changed' : 'whatif-figure'} data-figure={figure}>
        {figures[line.key][figure]}
      </span>
    ),
  });

  const columns: TableColumnsType<SummaryLine> = [
    {
      key: 'line',
      title: t('rules.whatif.line'),
      render: (_, line) => (
        <span className="whatif-line-name">
          {t(`rules.whatif.${line.key}`)}
          {line.row.over_monthly_cap && <Tag color="orange">{t('rules.whatif.over_cap')}</Tag>}
        </span>
      ),
    },
    figureColumn('attended', t('rules.whatif.columns.attended')),
    figureColumn('late', t('rules.whatif.columns.late')),
    figureColumn('missing', t('rules.whatif.columns.missing')),
    figureColumn('absent', t('rules.whatif.columns.absent')),
    {
      key: 'overtime',
      title: t('rules.whatif.columns.overtime'),
      children: [
        figureColumn('ot_workday', t('rules.whatif.columns.ot_workday')),
        figureColumn('ot_restday', t('rules.whatif.columns.ot_restday')),
        figureColumn('ot_holiday', t('rules.whatif.columns.ot_holiday')),
      ],
    },
    figureColumn('time_off', t('rules.whatif.columns.time_off')),
  ];

  const lines: SummaryLine[] = [
    { key: 'now', row: now },
    { key: 'then', row: then },
  ];

  return (
    <Table<SummaryLine>
      className="whatif-summary"
      size="small"
      bordered
      pagination={false}
      rowKey="key"
      columns={columns}
      dataSource={lines}
      onRow={(line) => ({ 'data-testid': `whatif-${line.key}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}

function ChangedDays({ days }: { days: readonly WhatIfDayDto[] }) {
  const { t } = useTranslation();
  const weekday = useWeekday();

  const side = (day: WhatIfDayDto, which: 'now' | 'then') => {
    const row = day[which];
    return (
      <span className="whatif-day-side">
        <StatusTag row={row} />
        <FindingTags findings={row.findings} />
        {changedDayFigures(day.now, day.then).map((figure) => (
          <span key={figure.key} className="whatif-day-figure whatif-changed">
            {t(`rules.whatif.day_figures.${figure.key}`, { value: figure[which] })}
          </span>
        ))}
      </span>
    );
  };

  const columns: TableColumnsType<WhatIfDayDto> = [
    {
      key: 'date',
      title: t('rules.whatif.date'),
      width: 110,
      render: (_, day) => `${shortDate(day.now.date)} ${weekday(day.now.date)}`,
    },
    { key: 'now', title: t('rules.whatif.now'), render: (_, day) => side(day, 'now') },
    { key: 'then', title: t('rules.whatif.then'), render: (_, day) => side(day, 'then') },
  ];

  return (
    <>
      <Typography.Text className="whatif-count">{t('rules.whatif.changed_days', { days: days.length })}</Typography.Text>
      <Table<WhatIfDayDto>
        className="whatif-days"
        size="small"
        pagination={false}
        rowKey={(day) => day.now.date}
        columns={columns}
        dataSource={[...days]}
        onRow={(day) => ({ 'data-testid': `whatif-day-${day.now.date}` }) as HTMLAttributes<HTMLElement>}
      />
    </>
  );
}
