// 异常处理: the month's open findings, heaviest first, grouped by kind; the clerk moves with ↑/↓, selects with Space,
// opens 为什么 with Enter and resolves with one key (B 补卡, A 按出勤, X 按旷工, N 备注, L 请假, O 加班) for the
// selection or the focused row; every resolution asks for a reason and can be undone at once or later from 本月更正.
// 可疑打卡 lists review flags (dismissed with a reason); 结账 shows the checklist; a closed month is frozen until it is re-opened with a reason.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { App, Button, DatePicker, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { ExceptionRowDto } from '../bindings/ExceptionRowDto';
import type { ResolutionInput } from '../bindings/ResolutionInput';
import { LoadError, useShowError } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { useExceptions, usePeriodStatus, useResolveExceptions, useUndoCorrection } from '../queries';
import { previousMonth } from '../router';
import { DayLedgerDrawer } from '../results/DayLedger';
import { ResolveDialog, type ResolutionKind } from './ResolveDialog';
import { ClosePanel } from './ClosePanel';
import { CorrectionsList } from './CorrectionsList';
import { FlagsList } from './FlagsList';
import './exceptions.css';

/** The resolution each shortcut key opens. */
export const SHORTCUTS: Record<string, ResolutionKind> = {
  b: 'make_up',
  a: 'accept_worked',
  x: 'mark_absent',
  n: 'note',
  l: 'leave',
  o: 'overtime',
};

export const rowKey = (r: ExceptionRowDto) => `${r.employee_id}|${r.date}|${r.kind}`;

export function ExceptionsPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const { message } = App.useApp();
  const showError = useShowError();
  const [today] = useState(() => new Date());
  const [month, setMonth] = useState(() => previousMonth(today));
  const [kind, setKind] = useState<string>('');
  const [view, setView] = useState<'inbox' | 'corrections' | 'flags'>('inbox');
  const list = useExceptions({
    month,
    department_id: null,
    employee_no: null,
    kind: kind === '' ? null : kind,
    date: null,
    min_severity: null,
  });
  const period = usePeriodStatus(month);
  const resolve = useResolveExceptions();
  const undo = useUndoCorrection();
  const rows = useMemo(() => list.data?.rows ?? [], [list.data]);
  const [focus, setFocus] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<ResolutionKind | null>(null);
  const [ledger, setLedger] = useState<ExceptionRowDto | null>(null);
  const [closing, setClosing] = useState(false);
  const tableRef = useRef<HTMLDivElement>(null);
  const closed = period.data?.closed ?? false;

  useEffect(() => {
    setFocus((f) => Math.min(f, Math.max(rows.length - 1, 0)));
    setSelected((s) => s.filter((k) => rows.some((r) => rowKey(r) === k)));
  }, [rows]);

  const targets = (): ExceptionRowDto[] => {
    const chosen = rows.filter((r) => selected.includes(rowKey(r)));
    if (chosen.length > 0) return chosen;
    return rows[focus] ? [rows[focus]] : [];
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || rows.length === 0) return;
    const key = e.key.toLowerCase();
    if (key === 'arrowdown' || key === 'arrowup') {
      e.preventDefault();
      setFocus((f) => Math.max(0, Math.min(rows.length - 1, f + (key === 'arrowdown' ? 1 : -1))));
    } else if (key === ' ') {
      e.preventDefault();
      const k = rowKey(rows[focus]);
      setSelected((s) => (s.includes(k) ? s.filter((x) => x !== k) : [...s, k]));
    } else if (key === 'enter') {
      e.preventDefault();
      setLedger(rows[focus]);
    } else if (SHORTCUTS[key] && !closed) {
      e.preventDefault();
      setDialog(SHORTCUTS[key]);
    }
  };

  const submit = async (resolution: ResolutionInput, reason: string, attachment: string) => {
    const chosen = targets();
    const unique = [...new Map(chosen.map((r) => [`${r.employee_id}|${r.date}`, r])).values()];
    try {
      const report = await resolve.mutateAsync({
        targets: unique.map((r) => ({ employee_id: r.employee_id, date: r.date })),
        resolution,
        reason,
        attachment,
      });
      setDialog(null);
      setSelected([]);
      const key = `resolved-${report.corrections.join('-')}`;
      void message.success({
        key,
        duration: 8,
        content: (
          <span data-testid="resolved-message">
            {t('exceptions.resolved', { count: unique.length, changed: report.changed_days })}{' '}
            <Button
              size="small"
              type="link"
              data-testid="resolved-undo"
              onClick={() => {
                message.destroy(key);
                void (async () => {
                  try {
                    for (const id of [...report.corrections].reverse()) {
                      await undo.mutateAsync({ id, reason: t('exceptions.undo_right_away') });
                    }
                    void message.info(t('exceptions.undone'));
                  } catch (error) {
                    showError(error);
                  }
                })();
              }}
            >
              {t('exceptions.undo')}
            </Button>
          </span>
        ),
      });
      tableRef.current?.focus();
    } catch (error) {
      showError(error);
    }
  };

  const columns: TableColumnsType<ExceptionRowDto> = [
    { title: t('exceptions.columns.date'), dataIndex: 'date', width: 110 },
    { title: t('exceptions.columns.employee_no'), dataIndex: 'employee_no', width: 90 },
    { title: t('exceptions.columns.name'), dataIndex: 'name', width: 100 },
    { title: t('exceptions.columns.department'), dataIndex: 'department', ellipsis: true },
    {
      title: t('exceptions.columns.finding'),
      key: 'finding',
      width: 200,
      render: (_, r) => <Tag color={r.severity === 'error' ? 'red' : r.severity === 'warning' ? 'orange' : 'default'}>{localize(r.text, lang)}</Tag>,
    },
    { title: t('exceptions.columns.minutes'), dataIndex: 'minutes', width: 90, align: 'right' },
  ];

  const kinds = list.data?.kinds ?? [];
  const total = kinds.reduce((n, k) => n + k.count, 0);

  let body;
  if (view === 'corrections') {
    body = <CorrectionsList month={month} closed={closed} />;
  } else if (view === 'flags') {
    body = <FlagsList month={month} />;
  } else if (list.isError) {
    body = <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  } else {
    body = (
      <>
        <Segmented
          className="page-block"
          value={kind}
          onChange={(v) => {
            setKind(String(v));
            setFocus(0);
            setSelected([]);
          }}
          options={[
            { value: '', label: `${t('exceptions.all')} ${kind === '' ? rows.length : total}` },
            ...kinds.map((k) => ({ value: k.kind, label: `${localize(k.kind_name, lang)} ${k.count}` })),
          ]}
          data-testid="exception-kinds"
        />
        <div
          ref={tableRef}
          tabIndex={0}
          className="exc-table"
          onKeyDown={onKeyDown}
          data-testid="exception-table"
          aria-label={t('exceptions.keys')}
        >
          <Table<ExceptionRowDto>
            rowKey={rowKey}
            size="small"
            virtual
            scroll={{ y: 520 }}
            pagination={false}
            loading={list.isPending}
            columns={columns}
            dataSource={rows}
            locale={{ emptyText: <Empty description={t('exceptions.empty')} /> }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), columnWidth: 40 }}
            rowClassName={(_, i) => (i === focus ? 'exc-focus' : '')}
            onRow={(r, i) => ({
              onClick: () => setFocus(i ?? 0),
              onDoubleClick: () => setLedger(r),
              'data-testid': `exception-row-${r.employee_no}-${r.date}-${r.kind}`,
            } as React.HTMLAttributes<HTMLElement>)}
          />
        </div>
        <Typography.Text type="secondary" className="exc-keys">
          {t('exceptions.keys')}
          {list.data && list.data.reviewed > 0 && ` · ${t('exceptions.reviewed', { count: list.data.reviewed })}`}
        </Typography.Text>
      </>
    );
  }

  return (
    <div className="page">
      <Typography.Title level={3}>{t('exceptions.title')}</Typography.Title>
      <div className="exc-toolbar">
        <Space wrap>
          <DatePicker
            picker="month"
            value={dayjs(`${month}-01`)}
            allowClear={false}
            onChange={(d) => {
              if (d) {
                setMonth(d.format('YYYY-MM'));
                setFocus(0);
                setSelected([]);
              }
            }}
            data-testid="exceptions-month"
          />
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'inbox' | 'corrections' | 'flags')}
            options={[
              { value: 'inbox', label: t('exceptions.inbox') },
              { value: 'corrections', label: t('exceptions.corrections') },
              { value: 'flags', label: t('exceptions.flags.title') },
            ]}
            data-testid="exceptions-view"
          />
          {closed ? (
            <Tag icon={<LockOutlined />} color="blue" data-testid="period-closed">
              {t('exceptions.closed')}
            </Tag>
          ) : (
            <Tag icon={<UnlockOutlined />}>{t('exceptions.open')}</Tag>
          )}
        </Space>
        <Space>
          <Button disabled={closed || targets().length === 0} onClick={() => setDialog('make_up')} data-testid="resolve-open">
            {t('exceptions.resolve')}
          </Button>
          <Button type="primary" onClick={() => setClosing(true)} data-testid="period-open">
            {closed ? t('exceptions.reopen') : t('exceptions.close')}
          </Button>
        </Space>
      </div>
      {body}
      {dialog && (
        <ResolveDialog
          kind={dialog}
          targets={targets()}
          busy={resolve.isPending}
          onCancel={() => {
            setDialog(null);
            tableRef.current?.focus();
          }}
          onSubmit={submit}
        />
      )}
      {ledger && <DayLedgerDrawer employeeId={ledger.employee_id} date={ledger.date} onClose={() => setLedger(null)} />}
      {closing && <ClosePanel month={month} onClose={() => setClosing(false)} />}
    </div>
  );
}
