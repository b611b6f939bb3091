// 人员 → 导入: a four-step dialog (选择文件, 核对列, 预览, 导入) over check_import (never writes) and run_import (all rows or none).
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { Alert, App, Button, Descriptions, Modal, Result, Select, Spin, Steps, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CopyOutlined, DownloadOutlined, FolderOpenOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ImportColumnDto } from '../bindings/ImportColumnDto';
import type { ImportOptions } from '../bindings/ImportOptions';
import type { ImportReport } from '../bindings/ImportReport';
import type { ImportRowAction } from '../bindings/ImportRowAction';
import type { ImportRowDto } from '../bindings/ImportRowDto';
import * as api from '../api';
import { toApiError, type ApiError } from '../apiError';
import { currentLanguage, localize } from '../i18n';
import { useCheckImport, useRunImport } from '../queries';
import { ProblemAlert } from '../calendar/ProblemAlert';
import {
  chooseColumn,
  columnMappable,
  columnValue,
  copyText,
  encodingLabel,
  errorProblems,
  formatSize,
  IGNORE,
  IGNORE_FIELD,
  IMPORT_FIELDS,
  isMappingProblem,
  MAX_IMPORT_BYTES,
  problemsText,
  readFileBytes,
  reportProblems,
  saveBytes,
  TEMPLATE_MIME,
  type ProblemRow,
} from './importModel';

type Step = 0 | 1 | 2 | 3;

interface LoadedFile {
  name: string;
  size: number;
  bytes: number[];
}

const FIRST_SHEET_AUTO: ImportOptions = { sheet: null, mapping: [] };
const PAGE_SIZE = 50;
/** New departments listed one by one in the summary; more are counted. */
const DEPARTMENTS_SHOWN = 30;

const ACTION_COLOURS: Record<ImportRowAction, string> = { add: 'green', update: 'blue', unchanged: 'default' };

/** Elements that do something with Enter themselves. */
function handlesEnter(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('input, textarea, select, button, a[href], [role="combobox"], .ant-select, .ant-pagination') !== null
  );
}

/** The label of a changed field (the employee's own field keys, e.g. `department_id`). */
const changedLabel = (t: TFunction, key: string) => t(`employee.fields.${key}`, { defaultValue: key });

export function ImportWizard({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const { modal, message } = App.useApp();
  const check = useCheckImport();
  const run = useRunImport();
  const inputRef = useRef<HTMLInputElement>(null);
  /** Numbers the checks, so that only the answer to the latest one is shown. */
  const checkSeq = useRef(0);
  const running = useRef(false);
  const confirming = useRef(false);

  const [step, setStep] = useState<Step>(0);
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [options, setOptions] = useState<ImportOptions>(FIRST_SHEET_AUTO);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [reading, setReading] = useState(false);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [runError, setRunError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [downloading, setDownloading] = useState(false);

  const busy = reading || check.isPending || run.isPending;
  const refused = runError?.code === 'invalid_input';
  const canRun =
    step === 2 && report !== null && report.problem_count === 0 && checkError === null && !refused && !busy;

  /** Checks the file with these options; true when the report arrived (and is the latest). */
  const runCheck = async (bytes: number[], next: ImportOptions): Promise<boolean> => {
    checkSeq.current += 1;
    const seq = checkSeq.current;
    setOptions(next);
    setCheckError(null);
    setRunError(null);
    try {
      const result = await check.mutateAsync({ bytes, options: next });
      if (seq !== checkSeq.current) return false;
      setReport(result);
      return true;
    } catch (error) {
      if (seq !== checkSeq.current) return false;
      setCheckError(error);
      return false;
    }
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    // Clear the input so that choosing the same file again (after fixing it) fires another change.
    event.target.value = '';
    if (!picked) return;
    // Whatever was being checked belongs to the previous file.
    checkSeq.current += 1;
    setFileProblem(null);
    setCheckError(null);
    setRunError(null);
    setReport(null);
    setFile(null);
    setStep(0);
    if (picked.size > MAX_IMPORT_BYTES) {
      setFileProblem(
        t('people_import.file.too_big', {
          name: picked.name,
          size: formatSize(picked.size),
          max: formatSize(MAX_IMPORT_BYTES),
        }),
      );
      return;
    }
    let bytes: number[];
    setReading(true);
    try {
      bytes = await readFileBytes(picked);
    } catch (error) {
      setFileProblem(t('people_import.file.read_failed', { detail: error instanceof Error ? error.message : String(error) }));
      return;
    } finally {
      setReading(false);
    }
    setFile({ name: picked.name, size: picked.size, bytes });
    if (await runCheck(bytes, FIRST_SHEET_AUTO)) setStep(1);
  };

  const downloadTemplate = async () => {
    setDownloading(true);
    try {
      const bytes = await api.importTemplate();
      const fileName = t('people_import.file.template_name');
      saveBytes(bytes, fileName, TEMPLATE_MIME);
      void message.success(t('people_import.file.template_saved', { name: fileName }));
    } catch (error) {
      void message.error(localize(toApiError(error).dto.message, lang));
    } finally {
      setDownloading(false);
    }
  };

  const remap = (column: ImportColumnDto, value: string) => {
    if (!file) return;
    // 不导入 on a column the backend recognised must be said explicitly; on any other it is the default.
    const ignore = value === IGNORE ? (column.field !== null ? IGNORE_FIELD : null) : value;
    const mapping = chooseColumn(options.mapping, column.header, ignore);
    if (JSON.stringify(mapping) === JSON.stringify(options.mapping)) return;
    void runCheck(file.bytes, { ...options, mapping });
  };

  const changeSheet = (sheet: string) => {
    // Another sheet has other columns: start again from what its headers say.
    if (file) void runCheck(file.bytes, { sheet, mapping: [] });
  };

  const recheck = () => {
    if (file) void runCheck(file.bytes, options);
  };

  const startRun = async () => {
    if (!file || !canRun || running.current) return;
    running.current = true;
    setRunError(null);
    try {
      const result = await run.mutateAsync({ fileName: file.name, bytes: file.bytes, options });
      setDone(result);
      setStep(3);
    } catch (error) {
      setRunError(toApiError(error));
    } finally {
      running.current = false;
    }
  };

  const requestClose = () => {
    // The write is under way: its answer decides what to show.
    if (run.isPending || confirming.current) return;
    if (report === null || done !== null) {
      onClose();
      return;
    }
    confirming.current = true;
    modal.confirm({
      title: t('people_import.close_confirm.title'),
      content: t('people_import.close_confirm.body'),
      okText: t('people_import.close_confirm.ok'),
      cancelText: t('people_import.close_confirm.cancel'),
      onOk: () => {
        confirming.current = false;
        onClose();
      },
      onCancel: () => {
        confirming.current = false;
      },
    });
  };

  // Enter on the preview imports (unless the focus is on something that takes Enter itself).
  const latestRun = useRef(startRun);
  useEffect(() => {
    latestRun.current = startRun;
  });
  useEffect(() => {
    if (step !== 2) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.isComposing || event.defaultPrevented) return;
      if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
      if (handlesEnter(event.target) || confirming.current) return;
      event.preventDefault();
      void latestRun.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [step]);

  const problems = useMemo<ProblemRow[]>(
    () => (runError && refused ? errorProblems(runError) : report ? reportProblems(report) : []),
    [report, runError, refused],
  );

  const footer = (() => {
    const back = (to: Step) => (
      <Button key="back" disabled={busy} onClick={() => setStep(to)}>
        {t('people_import.back')}
      </Button>
    );
    const canGoOn = report !== null && checkError === null && !busy;
    switch (step) {
      case 0:
        return [
          <Button key="cancel" onClick={requestClose}>
            {t('common.cancel')}
          </Button>,
          <Button key="next0" type="primary" disabled={!canGoOn} data-testid="import-next" onClick={() => setStep(1)}>
            {t('people_import.next')}
          </Button>,
        ];
      case 1:
        return [
          back(0),
          <Button key="next1" type="primary" disabled={!canGoOn} data-testid="import-next" onClick={() => setStep(2)}>
            {t('people_import.next')}
          </Button>,
        ];
      case 2:
        return [
          back(1),
          <Button
            key="run"
            type="primary"
            disabled={!canRun}
            loading={run.isPending}
            data-testid="import-run"
            onClick={() => void startRun()}
          >
            {t('people_import.run')}
          </Button>,
        ];
      default:
        return null;
    }
  })();

  const stepStatus = step === 3 ? 'finish' : step === 2 && problems.length > 0 ? 'error' : 'process';

  return (
    <Modal
      open
      centered
      width={980}
      title={t('people_import.title')}
      onCancel={requestClose}
      closable={!run.isPending}
      keyboard={!run.isPending}
      mask={{ closable: false }}
      footer={footer}
      destroyOnHidden
    >
      <input
        ref={inputRef}
        type="file"
        accept=".xlsx,.xls,.csv"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-file-input"
        onChange={(event) => void onFile(event)}
      />
      <Steps
        className="import-steps"
        size="small"
        current={step}
        status={stepStatus}
        items={[
          { title: t('people_import.steps.file') },
          { title: t('people_import.steps.columns') },
          { title: t('people_import.steps.preview') },
          { title: t('people_import.steps.run') },
        ]}
      />
      <Spin
        spinning={busy}
        description={run.isPending ? t('people_import.writing') : t('people_import.reading')}
      >
        <div className="import-body">
          {fileProblem !== null && (
            <Alert className="page-block" type="error" showIcon title={fileProblem} data-testid="import-error" />
          )}
          {checkError !== null && (
            <ProblemAlert error={checkError} title={t('people_import.file.failed')} testId="import-error" />
          )}
          {step === 0 && (
            <FileStep
              file={file}
              downloading={downloading}
              onPick={() => inputRef.current?.click()}
              onTemplate={() => void downloadTemplate()}
            />
          )}
          {step === 1 && report && (
            <ColumnsStep
              report={report}
              options={options}
              busy={busy}
              onSheet={changeSheet}
              onMap={remap}
            />
          )}
          {step === 2 && report && file && (
            <>
              <Summary report={report} fileName={file.name} />
              {runError !== null && (
                <Alert
                  className="page-block"
                  type="error"
                  showIcon
                  title={`${t('people_import.run_failed')}${localize(runError.dto.message, lang)}`}
                  description={refused ? t('people_import.changed_since') : undefined}
                  action={
                    refused ? (
                      <Button size="small" icon={<ReloadOutlined />} onClick={recheck}>
                        {t('people_import.recheck')}
                      </Button>
                    ) : undefined
                  }
                />
              )}
              {problems.length > 0 ? (
                <ProblemTable problems={problems} count={refused ? problems.length : report.problem_count} />
              ) : (
                <PlannedRows report={report} />
              )}
            </>
          )}
          {step === 3 && done && <Done report={done} onFinish={onClose} />}
        </div>
      </Spin>
    </Modal>
  );
}

function FileStep({
  file,
  downloading,
  onPick,
  onTemplate,
}: {
  file: LoadedFile | null;
  downloading: boolean;
  onPick: () => void;
  onTemplate: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Paragraph>{t('people_import.file.intro')}</Typography.Paragraph>
      <ul className="import-rules">
        <li>{t('people_import.file.upsert')}</li>
        <li>{t('people_import.file.all_or_none')}</li>
        <li>{t('people_import.file.required')}</li>
      </ul>
      <div className="import-file-actions">
        <Button type="primary" icon={<FolderOpenOutlined />} onClick={onPick}>
          {t('people_import.file.choose')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={downloading} data-testid="import-template" onClick={onTemplate}>
          {t('people_import.file.template')}
        </Button>
        <Typography.Text type="secondary">{t('people_import.file.template_hint')}</Typography.Text>
      </div>
      {file && (
        <Typography.Paragraph className="import-file-name">
          {t('people_import.file.chosen', { name: file.name, size: formatSize(file.size) })}
        </Typography.Paragraph>
      )}
    </div>
  );
}

function ColumnsStep({
  report,
  options,
  busy,
  onSheet,
  onMap,
}: {
  report: ImportReport;
  options: ImportOptions;
  busy: boolean;
  onSheet: (sheet: string) => void;
  onMap: (column: ImportColumnDto, value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const mappingProblems = report.problems.filter(isMappingProblem);
  const mappingFailed = mappingProblems.length > 0;
  const problemColumns = new Set(mappingProblems.map((p) => p.column).filter((c): c is string => c !== null));

  const columns: TableColumnsType<ImportColumnDto> = [
    { key: 'letter', title: t('people_import.columns.letter'), dataIndex: 'letter', width: 64 },
    {
      key: 'header',
      title: t('people_import.columns.header'),
      render: (_, column) =>
        column.header.trim() === '' ? (
          <Typography.Text type="secondary">{t('people_import.columns.empty_header')}</Typography.Text>
        ) : (
          column.header
        ),
    },
    {
      key: 'field',
      title: t('people_import.columns.field'),
      width: 260,
      render: (_, column) => {
        return (
          <Select<string>
            data-testid={`import-map-${column.letter}`}
            className="import-map-select"
            aria-label={t('people_import.columns.field_of', { letter: column.letter })}
            value={columnValue(column, options.mapping, mappingFailed)}
            placeholder={t('people_import.columns.auto')}
            disabled={busy || !columnMappable(column, report.columns)}
            status={problemColumns.has(column.letter) ? 'error' : undefined}
            options={[
              { value: IGNORE, label: t('people_import.columns.ignore') },
              ...IMPORT_FIELDS.map((field) => ({ value: field, label: t(`people_import.fields.${field}`) })),
            ]}
            onChange={(value) => onMap(column, value)}
          />
        );
      },
    },
  ];

  return (
    <div>
      {report.sheets.length > 0 && (
        <div className="import-sheet">
          <Typography.Text>{t('people_import.columns.sheet')}</Typography.Text>
          <Select<string>
            data-testid="import-sheet-select"
            className="import-sheet-select"
            aria-label={t('people_import.columns.sheet')}
            value={options.sheet ?? report.sheet ?? undefined}
            disabled={busy}
            options={report.sheets.map((sheet) => ({ value: sheet, label: sheet }))}
            onChange={onSheet}
          />
        </div>
      )}
      {mappingFailed && (
        <Alert
          className="page-block"
          type="error"
          showIcon
          title={t('people_import.columns.problems')}
          description={
            <ul className="problem-list">
              {mappingProblems.map((p, i) => (
                <li key={i}>{localize(p.message, lang)}</li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Paragraph>{t('people_import.columns.header_row', { row: report.header_row })}</Typography.Paragraph>
      <div>
        <Table<ImportColumnDto>
          size="small"
          rowKey="index"
          columns={columns}
          dataSource={report.columns}
          pagination={false}
        />
      </div>
      <Typography.Paragraph type="secondary" className="import-hint">
        <span className="import-hint-line">{t('people_import.columns.required')}</span>
        <span className="import-hint-line">{t('people_import.columns.ignore_hint')}</span>
      </Typography.Paragraph>
    </div>
  );
}

function Summary({ report, fileName }: { report: ImportReport; fileName: string }) {
  const { t } = useTranslation();
  const format =
    report.file_format === 'csv'
      ? t('people_import.summary.format_csv', { encoding: encodingLabel(report.encoding) || '?' })
      : t('people_import.summary.format_workbook', {
          format: report.file_format.toUpperCase(),
          sheet: report.sheet ?? '',
        });
  const departments = report.new_departments;
  return (
    <div className="page-block" data-testid="import-summary">
      <Typography.Paragraph strong>
        {t('people_import.summary.counts', {
          add: report.add_count,
          update: report.update_count,
          unchanged: report.unchanged_count,
        })}
      </Typography.Paragraph>
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label={t('people_import.summary.file')}>
          <span className="import-file-name">{fileName}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('people_import.summary.format')}>{format}</Descriptions.Item>
        <Descriptions.Item label={t('people_import.summary.new_departments')} span={2}>
          {departments.length === 0
            ? t('people_import.summary.none')
            : (
                <>
                  {departments.slice(0, DEPARTMENTS_SHOWN).map((path) => (
                    <Tag key={path} color="gold">
                      {path}
                    </Tag>
                  ))}
                  {departments.length > DEPARTMENTS_SHOWN &&
                    t('people_import.summary.departments_more', { count: departments.length })}
                </>
              )}
        </Descriptions.Item>
        <Descriptions.Item label={t('people_import.summary.blank_rows')}>
          {t('people_import.summary.rows_value', { count: report.blank_rows })}
        </Descriptions.Item>
        <Descriptions.Item label={t('people_import.summary.problems')}>
          {t('people_import.summary.problems_value', { count: report.problem_count })}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

function ProblemTable({ problems, count }: { problems: ProblemRow[]; count: number }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const { message } = App.useApp();
  const copyAll = async () => {
    try {
      await copyText(problemsText(problems, lang));
      void message.success(t('people_import.problems.copied', { count: problems.length }));
    } catch (error) {
      void message.error(t('people_import.problems.copy_failed', { detail: error instanceof Error ? error.message : String(error) }));
    }
  };
  const columns: TableColumnsType<ProblemRow> = [
    { key: 'row', title: t('people_import.problems.row'), dataIndex: 'row', width: 72 },
    { key: 'column', title: t('people_import.problems.column'), dataIndex: 'column', width: 64 },
    { key: 'header', title: t('people_import.problems.header'), dataIndex: 'header', width: 140 },
    { key: 'message', title: t('people_import.problems.message'), render: (_, p) => localize(p.message, lang) },
  ];
  return (
    <>
      <Alert
        className="page-block"
        type="warning"
        showIcon
        title={t('people_import.problems.blocked', { count })}
        action={
          <Button size="small" icon={<CopyOutlined />} onClick={() => void copyAll()}>
            {t('people_import.problems.copy')}
          </Button>
        }
      />
      <div className="import-table" data-testid="import-problems">
        <Table<ProblemRow>
          size="small"
          rowKey="key"
          columns={columns}
          dataSource={problems}
          pagination={{
            pageSize: PAGE_SIZE,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (total) => t('people_import.problems.total', { count: total }),
          }}
        />
      </div>
    </>
  );
}

function PlannedRows({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const planned = report.add_count + report.update_count + report.unchanged_count;
  const columns: TableColumnsType<ImportRowDto> = [
    { key: 'row', title: t('people_import.rows.row'), dataIndex: 'row', width: 72 },
    { key: 'employee_no', title: t('people_import.rows.employee_no'), dataIndex: 'employee_no', width: 120 },
    { key: 'name', title: t('people_import.rows.name'), dataIndex: 'name', width: 120 },
    { key: 'department', title: t('people_import.rows.department'), dataIndex: 'department_path' },
    {
      key: 'action',
      title: t('people_import.rows.action'),
      width: 88,
      render: (_, row) => <Tag color={ACTION_COLOURS[row.action]}>{t(`people_import.actions.${row.action}`)}</Tag>,
    },
    {
      key: 'changed',
      title: t('people_import.rows.changed'),
      render: (_, row) => row.changed.map((key) => changedLabel(t, key)).join('、'),
    },
  ];
  return (
    <>
      <Alert
        className="page-block"
        type="success"
        showIcon
        title={planned === 0 ? t('people_import.rows.nothing') : t('people_import.rows.ready')}
      />
      {report.rows.length < planned && (
        <Typography.Paragraph type="secondary">
          {t('people_import.rows.first_only', { shown: report.rows.length, total: planned })}
        </Typography.Paragraph>
      )}
      <div className="import-table" data-testid="import-rows">
        <Table<ImportRowDto>
          size="small"
          rowKey="row"
          columns={columns}
          dataSource={report.rows}
          pagination={{ pageSize: PAGE_SIZE, showSizeChanger: false, hideOnSinglePage: true }}
        />
      </div>
    </>
  );
}

function Done({ report, onFinish }: { report: ImportReport; onFinish: () => void }) {
  const { t } = useTranslation();
  const departments = report.new_departments;
  return (
    <div data-testid="import-result">
      <Result
        status="success"
        title={t('people_import.done.title')}
        subTitle={
          <>
            <div>
              {t('people_import.done.body', {
                add: report.add_count,
                update: report.update_count,
                unchanged: report.unchanged_count,
              })}
            </div>
            {departments.length > 0 && (
              <div>{t('people_import.done.departments', { count: departments.length, list: departments.join('、') })}</div>
            )}
          </>
        }
        extra={
          <Button type="primary" autoFocus data-testid="import-done" onClick={onFinish}>
            {t('people_import.done.finish')}
          </Button>
        }
      />
    </div>
  );
}
