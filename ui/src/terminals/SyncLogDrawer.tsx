// 同步记录 of one terminal in a drawer (#/terminals/<id>/log): its latest pulls (开始时间, 结果, 读到, 新增, 隔离, 时差, 字节,
// 原因) and below them the records kept aside because their time cannot be real (隔离记录: 考勤号码, 时间（原样）, 原始值, 原因).
import { useMemo, type HTMLAttributes } from 'react';
import { Drawer, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PullLogDto } from '../bindings/PullLogDto';
import type { QuarantineDto } from '../bindings/QuarantineDto';
import type { TerminalDto } from '../bindings/TerminalDto';
import { LoadError } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { usePulls, useQuarantine } from '../queries';
import { OutcomeTag, SkewText } from './parts';
import { DRIFT_WARNING_SECONDS, formatInstant, formatKb, PULL_LOG_LIMIT } from './terminalModel';

export function SyncLogDrawer({
  terminalId,
  known,
  onClose,
}: {
  /** The terminal whose log is open; undefined: the drawer is closed. */
  terminalId: number | undefined;
  /** The terminal from the list, when it has it (for the title). */
  known?: TerminalDto;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const pulls = usePulls(terminalId, PULL_LOG_LIMIT);
  const quarantine = useQuarantine(terminalId);

  const pullColumns = useMemo<TableColumnsType<PullLogDto>>(
    () => [
      { key: 'started', title: t('terminals.log.columns.started'), width: 140, render: (_, row) => formatInstant(row.started_at) },
      { key: 'outcome', title: t('terminals.log.columns.outcome'), width: 80, render: (_, row) => <OutcomeTag outcome={row.outcome} /> },
      { key: 'records', title: t('terminals.log.columns.records'), width: 70, align: 'right', dataIndex: 'records' },
      { key: 'added', title: t('terminals.log.columns.added'), width: 70, align: 'right', dataIndex: 'added' },
      { key: 'quarantined', title: t('terminals.log.columns.quarantined'), width: 60, align: 'right', dataIndex: 'quarantined' },
      {
        key: 'skew',
        title: t('terminals.log.columns.skew'),
        width: 120,
        render: (_, row) => (
          <SkewText skewSeconds={row.skew_seconds} warning={row.skew_seconds !== null && Math.abs(row.skew_seconds) > DRIFT_WARNING_SECONDS} />
        ),
      },
      {
        key: 'bytes',
        title: t('terminals.log.columns.bytes'),
        width: 90,
        align: 'right',
        render: (_, row) => t('terminals.log.kb', { kb: formatKb(row.bytes) }),
      },
      {
        key: 'reason',
        title: t('terminals.log.columns.reason'),
        render: (_, row) => (
          <span className="term-reason">
            {row.error && <span>{localize(row.error, lang)}</span>}
            {row.cleared_at && (
              <Typography.Text type="secondary">{t('terminals.log.cleared', { at: formatInstant(row.cleared_at) })}</Typography.Text>
            )}
          </span>
        ),
      },
    ],
    [t, lang],
  );

  const quarantineColumns = useMemo<TableColumnsType<QuarantineDto>>(
    () => [
      { key: 'pin', title: t('terminals.log.quarantine_columns.pin'), width: 100, dataIndex: 'pin' },
      { key: 'fields', title: t('terminals.log.quarantine_columns.fields'), width: 170, dataIndex: 'fields' },
      { key: 'raw', title: t('terminals.log.quarantine_columns.raw'), width: 120, dataIndex: 'raw_time' },
      { key: 'reason', title: t('terminals.log.quarantine_columns.reason'), render: (_, row) => localize(row.reason, lang) },
    ],
    [t, lang],
  );

  let pullBody;
  if (pulls.isError) pullBody = <LoadError error={pulls.error} onRetry={() => void pulls.refetch()} />;
  else if (!pulls.data) pullBody = <Skeleton active paragraph={{ rows: 4 }} />;
  else
    pullBody = (
      <div data-testid="terminal-pulls">
        <Table<PullLogDto>
          size="small"
          rowKey="id"
          columns={pullColumns}
          dataSource={pulls.data}
          pagination={pulls.data.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: t('terminals.log.no_pulls') }}
          onRow={(row) => ({ 'data-testid': `terminal-pulllog-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
    );

  let quarantineBody;
  if (quarantine.isError) quarantineBody = <LoadError error={quarantine.error} onRetry={() => void quarantine.refetch()} />;
  else if (!quarantine.data) quarantineBody = <Skeleton active paragraph={{ rows: 2 }} />;
  else
    quarantineBody = (
      <div data-testid="terminal-quarantine">
        <Table<QuarantineDto>
          size="small"
          rowKey="id"
          columns={quarantineColumns}
          dataSource={quarantine.data}
          pagination={quarantine.data.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: t('terminals.log.no_quarantine') }}
          onRow={(row) => ({ 'data-testid': `terminal-quarantine-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
        />
      </div>
    );

  return (
    <Drawer
      open={terminalId !== undefined}
      size={960}
      title={known ? t('terminals.log.title', { name: known.name }) : t('terminals.log.title_plain')}
      onClose={onClose}
      destroyOnHidden
    >
      <div data-testid="terminal-log">
        <Typography.Title level={5}>{t('terminals.log.pulls', { limit: PULL_LOG_LIMIT })}</Typography.Title>
        {pullBody}
        <Typography.Title level={5} className="term-section-gap">
          {t('terminals.log.quarantine')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('terminals.log.quarantine_help')}</Typography.Paragraph>
        {quarantineBody}
      </div>
    </Drawer>
  );
}
